//! The table-driven mock: `bizgen mock` (a table built from the IR at run
//! time) and the generated `customer-api-mock` (a table emitted as data)
//! answer the same request vectors with the same envelopes; `Prefer`
//! picks examples; `--cors`; semantic HTTP statuses, read by the generated
//! client whatever the status.

mod common;

use std::net::SocketAddr;

use bizgen_runtime::client::{ClientConfig, Error};
use bizgen_runtime::mock::{MockOptions, MockTable};
use bizgen_runtime::server::{HttpStatus, ServerConfig, StaticTokens};
use serde_json::Value;

fn config(http_status: HttpStatus) -> ServerConfig {
    ServerConfig::new(StaticTokens::new(common::TOKEN, common::ADMIN_TOKEN))
        .with_http_status(http_status)
}

async fn start_table(table: &MockTable, http_status: HttpStatus, cors: bool) -> SocketAddr {
    let options = MockOptions {
        cors,
        ..MockOptions::default()
    };
    common::start(bizgen_runtime::mock::router(
        table,
        config(http_status),
        options,
    ))
    .await
}

/// One request: path, headers, body.
struct Vector {
    label: String,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

/// Per operation: the valid example call, every example by name, an
/// unknown example, no token, a wrong token, a bad body, a wrong content
/// type, GET; and an unknown path.
fn vectors(api: &bizgen::ir::Api) -> Vec<Vector> {
    let mut out = Vec::new();
    for (_, op) in api.operations() {
        let body = common::example_request(op).to_string();
        let base: Vec<(String, String)> = common::headers_for(op, common::token_for(op))
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let mut push = |label: &str, headers: Vec<(String, String)>, body: &str| {
            out.push(Vector {
                label: format!("{} {label}", op.path),
                path: op.path.clone(),
                headers,
                body: body.to_owned(),
            })
        };
        push("example", base.clone(), &body);
        for ex in &op.examples {
            let mut h = base.clone();
            h.push(("prefer".into(), format!("example={}", ex.name)));
            push(&format!("prefer {}", ex.name), h, &body);
        }
        let mut h = base.clone();
        h.push(("prefer".into(), "example=noSuchExample".into()));
        push("unknown example", h, &body);
        let no_token: Vec<_> = base.iter().filter(|(k, _)| k != "token").cloned().collect();
        push("no token", no_token.clone(), &body);
        let mut wrong = no_token.clone();
        wrong.push(("token".into(), "wrong".into()));
        push("wrong token", wrong, &body);
        push("array body", base.clone(), "[1]");
        push("broken body", base.clone(), "{\"a\":");
        let text: Vec<_> = base
            .iter()
            .map(|(k, v)| match k.as_str() {
                "content-type" => (k.clone(), "text/plain".to_owned()),
                _ => (k.clone(), v.clone()),
            })
            .collect();
        push("text body", text, &body);
        let no_trace: Vec<_> = base.iter().filter(|(k, _)| k != "trace").cloned().collect();
        push("no trace", no_trace, &body);
    }
    out.push(Vector {
        label: "unknown path".into(),
        path: "/api/global/nothing.here".into(),
        headers: vec![("content-type".into(), "application/json".into())],
        body: "{}".into(),
    });
    out
}

/// The envelope without what differs per call: `tm`, and a trace the
/// server made up (an echoed trace must be equal).
fn comparable(mut envelope: Value, sent_trace: bool) -> Value {
    if let Some(map) = envelope.as_object_mut() {
        map.remove("tm");
        if !sent_trace {
            let made_up = map.remove("trace");
            assert!(
                made_up
                    .as_ref()
                    .and_then(Value::as_str)
                    .is_some_and(|t| !t.is_empty()),
                "a trace is generated when none is sent"
            );
        }
    }
    envelope
}

async fn send(addr: SocketAddr, v: &Vector, get: bool) -> (u16, Value) {
    let client = reqwest::Client::new();
    let url = format!("http://{addr}{}", v.path);
    let mut req = if get {
        client.get(url)
    } else {
        client.post(url).body(v.body.clone())
    };
    for (k, val) in &v.headers {
        req = req.header(k, val);
    }
    let resp = req.send().await.expect("loopback request");
    let status = resp.status().as_u16();
    let text = resp.text().await.expect("body");
    let json = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {text}", v.label));
    let sent_trace = v.headers.iter().any(|(k, _)| k == "trace");
    (status, comparable(json, sent_trace))
}

async fn same_answers(http_status: HttpStatus) {
    let api = common::api();
    let from_spec = start_table(&bizgen::traffic::mock::mock_table(&api), http_status, false).await;
    let compiled = start_table(&customer_api::mock::table(), http_status, false).await;
    let vectors = vectors(&api);
    let mut differences = Vec::new();
    let mut codes = std::collections::BTreeSet::new();
    for v in &vectors {
        for get in [false, true] {
            let a = send(from_spec, v, get).await;
            let b = send(compiled, v, get).await;
            if let Some(code) = a.1["code"].as_str() {
                codes.insert(code.to_owned());
            }
            if a != b {
                differences.push(format!(
                    "{} (GET: {get}):\n  bizgen mock: {a:?}\n  compiled:    {b:?}",
                    v.label
                ));
            }
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    // The vectors reach every kind of answer.
    for code in [
        "0",
        "BIZGEN_MALFORMED",
        "BIZGEN_UNAUTHENTICATED",
        "BIZGEN_VALIDATION",
        "BIZGEN_NOT_FOUND",
    ] {
        assert!(codes.contains(code), "no vector answered {code}: {codes:?}");
    }
    assert!(vectors.len() > 58 * 8, "{} vectors", vectors.len());
}

/// The table `bizgen mock` builds from the spec is the generated one, row
/// for row (contract, request schema, examples): both mocks run the same
/// router on the same data, so they answer alike and equally fast.
#[test]
fn bizgen_mock_table_is_the_compiled_table() {
    let from_spec = bizgen::traffic::mock::mock_table(&common::api());
    let compiled = customer_api::mock::table();
    assert_eq!(from_spec.api_name, compiled.api_name);
    assert_eq!(from_spec.operations.len(), compiled.operations.len());
    for (a, b) in from_spec.operations.iter().zip(&compiled.operations) {
        assert_eq!(format!("{a:#?}"), format!("{b:#?}"), "{}", a.path);
    }
}

#[tokio::test]
async fn bizgen_mock_and_compiled_mock_answer_alike() {
    same_answers(HttpStatus::Platform).await;
}

#[tokio::test]
async fn bizgen_mock_and_compiled_mock_answer_alike_with_semantic_statuses() {
    same_answers(HttpStatus::Semantic).await;
}

#[tokio::test]
async fn prefer_picks_an_example_and_the_banner_lists_them() {
    let api = common::api();
    let table = bizgen::traffic::mock::mock_table(&api);
    // An operation with a success and an error example.
    let (op, error) = api
        .operations()
        .find_map(|(_, op)| {
            let error = op.examples.iter().find(|e| {
                e.response
                    .as_ref()
                    .is_some_and(|r| r["ok"] == Value::Bool(false))
            })?;
            op.examples
                .iter()
                .any(|e| {
                    e.response
                        .as_ref()
                        .is_some_and(|r| r["ok"] == Value::Bool(true))
                })
                .then_some((op, error))
        })
        .expect("an operation with success and error examples");
    let addr = start_table(&table, HttpStatus::Platform, false).await;
    let body = common::example_request(op).to_string();
    let mut headers = common::headers_for(op, common::token_for(op));
    let (_, first) = common::raw_post(addr, &op.path, &headers, &body).await;
    assert_eq!(first["ok"], true, "{first}");
    let prefer = format!("example={}", error.name);
    headers.push(("Prefer", &prefer));
    let (_, picked) = common::raw_post(addr, &op.path, &headers, &body).await;
    let want = error.response.as_ref().expect("error answer");
    assert_eq!(
        (&picked["code"], &picked["msg"], &picked["ok"]),
        (&want["code"], &want["msg"], &want["ok"])
    );

    let banner = bizgen_runtime::mock::banner(&table, "127.0.0.1:1");
    assert!(
        banner.contains(&format!("{}: ", op.path)) && banner.contains(&error.name),
        "{banner}"
    );
}

#[tokio::test]
async fn cors_answers_preflights_and_allows_every_origin() {
    let api = common::api();
    let op = common::op_by_path(&api, "/api/login/customer.app.CustomerWebApiService.login");
    let addr = start_table(&customer_api::mock::table(), HttpStatus::Platform, true).await;
    let client = reqwest::Client::new();
    let pre = client
        .request(
            reqwest::Method::OPTIONS,
            format!("http://{addr}{}", op.path),
        )
        .header("origin", "http://localhost:3000")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type, token, trace",
        )
        .send()
        .await
        .expect("preflight");
    assert!(pre.status().is_success(), "{}", pre.status());
    let h = pre.headers();
    assert_eq!(h["access-control-allow-origin"], "*");
    assert!(h["access-control-allow-methods"]
        .to_str()
        .is_ok_and(|m| m.contains("POST")));
    assert_eq!(
        h["access-control-allow-headers"],
        "content-type, token, trace"
    );

    let headers = common::headers_for(op, None);
    let mut req = client
        .post(format!("http://{addr}{}", op.path))
        .header("origin", "http://localhost:3000")
        .body(common::example_request(op).to_string());
    for (k, v) in headers {
        req = req.header(k, v);
    }
    let resp = req.send().await.expect("call");
    assert_eq!(resp.headers()["access-control-allow-origin"], "*");
    // Without --cors there is no CORS header.
    let plain = start_table(&customer_api::mock::table(), HttpStatus::Platform, false).await;
    let (status, _) = common::raw_post(plain, &op.path, &common::headers_for(op, None), "{}").await;
    assert_eq!(status, 200);
}

/// Semantic statuses on the wire, and the generated client reads the
/// envelope whatever the status: the same typed results in both modes.
#[tokio::test]
async fn semantic_statuses_and_the_generated_client_in_both_modes() {
    let api = common::api();
    let bind = common::op_by_path(
        &api,
        "/api/global/customer.app.CustomerWebApiService.bindEmail",
    );
    let semantic = start_table(&customer_api::mock::table(), HttpStatus::Semantic, false).await;
    let body = common::example_request(bind).to_string();
    let expect = [
        (
            common::headers_for(bind, None),
            body.as_str(),
            401,
            "BIZGEN_UNAUTHENTICATED",
        ),
        (
            common::headers_for(bind, Some(common::TOKEN)),
            "[]",
            422,
            "BIZGEN_VALIDATION",
        ),
        (
            common::headers_for(bind, Some(common::TOKEN)),
            "{",
            400,
            "BIZGEN_MALFORMED",
        ),
        (
            vec![("content-type", "text/plain")],
            body.as_str(),
            415,
            "BIZGEN_MALFORMED",
        ),
        (
            common::headers_for(bind, Some(common::TOKEN)),
            body.as_str(),
            200,
            "0",
        ),
    ];
    for (headers, body, status, code) in expect {
        let (got, env) = common::raw_post(semantic, &bind.path, &headers, body).await;
        assert_eq!((got, env["code"].as_str()), (status, Some(code)), "{env}");
    }
    let (got, env) = common::raw_post(
        semantic,
        "/api/nothing",
        &[("content-type", "application/json")],
        "{}",
    )
    .await;
    assert_eq!((got, env["code"].as_str()), (404, Some("BIZGEN_NOT_FOUND")));
    let huge = format!("{{\"email\":\"{}\"}}", "x".repeat(300 * 1024));
    let (got, _) = common::raw_post(
        semantic,
        &bind.path,
        &common::headers_for(bind, Some(common::TOKEN)),
        &huge,
    )
    .await;
    assert_eq!(got, 413);

    let platform = start_table(&customer_api::mock::table(), HttpStatus::Platform, false).await;
    let mut outcomes = Vec::new();
    for addr in [platform, semantic] {
        let mut config = ClientConfig::new(format!("http://{addr}"), "360");
        config.forwarded_for = Some("203.0.113.7".into());
        config.token = Some("not-the-token".into());
        let client = customer_api::Client::new(config).expect("client");
        let switch = customer_api::third_ext::SwitchAccountRequest {};
        let denied = match client.third_ext().switch_account(&switch).await {
            Err(Error::Api(e)) => e.code,
            other => panic!("expected an API error, got {other:?}"),
        };
        client.set_token(Some(common::TOKEN.into()));
        let allowed = client.third_ext().switch_account(&switch).await.is_ok();
        outcomes.push((denied, allowed));
    }
    assert_eq!(outcomes[0], ("BIZGEN_UNAUTHENTICATED".to_owned(), true));
    assert_eq!(
        outcomes[0], outcomes[1],
        "the client reads the envelope whatever the status"
    );
}
