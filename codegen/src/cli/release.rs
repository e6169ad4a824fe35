//! `bizgen release`: reads the flags, asks the library for the plan
//! ([`crate::release::plan`]), prints it, and unless `--dry-run` records it
//! in the spec and generates the packages again.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{load, CrateArgs, EXIT_FAILURE, EXIT_USAGE};
use crate::date::Date;
use crate::diff::{render_failure, AcceptFile, Format as DiffFormat, Options};
use crate::ir::Version;
use crate::lang::Lang;
use crate::release::{self, changelog, ReleaseError, HISTORY_FILE};

/// Flags of `bizgen release`.
#[derive(Debug, clap::Args)]
pub struct ReleaseArgs {
    /// Compare with the spec at this git ref instead of the last release.
    #[arg(long, value_name = "REF")]
    pub against: Option<String>,
    /// Print the proposal and the changelog section; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Accepted changes: shown as accepted, and still counted for the bump.
    #[arg(long, value_name = "FILE")]
    pub accept: Option<PathBuf>,
    /// Release this version instead of the proposed one (never a smaller step).
    #[arg(long, value_name = "X.Y.Z")]
    pub version: Option<String>,
    /// The release's day (`YYYY-MM-DD`) [default: today, UTC].
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The output directory generated again after recording.
    #[arg(long, default_value = "generated")]
    pub out: PathBuf,
    #[command(flatten)]
    pub krate: CrateArgs,
}

/// Output of `bizgen release`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Runs `bizgen release`; exit 2 on bad input (no history, a bad version
/// or date, an unknown ref), 1 when the spec does not load or the release
/// cannot be written.
pub(super) fn release(
    spec: &Path,
    args: &ReleaseArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let usage = |err: &mut dyn Write, e: &dyn std::fmt::Display| -> std::io::Result<u8> {
        writeln!(err, "bizgen release: {e}")?;
        Ok(EXIT_USAGE)
    };
    let history = spec.join(HISTORY_FILE);
    if !history.is_file() {
        return usage(err, &ReleaseError::NoHistory { path: history });
    }
    let date = match &args.date {
        Some(d) => match Date::parse(d) {
            Some(d) => d,
            None => return usage(err, &format!("--date {d} is not a date (YYYY-MM-DD)")),
        },
        None => Date::today(),
    };
    let version = match args.version.as_deref().map(Version::parse).transpose() {
        Ok(v) => v,
        Err(e) => return usage(err, &format!("--version: {e}")),
    };
    let accept = match args.accept.as_deref().map(AcceptFile::read).transpose() {
        Ok(a) => a,
        Err(e) => return usage(err, &e),
    };
    let Some(new) = load(spec, err)? else {
        return Ok(EXIT_FAILURE);
    };
    let base = match release::baseline(spec, args.against.as_deref(), &new.api.releases) {
        Ok(b) => b,
        Err(ReleaseError::Baseline(failure)) => {
            err.write_all(render_failure(&failure, DiffFormat::Text).as_bytes())?;
            return Ok(EXIT_USAGE);
        }
        Err(e) => return usage(err, &e),
    };
    let options = Options {
        accept,
        today: date,
        ..Options::default()
    };
    let plan = match release::plan(base.spec.as_ref(), &new, &options, date, version) {
        Ok(p) => p,
        Err(e) => return usage(err, &e),
    };
    for w in &plan.warnings {
        writeln!(err, "warning: {}:{}: {}", w.file, w.line, w.message)?;
    }
    match args.format {
        Format::Json => {
            let json = serde_json::to_string_pretty(&plan.json(&base.label, !args.dry_run))
                .map_err(std::io::Error::other)?;
            writeln!(out, "{json}")?;
        }
        Format::Text => print_text(&plan, &base.label, args.dry_run, out)?,
    }
    if args.dry_run {
        return Ok(0);
    }
    if let Err(e) = release::record(spec, &new, &plan.release) {
        writeln!(err, "bizgen release: {e}")?;
        return Ok(EXIT_FAILURE);
    }
    writeln!(
        err,
        "recorded {} in {} and stamped api.version; tag the release commit `{}`",
        plan.next,
        spec.join(HISTORY_FILE).display(),
        plan.release.tag
    )?;
    let run = crate::generate::Run {
        force: false,
        cache: true,
    };
    super::output::generate(spec, &args.out, &args.krate.options(), &run, err)
}

/// Deciding findings printed in text: a first release has one per operation.
const SHOWN: usize = 12;

fn print_text(
    plan: &release::Plan,
    against: &str,
    dry_run: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match plan.current {
        Some(c) => writeln!(out, "release {c} → {}: a {} change", plan.next, plan.bump)?,
        None => writeln!(
            out,
            "release {}: the first release (api.version)",
            plan.next
        )?,
    }
    writeln!(out, "compared with {against}")?;
    if plan.deciding.is_empty() {
        writeln!(out, "no change to the spec: a patch release")?;
    } else {
        writeln!(out, "decided by:")?;
        let reasons = plan.reasons();
        for line in reasons.iter().take(SHOWN) {
            writeln!(out, "  {line}")?;
        }
        if reasons.len() > SHOWN {
            writeln!(
                out,
                "  ... and {} more (--format json lists them all)",
                reasons.len() - SHOWN
            )?;
        }
    }
    let place = changelog::Place {
        lang: Lang::En,
        docs: "docs/",
        header: None,
    };
    writeln!(out, "\nchangelog:\n")?;
    out.write_all(changelog::section(&plan.release, place).as_bytes())?;
    if dry_run {
        writeln!(out, "\n(dry run: nothing written)")?;
    }
    Ok(())
}
