//! `generate` and `check` from the spec directory with the cache
//! ([`crate::cache`]): a run whose inputs (build, options, spec bytes) and
//! outputs on disk are as the last one left them is skipped, stale and
//! hand-written files still looked for; any other run renders everything,
//! the Rust crate's unchanged parts taken already formatted, and records
//! itself for the next one.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::outputs::{emit_targets, Run};
use super::{registry_cached, DiskWriter, Drift, DriftChecker, Options, WriteReport};
use crate::cache::{digest, Digest, FormatCache, Session};
use crate::target::Ownership;

/// What a run from the spec directory did.
#[derive(Debug)]
pub struct Cached<T> {
    /// The spec's warnings, rendered (also when the run was skipped).
    pub warnings: Vec<String>,
    /// Whether the last run's record stood for this one: nothing rendered.
    pub reused: bool,
    /// Parts of the Rust crate taken formatted from the cache, and formatted.
    pub formatted: (usize, usize),
    pub result: T,
}

/// Loads the spec in `spec_dir` and writes every output into `out_dir`, as
/// [`super::generate_with`], skipping what the cache says is done (when
/// `run.cache`). A spec with errors is `Error::Spec`.
pub fn generate_dir(
    spec_dir: &Path,
    out_dir: &Path,
    options: &Options,
    run: &Run,
) -> crate::Result<Cached<WriteReport>> {
    let session = run
        .cache
        .then(|| Session::open(spec_dir, out_dir, options))
        .flatten();
    let ownership = Ownership::of(&super::registry(options));
    if let Some(record) = session.as_ref().and_then(Session::reusable) {
        let writer = DiskWriter::new(out_dir, ownership);
        for output in &record.outputs {
            writer.unchanged(&output.path);
        }
        let report = writer
            .finish()
            .map_err(crate::Error::io("clean up", out_dir))?;
        return Ok(Cached {
            warnings: record.warnings,
            reused: true,
            formatted: (0, 0),
            result: report,
        });
    }
    let (api, warnings) = load(spec_dir)?;
    let format_cache = session.as_ref().map(Session::format_cache);
    let recorded = Recorded::default();
    let writer = DiskWriter::new(out_dir, ownership).force(run.force);
    let targets = registry_cached(options, format_cache.as_ref());
    emit_targets(&api, &targets, &|rel, text| {
        writer
            .file(&rel, &text)
            .map_err(crate::Error::io("write", out_dir.join(&rel)))?;
        recorded.add(session.is_some(), rel, &text);
        Ok(())
    })?;
    let report = writer
        .finish()
        .map_err(crate::Error::io("clean up", out_dir))?;
    drop(targets);
    let formatted = format_cache.as_ref().map_or((0, 0), FormatCache::stats);
    if let Some(session) = &session {
        finish_session(
            session,
            format_cache,
            &report.refused.is_empty(),
            &warnings,
            recorded,
        );
    }
    Ok(Cached {
        warnings,
        reused: false,
        formatted,
        result: report,
    })
}

/// Loads the spec in `spec_dir` and compares every output with `out_dir`,
/// as [`super::check_dir`]: the differences and the number of files
/// compared, skipping the rendering when the cache says nothing changed.
pub fn check_dir_cached(
    spec_dir: &Path,
    out_dir: &Path,
    options: &Options,
    run: &Run,
) -> crate::Result<Cached<(Vec<Drift>, usize)>> {
    let session = run
        .cache
        .then(|| Session::open(spec_dir, out_dir, options))
        .flatten();
    let ownership = Ownership::of(&super::registry(options));
    if let Some(record) = session.as_ref().and_then(Session::reusable) {
        let checker = DriftChecker::new(out_dir, ownership);
        for output in &record.outputs {
            checker.in_sync(&output.path);
        }
        let files = checker.files();
        let drift = checker
            .finish()
            .map_err(crate::Error::io("read", out_dir))?;
        return Ok(Cached {
            warnings: record.warnings,
            reused: true,
            formatted: (0, 0),
            result: (drift, files),
        });
    }
    let (api, warnings) = load(spec_dir)?;
    let format_cache = session.as_ref().map(Session::format_cache);
    let recorded = Recorded::default();
    let checker = DriftChecker::new(out_dir, ownership);
    let targets = registry_cached(options, format_cache.as_ref());
    emit_targets(&api, &targets, &|rel, text| {
        checker.file(&rel, &text);
        recorded.add(session.is_some(), rel, &text);
        Ok(())
    })?;
    let files = checker.files();
    let drift = checker
        .finish()
        .map_err(crate::Error::io("read", out_dir))?;
    drop(targets);
    let formatted = format_cache.as_ref().map_or((0, 0), FormatCache::stats);
    if let Some(session) = &session {
        finish_session(
            session,
            format_cache,
            &drift.is_empty(),
            &warnings,
            recorded,
        );
    }
    Ok(Cached {
        warnings,
        reused: false,
        formatted,
        result: (drift, files),
    })
}

fn load(spec_dir: &Path) -> crate::Result<(crate::ir::Api, Vec<String>)> {
    let loaded = crate::spec::load_dir(spec_dir)?;
    let warnings = loaded
        .warnings
        .iter()
        .map(|d| d.render(&loaded.files))
        .collect();
    Ok((loaded.api, warnings))
}

/// Saves the formatted parts, and records the run when the output
/// directory now holds exactly the outputs (`in_sync`); else forgets it.
fn finish_session(
    session: &Session,
    format_cache: Option<FormatCache>,
    in_sync: &bool,
    warnings: &[String],
    recorded: Recorded,
) {
    if let Some(cache) = format_cache {
        // A pack that cannot be saved only costs the next run time.
        let _ = cache.save();
    }
    if *in_sync {
        session.save(warnings.to_vec(), recorded.into_inner());
    } else {
        session.forget();
    }
}

/// Every output's path, size and digest, for the record.
#[derive(Default)]
struct Recorded(Mutex<Vec<(PathBuf, u64, Digest)>>);

impl Recorded {
    fn add(&self, wanted: bool, rel: PathBuf, text: &str) {
        if wanted {
            let entry = (rel, text.len() as u64, digest(text.as_bytes()));
            self.0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(entry);
        }
    }

    fn into_inner(self) -> Vec<(PathBuf, u64, Digest)> {
        self.0.into_inner().unwrap_or_else(PoisonError::into_inner)
    }
}
