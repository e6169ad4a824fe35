//! `--severity-levels FILE`: a team's own level for some rules, as in
//! oasdiff. One rule per line, `rule-id level`, with level `err`, `warn`,
//! `info` or `none` (drop the rule's findings); `#` starts a comment.

use std::collections::BTreeMap;
use std::path::Path;

use super::error::DiffError;
use super::rules::{rule_info, Level};

/// Rule id → its level (`None`: the rule is switched off).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Levels(pub BTreeMap<&'static str, Option<Level>>);

impl Levels {
    /// Reads and checks a severity levels file.
    pub fn read(path: &Path) -> Result<Levels, DiffError> {
        let text = std::fs::read_to_string(path).map_err(|source| DiffError::Read {
            path: path.to_owned(),
            source,
        })?;
        Levels::parse(path, &text)
    }

    /// Parses the text of a severity levels file named `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Levels, DiffError> {
        let mut out = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i as u64 + 1;
            let bad = |message: String| DiffError::Config {
                path: path.to_owned(),
                line: line_no,
                message,
            };
            let content = line.split('#').next().unwrap_or_default().trim();
            if content.is_empty() {
                continue;
            }
            let words: Vec<&str> = content.split_whitespace().collect();
            let [id, level] = words.as_slice() else {
                return Err(bad(format!("expected `rule-id level`, found `{content}`")));
            };
            let rule = rule_info(id).ok_or_else(|| {
                bad(format!(
                    "unknown rule `{id}` (`bizgen diff --list-rules` lists them)"
                ))
            })?;
            let level = match *level {
                "none" | "off" => None,
                other => Some(Level::parse(other).ok_or_else(|| {
                    bad(format!(
                        "unknown level `{other}` (use err, warn, info or none)"
                    ))
                })?),
            };
            out.insert(rule.id, level);
        }
        Ok(Levels(out))
    }

    /// The level of `rule`: the override, else `default`; `None` when off.
    pub fn level(&self, rule: &str, default: Level) -> Option<Level> {
        self.0.get(rule).copied().unwrap_or(Some(default))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_overrides_and_reports_bad_lines() {
        let path = Path::new("levels.txt");
        let l = Levels::parse(
            path,
            "# ours\nresponse-enum-value-added info\n\ndocs-changed none # noisy\n",
        )
        .unwrap();
        assert_eq!(
            l.level("response-enum-value-added", Level::Warn),
            Some(Level::Info)
        );
        assert_eq!(l.level("docs-changed", Level::Info), None);
        assert_eq!(l.level("operation-removed", Level::Err), Some(Level::Err));
        let e = Levels::parse(path, "ok-rule\n").unwrap_err().to_string();
        assert_eq!(e, "levels.txt:1: expected `rule-id level`, found `ok-rule`");
        let e = Levels::parse(path, "\nno-such-rule err\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("levels.txt:2: unknown rule `no-such-rule`"),
            "{e}"
        );
        let e = Levels::parse(path, "docs-changed fatal\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown level `fatal`"), "{e}");
    }
}
