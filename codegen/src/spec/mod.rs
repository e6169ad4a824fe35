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
    for (index, result) in parse_all(&sources) {
        match result {
            Ok(file) => parsed.push((index, file)),
            Err(d) => diagnostics.push(d),
        }
    }
    if !diagnostics.is_empty() {
        // References into a file that did not parse would all look broken;
        // report what stopped parsing and nothing that follows from it.
        return finish(None, files, diagnostics);
    }
    let api = resolve::resolve(parsed, &files, &mut diagnostics);
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

/// Parses every file, spread over the available cores (YAML parsing is most
/// of a load's time); results come back in file order.
fn parse_all(sources: &[Source]) -> Vec<(usize, Result<raw::SpecFile, Diagnostic>)> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(sources.len());
    if threads <= 1 {
        return sources
            .iter()
            .enumerate()
            .map(|(i, s)| (i, parse_file(i, &s.text)))
            .collect();
    }
    // Deal the files out largest first, each to the least loaded thread.
    let mut order: Vec<usize> = (0..sources.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sources[i].text.len()));
    let mut buckets: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new()); threads];
    for i in order {
        if let Some(lightest) = buckets.iter_mut().min_by_key(|(load, _)| *load) {
            lightest.0 += sources[i].text.len();
            lightest.1.push(i);
        }
    }
    let mut results: Vec<(usize, Result<raw::SpecFile, Diagnostic>)> =
        std::thread::scope(|scope| {
            let handles: Vec<_> = buckets
                .into_iter()
                .map(|(_, files)| {
                    scope.spawn(move || {
                        files
                            .into_iter()
                            .map(|i| (i, parse_file(i, &sources[i].text)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| {
                    h.join().unwrap_or_else(|_| {
                        vec![(
                            0,
                            Err(Diagnostic::error(
                                None,
                                "internal error: a parser thread panicked",
                            )),
                        )]
                    })
                })
                .collect()
        });
    results.sort_by_key(|(i, _)| *i);
    results
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
        let (message, help) = match spec_author_message(&e) {
            Some((message, help)) => (message, Some(help)),
            None => {
                let message = first_line(&e.to_string());
                let help = help_for(&message);
                (message, help)
            }
        };
        let d = Diagnostic::error(
            pos.or(Some(Pos {
                file: index,
                line: 1,
                column: 1,
            })),
            message,
        );
        match help {
            Some(h) => d.help(h),
            None => d,
        }
    })
}

/// serde-saphyr's messages for the errors that it words for Rust developers
/// (naming its own API or Rust types), reworded for spec authors.
fn spec_author_message(e: &serde_saphyr::Error) -> Option<(String, String)> {
    use serde_saphyr::Error as E;
    let mut e = e;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = e {
        e = error;
    }
    Some(match e {
        E::DuplicateMappingKey { key, .. } => (
            match key {
                Some(k) => format!("duplicate key `{k}` in this mapping"),
                None => "duplicate key in this mapping".to_owned(),
            },
            "remove or rename one of the two entries".to_owned(),
        ),
        E::MultipleDocuments { .. } => (
            "a second YAML document starts here (after `---`)".to_owned(),
            "a spec file holds one document: remove the `---` or move what follows into a file of its own".to_owned(),
        ),
        E::SerdeUnknownField { field, expected, .. } => (
            format!("unknown key `{field}`{}", did_you_mean(field, expected)),
            format!("expected one of {}; see spec/README.md or the JSON Schema (bizgen schema)", expected.join(", ")),
        ),
        E::SerdeUnknownVariant { variant, expected, .. } => (
            format!("unknown value `{variant}`{}", did_you_mean(variant, expected)),
            format!("expected one of {}", expected.join(", ")),
        ),
        E::SerdeMissingField { field, .. } => (
            format!("missing required key `{field}`"),
            format!(
                "add `{field}:` to the mapping that holds this position; spec/README.md lists what each section needs"
            ),
        ),
        E::Unexpected { expected: "mapping start", .. } => (
            "expected a mapping (`key: value` entries) here".to_owned(),
            "spec/README.md shows the shape of every section".to_owned(),
        ),
        E::InvalidScalar { ty: "u64", .. } => (
            "expected a non-negative whole number".to_owned(),
            "lengths are whole numbers such as `0` or `50`".to_owned(),
        ),
        E::InvalidScalar { ty: "i64", .. } => (
            "expected a whole number that fits in 64 bits".to_owned(),
            "bounds are whole numbers such as `-1` or `100`".to_owned(),
        ),
        E::NullIntoString { .. } => (
            "expected a string, found nothing (null)".to_owned(),
            "write a value after the `:`, quoted if it could be read as something else".to_owned(),
        ),
        _ => return None,
    })
}

fn did_you_mean(name: &str, expected: &[&str]) -> String {
    let candidates: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    resolve::suggest(name, candidates.iter())
        .map(|s| format!("; {s}"))
        .unwrap_or_default()
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
    } else if message.contains("tabs disallowed") {
        Some("indent with spaces: YAML does not allow tabs in indentation".into())
    } else if message.contains("mapping values are not allowed") {
        Some("check this line's indentation against its neighbours, or quote a value that contains `: `".into())
    } else if message.contains("did not find expected") {
        Some("a `{` or `[` is not closed, or an entry in it lacks its `,`".into())
    } else {
        None
    }
}
