//! The OpenAPI exports judged by third-party tools: openapi-spec-validator
//! and `redocly lint` on both versions, every example against its own schema
//! (JSON Schema validators in Python), and schemathesis against the mock.
//! The obstacle-course spec goes through the same emitter and checks.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bizgen::ir::Api;
use bizgen_runtime::mock::MockOptions;
use bizgen_runtime::server::{HttpStatus, ServerConfig, StaticTokens};

/// The spec's exports as checked in, and the obstacle course's, generated
/// into a scratch directory.
fn exports() -> Vec<(Api, PathBuf)> {
    let generated = common::repo_root().join("generated");
    let obstacle_dir = common::repo_root().join("tests/obstacle-spec");
    let obstacle = match bizgen::load_dir(&obstacle_dir) {
        Ok(loaded) => loaded.api,
        Err(e) => panic!("the obstacle spec does not load:\n{e}"),
    };
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("obstacle-exports");
    for (path, text) in bizgen::openapi::files(&obstacle).expect("render the obstacle exports") {
        let path = out.join(path);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
    }
    vec![(common::api(), generated), (obstacle, out)]
}

fn documents(dir: &Path) -> [PathBuf; 3] {
    [
        dir.join("openapi/openapi.json"),
        dir.join("openapi/openapi-3.0.json"),
        dir.join("openapi/openapi-semantic.json"),
    ]
}

/// Runs a tool; panics with its output unless it exits with 0.
fn run_ok(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[test]
fn openapi_spec_validator_accepts_both_versions() {
    for (_, dir) in exports() {
        for doc in documents(&dir) {
            let output = run_ok(Command::new(common::tool("py:openapi-spec-validator")).arg(&doc));
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(stdout.contains(": OK"), "{}: {stdout}", doc.display());
        }
    }
}

#[test]
fn redocly_lint_finds_no_errors() {
    let mut command = Command::new(common::tool("npm:redocly"));
    command.current_dir(common::repo_root()).args([
        "lint",
        "--format",
        "summary",
        "--config",
        "redocly.yaml",
    ]);
    for (_, dir) in exports() {
        command.args(documents(&dir));
    }
    // redocly exits non-zero on any error-level problem.
    let output = run_ok(&mut command);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!all.contains("error "), "{all}");
}

/// How many examples a document of `api` must carry: every request and
/// response example of every operation (an operation without a request
/// example has one built from the schema), and every field example (request
/// fields inline per operation, type fields once in components).
fn expected_examples(api: &Api) -> usize {
    let field_examples =
        |fields: &[bizgen::ir::Field]| fields.iter().filter(|f| f.example.is_some()).count();
    let operations: usize = api
        .operations()
        .map(|(_, op)| {
            // An operation without a request example has one built from the
            // schema (the request example the docs and Postman show too).
            op.examples
                .iter()
                .filter(|e| e.request.is_some())
                .count()
                .max(1)
                + op.examples.iter().filter(|e| e.response.is_some()).count()
                + field_examples(&op.request.fields)
        })
        .sum();
    let types: usize = api.types.iter().map(|t| field_examples(&t.fields)).sum();
    operations + types + field_examples(&api.envelope.fields)
}

#[test]
fn every_example_validates_against_its_own_schema() {
    let script = common::repo_root().join("tests/scripts/openapi_examples.py");
    for (api, dir) in exports() {
        for doc in documents(&dir) {
            let output = run_ok(
                Command::new(common::tool("py:python"))
                    .arg(&script)
                    .arg(&doc),
            );
            let stdout = String::from_utf8_lossy(&output.stdout);
            let summary: serde_json::Value = stdout
                .lines()
                .last()
                .and_then(|l| serde_json::from_str(l).ok())
                .unwrap_or_else(|| panic!("no summary from the example check: {stdout}"));
            assert_eq!(summary["failed"], 0, "{}: {stdout}", doc.display());
            assert_eq!(
                summary["checked"],
                expected_examples(&api),
                "{}: every spec example must be in the document",
                doc.display()
            );
        }
    }
}

