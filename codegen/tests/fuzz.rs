//! Property tests: the loader never panics, whatever it is given, and a
//! spec that fails to load always says why.

use std::path::{Path, PathBuf};

use bizgen::{load_sources, Source, SpecErrors};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

/// The real spec's files, relative paths and text.
fn real_spec() -> &'static [Source] {
    static SPEC: std::sync::OnceLock<Vec<Source>> = std::sync::OnceLock::new();
    SPEC.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let mut paths = Vec::new();
        collect(&root, &mut paths);
        paths.sort();
        paths
            .into_iter()
            .map(|p| Source {
                text: std::fs::read_to_string(&p).unwrap(),
                path: p.strip_prefix(&root).unwrap().to_path_buf(),
            })
            .collect()
    })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

/// Every failure carries at least one error, and every position is inside
/// the file it names.
fn check_errors(e: &SpecErrors, sources: &[Source]) -> Result<(), TestCaseError> {
    prop_assert!(!e.diagnostics.is_empty(), "Err without diagnostics");
    prop_assert!(e.error_count() >= 1, "Err with only warnings: {e}");
    for d in &e.diagnostics {
        if let Some(pos) = d.pos {
            prop_assert!(pos.file < sources.len(), "bad file index: {d:?}");
            let lines = sources[pos.file].text.lines().count() as u64;
            prop_assert!(
                pos.line >= 1 && pos.line <= lines + 1,
                "line {} of a {lines}-line file: {d:?}",
                pos.line
            );
            prop_assert!(pos.column >= 1, "column 0: {d:?}");
        }
    }
    // Rendering never panics either.
    let _ = e.to_string();
    Ok(())
}

fn load_one(text: String) -> Result<(), TestCaseError> {
    let sources = vec![Source {
        path: "fuzz.yaml".into(),
        text,
    }];
    match load_sources(sources.clone()) {
        Ok(_) => Ok(()),
        Err(e) => check_errors(&e, &sources),
    }
}

/// Text that looks a little like YAML, so that the parser gets past the
/// first character more often than with arbitrary Unicode.
fn yamlish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("\n".to_owned()),
        Just("  ".to_owned()),
        Just(": ".to_owned()),
        Just("- ".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just(", ".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("&a ".to_owned()),
        Just("*a".to_owned()),
        Just("<<: ".to_owned()),
        Just("---\n".to_owned()),
        Just("\t".to_owned()),
        Just("#".to_owned()),
        Just("!!str ".to_owned()),
        Just("? ".to_owned()),
        Just("|\n".to_owned()),
        Just("api".to_owned()),
        Just("services".to_owned()),
        Just("types".to_owned()),
        Just("enums".to_owned()),
        Just("fields".to_owned()),
        Just("type".to_owned()),
        Just("operations".to_owned()),
        Just("list<".to_owned()),
        Just(">".to_owned()),
        "[a-zA-Z0-9_]{1,8}",
        "-?[0-9]{1,20}",
    ];
    prop::collection::vec(token, 0..64).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(config())]

    /// (a) Arbitrary bytes as a single spec file.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        load_one(String::from_utf8_lossy(&bytes).into_owned())?;
    }

    /// (a) Arbitrary Unicode as a single spec file.
    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        load_one(text)?;
    }

    /// (a) YAML-looking noise as a single spec file.
    #[test]
    fn yamlish_strings_never_panic(text in yamlish()) {
        load_one(text)?;
    }
}

/// A way to damage one file of the real spec.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    InsertText(usize, String),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let insert = prop_oneof![
        "[ -~]{1,8}",
        "[:{}\\[\\],\"'&*!|>#\\t\\n-]{1,4}",
        any::<String>(),
    ];
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), insert).prop_map(|(at, s)| Mutation::InsertText(at, s)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn floor_char_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let n = lines.len().max(1);
    match m {
        Mutation::DeleteLine(i) => {
            if !lines.is_empty() {
                lines.remove(i % n);
            }
            lines.concat()
        }
        Mutation::DuplicateLine(i) => {
            if !lines.is_empty() {
                let line = lines[i % n];
                lines.insert(i % n, line);
            }
            lines.concat()
        }
        Mutation::SwapLines(a, b) => {
            if !lines.is_empty() {
                lines.swap(a % n, b % n);
            }
            lines.concat()
        }
        Mutation::InsertText(at, s) => {
            let at = floor_char_boundary(text, at % (text.len() + 1));
            format!("{}{s}{}", &text[..at], &text[at..])
        }
        Mutation::Truncate(at) => {
            let at = floor_char_boundary(text, at % (text.len() + 1));
            text[..at].to_owned()
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// (b) One file of the real spec damaged: no panic, and a failure says why.
    #[test]
    fn mutated_real_spec_never_panics(file in any::<usize>(), m in mutation()) {
        let mut sources = real_spec().to_vec();
        let index = file % sources.len();
        sources[index].text = apply(&sources[index].text, &m);
        match load_sources(sources.clone()) {
            Ok(loaded) => {
                // Whatever still loads keeps the loader's promises.
                let api = &loaded.api;
                prop_assert!(api.operations().count() <= 58);
                for (_, op) in api.operations() {
                    for ex in &op.examples {
                        let problems = bizgen::wire::check_example(api, op, ex);
                        prop_assert!(problems.is_empty(), "{} / {}: {problems:?}", op.path, ex.name);
                    }
                }
            }
            Err(e) => check_errors(&e, &sources)?,
        }
    }
}

proptest! {
    // Fewer cases: each one loads the whole spec (~50 ms in a debug build).
    #![proptest_config(ProptestConfig { cases: 96, ..config() })]

    /// (b) Two mutations at once, in two possibly different files.
    #[test]
    fn doubly_mutated_real_spec_never_panics(
        f1 in any::<usize>(), m1 in mutation(),
        f2 in any::<usize>(), m2 in mutation(),
    ) {
        let mut sources = real_spec().to_vec();
        let n = sources.len();
        sources[f1 % n].text = apply(&sources[f1 % n].text, &m1);
        sources[f2 % n].text = apply(&sources[f2 % n].text, &m2);
        if let Err(e) = load_sources(sources.clone()) {
            check_errors(&e, &sources)?;
        }
    }
}

/// The unmutated spec loads, so every failure above is due to a mutation.
#[test]
fn real_spec_loads() {
    if let Err(e) = load_sources(real_spec().to_vec()) {
        panic!("{e}");
    }
}

/// Deleting any single line of `api.yaml` (the file every other one depends
/// on) never panics; exhaustive rather than sampled.
#[test]
fn deleting_each_line_of_api_yaml() {
    let sources = real_spec();
    let index = sources
        .iter()
        .position(|s| s.path == Path::new("api.yaml"))
        .expect("api.yaml");
    let lines = sources[index].text.split_inclusive('\n').count();
    for i in 0..lines {
        let mut damaged = sources.to_vec();
        damaged[index].text = apply(&damaged[index].text, &Mutation::DeleteLine(i));
        if let Err(e) = load_sources(damaged.clone()) {
            if let Err(failure) = check_errors(&e, &damaged) {
                panic!("deleting line {} of api.yaml: {failure}", i + 1);
            }
        }
    }
}
