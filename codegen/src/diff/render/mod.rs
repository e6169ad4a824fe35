//! Output formats of `bizgen diff`: text, JSON, a markdown changelog and
//! GitHub workflow annotations. Each shows the findings, the warnings and
//! the summary, and each can say that a spec did not load.

mod github;
mod json;
mod markdown;
mod text;

use super::failure::LoadFailure;
use super::finding::{Affected, Finding, UseSide};
use super::report::{Report, Summary};
use super::rules::{Category, Level};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// `file:line:col: error[rule]: operation: message`, one per line, and a summary.
    #[default]
    Text,
    /// `{"findings": [...], "warnings": [...], "summary": {...}}`.
    Json,
    /// A changelog grouped by operation.
    Markdown,
    /// GitHub Actions workflow commands (`::error file=...::message`).
    Github,
}

/// Renders a report; the output ends with a newline.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Text => text::report(report),
        Format::Json => json::report(report),
        Format::Markdown => markdown::report(report),
        Format::Github => github::report(report),
    }
}

/// Renders a spec that did not load; the output ends with a newline.
pub fn render_failure(failure: &LoadFailure, format: Format) -> String {
    match format {
        Format::Text => text::failure(failure),
        Format::Json => json::failure(failure),
        Format::Markdown => markdown::failure(failure),
        Format::Github => github::failure(failure),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `1 breaking change, 2 sdk breaks, 0 warnings, 3 compatible changes, 1 accepted`.
fn summary_line(s: Summary) -> String {
    let mut parts = vec![plural(s.err, "breaking change", "breaking changes")];
    if s.sdk_err > 0 {
        parts.push(plural(s.sdk_err, "sdk break", "sdk breaks"));
    }
    parts.push(plural(s.warn, "warning", "warnings"));
    parts.push(plural(s.info, "compatible change", "compatible changes"));
    if s.accepted > 0 {
        parts.push(format!("{} accepted", s.accepted));
    }
    parts.join(", ")
}

/// `error`, `sdk error`, `security warning`, ...
fn level_word(f: &Finding) -> String {
    let word = match f.level {
        Level::Err => "error",
        Level::Warn => "warning",
        Level::Info => "info",
    };
    match f.category {
        Category::Wire => word.to_owned(),
        other => format!("{} {word}", other.as_str()),
    }
}

/// `/api/x.a (request), /api/x.b (response)`.
fn affected_list(affected: &[Affected]) -> String {
    affected
        .iter()
        .map(|a| match a.side {
            Some(UseSide::Request) => format!("{} (request)", a.operation),
            Some(UseSide::Response) => format!("{} (response)", a.operation),
            None => a.operation.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `operation: message` or `message`.
fn with_subject(f: &Finding) -> String {
    match &f.operation {
        Some(op) => format!("{op}: {}", f.message),
        None => f.message.clone(),
    }
}
