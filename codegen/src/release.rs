//! `bizgen release`: from a spec change to a release. The spec is compared
//! with the last release ([`baseline`]), the diff's findings decide the
//! semver bump ([`Bump`]), become changelog entries ([`entries`]) and, when
//! not a dry run, are recorded in the spec's release history with the new
//! `api.version` ([`record`]); every package's `CHANGELOG.md` is rendered
//! from that history ([`changelog`]) by `bizgen generate`.
//!
//! The history lives in the spec, `spec/releases.yaml` (`releases:`, newest
//! first), next to `api.version`: it is reviewed in the same pull request as
//! the spec change, needs no git to generate or check the changelogs, and
//! each release's tag (default `v<version>`) or the commit that recorded it
//! is where `bizgen release` finds the released spec next time.

mod baseline;
mod bump;
pub mod changelog;
mod entries;
mod error;
mod record;

use serde::Serialize;

pub use baseline::{baseline, Baseline};
pub use bump::Bump;
pub use entries::{entries, section};
pub use error::ReleaseError;
pub use record::{insert_release, record};

use crate::date::Date;
use crate::diff::{report_since, Finding, Options, Warning};
use crate::ir::{default_tag, Change, Release, Version};
use crate::spec::Loaded;

/// The history file, in the spec directory.
pub const HISTORY_FILE: &str = "releases.yaml";

/// What a release would be.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The last release; `None` before the first.
    pub current: Option<Version>,
    pub next: Version,
    pub bump: Bump,
    /// Every finding since the last release, accepted ones marked.
    pub findings: Vec<Finding>,
    /// The findings that decided the bump (those calling for it).
    pub deciding: Vec<Finding>,
    /// Warnings of the accept file.
    pub warnings: Vec<Warning>,
    /// The release to record: version, day, tag, changelog entries.
    pub release: Release,
}

/// Proposes the next release of `new` from its changes since `old` (the
/// last release; `None` before the first). `version` overrides the
/// proposal (a first stable `1.0.0`), but never with a smaller step than the
/// changes need; `api.version` set ahead of the last release counts as such
/// a request. The first release is `api.version` as written.
pub fn plan(
    old: Option<&Loaded>,
    new: &Loaded,
    options: &Options,
    date: Date,
    version: Option<Version>,
) -> Result<Plan, ReleaseError> {
    let report = report_since(old, new, options);
    let bump = report
        .findings
        .iter()
        .map(Bump::of)
        .max()
        .unwrap_or(Bump::Patch);
    let deciding: Vec<Finding> = report
        .findings
        .iter()
        .filter(|f| Bump::of(f) == bump)
        .cloned()
        .collect();
    let declared = Version::parse(&new.api.package_version).map_err(ReleaseError::Version)?;
    let current = new.api.releases.first().map(|r| r.version);
    let next = match current {
        None => version.unwrap_or(declared),
        Some(current) => {
            let proposed = bump.next(current);
            let requested = version.or((declared > current).then_some(declared));
            match requested {
                Some(v) if v <= current => {
                    return Err(ReleaseError::Version(format!(
                        "version {v} is not after the last release {current}"
                    )))
                }
                Some(v) if v < proposed => {
                    return Err(ReleaseError::Version(format!(
                        "version {v} is a smaller step than the changes since {current} need: \
                         a {bump} change, {proposed} at least"
                    )))
                }
                Some(v) => v,
                None => proposed,
            }
        }
    };
    let changes: Vec<Change> = entries(&report.findings, old.map(|o| &o.api), &new.api);
    Ok(Plan {
        current,
        next,
        bump,
        deciding,
        warnings: report.warnings,
        release: Release {
            version: next,
            date,
            tag: default_tag(next),
            changes,
            pos: new.api.version_pos,
        },
        findings: report.findings,
    })
}

/// `bizgen release --format json`.
#[derive(Debug, Serialize)]
pub struct PlanJson<'a> {
    pub current: Option<String>,
    pub next: String,
    pub bump: Bump,
    /// The findings that decided the bump.
    pub findings: &'a [Finding],
    /// What the release was compared with.
    pub against: &'a str,
    pub tag: &'a str,
    pub date: String,
    /// The changelog entries.
    pub changes: &'a [Change],
    pub warnings: &'a [Warning],
    /// Whether the release was recorded (not a dry run).
    pub recorded: bool,
}

impl Plan {
    /// The JSON form, for CI.
    pub fn json<'a>(&'a self, against: &'a str, recorded: bool) -> PlanJson<'a> {
        PlanJson {
            current: self.current.map(|v| v.to_string()),
            next: self.next.to_string(),
            bump: self.bump,
            findings: &self.deciding,
            against,
            tag: &self.release.tag,
            date: self.release.date.to_string(),
            changes: &self.release.changes,
            warnings: &self.warnings,
            recorded,
        }
    }

    /// Why this version: one line per deciding finding.
    pub fn reasons(&self) -> Vec<String> {
        self.deciding
            .iter()
            .map(|f| {
                let subject = f.subject().map(|s| format!(" {s}")).unwrap_or_default();
                let accepted = if f.accepted { " (accepted)" } else { "" };
                format!(
                    "{} {} {}{subject}: {}{accepted}",
                    f.level,
                    f.category.as_str(),
                    f.rule,
                    f.message
                )
            })
            .collect()
    }
}
