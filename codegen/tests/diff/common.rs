//! Fixtures, spec loading and running the command, shared by the diff tests.

use std::path::{Path, PathBuf};

use bizgen::diff::{diff, run_diff, DiffArgs, Finding, Format};
use bizgen::{load_dir, load_sources, Loaded, Source};

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff")
}

pub fn spec_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

pub fn load(dir: &Path) -> Loaded {
    load_dir(dir).unwrap_or_else(|e| panic!("{} does not load:\n{e}", dir.display()))
}

pub fn fixture_findings(rule: &str) -> Vec<Finding> {
    let dir = fixtures().join(rule);
    diff(&load(&dir.join("old")), &load(&dir.join("new")))
}

/// Every rule's fixture directory name.
pub fn fixture_names() -> Vec<String> {
    let mut dirs: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    dirs
}

/// The fixtures' base spec (`operation-removed/old`) with `edits` applied
/// (each `from` must occur once in one of its two files), named
/// `spec/common.yaml` and `spec/service.yaml`.
pub fn base_spec(edits: &[(&str, &str)]) -> Loaded {
    let base = fixtures().join("operation-removed/old");
    let mut files: Vec<(String, String)> = ["common.yaml", "service.yaml"]
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(base.join(f)).unwrap();
            (format!("spec/{f}"), text)
        })
        .collect();
    for (from, to) in edits {
        let count: usize = files.iter().map(|(_, t)| t.matches(from).count()).sum();
        assert_eq!(count, 1, "{from:?} is not unique");
        for (_, text) in &mut files {
            *text = text.replace(from, to);
        }
    }
    let sources = files
        .into_iter()
        .map(|(path, text)| Source {
            path: path.into(),
            text,
        })
        .collect();
    load_sources(sources).unwrap_or_else(|e| panic!("edited spec does not load:\n{e}"))
}

/// The real spec, with `from` replaced by `to` in the file whose name ends in `file`.
pub fn edited_real_spec(file: &str, from: &str, to: &str) -> Loaded {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "yaml") {
                out.push(p);
            }
        }
    }
    let mut paths: Vec<PathBuf> = Vec::new();
    walk(&spec_dir(), &mut paths);
    paths.sort();
    let sources = paths
        .into_iter()
        .map(|path| {
            let mut text = std::fs::read_to_string(&path).unwrap();
            if path.ends_with(file) {
                assert_eq!(
                    text.matches(from).count(),
                    1,
                    "{from:?} is not unique in {file}"
                );
                text = text.replace(from, to);
            }
            Source { path, text }
        })
        .collect();
    load_sources(sources).unwrap_or_else(|e| panic!("edited spec does not load:\n{e}"))
}

/// Runs `bizgen diff` in-process: (exit code, stdout, stderr).
pub fn run(args: &DiffArgs, spec: &Path) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_diff(args, spec, &mut out, &mut err).unwrap();
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// `bizgen diff fixtures/<rule>/old fixtures/<rule>/new`.
pub fn pair(rule: &str, format: Format) -> DiffArgs {
    DiffArgs {
        old: Some(fixtures().join(rule).join("old")),
        new: Some(fixtures().join(rule).join("new")),
        format,
        ..DiffArgs::default()
    }
}

/// Only the rule ids of findings.
pub fn rules_of(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.rule).collect()
}
