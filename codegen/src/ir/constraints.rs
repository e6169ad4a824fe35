//! A field's constraints one by one, as the spec spells them: the one
//! wording of constraints in every output that describes them in text
//! (Rust and TypeScript doc comments, the Markdown docs).

use std::fmt;

use super::Constraints;
use crate::markdown::code;
use bizgen_runtime::schema::Format;

/// One constraint of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constraint<'a> {
    MinLength(u64),
    MaxLength(u64),
    Minimum(i64),
    Maximum(i64),
    Pattern(&'a str),
    Format(Format),
}

impl Constraints {
    /// The constraints that are set: lengths, bounds, pattern, format.
    pub fn list(&self) -> Vec<Constraint<'_>> {
        let mut out = Vec::new();
        out.extend(self.min_length.map(Constraint::MinLength));
        out.extend(self.max_length.map(Constraint::MaxLength));
        out.extend(self.minimum.map(Constraint::Minimum));
        out.extend(self.maximum.map(Constraint::Maximum));
        out.extend(self.pattern.as_deref().map(Constraint::Pattern));
        out.extend(self.format.map(Constraint::Format));
        out
    }
}

/// The spec's keyword and the value, the pattern and format as Markdown
/// code: `minLength 1`, ``pattern `^\d+$` ``.
impl fmt::Display for Constraint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Constraint::MinLength(v) => write!(f, "minLength {v}"),
            Constraint::MaxLength(v) => write!(f, "maxLength {v}"),
            Constraint::Minimum(v) => write!(f, "minimum {v}"),
            Constraint::Maximum(v) => write!(f, "maximum {v}"),
            Constraint::Pattern(p) => write!(f, "pattern {}", code(p)),
            Constraint::Format(v) => write!(f, "format {}", code(v.name())),
        }
    }
}
