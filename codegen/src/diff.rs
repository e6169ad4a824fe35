//! `bizgen diff`: what changed between two versions of the spec, and whom
//! it breaks.
//!
//! Direction-aware, like oasdiff: a client *sends* requests, so tightening
//! what a request may hold breaks it (a new required field, a narrower
//! constraint, a removed enum code); a client *reads* responses, so
//! loosening what a response may hold breaks it (a removed or now-optional
//! field, a field that may now be null, a new enum code). Shared types and
//! enums are compared once and judged by where they are used.
//!
//! Every finding names a rule of the catalogue [`RULES`] (stable id,
//! default [`Level`], [`Category`]: `wire` for deployed clients and
//! servers, `sdk` for code built on the generated SDKs, `security` for who
//! may call what). The pipeline: [`compare`](compare) the two loaded specs →
//! [`Report::new`] applies the team's severity levels, accepted changes and
//! category filter → [`render`] in one of the [`Format`]s.

mod accept;
mod cli;
mod compare;
mod error;
mod failure;
mod finding;
mod git;
mod levels;
mod render;
mod report;
mod rules;
mod rules_zh;
mod usage;

pub use crate::date::Date;
pub use accept::{AcceptEntry, AcceptFile, Warning};
pub(crate) use cli::spec_at_ref;
pub use cli::{run_diff, DiffArgs, EXIT_FINDINGS, EXIT_USAGE};
pub use error::DiffError;
pub use failure::{LoadFailure, Problem};
pub use finding::{Acceptance, Affected, Finding, Location, SpecSide, UseSide};
pub use git::load_git_ref;
pub(crate) use git::{git_text, repo_root_of};
pub use levels::Levels;
pub use render::{render, render_failure, Format};
pub use report::{CategoryFilter, FailOn, Options, Report, Summary};
pub use rules::{rule_info, Category, Level, Rule, RULES};
pub use rules_zh::label_zh;

use crate::spec::Loaded;

/// Every change from `old` to `new` at the rules' default levels, most
/// severe first.
pub fn diff(old: &Loaded, new: &Loaded) -> Vec<Finding> {
    diff_report(old, new, &Options::default()).findings
}

/// [`diff`] with options: severity levels, accepted changes, category.
pub fn diff_report(old: &Loaded, new: &Loaded, options: &Options) -> Report {
    Report::new(compare::compare(old, new, options.today), options)
}

/// [`diff_report`] against the spec at the last release, or against none
/// (nothing released yet): then every operation is an addition.
pub fn report_since(old: Option<&Loaded>, new: &Loaded, options: &Options) -> Report {
    let findings = match old {
        Some(old) => compare::compare(old, new, options.today),
        None => compare::all_added(new),
    };
    Report::new(findings, options)
}
