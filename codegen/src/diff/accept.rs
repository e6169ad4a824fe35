//! `--accept FILE`: findings a team decided to live with, checked in next
//! to the spec (e.g. `spec/accepted-changes.yaml`):
//!
//! ```yaml
//! accepted:
//!   - rule: operation-removed
//!     operation: /api/c/demo.Shop.extra   # path or bizType
//!     reason: retired with the v2 app, see PR 412
//!     until: 2026-12-31                   # optional: the acceptance expires after this day
//!   - rule: field-type-changed-sdk
//!     type: Profile                       # a shared type or enum instead of an operation
//!     path: nickname                      # optional: narrows to one field, code or header
//!     reason: SDK users migrate in 3.0
//! ```
//!
//! `path` is always written as the finding's `path` (`bizgen diff --format
//! json` gives it), relative to the entry's subject: under an operation
//! `request.<field>`, `response.<field>`, `headers.<name>` or `errors.<code>`;
//! under a type its `<field>`, under an enum its code. An entry that differs
//! from a finding in one key only gets a "did you mean" hint.
//!
//! An accepted finding is still printed, marked as accepted, and no longer
//! counts for `--fail-on`. An entry that matches nothing, or whose `until`
//! has passed, is a warning, so that stale acceptances get cleaned up.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::DiffError;
use super::finding::{Acceptance, Finding};
use super::rules::rule_info;
use crate::date::Date;
use crate::spec::located::Located;
use crate::spec::suggest::close;

/// The parsed accept file.
#[derive(Debug, Clone)]
pub struct AcceptFile {
    /// As given on the command line (for warnings).
    pub path: PathBuf,
    pub entries: Vec<AcceptEntry>,
}

/// One accepted change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptEntry {
    pub rule: String,
    /// The operation's path or bizType.
    pub operation: Option<String>,
    /// A shared type or enum.
    pub type_name: Option<String>,
    /// The finding's `path`; any when absent.
    pub path: Option<String>,
    pub reason: String,
    pub until: Option<Date>,
    /// The entry's line in the file.
    pub line: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    accepted: Vec<Located<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    rule: String,
    operation: Option<String>,
    #[serde(rename = "type")]
    type_name: Option<String>,
    path: Option<String>,
    reason: String,
    until: Option<String>,
}

/// A problem to show next to the findings: an acceptance that matches
/// nothing, or has expired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub file: String,
    pub line: u64,
    pub message: String,
}

impl AcceptFile {
    /// Reads and checks an accept file.
    pub fn read(path: &Path) -> Result<AcceptFile, DiffError> {
        let text = std::fs::read_to_string(path).map_err(|source| DiffError::Read {
            path: path.to_owned(),
            source,
        })?;
        AcceptFile::parse(path, &text)
    }

    /// Parses the text of an accept file named `path`.
    pub fn parse(path: &Path, text: &str) -> Result<AcceptFile, DiffError> {
        let bad = |line: u64, message: String| DiffError::Config {
            path: path.to_owned(),
            line,
            message,
        };
        if text.trim().is_empty() {
            return Ok(AcceptFile {
                path: path.to_owned(),
                entries: Vec::new(),
            });
        }
        let raw: RawFile = serde_saphyr::from_str(text).map_err(|e| {
            let line = e.location().map_or(1, |l| l.line());
            let message = e.to_string();
            let first = message.lines().next().unwrap_or("invalid YAML").to_owned();
            bad(line, first)
        })?;
        let mut entries = Vec::new();
        for e in raw.accepted {
            let line = e.pos.line;
            let e = e.value;
            if rule_info(&e.rule).is_none() {
                return Err(bad(
                    line,
                    format!(
                        "unknown rule `{}` (`bizgen diff --list-rules` lists them)",
                        e.rule
                    ),
                ));
            }
            if e.operation.is_some() && e.type_name.is_some() {
                return Err(bad(line, "give `operation` or `type`, not both".into()));
            }
            if e.reason.trim().is_empty() {
                return Err(bad(
                    line,
                    "`reason` is empty: say why the change is accepted".into(),
                ));
            }
            let until = match &e.until {
                Some(s) => Some(Date::parse(s).ok_or_else(|| {
                    bad(line, format!("`until: {s}` is not a date (YYYY-MM-DD)"))
                })?),
                None => None,
            };
            entries.push(AcceptEntry {
                rule: e.rule,
                operation: e.operation,
                type_name: e.type_name,
                path: e.path,
                reason: e.reason,
                until,
                line,
            });
        }
        Ok(AcceptFile {
            path: path.to_owned(),
            entries,
        })
    }

