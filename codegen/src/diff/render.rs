//! Output formats of `bizgen diff`.

use std::collections::BTreeMap;

use askama::Template;
use serde_json::json;

use super::{Finding, Level};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// `file:line:col: error[rule]: operation: message`, one per line, and a summary.
    #[default]
    Text,
    /// `{"findings": [...], "summary": {...}}`.
    Json,
    /// A changelog grouped by operation.
    Markdown,
    /// GitHub Actions workflow commands (`::error file=...::message`).
    Github,
}

/// Renders findings; the output ends with a newline.
pub fn render(findings: &[Finding], format: Format) -> String {
    match format {
        Format::Text => text(findings),
        Format::Json => json(findings),
        Format::Markdown => markdown(findings),
        Format::Github => github(findings),
    }
}

fn counts(findings: &[Finding]) -> [usize; 3] {
    let n = |l: Level| findings.iter().filter(|f| f.level == l).count();
    [n(Level::Err), n(Level::Warn), n(Level::Info)]
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(findings: &[Finding]) -> String {
    let [err, warn, info] = counts(findings);
    format!(
        "{}, {}, {}",
        plural(err, "breaking change", "breaking changes"),
        plural(warn, "warning", "warnings"),
        plural(info, "compatible change", "compatible changes"),
    )
}

fn level_word(l: Level) -> &'static str {
    match l {
        Level::Err => "error",
        Level::Warn => "warning",
        Level::Info => "info",
    }
}

fn text(findings: &[Finding]) -> String {
    if findings.is_empty() {
        return "no changes\n".into();
    }
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!(
            "{}: {}[{}]: ",
            f.location,
            level_word(f.level),
            f.rule
        ));
        if let Some(op) = &f.operation {
            out.push_str(op);
            out.push_str(": ");
        }
        out.push_str(&f.message);
        out.push('\n');
    }
    out.push_str(&summary(findings));
    out.push('\n');
    out
}

fn json(findings: &[Finding]) -> String {
    let [err, warn, info] = counts(findings);
    let doc = json!({
        "findings": findings,
        "summary": {"err": err, "warn": warn, "info": info},
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

#[derive(Template)]
#[template(path = "diff/changelog.md")]
struct Changelog {
    summary: String,
    groups: Vec<Group>,
}

struct Group {
    heading: String,
    items: Vec<Item>,
}

struct Item {
    level: &'static str,
    rule: &'static str,
    message: String,
    location: String,
}

/// A code span that survives any content.
fn code(s: &str) -> String {
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

fn markdown(findings: &[Finding]) -> String {
    let mut by_op: BTreeMap<Option<&str>, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        by_op.entry(f.operation.as_deref()).or_default().push(f);
    }
    // Operations first (sorted), shared changes last.
    let mut groups: Vec<Group> = Vec::new();
    let mut shared = None;
    for (op, list) in by_op {
        let mut list = list;
        list.sort_by_key(|f| std::cmp::Reverse(f.level));
        let items = list
            .into_iter()
            .map(|f| Item {
                level: match f.level {
                    Level::Err => "Breaking",
                    Level::Warn => "Warning",
                    Level::Info => "Info",
                },
                rule: f.rule,
                message: f.message.replace('\n', " "),
                location: code(&f.location),
            })
            .collect();
        match op {
            Some(op) => groups.push(Group {
                heading: code(op),
                items,
            }),
            None => {
                shared = Some(Group {
                    heading: "Shared types, enums and envelope".into(),
                    items,
                })
            }
        }
    }
    groups.extend(shared);
    let page = Changelog {
        summary: if findings.is_empty() {
            "No changes.".into()
        } else {
            format!("{}.", summary(findings))
        },
        groups,
    };
    crate::markdown::normalize(&page.render().unwrap_or_default())
}

/// `%`, CR and LF escaped as GitHub workflow commands require.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `path:line:col` → (path, line, col).
pub(crate) fn split_location(loc: &str) -> Option<(&str, u64, u64)> {
    let mut parts = loc.rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let file = parts.next()?;
    Some((file, line, col))
}

fn github(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let command = match f.level {
            Level::Err => "error",
            Level::Warn => "warning",
            Level::Info => "notice",
        };
        let mut props = Vec::new();
        if let Some((file, line, col)) = split_location(&f.location) {
            props.push(format!("file={}", escape_property(file)));
            props.push(format!("line={line}"));
            props.push(format!("col={col}"));
        }
        props.push(format!("title={}", escape_property(f.rule)));
        let message = match &f.operation {
            Some(op) => format!("{op}: {}", f.message),
            None => f.message.clone(),
        };
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_locations_with_colons_in_the_path() {
        assert_eq!(
            split_location("C:/spec/a.yaml:3:7"),
            Some(("C:/spec/a.yaml", 3, 7))
        );
        assert_eq!(split_location("nowhere"), None);
    }
}
