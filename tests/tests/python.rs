//! The Python SDK judged by Python's tools and run by pytest: `mypy
//! --strict` and `ruff check` on the package, on the obstacle course's
//! package, on a user file that calls every operation once and walks every
//! paged operation's iterator (written here from the spec's examples) and on
//! the SDK's tests; pytest (`tests/python/`) against the mock on loopback
//! and a test double, with the newest httpx of its range and again with the
//! oldest (on Python 3.9 where the machine has one); the
//! wheel builds and installs; the README's code runs against the mock.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use bizgen::ir::Api;
use bizgen::python::values::{self, Values};
use serde_json::{json, Value};

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

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    dir
}

fn package_dir() -> PathBuf {
    common::repo_root().join("generated/python")
}

/// A Python tool of `tools/.venv`, never writing caches into the sources.
fn py_tool(name: &str) -> Command {
    let mut cmd = Command::new(common::tool(&format!("py:{name}")));
    cmd.env("PYTHONDONTWRITEBYTECODE", "1");
    cmd
}

/// `mypy --strict` on a package (`src/` below `root`) and extra files.
fn mypy(root: &Path, package: &str, files: &[&Path]) {
    // One cache per package and file set: tests run in parallel.
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("mypy-cache-{package}-{}", files.len()));
    let mut cmd = py_tool("mypy");
    cmd.current_dir(root)
        .env("MYPYPATH", root.join("src"))
        .arg("--strict")
        .arg("--cache-dir")
        .arg(cache)
        .arg(root.join("src").join(package));
    for f in files {
        cmd.arg(f);
    }
    run(&mut cmd);
}

/// `ruff check` with every default rule, for Python 3.9.
fn ruff(paths: &[&Path]) {
    let mut cmd = py_tool("ruff");
    cmd.current_dir(common::repo_root())
        .args(["check", "--no-cache", "--target-version", "py39"]);
    for p in paths {
        cmd.arg(p);
    }
    run(&mut cmd);
}

fn write_package(api: &Api, dir: &Path) {
    for (rel, text) in bizgen::python::render_package(api).expect("render") {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
    }
}

/// A user's module that calls every operation once, typed: one function
/// per operation for `Client` and one for `AsyncClient`, listed with the
/// operation's path in `SYNC_CALLS` and `ASYNC_CALLS`.
fn calls_file(api: &Api) -> String {
    let pkg = bizgen::python::import_name(api);
    let mut v = Values::default();
    let mut sync = Vec::new();
    let mut asyncs = Vec::new();
    let mut list = Vec::new();
    let mut paged = Vec::new();
    for (i, (_, op)) in api.operations().enumerate() {
        let args = v.arguments(api, op, &common::example_request(op));
        let (attr, method) = values::path_of(api, op);
        let call = format!("client.{attr}.{method}");
        // An operation without data returns None, which mypy wants as a statement.
        let (ret, tail) = if op.response.ty.is_some() {
            ("return ", "")
        } else {
            ("", "\n    return None")
        };
        sync.push(format!(
            "def _call_{i}(client: Client) -> object:\n{}{tail}\n",
            values::format_call("    ", &format!("{ret}{call}"), &args)
        ));
        asyncs.push(format!(
            "async def _acall_{i}(client: AsyncClient) -> object:\n{}{tail}\n",
            values::format_call("    ", &format!("{ret}await {call}"), &args)
        ));
        list.push((op.path.clone(), i));
        // A paged operation's iterator, walked to the end.
        if let Some((attr, iterator)) = values::iterator_of(api, op) {
            let call = format!("client.{attr}.{iterator}");
            sync.push(format!(
                "def _pages_{i}(client: Client) -> object:\n{}\n    return list(items)\n",
                values::format_call("    ", &format!("items = {call}"), &args)
            ));
            asyncs.push(format!(
                "async def _apages_{i}(client: AsyncClient) -> object:\n{}\n    return [item async for item in items]\n",
                values::format_call("    ", &format!("items = {call}"), &args)
            ));
            paged.push((op.path.clone(), i));
        }
    }
    let mut out = String::from(
        "\"\"\"Every operation once, written by tests/tests/python.rs from the spec's examples.\"\"\"\n\n\
         from __future__ import annotations\n\n\
         from collections.abc import Awaitable, Callable\n",
    );
    if v.decimal {
        out.push_str("from decimal import Decimal\n");
    }
    out.push_str(&format!("\nfrom {pkg} import AsyncClient, Client\n"));
    if !v.types.is_empty() {
        let types: Vec<String> = v.types.iter().cloned().collect();
        out.push_str(&format!("from {pkg}.types import (\n"));
        for t in types {
            out.push_str(&format!("    {t},\n"));
        }
        out.push_str(")\n");
    }
    for f in sync.iter().chain(&asyncs) {
        out.push_str("\n\n");
        out.push_str(f);
    }
    out.push_str("\n\nSYNC_CALLS: list[tuple[str, Callable[[Client], object]]] = [\n");
    for (path, i) in &list {
        out.push_str(&format!("    ({path:?}, _call_{i}),\n"));
    }
    out.push_str(
        "]\n\nASYNC_CALLS: list[tuple[str, Callable[[AsyncClient], Awaitable[object]]]] = [\n",
    );
    for (path, i) in &list {
        out.push_str(&format!("    ({path:?}, _acall_{i}),\n"));
    }
    out.push_str("]\n\nPAGED_CALLS: list[tuple[str, Callable[[Client], object]]] = [\n");
    for (path, i) in &paged {
        out.push_str(&format!("    ({path:?}, _pages_{i}),\n"));
    }
    out.push_str(
        "]\n\nASYNC_PAGED_CALLS: list[tuple[str, Callable[[AsyncClient], Awaitable[object]]]] = [\n",
    );
    for (path, i) in &paged {
        out.push_str(&format!("    ({path:?}, _apages_{i}),\n"));
    }
    out.push_str("]\n");
    out
}

