//! The markdown format: a changelog grouped by operation (shared types,
//! enums and API-wide changes last). Message text is escaped so that a
//! pattern with backticks or a `<` cannot break the page.

use std::collections::BTreeMap;

use askama::Template;

use super::summary_line;
use crate::diff::compare::code;
use crate::diff::failure::LoadFailure;
use crate::diff::finding::{Finding, UseSide};
use crate::diff::report::Report;
use crate::diff::rules::{Category, Level};

#[derive(Template)]
#[template(path = "diff/changelog.md")]
struct Changelog {
    summary: String,
    groups: Vec<Group>,
    warnings: Vec<String>,
}

struct Group {
    heading: String,
    items: Vec<Item>,
}

struct Item {
    level: String,
    rule: &'static str,
    message: String,
    location: String,
    affects: String,
    accepted: String,
}

#[derive(Template)]
#[template(path = "diff/failure.md")]
struct Failure {
    headline: String,
    problems: Vec<String>,
}

pub(super) fn report(report: &Report) -> String {
    let mut by_subject: BTreeMap<Option<&str>, Vec<&Finding>> = BTreeMap::new();
    for f in &report.findings {
        by_subject
            .entry(f.operation.as_deref())
            .or_default()
            .push(f);
    }
    // Operations first (sorted), shared changes last.
    let mut groups: Vec<Group> = Vec::new();
    let mut shared = None;
    for (op, list) in by_subject {
        let items = list.into_iter().map(item).collect();
        match op {
            Some(op) => groups.push(Group {
                heading: code(op),
                items,
            }),
            None => {
                shared = Some(Group {
                    heading: "Shared types, enums and API-wide changes".into(),
                    items,
                })
            }
        }
    }
    groups.extend(shared);
    let page = Changelog {
        summary: if report.findings.is_empty() {
            "No changes.".into()
        } else {
            format!("{}.", summary_line(report.summary()))
        },
        groups,
        warnings: report
            .warnings
            .iter()
            .map(|w| {
                format!(
                    "{}: {}",
                    code(&format!("{}:{}", w.file, w.line)),
                    escape(&w.message)
                )
            })
            .collect(),
    };
    crate::markdown::normalize(&page.render().unwrap_or_default())
}

fn item(f: &Finding) -> Item {
    let level = match (f.level, f.category) {
        (Level::Err, Category::Sdk) => "SDK break",
        (Level::Err, _) => "Breaking",
        (Level::Warn, Category::Security) => "Security warning",
        (Level::Warn, _) => "Warning",
        (Level::Info, _) => "Info",
    };
    let affects = f
        .affected_operations
        .iter()
        .map(|a| {
            let side = match a.side {
                Some(UseSide::Request) => " (request)",
                Some(UseSide::Response) => " (response)",
                None => "",
            };
            format!("{}{side}", code(&a.operation))
        })
        .collect::<Vec<_>>()
        .join(", ");
    Item {
        level: if f.accepted {
            format!("{level} (accepted)")
        } else {
            level.to_owned()
        },
        rule: f.rule,
        message: escape(&f.message.replace('\n', " ")),
        location: code(&f.location.to_string()),
        affects,
        accepted: f
            .acceptance
            .as_ref()
            .map(|a| escape(&a.reason))
            .unwrap_or_default(),
    }
}

pub(super) fn failure(failure: &LoadFailure) -> String {
    let page = Failure {
        headline: escape(&failure.headline()),
        problems: failure
            .problems
            .iter()
            .map(|p| {
                let place = match (&p.file, p.line, p.column) {
                    (Some(f), Some(l), Some(c)) => format!("{}: ", code(&format!("{f}:{l}:{c}"))),
                    (Some(f), ..) => format!("{}: ", code(f)),
                    _ => String::new(),
                };
                format!("{place}{}", escape(&p.message.replace('\n', " ")))
            })
            .collect(),
    };
    crate::markdown::normalize(&page.render().unwrap_or_default())
}

/// Escapes markdown syntax outside code spans; code spans (a run of N
/// backticks up to the next run of exactly N) are kept as they are, and a
/// backtick that opens no span is escaped.
pub(crate) fn escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let run_at = |i: usize| chars[i..].iter().take_while(|c| **c == '`').count();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let n = run_at(i);
            // The closing run: exactly n backticks.
            let mut j = i + n;
            let mut close = None;
            while j < chars.len() {
                if chars[j] == '`' {
                    let m = run_at(j);
                    if m == n {
                        close = Some(j);
                        break;
                    }
                    j += m;
                } else {
                    j += 1;
                }
            }
            match close {
                Some(j) => {
                    out.extend(&chars[i..j + n]);
                    i = j + n;
                }
                None => {
                    for _ in 0..n {
                        out.push_str("\\`");
                    }
                    i += n;
                }
            }
            continue;
        }
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_outside_code_spans_only() {
        assert_eq!(escape("a_b <c> `x_<y>`"), "a\\_b \\<c\\> `x_<y>`");
        assert_eq!(
            escape("pattern `` ^a`$ `` added"),
            "pattern `` ^a`$ `` added"
        );
        assert_eq!(escape("lone ` tick"), "lone \\` tick");
    }
}
