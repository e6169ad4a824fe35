//! Everything `bizgen generate` writes, as one map of relative path →
//! content: the SDK crate (manifest, sources, mock binary), the docs and
//! the TypeScript package (`ts/`), the OpenAPI and Postman exports
//! (`openapi/`, `postman/`).

use std::collections::BTreeMap;
use std::path::PathBuf;

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

/// Every generated file, by path relative to the output directory.
pub fn outputs(api: &Api, options: &Options) -> crate::Result<BTreeMap<PathBuf, String>> {
    // Docs and TypeScript render on their own threads while the Rust emitter runs.
    let (sources, docs, ts) = std::thread::scope(|scope| {
        let docs = scope.spawn(|| crate::docs::render_docs(api));
        let ts = scope.spawn(|| crate::typescript::render_package(api));
        let sources = crate::rust::render_crate(api);
        let docs = docs
            .join()
            .unwrap_or(Err(crate::Error::Internal("the docs thread panicked")));
        let ts = ts.join().unwrap_or(Err(crate::Error::Internal(
            "the TypeScript thread panicked",
        )));
        (sources, docs, ts)
    });
    let mut files: BTreeMap<PathBuf, String> = sources?.into_iter().collect();
    files.insert(
        PathBuf::from("Cargo.toml"),
        crate::rust::render_manifest(api, &options.runtime_path, options.private),
    );
    files.insert(
        PathBuf::from("src/bin/mock.rs"),
        crate::rust::render_mock_bin(api),
    );
    for (path, text) in docs? {
        files.insert(PathBuf::from("docs").join(path), text);
    }
    for (path, text) in ts? {
        files.insert(PathBuf::from("ts").join(path), text);
    }
    files.extend(crate::openapi::files(api)?);
    files.extend(crate::postman::files(api)?);
    Ok(files)
}
