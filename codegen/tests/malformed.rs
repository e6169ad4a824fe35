//! Malformed specs: every fixture under `tests/fixtures/malformed/<case>/` is
//! loaded on top of a small valid base and must fail with diagnostics that
//! point at the right file, line and column. The rendered diagnostics are
//! snapshots (`tests/snapshots/malformed__<case>.snap`).

use std::path::{Path, PathBuf};

use bizgen::diagnostics::Severity;
use bizgen::{load_sources, Source, SpecErrors};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed")
}

/// The `*.yaml` files of a directory, sorted, with paths relative to the
/// fixture root so that diagnostics (and snapshots) are machine-independent.
fn yaml_sources(dir: &Path, omit: &[String]) -> Vec<Source> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !omit.iter().any(|o| o == "*" || *o == name)
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| Source {
            text: std::fs::read_to_string(&path).expect("fixture is UTF-8"),
            path: path.strip_prefix(fixtures()).unwrap().to_path_buf(),
        })
        .collect()
}

/// The base (minus what the case's `OMIT_BASE` lists) plus the case's files.
fn case_sources(case: &str) -> Vec<Source> {
    let dir = fixtures().join(case);
    assert!(dir.is_dir(), "no fixture directory {}", dir.display());
    let omit: Vec<String> = std::fs::read_to_string(dir.join("OMIT_BASE"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    let mut sources = yaml_sources(&fixtures().join("_base"), &omit);
    sources.extend(yaml_sources(&dir, &[]));
    sources
}

fn load_case(case: &str) -> SpecErrors {
    let sources = case_sources(case);
    let line_counts: Vec<usize> = sources.iter().map(|s| s.text.lines().count()).collect();
    let errors = match load_sources(sources) {
        Ok(_) => panic!("case `{case}` loaded without errors"),
        Err(e) => e,
    };
    assert!(
        errors.error_count() > 0,
        "case `{case}`: Err without errors"
    );
    // Every position must be inside its file.
    for d in &errors.diagnostics {
        if let Some(pos) = d.pos {
            assert!(
                pos.file < line_counts.len(),
                "case `{case}`: bad file index in {d:?}"
            );
            assert!(
                pos.line >= 1 && pos.line as usize <= line_counts[pos.file].max(1) + 1,
                "case `{case}`: line out of range in {d:?}"
            );
            assert!(pos.column >= 1, "case `{case}`: column 0 in {d:?}");
        }
    }
    errors
}

fn check(case: &str) {
    let errors = load_case(case);
    let rendered = errors.to_string();
    insta::with_settings!({
        prepend_module_to_snapshot => true,
        omit_expression => true,
        description => format!("bizgen load of tests/fixtures/malformed/{case} on top of _base"),
    }, {
        insta::assert_snapshot!(case, rendered);
    });
}

macro_rules! cases {
    ($($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                check(stringify!($case));
            }
        )*

        const CASES: &[&str] = &[$(stringify!($case)),*];
    };
}

cases! {
    // YAML syntax
    yaml_unclosed_flow,
    yaml_bad_indentation,
    yaml_tab,
    yaml_multiple_documents,
    top_level_not_a_mapping,
    operation_without_body,
    // unknown, missing and duplicate keys
    unknown_key_top_level,
    unknown_key_in_field,
    unknown_key_in_operation,
    sets_token_unknown_field,
    read_only_changes_session,
    paginate_request_fields,
    paginate_response_fields,
    paginate_iterator_collision,
    paginate_unknown_key,
    bad_access_value,
    missing_response,
    missing_required_key_in_api,
    missing_api_section,
    second_api_section,
    empty_spec_dir,
    duplicate_yaml_key,
    // duplicates and collisions across the spec
    duplicate_type_across_files,
    duplicate_path,
    biz_type_with_space,
    duplicate_operation_split_service,
    duplicate_example_name,
    service_qualified_name_disagrees,
    // references
    unknown_type_reference,
    unknown_type_with_constraints,
    unknown_response_type,
    empty_type_expression,
    unknown_gateway,
    service_without_gateway,
    unknown_header,
    token_listed_by_hand,
    unknown_error_code,
    // access levels
    admin_on_c_side_gateway,
    login_on_b_side_gateway,
    // constraints
    max_length_on_int,
    min_length_greater_than_max_length,
    invalid_regex_pattern,
    unknown_format,
    required_when_malformed,
    required_when_value_mismatch,
    allowed_assumed_source_malformed,
    allowed_code_not_in_enum,
    minimum_out_of_int32_range,
    negative_max_length,
    gateway_prefix_without_slash,
    // enums
    enum_duplicate_code,
    enum_wrong_value_type,
    enum_duplicate_value_name,
    // evolution: deprecation and reserved codes and names
    sunset_without_deprecated,
    sunset_not_a_date,
    reserved_code_still_used,
    reserved_field_still_used,
    // types and values
    recursive_type,
    envelope_declares_data,
    default_violates_type,
    // examples
    example_request_wrong_type,
    example_response_wrong_data,
    example_unknown_field,
    example_error_code_not_listed,
}

/// Every fixture directory has a test above, and vice versa.
#[test]
fn every_fixture_is_a_case() {
    let mut dirs: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "_base")
        .collect();
    dirs.sort();
    let mut cases: Vec<String> = CASES.iter().map(|c| c.to_string()).collect();
    cases.sort();
    assert_eq!(dirs, cases);
    assert!(CASES.len() >= 24);
}

