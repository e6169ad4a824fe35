//! The `bizgen diff` command: arguments and the run function that the CLI calls.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{diff, git, render, Format, Level};
use crate::spec::{load_dir, Loaded};

/// Exit code when a finding at or above `--fail-on` exists.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code for bad arguments, an unknown git ref or a spec that does not load.
pub const EXIT_USAGE: u8 = 2;

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
    /// Compare with the spec as committed at this git ref (branch, tag or commit).
    #[arg(long, value_name = "REF", conflicts_with_all = ["old", "new"])]
    pub against: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit with 1 when a finding at or above this level exists.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<Level>,
}

/// Runs `bizgen diff`: prints the findings to `out` in the chosen format,
/// problems to `err`. Returns the exit code: 1 when a finding at or above
/// `--fail-on` exists, 2 on usage errors (bad arguments, unknown git ref,
/// a spec that does not load), else 0.
pub fn run_diff(
    args: &DiffArgs,
    spec_dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    if args.against.is_some() && (args.old.is_some() || args.new.is_some()) {
        writeln!(
            err,
            "bizgen diff: give either OLD [NEW] or --against REF, not both"
        )?;
        return Ok(EXIT_USAGE);
    }
    let (old, new) = match (&args.against, &args.old) {
        (Some(git_ref), _) => {
            let old = match old_at_ref(spec_dir, git_ref) {
                Ok(l) => l,
                Err(msg) => {
                    writeln!(err, "bizgen diff: {msg}")?;
                    return Ok(EXIT_USAGE);
                }
            };
            let Some(new) = load("new", spec_dir, err)? else {
                return Ok(EXIT_USAGE);
            };
            (old, new)
        }
        (None, Some(old_dir)) => {
            let Some(old) = load("old", old_dir, err)? else {
                return Ok(EXIT_USAGE);
            };
            let new_dir = args.new.as_deref().unwrap_or(spec_dir);
            let Some(new) = load("new", new_dir, err)? else {
                return Ok(EXIT_USAGE);
            };
            (old, new)
        }
        (None, None) => {
            writeln!(
                err,
                "bizgen diff: give the old spec directory (OLD [NEW]) or --against REF"
            )?;
            return Ok(EXIT_USAGE);
        }
    };
    let findings = diff(&old, &new);
    out.write_all(render(&findings, args.format).as_bytes())?;
    let fail = args
        .fail_on
        .is_some_and(|at| findings.iter().any(|f| f.level >= at));
    Ok(if fail { EXIT_FINDINGS } else { 0 })
}

fn old_at_ref(spec_dir: &Path, git_ref: &str) -> Result<Loaded, String> {
    let root = git::repo_root_of(spec_dir)?;
    let canon = |p: &Path| {
        p.canonicalize()
            .map_err(|e| format!("cannot resolve {}: {e}", p.display()))
    };
    let spec_abs = canon(spec_dir)?;
    let root_abs = canon(&root)?;
    let rel = spec_abs.strip_prefix(&root_abs).map_err(|_| {
        format!(
            "{} is not inside the git repository {}",
            spec_dir.display(),
            root.display()
        )
    })?;
    git::load_git_ref(&root_abs, git_ref, rel)
}

fn load(which: &str, dir: &Path, err: &mut dyn Write) -> std::io::Result<Option<Loaded>> {
    match load_dir(dir) {
        Ok(l) => Ok(Some(l)),
        Err(e) => {
            writeln!(err, "{e}")?;
            writeln!(
                err,
                "bizgen diff: the {which} spec ({}) does not load",
                dir.display()
            )?;
            Ok(None)
        }
    }
}
