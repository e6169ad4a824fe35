//! GitHub Actions workflow commands: one annotation per finding (error,
//! warning or notice) on the line it names. A finding in the old spec is
//! annotated on its file only (the line numbers are the old file's) and
//! says where it was.

use super::{affected_list, level_word, with_subject};
use crate::diff::failure::LoadFailure;
use crate::diff::finding::SpecSide;
use crate::diff::report::Report;
use crate::diff::rules::Level;
use crate::github::{escape_data, escape_property};

pub(super) fn report(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let command = match (f.accepted, f.level) {
            (true, _) | (false, Level::Info) => "notice",
            (false, Level::Warn) => "warning",
            (false, Level::Err) => "error",
        };
        let mut props = vec![format!("file={}", escape_property(&f.location.file))];
        let mut message = with_subject(f);
        match f.location.side {
            SpecSide::New => {
                props.push(format!("line={}", f.location.line));
                props.push(format!("col={}", f.location.column));
            }
            SpecSide::Old => message.push_str(&format!(
                " (in the old spec at {}:{}:{})",
                f.location.file, f.location.line, f.location.column
            )),
        }
        let mut title = format!("{} {}", level_word(f), f.rule);
        if f.accepted {
            title.push_str(" (accepted)");
        }
        props.push(format!("title={}", escape_property(&title)));
        if !f.affected_operations.is_empty() {
            message.push_str(&format!(
                "\naffects: {}",
                affected_list(&f.affected_operations)
            ));
        }
        if let Some(a) = &f.acceptance {
            message.push_str(&format!("\naccepted: {}", a.reason));
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&message)
        ));
    }
    for w in &report.warnings {
        out.push_str(&format!(
            "::warning file={},line={},title=bizgen diff::{}\n",
            escape_property(&w.file),
            w.line,
            escape_data(&w.message)
        ));
    }
    out
}

pub(super) fn failure(failure: &LoadFailure) -> String {
    let mut out = String::new();
    for p in &failure.problems {
        let mut props = Vec::new();
        if let Some(file) = &p.file {
            props.push(format!("file={}", escape_property(file)));
        }
        if let Some(line) = p.line {
            props.push(format!("line={line}"));
        }
        if let Some(col) = p.column {
            props.push(format!("col={col}"));
        }
        props.push(format!("title={}", escape_property(&failure.headline())));
        out.push_str(&format!(
            "::error {}::{}\n",
            props.join(","),
            escape_data(&p.message)
        ));
    }
    out
}
