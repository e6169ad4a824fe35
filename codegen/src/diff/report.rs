//! From raw findings to what is shown and judged: the team's severity
//! levels, its accepted changes, the category filter, the order, and
//! whether the run fails.

use serde::Serialize;

use super::accept::{AcceptFile, Warning};
use super::finding::Finding;
use super::levels::Levels;
use super::rules::{Category, Level};
use crate::date::Date;

/// How findings are judged and filtered.
#[derive(Debug, Clone)]
pub struct Options {
    /// `--severity-levels`.
    pub levels: Levels,
    /// `--accept`.
    pub accept: Option<AcceptFile>,
    /// `--category`.
    pub category: CategoryFilter,
    /// Today, for `until` and `sunset` dates.
    pub today: Date,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            levels: Levels::default(),
            accept: None,
            category: CategoryFilter::All,
            today: Date::today(),
        }
    }
}

/// `--category`: which findings are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CategoryFilter {
    /// Wire changes, security ones included.
    Wire,
    /// Changes that break code built on the generated SDKs only.
    Sdk,
    /// Access and redaction changes only.
    Security,
    /// Everything.
    #[default]
    All,
}

impl CategoryFilter {
    fn shows(self, c: Category) -> bool {
        match self {
            CategoryFilter::All => true,
            CategoryFilter::Wire => c != Category::Sdk,
            CategoryFilter::Sdk => c == Category::Sdk,
            CategoryFilter::Security => c == Category::Security,
        }
    }
}

/// `--fail-on`: which findings fail the run (accepted ones never do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Any wire or security finding.
    #[value(alias = "notice")]
    Info,
    /// Wire or security warnings and errors.
    #[value(alias = "warning")]
    Warn,
    /// Wire errors: an already deployed client breaks.
    #[value(alias = "error")]
    Err,
    /// Wire errors and sdk breaks (code built on the generated SDKs breaks).
    SdkErr,
}

impl FailOn {
    /// Whether `f` fails the run.
    pub fn fails(self, f: &Finding) -> bool {
        if f.accepted {
            return false;
        }
        match self {
            FailOn::SdkErr => f.level == Level::Err,
            FailOn::Err => f.category != Category::Sdk && f.level == Level::Err,
            FailOn::Warn => f.category != Category::Sdk && f.level >= Level::Warn,
            FailOn::Info => f.category != Category::Sdk,
        }
    }
}

/// What `bizgen diff` shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Most severe first; accepted ones after the others of their level.
    pub findings: Vec<Finding>,
    pub warnings: Vec<Warning>,
}

impl Report {
    /// Applies `options` to raw findings.
    pub fn new(findings: Vec<Finding>, options: &Options) -> Report {
        let mut findings: Vec<Finding> = findings
            .into_iter()
            .filter_map(|mut f| {
                f.level = options.levels.level(f.rule, f.level)?;
                Some(f)
            })
            .collect();
        let warnings = options
            .accept
            .as_ref()
            .map(|a| a.apply(&mut findings, options.today))
            .unwrap_or_default();
        findings.retain(|f| options.category.shows(f.category));
        sort(&mut findings);
        Report { findings, warnings }
    }

    /// Whether a finding fails the run under `fail_on`.
    pub fn fails(&self, fail_on: FailOn) -> bool {
        self.findings.iter().any(|f| fail_on.fails(f))
    }

    /// Counts of the findings that are not accepted, and of accepted ones.
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for f in &self.findings {
            let n = match (f.accepted, f.level, f.category) {
                (true, ..) => &mut s.accepted,
                (false, Level::Err, Category::Sdk) => &mut s.sdk_err,
                (false, Level::Err, _) => &mut s.err,
                (false, Level::Warn, _) => &mut s.warn,
                (false, Level::Info, _) => &mut s.info,
            };
            *n += 1;
        }
        s
    }
}

/// How many findings of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Wire (and security) errors.
    pub err: usize,
    /// SDK breaks.
    pub sdk_err: usize,
    pub warn: usize,
    pub info: usize,
    pub accepted: usize,
}

fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let key = |f: &Finding| {
            (
                std::cmp::Reverse(f.level),
                f.accepted,
                f.category,
                f.subject().map(str::to_owned),
                f.rule,
                f.location.clone(),
                f.message.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
}
