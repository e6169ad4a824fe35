//! Everything `bizgen generate` writes: the files of every target of the
//! registry ([`super::registry`]). [`emit`] hands each file to a
//! sink as soon as its target renders it, so that a large API is never
//! held whole in memory; [`outputs`] collects them into one map.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::facts::Facts;
use crate::ir::Api;
use crate::target::{Ownership, Target};

pub use crate::rust::CrateOptions as Options;
pub use crate::target::Sink;

/// Every generated file, by path relative to the output directory.
pub fn outputs(api: &Api, options: &Options) -> crate::Result<BTreeMap<PathBuf, String>> {
    let files = Mutex::new(BTreeMap::new());
    emit(api, options, &|path, text| {
        files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path, text);
        Ok(())
    })?;
    Ok(files.into_inner().unwrap_or_else(PoisonError::into_inner))
}

/// Renders every output into `out_dir` as `bizgen generate` does: changed
/// files rewritten atomically, unchanged ones left alone, stale generated
/// ones removed, hand-written ones at generated paths refused.
pub fn generate(api: &Api, options: &Options, out_dir: &Path) -> crate::Result<super::WriteReport> {
    generate_with(api, options, out_dir, &Run::default())
}

/// How `generate` treats what is on the disk.
#[derive(Debug, Clone, Default)]
pub struct Run {
    /// Overwrite files at generated paths that bizgen did not write.
    pub force: bool,
    /// Use the cache ([`crate::cache`]; [`super::generate_dir`] and
    /// [`super::check_dir_cached`] only).
    pub cache: bool,
}

/// [`generate`], as `run` says.
pub fn generate_with(
    api: &Api,
    options: &Options,
    out_dir: &Path,
    run: &Run,
) -> crate::Result<super::WriteReport> {
    let targets = super::registry(options);
    let writer = super::DiskWriter::new(out_dir, Ownership::of(&targets)).force(run.force);
    emit_targets(api, &targets, &|rel, text| {
        writer
            .file(&rel, &text)
            .map_err(crate::Error::io("write", out_dir.join(&rel)))
    })?;
    writer
        .finish()
        .map_err(crate::Error::io("clean up", out_dir))
}

/// Compares every output with `out_dir`, as `bizgen check` does: the
/// differences (empty when in sync) and the number of files compared.
pub fn check_dir(
    api: &Api,
    options: &Options,
    out_dir: &Path,
) -> crate::Result<(Vec<super::Drift>, usize)> {
    let targets = super::registry(options);
    let checker = super::DriftChecker::new(out_dir, Ownership::of(&targets));
    emit_targets(api, &targets, &|rel, text| {
        checker.file(&rel, &text);
        Ok(())
    })?;
    let files = checker.files();
    let drift = checker
        .finish()
        .map_err(crate::Error::io("read", out_dir))?;
    Ok((drift, files))
}

/// Renders every target of the registry and gives each file to `sink`
/// (path relative to the output directory) as soon as it is done.
pub fn emit(api: &Api, options: &Options, sink: Sink<'_>) -> crate::Result<()> {
    emit_targets(api, &super::registry(options), sink)
}

pub(super) fn emit_targets(
    api: &Api,
    targets: &[Box<dyn Target + '_>],
    sink: Sink<'_>,
) -> crate::Result<()> {
    let facts = Facts::new(api);
    crate::target::emit_all(targets, &facts, sink)
}
