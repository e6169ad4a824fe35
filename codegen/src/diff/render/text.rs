//! The text format: one line per finding (`file:line:col: level[rule]: …`),
//! indented lines for affected operations and acceptances, then warnings
//! and a summary.

use super::{affected_list, level_word, summary_line, with_subject};
use crate::diff::failure::LoadFailure;
use crate::diff::report::Report;

pub(super) fn report(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        out.push_str(&format!(
            "{}: {}[{}]: {}\n",
            f.location,
            level_word(f),
            f.rule,
            with_subject(f)
        ));
        if !f.affected_operations.is_empty() {
            out.push_str(&format!(
                "  affects: {}\n",
                affected_list(&f.affected_operations)
            ));
        }
        if let Some(a) = &f.acceptance {
            out.push_str(&format!("  accepted: {}\n", a.reason));
        }
    }
    for w in &report.warnings {
        out.push_str(&format!("{}:{}: warning: {}\n", w.file, w.line, w.message));
    }
    if report.findings.is_empty() {
        out.push_str("no changes\n");
    } else {
        out.push_str(&summary_line(report.summary()));
        out.push('\n');
    }
    out
}

pub(super) fn failure(failure: &LoadFailure) -> String {
    let mut out = String::new();
    for p in &failure.problems {
        out.push_str(&format!("{}\n", p.located()));
    }
    out.push_str(&format!("bizgen diff: {}\n", failure.headline()));
    out
}
