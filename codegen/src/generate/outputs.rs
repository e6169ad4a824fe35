//! Everything `bizgen generate` writes: the SDK crate (manifest, sources,
//! mock binary), the docs, the TypeScript package (`ts/`), the Python
//! package (`python/`), the OpenAPI
//! and Postman exports (`openapi/`, `postman/`). [`emit`] hands each file
//! to a sink as soon as its emitter is done, so that a large API is never
//! held whole in memory; [`outputs`] collects them into one map.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::ir::Api;

/// Options of the generated crate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Path from the generated crate to the runtime crate.
    pub runtime_path: String,
    /// `publish = false` in the generated `Cargo.toml`.
    pub private: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            runtime_path: "../runtime".into(),
            private: false,
        }
    }
}

/// Receives the generated files one at a time (path relative to the output
/// directory, content), from several threads.
pub type Sink<'a> = &'a (dyn Fn(PathBuf, String) -> crate::Result<()> + Sync);

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
/// ones removed.
pub fn generate(api: &Api, options: &Options, out_dir: &Path) -> crate::Result<super::WriteReport> {
    let writer = super::DiskWriter::new(out_dir);
    emit(api, options, &|rel, text| {
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
    let checker = super::DriftChecker::new(out_dir);
    emit(api, options, &|rel, text| {
        checker.file(&rel, &text);
        Ok(())
    })?;
    let files = checker.files();
    let drift = checker
        .finish()
        .map_err(crate::Error::io("read", out_dir))?;
    Ok((drift, files))
}

/// Renders every output and gives each file to `sink`. The Rust emitter
/// spreads its modules over the cores; the docs, the TypeScript package and
/// the exports render one after the other on a thread of their own
/// meanwhile, so that both cores stay busy to the end.
pub fn emit(api: &Api, options: &Options, sink: Sink<'_>) -> crate::Result<()> {
    let (sources, others) = std::thread::scope(|scope| {
        let others = scope.spawn(|| -> crate::Result<()> {
            for (path, text) in crate::docs::render_docs(api)? {
                sink(PathBuf::from("docs").join(path), text)?;
            }
            for (path, text) in crate::typescript::render_package(api)? {
                sink(PathBuf::from("ts").join(path), text)?;
            }
            for (path, text) in crate::python::render_package(api)? {
                sink(PathBuf::from("python").join(path), text)?;
            }
            for (path, text) in crate::openapi::files(api)? {
                sink(path, text)?;
            }
            for (path, text) in crate::postman::files(api)? {
                sink(path, text)?;
            }
            Ok(())
        });
        let sources = rust_crate(api, options, sink);
        let others = others.join().unwrap_or(Err(crate::Error::Internal(
            "the docs and exports thread panicked",
        )));
        (sources, others)
    });
    sources?;
    others
}

/// The generated crate: manifest, sources and the mock's binary.
fn rust_crate(api: &Api, options: &Options, sink: Sink<'_>) -> crate::Result<()> {
    crate::rust::render_crate_into(api, sink)?;
    sink(
        PathBuf::from("Cargo.toml"),
        crate::rust::render_manifest(api, &options.runtime_path, options.private),
    )?;
    sink(
        PathBuf::from("src/bin/mock.rs"),
        crate::rust::render_mock_bin(api),
    )
}
