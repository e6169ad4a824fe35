//! The JSON format: `{findings, warnings, summary}`, or `{error}` when a
//! spec does not load. Field names are camelCase.

use serde_json::json;

use crate::diff::failure::LoadFailure;
use crate::diff::report::Report;

pub(super) fn report(report: &Report) -> String {
    pretty(&json!({
        "findings": report.findings,
        "warnings": report.warnings,
        "summary": report.summary(),
    }))
}

pub(super) fn failure(failure: &LoadFailure) -> String {
    pretty(&json!({
        "error": {
            "message": failure.headline(),
            "side": failure.side,
            "spec": failure.spec,
            "problems": failure.problems,
        }
    }))
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}
