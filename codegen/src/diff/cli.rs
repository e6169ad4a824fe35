//! The `bizgen diff` command: arguments, loading the two specs (from
//! directories or a git ref), and the run function that the CLI calls.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::accept::AcceptFile;
use super::compare::{all_added, compare};
use super::failure::LoadFailure;
use super::finding::SpecSide;
use super::levels::Levels;
use super::render::{render, render_failure, Format};
use super::report::{CategoryFilter, FailOn, Options, Report};
use super::rules::RULES;
use super::{git, DiffError};
use crate::spec::{load_dir, load_sources, Loaded};

/// Exit code when a finding that `--fail-on` names exists.
pub const EXIT_FINDINGS: u8 = 1;
pub use crate::cli::EXIT_USAGE;

/// Arguments of `bizgen diff`.
///
/// `bizgen diff OLD [NEW]` compares two spec directories (NEW defaults to
/// the `--spec` directory); `bizgen diff --against REF` compares the
/// `--spec` directory as committed at REF with the working copy.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DiffArgs {
    /// The old spec directory.
    #[arg(value_name = "OLD")]
    pub old: Option<PathBuf>,
    /// The new spec directory [default: the --spec directory].
    #[arg(value_name = "NEW")]
    pub new: Option<PathBuf>,
    /// Compare with the spec as committed at this git ref (branch, tag or
    /// commit). A ref without the spec reports every operation as added.
    #[arg(long, value_name = "REF", conflicts_with_all = ["old", "new"])]
    pub against: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit with 1 when such a finding exists (not counting accepted ones):
    /// `err` = wire errors, `sdk-err` = wire errors and sdk breaks,
    /// `warn`/`info` = wire and security findings at or above that level.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,
    /// Show only this category of findings.
    #[arg(long, value_enum, default_value_t = CategoryFilter::All)]
    pub category: CategoryFilter,
    /// Accepted changes (YAML: `accepted: [{rule, operation | type, path, reason, until}]`; `path` is the finding's JSON `path`, relative to its operation or type: `request.email`, or a type's field; see manual/diff.md).
    #[arg(long, value_name = "FILE")]
    pub accept: Option<PathBuf>,
    /// Levels of your own for some rules: lines of `rule-id err|warn|info|none`.
    #[arg(long, value_name = "FILE")]
    pub severity_levels: Option<PathBuf>,
    /// Print every rule (id, level, category, description) and exit.
    #[arg(long, conflicts_with_all = ["old", "new", "against"])]
    pub list_rules: bool,
}

/// Runs `bizgen diff`: prints the findings to `out` in the chosen format.
/// Returns the exit code: 1 when a finding that `--fail-on` names exists,
/// 2 on usage errors (bad arguments or files, unknown git ref, a spec that
/// does not load: said on `out` in the chosen format, and on `err`), else 0.
pub fn run_diff(
    args: &DiffArgs,
    spec_dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    if args.list_rules {
        for r in RULES {
            writeln!(
                out,
                "{:<36} {:<5} {:<8} {}",
                r.id,
                r.level.as_str(),
                r.category.as_str(),
                r.description
            )?;
        }
        return Ok(0);
    }
    if args.against.is_some() && (args.old.is_some() || args.new.is_some()) {
        writeln!(
            err,
            "bizgen diff: give either OLD [NEW] or --against REF, not both"
        )?;
        return Ok(EXIT_USAGE);
    }
    let options = match options(args) {
        Ok(o) => o,
        Err(e) => {
            writeln!(err, "bizgen diff: {e}")?;
            return Ok(EXIT_USAGE);
        }
    };
    let loaded = match (&args.against, &args.old) {
        (Some(git_ref), _) => spec_at_ref(spec_dir, git_ref).and_then(|old| {
            let new = from_dir(SpecSide::New, spec_dir)?;
            Ok((old, new))
        }),
        (None, Some(old_dir)) => from_dir(SpecSide::Old, old_dir).and_then(|old| {
            let new = from_dir(SpecSide::New, args.new.as_deref().unwrap_or(spec_dir))?;
            Ok((Some(old), new))
        }),
        (None, None) => {
            writeln!(
                err,
                "bizgen diff: give the old spec directory (OLD [NEW]) or --against REF"
            )?;
            return Ok(EXIT_USAGE);
        }
    };
    let (old, new) = match loaded {
        Ok(pair) => pair,
        Err(failure) => {
            let text = render_failure(&failure, args.format);
            if args.format == Format::Text {
                err.write_all(text.as_bytes())?;
            } else {
                out.write_all(text.as_bytes())?;
                writeln!(err, "bizgen diff: {}", failure.headline())?;
            }
            return Ok(EXIT_USAGE);
        }
    };
    let findings = match &old {
        Some(old) => compare(old, &new, options.today),
        None => all_added(&new),
    };
    let report = Report::new(findings, &options);
    out.write_all(render(&report, args.format).as_bytes())?;
    let fail = args.fail_on.is_some_and(|f| report.fails(f));
    Ok(if fail { EXIT_FINDINGS } else { 0 })
}

fn options(args: &DiffArgs) -> Result<Options, DiffError> {
    Ok(Options {
        levels: match &args.severity_levels {
            Some(path) => Levels::read(path)?,
            None => Levels::default(),
        },
        accept: args.accept.as_deref().map(AcceptFile::read).transpose()?,
        category: args.category,
        ..Options::default()
    })
}

/// The spec at `git_ref`; `None` when the ref has no spec yet.
pub(crate) fn spec_at_ref(spec_dir: &Path, git_ref: &str) -> Result<Option<Loaded>, LoadFailure> {
    let label = format!("{git_ref}:{}", spec_dir.display());
    let failed = |e: DiffError| LoadFailure::message(SpecSide::Old, label.clone(), e.to_string());
    let root = git::repo_root_of(spec_dir).map_err(failed)?;
    let rel = relative_to(spec_dir, &root).ok_or_else(|| {
        failed(DiffError::Git(format!(
            "{} is not inside the git repository {}",
            spec_dir.display(),
            root.display()
        )))
    })?;
    let label = format!("{git_ref}:{}", git::rel_str(&rel));
    let Some(sources) = git::sources_at_ref(&root, git_ref, &rel).map_err(failed)? else {
        return Ok(None);
    };
    load_sources(sources)
        .map(Some)
        .map_err(|e| LoadFailure::spec_errors(SpecSide::Old, label, &e))
}

/// A spec directory, its files named relative to the repository root (so
/// locations do not depend on the working directory).
pub(crate) fn from_dir(side: SpecSide, dir: &Path) -> Result<Loaded, LoadFailure> {
    let root = git::repo_root_of(dir).ok();
    let shown = |p: &Path| match &root {
        Some(root) => relative_to(p, root).unwrap_or_else(|| p.to_owned()),
        None => p.to_owned(),
    };
    let label = shown(dir).display().to_string();
    let mut loaded = load_dir(dir).map_err(|e| {
        let mut e = e;
        for p in &mut e.files.paths {
            *p = shown(p);
        }
        LoadFailure::spec_errors(side, label, &e)
    })?;
    for p in &mut loaded.files.paths {
        *p = shown(p);
    }
    Ok(loaded)
}

/// `path` relative to `root`, both resolved; `None` when it is outside.
fn relative_to(path: &Path, root: &Path) -> Option<PathBuf> {
    let path = path.canonicalize().ok()?;
    let root = root.canonicalize().ok()?;
    path.strip_prefix(&root).ok().map(Path::to_path_buf)
}