/// Per operation (by path): its access level and what the mock answers
/// (its first successful example's `data`, else its first error's code).
fn manifest(api: &Api) -> Value {
    let ops: serde_json::Map<String, Value> = api
        .operations()
        .map(|(_, op)| {
            let responses = || op.examples.iter().filter_map(|e| e.response.as_ref());
            let expect = match responses().find(|r| r["ok"] == json!(true)) {
                Some(r) => {
                    let mut data = r["data"].clone();
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
            let forwarded = op.headers.iter().any(|h| h.name == "X-Forwarded-For");
            let items = op.paginate.as_ref().map(|p| p.items.clone());
            (
                op.path.clone(),
                json!({
                    "access": op.access.as_str(),
                    "forwardedFor": forwarded,
                    "none": op.response.ty.is_none(),
                    "expect": expect,
                    "items": items,
                }),
            )
        })
        .collect();
    Value::Object(ops)
}

#[test]
fn package_passes_mypy_strict_and_ruff() {
    mypy(&package_dir(), "customer_api", &[]);
    ruff(&[&package_dir()]);
}

#[test]
fn obstacle_course_passes_mypy_strict_and_ruff() {
    let api = bizgen::load_dir(&common::repo_root().join("tests/obstacle-spec"))
        .unwrap_or_else(|e| panic!("{e}"))
        .api;
    let dir = tmp("obstacle-python");
    write_package(&api, &dir);
    let calls = dir.join("calls.py");
    std::fs::write(&calls, calls_file(&api)).expect("calls");
    let types =
        std::fs::read_to_string(dir.join("src/obstacle_course/types/api.py")).expect("types");
    for line in [
        "    self_: str | None",
        "    field_1st: str | None",
        "    camel_case: str | None",
        "    xml_http_request: str | None",
        "    async_: int | None",
        "    SELF_VALUE = \"self\"",
        "    MIN = -2147483648",
        "    map: dict[str, dict[str, list[Match]]] | None",
    ] {
        assert!(types.contains(line), "{line:?} missing:\n{types}");
    }
    let alpha =
        std::fs::read_to_string(dir.join("src/obstacle_course/services/alpha.py")).expect("alpha");
    for line in [
        "    def type(",
        "    def with_(",
        "    def change_email_v1v1v2(",
        "        in_: str | _rt.Absent = _rt.ABSENT,",
    ] {
        assert!(alpha.contains(line), "{line:?} missing:\n{alpha}");
    }
    let beta =
        std::fs::read_to_string(dir.join("src/obstacle_course/services/beta.py")).expect("beta");
    for line in [
        "    paginate=_pg.Paginate(page=\"type\", size=\"in\", items=\"self_\", total=\"crate\"),",
        "    def loops_all(",
        "        type: int | _rt.Absent = _rt.ABSENT,",
        "    ) -> Iterator[Loop]:",
        "    ) -> AsyncIterator[Loop]:",
    ] {
        assert!(beta.contains(line), "{line:?} missing:\n{beta}");
    }
    mypy(&dir, "obstacle_course", &[&calls]);
    ruff(&[&dir]);
    // It imports and reads hostile names off the wire.
    let script = r#"
from obstacle_course import Client
from obstacle_course.types import Loop, Match, Type
loop = Loop.from_dict({"type": "self", "1st": "a", "camelCASE": "b", "snake_case": "c", "async": 5,
    "dyn": [{"map": {"a": {"b": [-1, 9]}}}], "secret": "s", "newer": 1})
assert loop.type is Type.SELF_VALUE and loop.field_1st == "a" and loop.camel_case == "b"
assert loop.dyn is not None and loop.dyn[0].map == {"a": {"b": [Match.MINUS, Match(9)]}}
assert not loop.dyn[0].map["a"]["b"][1].is_known and loop.unknown_fields == {"newer": 1}
assert "'s'" not in repr(loop) and "secret='<redacted>'" in repr(loop), repr(loop)
assert loop.to_dict()["1st"] == "a" and "self" not in loop.to_dict()
client = Client("http://127.0.0.1:9")
assert callable(client.alpha.type) and callable(client.beta.self_)
# The paged operation with keyword fields walks its pages: page `type`,
# size `in`, items `self`, total `crate`.
import json, httpx
seen = []
def page(request):
    body = json.loads(request.content)
    seen.append(body)
    items = [{"type": "self", "1st": str(body["type"])}] * (2 if body["type"] < 3 else 1)
    data = {"self": items, "crate": 5}
    return httpx.Response(200, json={"code": "0", "msg": "", "trace": "t", "tm": 1,
        "ok": True, "fail": False, "data": data})
paged = Client("http://obstacle.test", admin_token="a",
    http_client=httpx.Client(transport=httpx.MockTransport(page)))
loops = list(paged.beta.loops_all(in_=2))
assert [l.field_1st for l in loops] == ["1", "1", "2", "2", "3"], loops
assert [(b["type"], b["in"]) for b in seen] == [(1, 2), (2, 2), (3, 2)], seen
"#;
    run(Command::new(common::tool("py:python"))
        .env("PYTHONPATH", dir.join("src"))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .args(["-c", script]));
}

#[test]
fn wheel_builds_and_installs_with_py_typed() {
    let dir = tmp("python-wheel");
    // flit_core is pinned in tools/.venv: no build isolation, no download.
    run(py_tool("pip")
        .args([
            "wheel",
            "--quiet",
            "--no-build-isolation",
            "--no-deps",
            "--disable-pip-version-check",
            "-w",
        ])
        .arg(dir.join("dist"))
        .arg(package_dir()));
    let wheel = std::fs::read_dir(dir.join("dist"))
        .expect("dist")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .expect("a wheel");
    let name = wheel
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with("customer_api-") && name.ends_with("-py3-none-any.whl"),
        "{name}"
    );
    run(py_tool("pip")
        .args([
            "install",
            "--quiet",
            "--no-deps",
            "--disable-pip-version-check",
            "--target",
        ])
        .arg(dir.join("site"))
        .arg(&wheel));
    let site = dir.join("site");
    assert!(
        site.join("customer_api/py.typed").exists(),
        "py.typed is in the wheel"
    );
    let metadata = std::fs::read_dir(&site)
        .expect("site")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with(".dist-info"))
        .expect("dist-info");
    let meta = std::fs::read_to_string(metadata.join("METADATA")).expect("METADATA");
    for line in [
        "Name: customer-api",
        &format!("Requires-Python: {}", bizgen::python::REQUIRES_PYTHON),
        &format!("Requires-Dist: httpx{}", bizgen::python::HTTPX_RANGE),
    ] {
        assert!(meta.contains(line), "{line:?} missing:\n{meta}");
    }
    let requires: Vec<&str> = meta
        .lines()
        .filter(|l| l.starts_with("Requires-Dist"))
        .collect();
    assert_eq!(requires.len(), 1, "one runtime dependency: {requires:?}");
    run(Command::new(common::tool("py:python"))
        .env("PYTHONPATH", &site)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .args([
            "-c",
            "import customer_api, customer_api.types; print(customer_api.__version__)",
        ]));
}

