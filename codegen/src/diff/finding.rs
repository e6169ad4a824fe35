//! What one finding says: the rule, where (old or new spec), which
//! operations it affects and on which side, the values before and after,
//! and whether the team accepted it.

use serde::Serialize;
use serde_json::Value;

use super::rules::{Category, Level};

/// Which version of the spec a location is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpecSide {
    /// The old spec (the base ref, or OLD): removals point here.
    Old,
    /// The new spec (the working tree, or NEW).
    New,
}

/// A place in one of the two specs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub side: SpecSide,
    /// As the spec was loaded (`bizgen diff` makes it relative to the
    /// repository root).
    pub file: String,
    pub line: u64,
    pub column: u64,
}

impl std::fmt::Display for Location {
    /// `file:line:column`, with ` (old)` for the old spec.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)?;
        if self.side == SpecSide::Old {
            f.write_str(" (old)")?;
        }
        Ok(())
    }
}

/// Whether an operation sends or receives a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UseSide {
    Request,
    Response,
}

/// An operation a finding on a shared type, a header or the version affects.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Affected {
    /// The operation's path.
    pub operation: String,
    /// Where it uses the changed thing; `None` for headers and versions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<UseSide>,
}

/// Why a finding was accepted (an entry of the `--accept` file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Acceptance {
    pub reason: String,
    /// Last day the acceptance holds (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// One change between the old and the new spec.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Id of a rule of [`super::RULES`].
    pub rule: &'static str,
    pub level: Level,
    pub category: Category,
    /// The operation's path (unique; it ends in the bizType), `None` for
    /// shared types, enums, headers and the envelope.
    pub operation: Option<String>,
    /// The shared type or enum the change is in.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    /// What inside the operation or type changed: `request.email`,
    /// `nickname`, an enum code, `headers.version`, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub message: String,
    /// In the new spec, in the old one for removals.
    pub location: Location,
    /// Every operation the change reaches, for changes outside an operation.
    pub affected_operations: Vec<Affected>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub accepted: bool,
    /// Set when `accepted`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acceptance: Option<Acceptance>,
}

impl Finding {
    /// `operation` or `type`, whichever the finding is about.
    pub fn subject(&self) -> Option<&str> {
        self.operation.as_deref().or(self.type_name.as_deref())
    }
}