/// schemathesis with every check it has, against `bizgen mock`'s table
/// (served in-process, as `bizgen mock` serves it) in one status mode,
/// with the document for that mode. `exclude` are the checks left out.
async fn schemathesis(http_status: HttpStatus, document: &str, exclude: &[&str]) {
    let table = bizgen::traffic::mock::mock_table(&common::api());
    let config = ServerConfig::new(StaticTokens::new(common::TOKEN, common::ADMIN_TOKEN))
        .with_http_status(http_status);
    let addr = common::start(bizgen_runtime::mock::router(
        &table,
        config,
        MockOptions::default(),
    ))
    .await;
    let mode = format!("{http_status:?}").to_lowercase();
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("schemathesis-{mode}"));
    std::fs::create_dir_all(&scratch).expect("mkdir");
    // Tokens per security scheme, so that every access level is exercised.
    let config = scratch.join("schemathesis.toml");
    std::fs::write(
        &config,
        format!(
            "[auth.openapi.{}]\napi_key = \"{}\"\n\n[auth.openapi.{}]\napi_key = \"{}\"\n",
            bizgen::openapi::CUSTOMER_TOKEN,
            common::TOKEN,
            bizgen::openapi::ADMIN_TOKEN,
            common::ADMIN_TOKEN
        ),
    )
    .expect("write config");
    let spec = common::repo_root().join("generated/openapi").join(document);
    let hooks = common::repo_root().join("tests/scripts");
    let exclude = exclude.join(",");
    let output = tokio::task::spawn_blocking(move || {
        let mut command = Command::new(common::tool("py:schemathesis"));
        command
            .current_dir(&scratch)
            .env("NO_COLOR", "1")
            // How to generate the spec's formats that no pattern states.
            .env("PYTHONPATH", &hooks)
            .env("SCHEMATHESIS_HOOKS", "schemathesis_hooks")
            .arg("--config-file")
            .arg(&config)
            .arg("run")
            .arg(&spec)
            .args(["--url", &format!("http://{addr}")])
            .args(["--checks", "all"]);
        if !exclude.is_empty() {
            command.args(["--exclude-checks", &exclude]);
        }
        // Bounded and reproducible: about 5,000 cases over the 58
        // operations, positive and negative (.ci/run runs a larger one).
        // One worker: Hypothesis parses lambdas' source from its threads,
        // and CPython 3.11's parser is not thread-safe ("AST constructor
        // recursion depth mismatch"); the two modes run side by side instead.
        let examples =
            std::env::var("BIZGEN_SCHEMATHESIS_EXAMPLES").unwrap_or_else(|_| "10".into());
        command.args(["--max-examples", &examples, "--seed", "1", "--workers", "1"]);
        command.output().expect("run schemathesis")
    })
    .await
    .expect("schemathesis thread");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("No issues found"),
        "schemathesis in {mode} mode:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("Tested: 58"),
        "every operation must be tested:\n{stdout}"
    );
    // The case count, for the record (`cargo test -- --nocapture`).
    if let Some(line) = stdout.lines().find(|l| l.contains(" generated, ")) {
        println!("schemathesis ({mode}): {}", line.trim());
    }
}

/// Platform mode answers HTTP 200 to everything by design, so the checks
/// that want a 4xx for bad input, a missing token or a missing header
/// cannot hold; every other check does (405 for another method included).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_nothing_in_platform_mode() {
    schemathesis(
        HttpStatus::Platform,
        "openapi.json",
        &[
            "negative_data_rejection",
            "ignored_auth",
            "missing_required_header",
        ],
    )
    .await;
}

/// Semantic mode, against the document that lists its statuses: every check.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_nothing_in_semantic_mode() {
    schemathesis(HttpStatus::Semantic, "openapi-semantic.json", &[]).await;
}
