//! The TypeScript SDK judged by the TypeScript compiler and run by Node:
//! `tsc --strict` on the package and on the obstacle course, the type tests
//! (`@ts-expect-error` lines), and `node --test` against the mock on
//! loopback plus a test double for what the mock cannot produce.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use bizgen::ir::Api;
use serde_json::{json, Value};

use common::tsc;

/// Runs a command; panics with its output unless it succeeds.
fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

/// Writes `text` to `tests/ts/FILE` (gitignored `*.stripped.*`), runs
/// `tsc --noEmit -p CONFIG` there and removes the file: success and output.
fn tsc_on_copy(file: &str, text: &str, config: &str) -> (bool, String) {
    let dir = common::repo_root().join("tests/ts");
    let path = dir.join(file);
    std::fs::write(&path, text).expect("write the copy");
    let out = Command::new(tsc())
        .current_dir(&dir)
        .args(["--noEmit", "--pretty", "false", "-p", config])
        .output()
        .expect("run tsc");
    let _ = std::fs::remove_file(&path);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn ts_dir() -> PathBuf {
    common::repo_root().join("generated/ts")
}

#[test]
fn package_type_checks_strict() {
    run(Command::new(tsc())
        .args(["--noEmit", "--strict", "-p"])
        .arg(ts_dir()));
}

#[test]
fn obstacle_course_type_checks_strict() {
    let spec = common::repo_root().join("tests/obstacle-spec");
    let api = bizgen::load_dir(&spec)
        .unwrap_or_else(|e| panic!("{e}"))
        .api;
    let files = bizgen::typescript::render_package(&api).expect("render");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("obstacle-ts");
    let _ = std::fs::remove_dir_all(&dir);
    for (rel, text) in &files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
    }
    let client = &files["src/client.ts"];
    for member in [
        "readonly alpha: Alpha;",
        "readonly beta: Beta;",
        "readonly types: Types;",
    ] {
        assert!(client.contains(member), "{member} missing:\n{client}");
    }
    let types = &files["src/types/api.ts"];
    for line in [
        "\"1st\"?: string;",
        "\"with-dash\"?: string;",
        "type: types.Type;",
        "export type Match = -1 | 0 | 2147483647 | -2147483648 | 7 | (number & {});",
        "crate?: bigint;",
    ] {
        assert!(types.contains(line), "{line} missing:\n{types}");
    }
    run(Command::new(tsc())
        .args(["--noEmit", "--strict", "-p"])
        .arg(&dir));
}

/// The type tests: every `@ts-expect-error` line is an error that tsc must
/// find (an unused one fails the check), and without those comments tsc
/// reports exactly those lines.
#[test]
fn type_tests() {
    let dir = common::repo_root().join("tests/ts");
    run(Command::new(tsc()).arg("-p").arg(&dir));

    let source = std::fs::read_to_string(dir.join("type-tests.ts")).expect("type tests");
    let expected: Vec<usize> = source
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("// @ts-expect-error"))
        .map(|(i, _)| i + 2) // the line after the comment, 1-based
        .collect();
    assert!(expected.len() >= 10, "too few type tests");
    // Without the comments, each of those lines (and no other) is an error.
    let stripped = source.replace("// @ts-expect-error", "// (expected error)");
    let (_, text) = tsc_on_copy(
        "type-tests.stripped.ts",
        &stripped,
        "tsconfig.stripped.json",
    );
    let mut lines: Vec<usize> = text
        .lines()
        .filter_map(|l| l.strip_prefix("type-tests.stripped.ts("))
        .filter_map(|l| l.split(',').next()?.parse().ok())
        .collect();
    lines.dedup();
    assert_eq!(lines, expected, "tsc said:\n{text}");
}