/// pytest in one virtualenv against the mocks and the test double.
fn pytest(python: &Path, mock: &str, semantic: &str, calls: &Path, manifest: &Path) -> String {
    let root = common::repo_root();
    let out = Command::new(python)
        .current_dir(&root)
        .args([
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "tests/python",
        ])
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env(
            "PYTHONPATH",
            format!(
                "{}:{}",
                package_dir().join("src").display(),
                calls.parent().expect("dir").display()
            ),
        )
        .env("BIZGEN_MOCK_URL", mock)
        .env("BIZGEN_SEMANTIC_MOCK_URL", semantic)
        .env("BIZGEN_TOKEN", common::TOKEN)
        .env("BIZGEN_ADMIN_TOKEN", common::ADMIN_TOKEN)
        .env("BIZGEN_PY_OPERATIONS", manifest)
        .output()
        .expect("run pytest");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "pytest ({}) failed:\n{text}",
        python.display()
    );
    text
}

/// The user file type-checks, then pytest runs it and the SDK's tests
/// against the mock (platform and semantic statuses) and a test double,
/// with the newest httpx and again with the oldest.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pytest_against_the_mock_and_a_double() {
    let api = common::api();
    let dir = tmp("python-calls");
    let calls = dir.join("every_operation.py");
    std::fs::write(&calls, calls_file(&api)).expect("calls");
    let operations = dir.join("operations.json");
    std::fs::write(&operations, manifest(&api).to_string()).expect("manifest");
    // The SDK's own tests are typed user code too: checked with the package.
    let tests_dir = common::repo_root().join("tests/python");
    let mut tests: Vec<PathBuf> = std::fs::read_dir(&tests_dir)
        .expect("tests/python")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    tests.sort();
    let mut checked: Vec<&Path> = vec![&calls];
    checked.extend(tests.iter().map(PathBuf::as_path));
    mypy(&package_dir(), "customer_api", &checked);
    ruff(&[&calls, &tests_dir]);

    let mock = format!("http://{}", common::start_mock().await);
    let config = bizgen_runtime::server::ServerConfig::new(
        bizgen_runtime::server::StaticTokens::new(common::TOKEN, common::ADMIN_TOKEN),
    )
    .with_http_status(bizgen_runtime::server::HttpStatus::Semantic);
    let semantic = format!(
        "http://{}",
        common::start(customer_api::mock::router(config)).await
    );

    let newest = common::tool("py:python");
    let oldest = common::repo_root().join("tools/.venv-oldest/bin/python");
    assert!(
        oldest.exists(),
        "{} is missing: run `bash scripts/install-tools`",
        oldest.display()
    );
    for python in [newest, oldest] {
        let (mock, semantic, calls, manifest) = (
            mock.clone(),
            semantic.clone(),
            calls.clone(),
            operations.clone(),
        );
        let text = tokio::task::spawn_blocking(move || {
            pytest(&python, &mock, &semantic, &calls, &manifest)
        })
        .await
        .expect("join");
        assert!(text.contains(" passed"), "{text}");
        assert!(!text.contains("skipped"), "no test may be skipped:\n{text}");
    }
}