/// The base alone, and the base with a small service, load cleanly: every
/// case fails because of its own files.
#[test]
fn base_is_valid() {
    let base = yaml_sources(&fixtures().join("_base"), &[]);
    if let Err(e) = load_sources(base.clone()) {
        panic!("base does not load:\n{e}");
    }
    let mut with_service = base;
    with_service.push(Source {
        path: "svc.yaml".into(),
        text: "services:\n  Svc:\n    qualifiedName: test.Svc\n    gateway: global\n    access: login\n    operations:\n      ping:\n        summary: Ping\n        request: {name: {type: string, required: true, maxLength: 5}}\n        response: {type: none}\n        errors: [CUSTOMER_API_0000511]\n        examples:\n          - {name: ok, kind: illustrative, request: {name: abc}, response: {code: \"0\", msg: ok, ok: true, fail: false, data: null}}\n".into(),
    });
    match load_sources(with_service) {
        Ok(loaded) => assert_eq!(loaded.api.operations().count(), 1),
        Err(e) => panic!("base + service does not load:\n{e}"),
    }
}

/// Diagnostics come errors first, and in file/line order within a severity.
#[test]
fn diagnostics_are_sorted() {
    for case in CASES {
        let errors = load_case(case);
        let keys: Vec<_> = errors
            .diagnostics
            .iter()
            .map(|d| (d.severity, d.pos))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "case `{case}`");
        assert!(
            errors
                .diagnostics
                .iter()
                .take_while(|d| d.severity == Severity::Error)
                .count()
                == errors.error_count()
        );
    }
}

/// `load_dir` on a directory with no YAML at all.
#[test]
fn load_dir_of_empty_directory() {
    let dir = std::env::temp_dir().join(format!("bizgen-empty-spec-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let result = bizgen::load_dir(&dir);
    std::fs::remove_dir_all(&dir).ok();
    let errors = result.expect_err("an empty directory is not a spec");
    let rendered = errors.to_string();
    assert!(rendered.contains("no spec files"), "{rendered}");
}

/// `load_dir` on a directory that does not exist.
#[test]
fn load_dir_of_missing_directory() {
    let errors = bizgen::load_dir(Path::new("/nonexistent/bizgen/spec")).expect_err("no such dir");
    let rendered = errors.to_string();
    assert!(
        rendered.contains("cannot read spec directory"),
        "{rendered}"
    );
}

/// The build-script front-end fails with the loader's diagnostics, one
/// `file:line:col: error: ..` line each, in `Display` and in `Debug` (what
/// `.unwrap()` in a build script prints), with the suggestion and without
/// a second error per constraint of the mistyped field.
#[test]
fn builder_error_is_one_line_per_diagnostic() {
    let dir = std::env::temp_dir().join(format!("bizgen-builder-spec-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for source in case_sources("unknown_type_with_constraints") {
        let name = source.path.to_string_lossy().replace('/', "_");
        std::fs::write(dir.join(name), source.text).unwrap();
    }
    let result = bizgen::Builder::new(&dir).out_dir(&dir).generate();
    std::fs::remove_dir_all(&dir).ok();
    let error = result.expect_err("a mistyped field fails the build");
    for text in [error.to_string(), format!("{error:?}")] {
        let lines: Vec<&str> = text.lines().filter(|l| l.contains(": error: ")).collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(
            lines[0].contains("unknown_type_with_constraints_ops.yaml:10:25: error: field `email`")
                && lines[0].ends_with("unknown type `strin`; did you mean `string`?"),
            "{text}"
        );
        assert!(
            !text.contains("\\n") && !text.contains("not to `json`"),
            "{text}"
        );
    }
}