/// Per operation: what to call and what the mock answers (its first
/// successful example, else its first error example, else no data).
fn manifest(api: &Api) -> Value {
    let ops: Vec<Value> = api
        .operations()
        .map(|(service, op)| {
            let responses = || op.examples.iter().filter_map(|e| e.response.as_ref());
            let expect = match responses().find(|r| r["ok"] == json!(true)) {
                Some(r) => {
                    let mut data = r["data"].clone();
                    // Login hands out the token the mock accepts, not the example's.
                    if let Some(token) = data.get_mut("token") {
                        *token = json!(common::TOKEN);
                    }
                    json!({ "data": data })
                }
                None => match responses().find(|r| r["ok"] == json!(false)) {
                    Some(r) => json!({"error": r["code"]}),
                    None => json!({"data": null}),
                },
            };
            json!({
                "service": bizgen::typescript::service_property(&service.name),
                "method": op.name,
                "path": op.path,
                "access": op.access.as_str(),
                "forwardedFor": op.headers.iter().any(|h| h.name == "X-Forwarded-For"),
                "request": common::example_request(op),
                "expect": expect,
            })
        })
        .collect();
    Value::Array(ops)
}

/// Builds the package (`npm run build`: tsc to `dist/`), starts the mock on
/// loopback and runs the node tests against it, and the tests of retries,
/// hooks and pagination against their own test double.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_tests_against_the_mock_and_a_double() {
    run(Command::new(tsc()).arg("-p").arg(ts_dir()));
    let api = common::api();
    let manifest_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ts-operations.json");
    std::fs::write(&manifest_path, manifest(&api).to_string()).expect("manifest");
    let mock = common::start_mock().await;
    // The same mock answering errors with semantic HTTP statuses (4xx/5xx).
    let config = bizgen_runtime::server::ServerConfig::new(
        bizgen_runtime::server::StaticTokens::new(common::TOKEN, common::ADMIN_TOKEN),
    )
    .with_http_status(bizgen_runtime::server::HttpStatus::Semantic);
    let semantic = common::start(customer_api::mock::router(config)).await;
    let root = common::repo_root();
    let mut cmd = Command::new("node");
    cmd.current_dir(&root)
        .args([
            "--test",
            "--test-reporter=spec",
            "tests/ts/client.test.mjs",
            "tests/ts/sdk-behaviour.test.mjs",
        ])
        .env("BIZGEN_MOCK_URL", format!("http://{mock}"))
        .env("BIZGEN_SEMANTIC_MOCK_URL", format!("http://{semantic}"))
        .env("BIZGEN_TOKEN", common::TOKEN)
        .env("BIZGEN_ADMIN_TOKEN", common::ADMIN_TOKEN)
        .env("BIZGEN_TS_OPERATIONS", &manifest_path);
    // The mock serves on this runtime's workers while node runs.
    let out = tokio::task::spawn_blocking(move || cmd.output())
        .await
        .expect("join")
        .expect("run node (Node.js >= 20 is required)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "node --test failed:\n{text}");
    // The run really ran the suites.
    for name in [
        "every operation once",
        "int64",
        "login then findCustomerInfo",
        "succeeds on the third attempt with one trace",
        "Retry-After is waited for",
        "pageAll walks 3 pages of 25 items lazily",
        "a log line never shows a token or a sensitive field",
    ] {
        assert!(text.contains(name), "no test named {name:?}:\n{text}");
    }
}

/// The README's TypeScript snippet type-checks against the package (as
/// `customer-api`, mapped to the source by `tests/ts/tsconfig.readme.json`).
#[test]
fn readme_snippet_type_checks() {
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).expect("README");
    let section = readme
        .split_once("## The TypeScript SDK")
        .expect("README has a TypeScript section")
        .1;
    let snippet = section
        .split_once("```ts\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .expect("a ts code block")
        .0;
    let (ok, text) = tsc_on_copy("readme.stripped.mts", snippet, "tsconfig.readme.json");
    assert!(ok, "the README snippet does not type-check:\n{text}");
}
