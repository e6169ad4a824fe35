//! Loading a spec directory: parse every YAML file, merge, resolve into the
//! IR and check it, collecting every diagnostic rather than stopping early.

pub mod located;
pub mod raw;
mod resolve;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Severity, SourceFiles, SpecErrors};
use crate::ir::Api;
use located::Pos;

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
            Diagnostic::error(None, format!("cannot read spec directory {}: {e}", dir.display()))
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
    for (index, source) in sources.iter().enumerate() {
        match parse_file(index, &source.text) {
            Ok(file) => parsed.push((index, file)),
            Err(d) => diagnostics.push(d),
        }
    }
    if !diagnostics.is_empty() {
        // References into a file that did not parse would all look broken;
        // report what stopped parsing and nothing that follows from it.
        return finish(None, files, diagnostics);
    }
    let api = resolve::resolve(parsed, &mut diagnostics);
    finish(api, files, diagnostics)
}

fn finish(
    api: Option<Api>,
    files: SourceFiles,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<Loaded, SpecErrors> {
    diagnostics.sort_by(|a, b| (a.severity, a.pos).cmp(&(b.severity, b.pos)));
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

fn parse_file(index: usize, text: &str) -> Result<raw::SpecFile, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(raw::SpecFile::default());
    }
    let result = located::with_file(index, || serde_saphyr::from_str::<raw::SpecFile>(text));
    result.map_err(|e| {
        let pos = e.location().map(|l| Pos {
            file: index,
            line: l.line(),
            column: l.column(),
        });
        let message = first_line(&e.to_string());
        let help = help_for(&message);
        let d = Diagnostic::error(pos.or(Some(Pos { file: index, line: 1, column: 1 })), message);
        match help {
            Some(h) => d.help(h),
            None => d,
        }
    })
}

/// serde-saphyr renders a source snippet after the message; diagnostics carry
/// their own location, so keep the message line alone.
fn first_line(rendered: &str) -> String {
    let mut line = rendered.lines().next().unwrap_or("invalid YAML").trim();
    line = line.strip_prefix("error: ").unwrap_or(line);
    // Drop a leading "line X column Y: " that repeats our own location.
    if let Some(rest) = line.strip_prefix("line ") {
        if let Some((_, message)) = rest.split_once(": ") {
            line = message;
        }
    }
    line.to_owned()
}

fn help_for(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some("check the spelling against spec/README.md or the JSON Schema (bizgen schema)".into())
    } else if message.contains("missing field") {
        Some("add the field; spec/README.md lists what each section needs".into())
    } else if message.contains("duplicate") {
        Some("remove or rename one of the two entries".into())
    } else {
        None
    }
}
