//! A spec that does not load (or a base ref that cannot be read), in a form
//! every output format can show: a JSON error object, GitHub `::error`
//! annotations, a markdown note.

use serde::Serialize;

use super::finding::SpecSide;
use crate::diagnostics::{Severity, SpecErrors};

/// Why the diff could not run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadFailure {
    /// Which spec failed.
    pub side: SpecSide,
    /// The directory or `REF:dir` that was loaded.
    pub spec: String,
    pub problems: Vec<Problem>,
}

/// One reason, where known with its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    pub message: String,
}

impl LoadFailure {
    /// Every error diagnostic of a spec that does not load.
    pub fn spec_errors(side: SpecSide, spec: String, errors: &SpecErrors) -> LoadFailure {
        let problems = errors
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| {
                let file = d
                    .pos
                    .and_then(|p| errors.files.paths.get(p.file))
                    .map(|p| p.display().to_string());
                let mut message = d.message.clone();
                if let Some(help) = &d.help {
                    message.push_str(&format!(" (help: {help})"));
                }
                Problem {
                    file,
                    line: d.pos.map(|p| p.line),
                    column: d.pos.map(|p| p.column),
                    message,
                }
            })
            .collect();
        LoadFailure {
            side,
            spec,
            problems,
        }
    }

    /// A failure with one message and no place (git, an unreadable directory).
    pub fn message(side: SpecSide, spec: String, message: String) -> LoadFailure {
        LoadFailure {
            side,
            spec,
            problems: vec![Problem {
                file: None,
                line: None,
                column: None,
                message,
            }],
        }
    }

    /// `the old spec (spec/) does not load`.
    pub fn headline(&self) -> String {
        let which = match self.side {
            SpecSide::Old => "old",
            SpecSide::New => "new",
        };
        format!("the {which} spec ({}) does not load", self.spec)
    }
}

impl Problem {
    /// `file:line:column: message`, as much of the place as is known.
    pub fn located(&self) -> String {
        match (&self.file, self.line, self.column) {
            (Some(f), Some(l), Some(c)) => format!("{f}:{l}:{c}: {}", self.message),
            (Some(f), ..) => format!("{f}: {}", self.message),
            _ => self.message.clone(),
        }
    }
}
