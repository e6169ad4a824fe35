//! Findings of traffic checks (HAR validation, the live probe) and their
//! renderings: plain text, JSON, GitHub workflow annotations and JUnit XML.

use serde::Serialize;

use crate::github::{escape_data, escape_property};

/// How much a finding matters. Only errors fail a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The spec may just be incomplete (a field or error code it lacks).
    Info,
    /// Likely drift that a tolerant client survives (an unknown enum code).
    Warn,
    /// The traffic breaks the spec.
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Error => "error",
        }
    }
}

/// Which half of an exchange a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Request,
    Response,
    /// The exchange as a whole (no operation at the path, unreadable entry).
    Entry,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Request => "request",
            Side::Response => "response",
            Side::Entry => "entry",
        }
    }
}

/// One thing the traffic says about the spec.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub level: Level,
    /// The entry's index in the HAR (0-based), or the probe's call number.
    pub entry: usize,
    /// When the exchange started (the HAR's `startedDateTime`), if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The operation's bizType, when the path is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// The URL path of the exchange.
    pub path: String,
    pub side: Side,
    /// RFC 6901 pointer, the scheme of the server and the validator:
    /// headers under `/headers/..`, the request body at the root
    /// (`/email`), the response envelope at the root (`/data/accountList/0/type`).
    pub pointer: String,
    pub reason: String,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    Text,
    Json,
    /// `::error file=…::message` lines for GitHub Actions.
    Github,
}

/// Whether any finding fails the run.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.level == Level::Error)
}

fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let n = |l| findings.iter().filter(|f| f.level == l).count();
    (n(Level::Error), n(Level::Warn), n(Level::Info))
}

fn where_(f: &Finding) -> String {
    let time = f
        .time
        .as_deref()
        .map(|t| format!(" {t}"))
        .unwrap_or_default();
    let op = f.operation.as_deref().unwrap_or(&f.path);
    let pointer = if f.pointer.is_empty() {
        "/"
    } else {
        &f.pointer
    };
    // The HAR's own address of the entry: unambiguous about counting from 0.
    format!(
        "log.entries[{}]{time} {op} {} {pointer}",
        f.entry,
        f.side.as_str()
    )
}

/// `1 error`, `2 errors`.
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// One line per finding and a summary line.
pub fn text(findings: &[Finding], checked: usize) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!(
            "{}: {}: {}\n",
            f.level.as_str(),
            where_(f),
            f.reason
        ));
    }
    let (e, w, i) = counts(findings);
    out.push_str(&format!(
        "{} checked: {}, {}, {}\n",
        counted(checked, "exchange"),
        counted(e, "error"),
        counted(w, "warning"),
        counted(i, "note")
    ));
    out
}

/// `{"checked": N, "errors": E, "warnings": W, "infos": I, "findings": [...]}`.
pub fn json(findings: &[Finding], checked: usize) -> String {
    let (e, w, i) = counts(findings);
    let doc = serde_json::json!({
        "checked": checked,
        "errors": e,
        "warnings": w,
        "infos": i,
        "findings": findings,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// GitHub Actions workflow commands: one annotation per finding, `file`
/// being the capture.
pub fn github(findings: &[Finding], file: &str) -> String {
    let mut out = String::new();
    for f in findings {
        let command = match f.level {
            Level::Error => "error",
            Level::Warn => "warning",
            Level::Info => "notice",
        };
        let message = format!("{}: {}", where_(f), f.reason);
        out.push_str(&format!(
            "::{command} file={},title=bizgen traffic::{}\n",
            escape_property(file),
            escape_data(&message)
        ));
    }
    out
}

/// Renders findings in the chosen format; `source` names the capture.
pub fn render(format: Format, findings: &[Finding], checked: usize, source: &str) -> String {
    match format {
        Format::Text => text(findings, checked),
        Format::Json => json(findings, checked),
        Format::Github => github(findings, source),
    }
}

/// Escapes text for XML content and attributes.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even when escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(level: Level) -> Finding {
        Finding {
            level,
            entry: 3,
            time: Some("2023-03-09T16:10:46Z".into()),
            operation: Some("bindEmail".into()),
            path: "/api/global/x.bindEmail".into(),
            side: Side::Response,
            pointer: "/data/type".into(),
            reason: "must be a string, got number".into(),
        }
    }

    #[test]
    fn renderings() {
        let findings = vec![finding(Level::Error), finding(Level::Info)];
        let t = text(&findings, 4);
        assert!(t.starts_with(
            "error: log.entries[3] 2023-03-09T16:10:46Z bindEmail response /data/type: must be a string"
        ));
        assert!(t.ends_with("4 exchanges checked: 1 error, 0 warnings, 1 note\n"));
        assert!(text(&[], 1).ends_with("1 exchange checked: 0 errors, 0 warnings, 0 notes\n"));
        let j: serde_json::Value = serde_json::from_str(&json(&findings, 4)).expect("JSON");
        assert_eq!(j["findings"][0]["pointer"], "/data/type");
        assert_eq!(j["errors"], 1);
        let g = github(&findings, "a,b.har");
        assert!(g.starts_with("::error file=a%2Cb.har,title=bizgen traffic::log.entries[3]"));
        assert!(g.contains("\n::notice "));
        assert_eq!(
            xml_escape("<a & \"b\">\u{1}"),
            "&lt;a &amp; &quot;b&quot;&gt; "
        );
    }
}