    /// Marks the findings that an entry matches as accepted, and returns a
    /// warning for every entry that matched nothing or has expired.
    pub fn apply(&self, findings: &mut [Finding], today: Date) -> Vec<Warning> {
        let file = self.path.display().to_string();
        let mut warnings = Vec::new();
        for entry in &self.entries {
            let warn = |message: String| Warning {
                file: file.clone(),
                line: entry.line,
                message,
            };
            let matching: Vec<&mut Finding> =
                findings.iter_mut().filter(|f| entry.matches(f)).collect();
            if let Some(until) = entry.until.filter(|u| *u < today) {
                warnings.push(warn(format!(
                    "the acceptance of `{}` expired on {until}{}",
                    entry.rule,
                    if matching.is_empty() {
                        "; it matches nothing any more: remove it"
                    } else {
                        "; the finding counts again: fix it or extend `until`"
                    }
                )));
                continue;
            }
            if matching.is_empty() {
                let subject = entry
                    .operation
                    .as_ref()
                    .or(entry.type_name.as_ref())
                    .map(|s| format!(" for `{s}`"))
                    .unwrap_or_default();
                let message = match entry.near_miss(findings) {
                    Some(hint) => format!(
                        "the acceptance of `{}`{subject} matches no finding; did you mean {hint}?",
                        entry.rule
                    ),
                    None => format!(
                        "the acceptance of `{}`{subject} matches no finding: remove it",
                        entry.rule
                    ),
                };
                warnings.push(warn(message));
                continue;
            }
            for f in matching {
                f.accepted = true;
                f.acceptance = Some(Acceptance {
                    reason: entry.reason.clone(),
                    until: entry.until.map(|d| d.to_string()),
                });
            }
        }
        warnings
    }
}

impl AcceptEntry {
    fn matches(&self, f: &Finding) -> bool {
        self.rule == f.rule && self.subject_matches(f) && self.path_matches(f)
    }

    fn subject_matches(&self, f: &Finding) -> bool {
        let operation = match (&self.operation, &f.operation) {
            (Some(want), Some(have)) => {
                have == want || have.rsplit('/').next() == Some(want.as_str())
            }
            (None, _) => true,
            (Some(_), None) => false,
        };
        operation
            && (self.type_name.is_none() || self.type_name == f.type_name)
            && (self.operation.is_some() || self.type_name.is_some() || f.subject().is_none())
    }

    fn path_matches(&self, f: &Finding) -> bool {
        self.path.is_none() || self.path == f.path
    }

    /// The entry as it would match a finding that differs from it in one
    /// key only (the rule, the subject or the path): the usual slip is a
    /// path written the other way (`deviceName` for `request.deviceName`).
    fn near_miss(&self, findings: &[Finding]) -> Option<String> {
        findings.iter().find_map(|f| {
            let (rule, subject, path) = (
                self.rule == f.rule,
                self.subject_matches(f),
                self.path_matches(f),
            );
            match (rule, subject, path) {
                (false, true, true) => Some(format!("`rule: {}`", f.rule)),
                (true, false, true) => {
                    let written = self.operation.as_ref().or(self.type_name.as_ref())?;
                    match (&f.operation, &f.type_name) {
                        (Some(op), _)
                            if close(written, op)
                                || op.rsplit('/').next().is_some_and(|biz| close(written, biz)) =>
                        {
                            Some(format!("`operation: {op}`"))
                        }
                        (None, Some(ty)) if close(written, ty) => Some(format!("`type: {ty}`")),
                        _ => None,
                    }
                }
                (true, true, false) => {
                    let (written, meant) = (self.path.as_ref()?, f.path.as_ref()?);
                    close(written, meant).then(|| format!("`path: {meant}`"))
                }
                _ => None,
            }
        })
    }
}
