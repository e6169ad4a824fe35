//! Loading a spec directory, in stages that each have their module:
//! [`parse`] (YAML → [`raw`]), [`merge`] (files → one set of sections),
//! [`resolve`] (sections → IR, with `types` and `operations`) and
//! [`validate`] (checks over the whole IR). Every diagnostic is collected
//! rather than stopping at the first.

mod conditions;
mod constraints;
mod ctx;
mod flow;
mod lifecycle;
pub mod located;
mod merge;
mod modules;
mod operation;
mod operations;
mod paging;
mod parse;
pub mod raw;
mod releases;
mod resolve;
pub(crate) mod suggest;
mod types;
mod validate;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Severity, SourceFiles, SpecErrors};
use crate::ir::Api;
use ctx::Ctx;

/// A successfully loaded spec: the IR plus any warnings.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub api: Api,
    pub files: SourceFiles,
    pub warnings: Vec<Diagnostic>,
}

/// One spec file's text and the path to show in diagnostics.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

/// Loads every `*.yaml`/`*.yml` file below `dir`.
pub fn load_dir(dir: &Path) -> Result<Loaded, SpecErrors> {
    let mut paths = Vec::new();
    let mut diagnostics = Vec::new();
    if let Err(e) = collect_yaml(dir, &mut paths) {
        diagnostics.push(
            Diagnostic::error(
                None,
                format!("cannot read spec directory {}: {e}", dir.display()),
            )
            .help("run from the repository root, or pass --spec DIR"),
        );
    }
    paths.sort();
    let mut sources = Vec::new();
    for path in paths {
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => sources.push(Source { path, text }),
                Err(e) => diagnostics.push(Diagnostic::error(
                    None,
                    format!("{}: not UTF-8 text: {e}", path.display()),
                )),
            },
            Err(e) => diagnostics.push(Diagnostic::error(
                None,
                format!("{}: cannot read: {e}", path.display()),
            )),
        }
    }
    if !diagnostics.is_empty() {
        return Err(SpecErrors {
            files: SourceFiles::default(),
            diagnostics,
        });
    }
    load_sources(sources)
}

/// The spec files [`load_dir`] reads, in the order it reads them.
pub fn yaml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    collect_yaml(dir, &mut paths)?;
    paths.sort();
    Ok(paths)
}

fn collect_yaml(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect_yaml(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

/// Loads a spec from in-memory files (tests, fuzzing, the proc-macro).
pub fn load_sources(sources: Vec<Source>) -> Result<Loaded, SpecErrors> {
    let files = SourceFiles {
        paths: sources.iter().map(|s| s.path.clone()).collect(),
    };
    let mut diagnostics = Vec::new();
    if sources.is_empty() {
        diagnostics.push(
            Diagnostic::error(None, "no spec files (*.yaml) found")
                .help("the spec directory must hold at least one YAML file with an `api:` section"),
        );
    }
    let mut parsed = Vec::new();
    for result in parse::parse_all(&sources) {
        match result {
            Ok(file) => parsed.push(file),
            Err(d) => diagnostics.push(d),
        }
    }
    if !diagnostics.is_empty() {
        // References into a file that did not parse would all look broken;
        // report what stopped parsing and nothing that follows from it.
        return finish(None, files, diagnostics);
    }
    let modules = modules::FileModules::new(&files.paths);
    let mut ctx = Ctx {
        diags: &mut diagnostics,
        files: &files,
        modules: &modules,
    };
    let merged = merge::merge(&mut ctx, &parsed);
    let api = resolve::resolve(&mut ctx, &merged);
    if let Some(api) = &api {
        // Whole-IR checks would only repeat a broken reference in other
        // words: they run on a spec that resolved cleanly.
        if !ctx.has_errors() {
            validate::validate(&mut ctx, api);
        }
    }
    finish(api, files, diagnostics)
}

fn finish(
    api: Option<Api>,
    files: SourceFiles,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<Loaded, SpecErrors> {
    diagnostics.sort_by_key(|d| (d.severity, d.pos));
    diagnostics.dedup();
    let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
    match api {
        Some(api) if !has_errors => Ok(Loaded {
            api,
            files,
            warnings: diagnostics,
        }),
        _ => Err(SpecErrors { files, diagnostics }),
    }
}
