//! `bizgen generate` and `bizgen check`: the registry's outputs written to
//! the output directory, or compared with it.

use std::io::Write;
use std::path::Path;

use super::EXIT_FAILURE;
use crate::generate::{self, Cached, Drift, Options, Run, WriteReport};

/// `bizgen generate`: writes every output, then says what was done; exit 1
/// when a hand-written file was in the way of one.
pub(super) fn generate(
    spec: &Path,
    dir: &Path,
    options: &Options,
    run: &Run,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    match generate::generate_dir(spec, dir, options, run) {
        Ok(done) => {
            print_warnings(&done, err)?;
            print_report(dir, &done.result, err)?;
            Ok(if done.result.refused.is_empty() {
                0
            } else {
                EXIT_FAILURE
            })
        }
        Err(e) => failed(spec, e, err),
    }
}

/// The spec's warnings, and what the cache spared.
fn print_warnings<T>(done: &Cached<T>, err: &mut dyn Write) -> std::io::Result<()> {
    for w in &done.warnings {
        writeln!(err, "{w}")?;
    }
    if done.reused {
        writeln!(
            err,
            "cache: spec, bizgen and outputs unchanged since the last run; nothing rendered"
        )?;
    }
    Ok(())
}

/// A run that failed: the spec's diagnostics, or the error.
fn failed(spec: &Path, e: crate::Error, err: &mut dyn Write) -> std::io::Result<u8> {
    match e {
        crate::Error::Spec(errors) => {
            super::print_diagnostics(&errors.files, &errors.diagnostics, err)?;
            writeln!(
                err,
                "{} error(s) in {}",
                errors.error_count(),
                spec.display()
            )?;
        }
        e => writeln!(err, "bizgen: {e}")?,
    }
    Ok(EXIT_FAILURE)
}

fn print_report(dir: &Path, report: &WriteReport, err: &mut dyn Write) -> std::io::Result<()> {
    for p in &report.written {
        writeln!(err, "wrote {}", dir.join(p).display())?;
    }
    for p in &report.removed {
        writeln!(err, "removed stale {}", dir.join(p).display())?;
    }
    for p in &report.kept {
        writeln!(
            err,
            "warning: {} is not generated from the spec; left in place (move it out of {})",
            dir.join(p).display(),
            dir.display()
        )?;
    }
    for (p, why) in &report.refused {
        writeln!(
            err,
            "error: {} not overwritten: {why}; move it away, or run again with --force to replace it",
            dir.join(p).display()
        )?;
    }
    let refused = match report.refused.len() {
        0 => String::new(),
        n => format!(", {n} refused"),
    };
    writeln!(
        err,
        "{}: {} files ({} written, {} unchanged, {} removed{refused})",
        dir.display(),
        report.files(),
        report.written.len(),
        report.unchanged,
        report.removed.len()
    )
}

/// `bizgen check`: exit 1 with a diff when the directory drifted.
pub(super) fn check(
    spec: &Path,
    dir: &Path,
    options: &Options,
    run: &Run,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let (drift, files) = match generate::check_dir_cached(spec, dir, options, run) {
        Ok(done) => {
            print_warnings(&done, err)?;
            done.result
        }
        Err(e) => return failed(spec, e, err),
    };
    if drift.is_empty() {
        writeln!(
            err,
            "{} is in sync with {} ({} files)",
            dir.display(),
            spec.display(),
            files
        )?;
        return Ok(0);
    }
    print_drift(dir, &drift, out)?;
    writeln!(
        err,
        "{n} file(s) in {d} differ from the spec; run `bizgen generate --spec {s} --out {d}` \
         (without bizgen installed: `cargo run -q -p bizgen -- generate --spec {s} --out {d}` in bizgen's \
         repository, or `cargo install --path codegen` there first) and commit the result",
        n = drift.len(),
        d = dir.display(),
        s = spec.display(),
    )?;
    Ok(EXIT_FAILURE)
}

fn print_drift(dir: &Path, drift: &[Drift], out: &mut dyn Write) -> std::io::Result<()> {
    for d in drift {
        match d {
            Drift::Missing(p) => writeln!(out, "missing: {}", dir.join(p).display())?,
            Drift::Stale(p) => writeln!(
                out,
                "stale (not generated from the spec): {}",
                dir.join(p).display()
            )?,
            Drift::Changed { diff, .. } => out.write_all(diff.as_bytes())?,
        }
    }
    Ok(())
}
