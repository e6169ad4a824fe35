//! Everything `bizgen generate` writes, as one map of relative path →
//! content; `bizgen check` compares the same map with what is on disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
pub fn outputs(api: &Api, options: &Options) -> Result<BTreeMap<PathBuf, String>, String> {
    // Docs render on their own thread while the Rust emitter runs.
    let (sources, docs) = std::thread::scope(|scope| {
        let docs = scope.spawn(|| crate::docs::render_docs(api).map_err(|e| e.to_string()));
        let sources = crate::rust::render_crate(api);
        let docs = docs
            .join()
            .unwrap_or_else(|_| Err("internal error: the docs thread panicked".into()));
        (sources, docs)
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
    Ok(files)
}

/// Directories below the output that belong to the generator: files there
/// that it would not write are stale.
const OWNED_DIRS: &[&str] = &["src", "docs"];

/// Writes the outputs, removing stale files in generator-owned directories.
/// Files whose content is unchanged are not rewritten (keeps mtimes, so
/// cargo does not rebuild needlessly).
pub fn write(out_dir: &Path, files: &BTreeMap<PathBuf, String>) -> std::io::Result<WriteReport> {
    let mut report = WriteReport::default();
    for (rel, text) in files {
        let path = out_dir.join(rel);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            report.unchanged += 1;
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        // Write beside, then rename: an interrupted run leaves the old file whole.
        let tmp = path.with_extension("bizgen-tmp");
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, &path)?;
        report.written.push(rel.clone());
    }
    for stale in stale_files(out_dir, files)? {
        let path = out_dir.join(&stale);
        if was_generated(&stale, &path) {
            std::fs::remove_file(path)?;
            report.removed.push(stale);
        } else {
            // Not ours: never delete a file someone wrote by hand.
            report.kept.push(stale);
        }
    }
    Ok(report)
}

/// Whether a stale file is one the generator wrote: Rust files carry the
/// `@generated` header; markdown below `docs/` is all generated.
fn was_generated(rel: &Path, path: &Path) -> bool {
    match rel.extension().and_then(|e| e.to_str()) {
        Some("md") => rel.starts_with("docs"),
        Some("bizgen-tmp") => true,
        _ => std::fs::read_to_string(path).is_ok_and(|t| t.starts_with(crate::rust::HEADER)),
    }
}

#[derive(Debug, Default)]
pub struct WriteReport {
    pub written: Vec<PathBuf>,
    /// Stale generated files that were removed.
    pub removed: Vec<PathBuf>,
    /// Stale files that were not generated, left in place (`check` reports them).
    pub kept: Vec<PathBuf>,
    pub unchanged: usize,
}

fn stale_files(out_dir: &Path, files: &BTreeMap<PathBuf, String>) -> std::io::Result<Vec<PathBuf>> {
    let mut stale = Vec::new();
    for dir in OWNED_DIRS {
        let mut found = Vec::new();
        list_files(&out_dir.join(dir), &mut found)?;
        for path in found {
            if let Ok(rel) = path.strip_prefix(out_dir) {
                if !files.contains_key(rel) {
                    stale.push(rel.to_path_buf());
                }
            }
        }
    }
    stale.sort();
    Ok(stale)
}

fn list_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            list_files(&entry.path(), out)?;
        } else {
            out.push(entry.path());
        }
    }
    Ok(())
}

/// One difference between the outputs and the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    Missing(PathBuf),
    Stale(PathBuf),
    Changed { path: PathBuf, diff: String },
}

/// Compares the outputs with `out_dir`; empty when in sync.
pub fn check(out_dir: &Path, files: &BTreeMap<PathBuf, String>) -> std::io::Result<Vec<Drift>> {
    let mut drift = Vec::new();
    for (rel, want) in files {
        match std::fs::read_to_string(out_dir.join(rel)) {
            Ok(have) if have == *want => {}
            Ok(have) => {
                let diff = similar::TextDiff::from_lines(&have, want)
                    .unified_diff()
                    .context_radius(3)
                    .header(
                        &format!("a/{}", rel.display()),
                        &format!("b/{}", rel.display()),
                    )
                    .to_string();
                drift.push(Drift::Changed {
                    path: rel.clone(),
                    diff,
                });
            }
            Err(_) => drift.push(Drift::Missing(rel.clone())),
        }
    }
    for stale in stale_files(out_dir, files)? {
        drift.push(Drift::Stale(stale));
    }
    Ok(drift)
}

/// The build-script front-end: writes the generated items into `OUT_DIR`.
///
/// In `build.rs`:
///
/// ```no_run
/// if let Err(e) = bizgen::Builder::new("spec").generate() {
///     eprintln!("{e}");
///     std::process::exit(1);
/// }
/// ```
///
/// and in the crate: `include!(concat!(env!("OUT_DIR"), "/customer_api.rs"));`
#[derive(Debug, Clone)]
pub struct Builder {
    spec_dir: PathBuf,
    out_dir: Option<PathBuf>,
    file_name: Option<String>,
}

impl Builder {
    /// `spec_dir` is relative to the crate's manifest directory.
    pub fn new(spec_dir: impl Into<PathBuf>) -> Self {
        Builder {
            spec_dir: spec_dir.into(),
            out_dir: None,
            file_name: None,
        }
    }

    /// Overrides `OUT_DIR`.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Overrides the file name (default: the API name in snake case + `.rs`).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Loads the spec, prints `cargo:rerun-if-changed` lines and writes the
    /// file; returns its path.
    pub fn generate(self) -> Result<PathBuf, String> {
        let base = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_default();
        let spec_dir = base.join(&self.spec_dir);
        let loaded = crate::spec::load_dir(&spec_dir).map_err(|e| e.to_string())?;
        println!("cargo:rerun-if-changed={}", spec_dir.display());
        for path in &loaded.files.paths {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        let out_dir = match self.out_dir {
            Some(d) => d,
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or("OUT_DIR is not set: call Builder from a build script, or set out_dir")?,
        };
        let name = self
            .file_name
            .unwrap_or_else(|| format!("{}.rs", loaded.api.name.replace('-', "_")));
        let path = out_dir.join(name);
        let text = crate::rust::render_include(&loaded.api)?;
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(path)
    }
}

/// The proc-macro front-end: the items for a spec directory, or a message
/// for `compile_error!` that names file:line:column.
pub fn macro_expansion(
    manifest_dir: &Path,
    spec_dir: &str,
) -> Result<(proc_macro2::TokenStream, Vec<PathBuf>), String> {
    let dir = manifest_dir.join(spec_dir);
    // Diagnostics name files by this path: without `..` segments they read better.
    let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    let loaded = crate::spec::load_dir(&dir).map_err(|e| e.to_string())?;
    let files = loaded
        .files
        .paths
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .collect();
    Ok((crate::rust::items(&loaded.api), files))
}