/// The README's Python snippets run as written against the mock (its
/// address and tokens aside): the root README's and the package's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readme_snippets_run_against_the_mock() {
    let mock = format!("http://{}", common::start_mock().await);
    let root = common::repo_root();
    let mut snippets = Vec::new();
    for readme in [root.join("README.md"), package_dir().join("README.md")] {
        let text = std::fs::read_to_string(&readme).expect("README");
        let text = if readme == root.join("README.md") {
            text.split_once("## The Python SDK")
                .expect("the README has a Python section")
                .1
                .split("\n## ")
                .next()
                .unwrap_or_default()
                .to_owned()
        } else {
            text
        };
        let mut rest = text.as_str();
        while let Some((_, after)) = rest.split_once("```python\n") {
            let (code, tail) = after.split_once("```").expect("closed block");
            snippets.push(code.to_owned());
            rest = tail;
        }
    }
    assert!(
        snippets.len() >= 5,
        "too few Python snippets: {}",
        snippets.len()
    );
    for code in snippets {
        let code = code
            .replace("http://127.0.0.1:8080", &mock)
            .replace("https://gateway.example.com", &mock)
            .replace("\"mock-token\"", &format!("{:?}", common::TOKEN))
            .replace(
                "\"mock-admin-token\"",
                &format!("{:?}", common::ADMIN_TOKEN),
            );
        let out = tokio::task::spawn_blocking(move || {
            Command::new(common::tool("py:python"))
                .env("PYTHONPATH", package_dir().join("src"))
                .env("PYTHONDONTWRITEBYTECODE", "1")
                .args(["-c", &code])
                .output()
                .map(|o| (o, code))
        })
        .await
        .expect("join")
        .expect("python");
        let (out, code) = out;
        assert!(
            out.status.success(),
            "the snippet failed:\n{code}\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
