//! Where the stages after parsing (merge, resolve, validate) report: a
//! diagnostics sink that can also name other positions for help texts.

use super::modules::FileModules;
use crate::diagnostics::{Diagnostic, Pos, Severity, SourceFiles};

pub(super) struct Ctx<'a> {
    pub diags: &'a mut Vec<Diagnostic>,
    pub files: &'a SourceFiles,
    /// The generated module of each file's types.
    pub modules: &'a FileModules,
}

impl Ctx<'_> {
    /// `file:line:column` of another position, for help texts.
    pub fn at(&self, pos: Pos) -> String {
        self.files.location(pos)
    }
    pub fn error(&mut self, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(pos, message));
        let last = self.diags.len() - 1;
        &mut self.diags[last]
    }
    pub fn warn(&mut self, pos: Pos, message: impl Into<String>) {
        self.diags.push(Diagnostic::warning(pos, message));
    }
    /// The generated module of the types declared at `pos`.
    pub fn module_of(&self, pos: Pos) -> String {
        self.modules.get(pos.file).name
    }
    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(|d| d.severity == Severity::Error)
    }
}
