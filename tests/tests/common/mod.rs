//! Shared helpers: the spec's IR, a mock server on loopback, raw calls.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;

use bizgen::ir::{Api, Operation};
use bizgen_runtime::server::{ServerConfig, StaticTokens};
use serde_json::Value;

pub const TOKEN: &str = "c-side-test-token";
pub const ADMIN_TOKEN: &str = "b-side-test-token";

pub fn spec_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

pub fn api() -> Api {
    match bizgen::load_dir(&spec_dir()) {
        Ok(loaded) => loaded.api,
        Err(e) => panic!("the spec does not load:\n{e}"),
    }
}

pub fn op_by_path<'a>(api: &'a Api, path: &str) -> &'a Operation {
    api.operations()
        .map(|(_, o)| o)
        .find(|o| o.path == path)
        .unwrap_or_else(|| panic!("no operation at {path}"))
}

/// Starts the generated mock on an ephemeral loopback port.
pub async fn start_mock() -> SocketAddr {
    let config = ServerConfig::new(StaticTokens::new(TOKEN, ADMIN_TOKEN));
    start(customer_api::mock::router(config)).await
}

pub async fn start(router: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    addr
}

/// A POST with the given headers and raw body; returns HTTP status and JSON.
pub async fn raw_post(
    addr: SocketAddr,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, Value) {
    let client = reqwest::Client::new();
    let mut req = client
        .post(format!("http://{addr}{path}"))
        .body(body.to_owned());
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = req.send().await.expect("loopback request");
    let status = resp.status().as_u16();
    let text = resp.text().await.expect("body");
    let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    (status, json)
}

/// The standard headers of an operation, plus a token if given.
pub fn headers_for<'a>(op: &'a Operation, token: Option<&'a str>) -> Vec<(&'a str, &'a str)> {
    let mut h = vec![("content-type", "application/json"), ("trace", "t-test-1")];
    for use_ in &op.headers {
        match use_.name.as_str() {
            "version" => h.push(("version", "0.0.1")),
            "companyId" => h.push(("companyId", "360")),
            "lang" => h.push(("lang", "en-US")),
            "X-Forwarded-For" => h.push(("X-Forwarded-For", "203.0.113.7")),
            _ => {}
        }
    }
    if let Some(t) = token {
        h.push(("token", t));
    }
    h
}

/// A valid request body for an operation: its first example request, or `{}`.
pub fn example_request(op: &Operation) -> Value {
    op.examples
        .iter()
        .find_map(|e| e.request.clone())
        .unwrap_or_else(|| Value::Object(Default::default()))
}

/// The token that opens an operation.
pub fn token_for(op: &Operation) -> Option<&'static str> {
    use bizgen::ir::Access;
    match op.access {
        Access::Guest => None,
        Access::Login | Access::Optional => Some(TOKEN),
        Access::Admin => Some(ADMIN_TOKEN),
    }
}

/// Drops object keys whose value is null, recursively: an explicit `null`
/// coming back as an absent optional field is the one allowed difference.
pub fn strip_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), strip_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(strip_nulls).collect()),
        other => other.clone(),
    }
}

/// The `data` of the captured login response (a real capture in seed 004).
pub fn captured_login_data(api: &Api) -> Value {
    let op = op_by_path(api, "/api/login/customer.app.CustomerWebApiService.login");
    let resp = op
        .examples
        .iter()
        .find_map(|e| e.response.clone())
        .expect("login has a captured response");
    resp["data"].clone()
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The TypeScript compiler pinned by `generated/ts/package-lock.json`,
/// installed by `scripts/install-tools`.
pub fn tsc() -> PathBuf {
    let path = repo_root().join("generated/ts/node_modules/.bin/tsc");
    assert!(
        path.exists(),
        "{} is not installed: run `bash scripts/install-tools` (the test command `bash scripts/test` does)",
        path.display()
    );
    path
}

/// A pinned third-party checker installed by `scripts/install-tools`:
/// `npm:NAME` is `tools/node_modules/.bin/NAME`, `py:NAME` is
/// `tools/.venv/bin/NAME`. A missing tool fails the test with the fix.
pub fn tool(which: &str) -> PathBuf {
    let root = repo_root().join("tools");
    let path = match which.split_once(':') {
        Some(("npm", name)) => root.join("node_modules/.bin").join(name),
        Some(("py", name)) => root.join(".venv/bin").join(name),
        _ => panic!("tool({which:?}): say npm:NAME or py:NAME"),
    };
    assert!(
        path.exists(),
        "{} is not installed: run `bash scripts/install-tools` (the test command `bash scripts/test` does)",
        path.display()
    );
    path
}
