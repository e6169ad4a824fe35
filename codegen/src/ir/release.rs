//! The release history of the API (`releases:` in the spec, newest first):
//! each release's version, day, git tag and changelog entries. `bizgen
//! release` appends to it; the changelogs of every package are rendered
//! from it, so that earlier sections never change.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::diagnostics::Pos;

/// A semantic version, `MAJOR.MINOR.PATCH` (no pre-release or build part:
/// the generated packages' registries would each read those differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    /// Parses `MAJOR.MINOR.PATCH`; the error says what is wrong.
    pub fn parse(s: &str) -> Result<Version, String> {
        let bad = |why: &str| format!("`{s}` is not a version MAJOR.MINOR.PATCH: {why}");
        if s.contains(['-', '+']) {
            return Err(bad("pre-release and build parts are not supported"));
        }
        let parts: Vec<&str> = s.split('.').collect();
        let [major, minor, patch] = parts.as_slice() else {
            return Err(bad("it needs three numbers separated by dots"));
        };
        let number = |p: &str| -> Result<u64, String> {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad(&format!("`{p}` is not a number")));
            }
            if p.len() > 1 && p.starts_with('0') {
                return Err(bad(&format!("`{p}` has a leading zero")));
            }
            p.parse().map_err(|_| bad(&format!("`{p}` is too large")))
        };
        Ok(Version {
            major: number(major)?,
            minor: number(minor)?,
            patch: number(patch)?,
        })
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The Keep a Changelog section an entry goes in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ChangeSection {
    Added,
    Changed,
    Deprecated,
    Removed,
    Fixed,
    Security,
}

impl ChangeSection {
    /// In the order Keep a Changelog lists them.
    pub const ALL: [ChangeSection; 6] = [
        ChangeSection::Added,
        ChangeSection::Changed,
        ChangeSection::Deprecated,
        ChangeSection::Removed,
        ChangeSection::Fixed,
        ChangeSection::Security,
    ];

    /// `added`, `changed`, ... as in `releases.yaml`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeSection::Added => "added",
            ChangeSection::Changed => "changed",
            ChangeSection::Deprecated => "deprecated",
            ChangeSection::Removed => "removed",
            ChangeSection::Fixed => "fixed",
            ChangeSection::Security => "security",
        }
    }
}

/// Whom a change breaks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Breaking {
    /// Deployed clients: the bytes on the wire changed incompatibly.
    Wire,
    /// Code built on the generated SDKs (names, types).
    Sdk,
}

/// One changelog entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub section: ChangeSection,
    pub rule: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The docs page, relative to a language's docs root.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breaking: Option<Breaking>,
    pub text: String,
}

/// One release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub version: Version,
    pub date: Date,
    /// The git tag of the released spec.
    pub tag: String,
    pub changes: Vec<Change>,
    /// Where its `version` is written.
    pub pos: Pos,
}

/// The tag a release gets unless the history names another.
pub fn default_tag(version: Version) -> String {
    format!("v{version}")
}
