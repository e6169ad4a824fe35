//! Renderings of a probe: one summary line per operation (text), a JSON
//! document, and JUnit XML for CI systems (one test case per operation:
//! drift is a failure, a call that failed is an error, a skip is skipped).

use std::fmt::Write as _;

use serde_json::json;

use super::probe::{Outcome, ProbeReport, ProbeResult};
use super::report::{xml_escape, Finding, Level};

/// Output formats of `bizgen probe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    /// JUnit XML, as CI systems (GitLab, Jenkins, GitHub test reporters) read it.
    Junit,
}

/// Renders the report in the chosen format.
pub fn render(format: Format, report: &ProbeReport) -> String {
    match format {
        Format::Text => text(report),
        Format::Json => json(report),
        Format::Junit => junit(report),
    }
}

fn plural(n: usize, one: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{n} {one}s"),
    }
}

/// `1 error, 2 notes`: the findings of one operation by level.
fn tally(findings: &[Finding]) -> String {
    let n = |l| findings.iter().filter(|f| f.level == l).count();
    [
        (n(Level::Error), "error"),
        (n(Level::Warn), "warning"),
        (n(Level::Info), "note"),
    ]
    .into_iter()
    .filter(|(count, _)| *count > 0)
    .map(|(count, word)| plural(count, word))
    .collect::<Vec<_>>()
    .join(", ")
}

/// What the summary line says after the operation.
fn detail(r: &ProbeResult) -> String {
    let status = r.status.map(|s| format!("HTTP {s}")).unwrap_or_default();
    let findings = tally(&r.findings);
    match &r.outcome {
        Outcome::Pass | Outcome::Drift => [status, findings]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        Outcome::ErrorCode { code, msg } => format!("answered error code {code}: {msg:?}"),
        Outcome::Skipped { reason } | Outcome::Failed { reason } => reason.clone(),
    }
}

fn finding_line(f: &Finding) -> String {
    let pointer = if f.pointer.is_empty() {
        "/"
    } else {
        &f.pointer
    };
    format!(
        "{}: {} {pointer}: {}",
        f.level.as_str(),
        f.side.as_str(),
        f.reason
    )
}

/// The closing line: counts by outcome.
pub fn summary(report: &ProbeReport) -> String {
    format!(
        "{} probed at {}: {} passed, {} drifted, {} answered an error code, {} skipped, {} failed; {} not read-only, not called",
        plural(report.results.len(), "operation"),
        report.base_url,
        report.count("pass"),
        report.count("drift"),
        report.count("error-code"),
        report.count("skipped"),
        report.count("failed"),
        report.not_called,
    )
}

/// One line per operation, its findings indented below it, and a summary.
pub fn text(report: &ProbeReport) -> String {
    let mut out = String::new();
    for r in &report.results {
        let _ = writeln!(
            out,
            "{:<10}  {} ({}): {}",
            r.outcome.as_str(),
            r.operation,
            r.gateway,
            detail(r)
        );
        for f in &r.findings {
            let _ = writeln!(out, "    {}", finding_line(f));
        }
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

/// The report with a `summary` of counts.
pub fn json(report: &ProbeReport) -> String {
    let doc = json!({
        "baseUrl": report.base_url,
        "summary": {
            "pass": report.count("pass"),
            "drift": report.count("drift"),
            "errorCode": report.count("error-code"),
            "skipped": report.count("skipped"),
            "failed": report.count("failed"),
            "notCalled": report.not_called,
        },
        "results": report.results,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// JUnit XML: a suite of one test case per operation, the service's
/// qualified name as the class.
pub fn junit(report: &ProbeReport) -> String {
    let tests = report.results.len();
    let failures = report.count("drift");
    let errors = report.count("failed");
    let skipped = report.count("skipped");
    let seconds: f64 = report
        .results
        .iter()
        .filter_map(|r| r.millis)
        .map(|m| m as f64 / 1000.0)
        .sum();
    let counts = format!(
        r#"tests="{tests}" failures="{failures}" errors="{errors}" skipped="{skipped}" time="{seconds:.3}""#
    );
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, r#"<testsuites name="bizgen probe" {counts}>"#);
    let _ = writeln!(
        out,
        r#"  <testsuite name="{}" {counts}>"#,
        xml_escape(&format!("bizgen probe {}", report.base_url))
    );
    for r in &report.results {
        let class = r
            .operation
            .rsplit_once('.')
            .map_or(r.service.as_str(), |(q, _)| q);
        let time = r
            .millis
            .map(|m| format!(r#" time="{:.3}""#, m as f64 / 1000.0))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            r#"    <testcase name="{}" classname="{}"{time}>"#,
            xml_escape(&format!("{} ({})", r.name, r.gateway)),
            xml_escape(class)
        );
        let findings: String = r.findings.iter().map(|f| finding_line(f) + "\n").collect();
        match &r.outcome {
            Outcome::Drift => {
                let _ = writeln!(
                    out,
                    r#"      <failure type="drift" message="{}">{}</failure>"#,
                    xml_escape(&detail(r)),
                    xml_escape(&findings)
                );
            }
            Outcome::Failed { reason } => {
                let _ = writeln!(
                    out,
                    r#"      <error type="failed" message="{}"/>"#,
                    xml_escape(reason)
                );
            }
            Outcome::Skipped { reason } => {
                let _ = writeln!(out, r#"      <skipped message="{}"/>"#, xml_escape(reason));
            }
            Outcome::Pass | Outcome::ErrorCode { .. } => {
                let said = match &r.outcome {
                    Outcome::ErrorCode { .. } => format!("{}\n{findings}", detail(r)),
                    _ => findings,
                };
                if !said.trim().is_empty() {
                    let _ = writeln!(out, "      <system-out>{}</system-out>", xml_escape(&said));
                }
            }
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
