//! Diagnostics: what is wrong, where (file:line:column) and how to fix it.

use std::fmt;
use std::path::PathBuf;

/// Line and column (both 1-based) in one spec file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// Index into the loader's file list.
    pub file: usize,
    pub line: u64,
    pub column: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding about the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Where; `None` for problems of the spec as a whole (e.g. no files).
    pub pos: Option<Pos>,
    pub message: String,
    /// How to fix it, when that can be said.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(pos: impl Into<Option<Pos>>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            pos: pos.into(),
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(pos: impl Into<Option<Pos>>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(pos, message)
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Renders as `file:line:column: error: message` plus a help line.
    pub fn render(&self, files: &SourceFiles) -> String {
        let mut out = String::new();
        if let Some(pos) = self.pos {
            out.push_str(&format!("{}:", files.location(pos)));
            out.push(' ');
        }
        out.push_str(match self.severity {
            Severity::Error => "error: ",
            Severity::Warning => "warning: ",
        });
        out.push_str(&self.message);
        if let Some(help) = &self.help {
            out.push_str("\n  help: ");
            out.push_str(help);
        }
        out
    }
}

/// The spec files, by the index that [`Pos::file`] refers to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceFiles {
    /// Paths as shown in diagnostics (relative to the working directory when possible).
    pub paths: Vec<PathBuf>,
}

impl SourceFiles {
    pub fn location(&self, pos: Pos) -> String {
        let path = self
            .paths
            .get(pos.file)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "<unknown file>".into());
        format!("{path}:{}:{}", pos.line, pos.column)
    }
}

/// A spec that failed to load: every diagnostic found, errors first.
///
/// `Debug` prints the same lines as `Display`, so that a build script's
/// `.unwrap()` or `fn main() -> Result<..>` shows `file:line:col: error: ..`
/// lines rather than one escaped string.
#[derive(Clone)]
pub struct SpecErrors {
    pub files: SourceFiles,
    pub diagnostics: Vec<Diagnostic>,
}

impl SpecErrors {
    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

impl fmt::Display for SpecErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{}", d.render(&self.files))?;
        }
        write!(f, "{} error(s)", self.error_count())
    }
}

impl fmt::Debug for SpecErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "the spec did not load:")?;
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for SpecErrors {}
