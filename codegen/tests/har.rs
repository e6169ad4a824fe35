//! `bizgen validate --har`: a capture built from the seeds' real captured
//! exchanges comes out clean; one with injected drift has each item found
//! at the right pointer; broken captures get clear errors, never a panic.

use std::path::{Path, PathBuf};
use std::process::Command;

use bizgen::ir::{Access, Api, ExampleKind, Operation, Presence};
use bizgen::traffic::har::validate_har;
use bizgen::traffic::report::{Finding, Level, Side};
use serde_json::{json, Value};

fn api() -> Api {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    match bizgen::load_dir(&spec) {
        Ok(loaded) => loaded.api,
        Err(e) => panic!("the spec does not load:\n{e}"),
    }
}

/// The headers a client of the operation sends.
fn headers(op: &Operation) -> Vec<Value> {
    let mut h = vec![json!({"name": "content-type", "value": "application/json"})];
    for use_ in &op.headers {
        if use_.presence == Presence::Absent {
            continue;
        }
        let value = match use_.name.as_str() {
            "version" => op.version.clone(),
            "companyId" => "360".into(),
            "lang" => "en-US".into(),
            "X-Forwarded-For" => "203.0.113.7".into(),
            "token" if matches!(op.access, Access::Guest) => continue,
            "token" => "a541f9d5-2507-42b3-b790-59e1f755c380app".into(),
            _ => "x".into(),
        };
        h.push(json!({"name": use_.name, "value": value}));
    }
    h
}

/// A HAR 1.2 entry as Chrome exports it, behind a `/gw` proxy prefix.
fn entry(op: &Operation, request: &Value, response: &Value, i: usize) -> Value {
    let text = response.to_string();
    json!({
        "startedDateTime": format!("2023-03-09T16:{:02}:00.000Z", i % 60),
        "time": 12.5,
        "request": {
            "method": "POST",
            "url": format!("https://gateway.example.com/gw{}?t={i}", op.path),
            "httpVersion": "HTTP/1.1",
            "headers": headers(op),
            "queryString": [],
            "cookies": [],
            "headersSize": -1,
            "bodySize": request.to_string().len(),
            "postData": {"mimeType": "application/json", "text": request.to_string()}
        },
        "response": {
            "status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1",
            "headers": [], "cookies": [],
            "content": {"size": text.len(), "mimeType": "application/json", "text": text},
            "redirectURL": "", "headersSize": -1, "bodySize": -1
        },
        "cache": {},
        "timings": {"send": 0, "wait": 10, "receive": 2.5}
    })
}

fn har(entries: Vec<Value>) -> String {
    json!({"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": entries}})
        .to_string()
}

/// One entry per captured example of the seeds.
fn captured_entries(api: &Api) -> Vec<Value> {
    let mut entries = Vec::new();
    for (_, op) in api.operations() {
        for ex in &op.examples {
            if ex.kind != ExampleKind::Captured {
                continue;
            }
            let Some(response) = &ex.response else {
                continue;
            };
            // Some seeds captured only the answer: send the spec's request example.
            let request = ex
                .request
                .clone()
                .or_else(|| op.examples.iter().find_map(|e| e.request.clone()))
                .unwrap_or_else(|| json!({}));
            entries.push(entry(op, &request, response, entries.len()));
        }
    }
    entries
}

#[test]
fn the_seeds_captured_traffic_is_clean() {
    let api = api();
    let entries = captured_entries(&api);
    assert!(
        entries.len() >= 10,
        "only {} captured exchanges",
        entries.len()
    );
    // Unrelated traffic of the page is ignored.
    let mut all = entries.clone();
    all.push(json!({"request": {"method": "GET", "url": "https://cdn.example.com/app.js"}}));
    let report = validate_har(&api, &har(all), "/gw").expect("a HAR");
    assert_eq!(report.checked, entries.len());
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
}

fn login(api: &Api) -> (&Operation, Value, Value) {
    let op = api
        .operations()
        .map(|(_, o)| o)
        .find(|o| o.path == "/api/login/customer.app.CustomerWebApiService.login")
        .expect("login");
    let request = op.examples.iter().find_map(|e| e.request.clone());
    let response = op.examples.iter().find_map(|e| e.response.clone());
    (
        op,
        request.expect("a request example"),
        response.expect("a response example"),
    )
}

fn found(findings: &[Finding], entry: usize) -> Vec<(Level, Side, &str)> {
    findings
        .iter()
        .filter(|f| f.entry == entry)
        .map(|f| (f.level, f.side, f.pointer.as_str()))
        .collect()
}

#[test]
fn injected_drift_is_found_at_the_right_pointer() {
    let api = api();
    let (op, request, response) = login(&api);
    let mut entries = Vec::new();
    // 0: a field whose type changed.
    let mut r = response.clone();
    r["data"]["customerNo"] = json!(86001175);
    entries.push(entry(op, &request, &r, 0));
    // 1: a missing `ok`.
    let mut r = response.clone();
    r.as_object_mut().expect("object").remove("ok");
    entries.push(entry(op, &request, &r, 1));
    // 2: an enum code the spec lacks.
    let mut r = response.clone();
    r["data"]["registerSource"] = json!(99);
    entries.push(entry(op, &request, &r, 2));
    // 3: an operation the spec lacks, on a gateway.
    let mut e = entry(op, &request, &response, 3);
    e["request"]["url"] = json!(
        "https://gateway.example.com/gw/api/global/customer.app.CustomerWebApiService.newThing"
    );
    entries.push(e);
    // 4: a missing token, on a login-level operation.
    let bind = api
        .operations()
        .map(|(_, o)| o)
        .find(|o| o.path == "/api/global/customer.app.CustomerWebApiService.bindEmail")
        .expect("bindEmail");
    let bind_request = bind
        .examples
        .iter()
        .find_map(|e| e.request.clone())
        .expect("a request");
    let bind_response = bind
        .examples
        .iter()
        .find_map(|e| e.response.clone())
        .expect("a response");
    let mut e = entry(bind, &bind_request, &bind_response, 4);
    let kept: Vec<Value> = e["request"]["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .filter(|h| h["name"] != "token")
        .cloned()
        .collect();
    e["request"]["headers"] = Value::Array(kept);
    entries.push(e);
    // 5: a body that is not JSON (a gateway's HTML error page).
    let mut e = entry(op, &request, &response, 5);
    e["response"]["content"] =
        json!({"size": 27, "mimeType": "text/html", "text": "<html>502 Bad Gateway</html>"});
    entries.push(e);
    // 6: an extra field and an undeclared error code (notes, not errors).
    let mut r = response.clone();
    r["data"]["brandNewField"] = json!(1);
    entries.push(entry(op, &request, &r, 6));
    let err = json!({"code": "E_NEW", "msg": "new", "data": null, "trace": "t", "tm": 1,
                      "bizCode": "", "msgParams": null, "ok": false, "fail": true});
    entries.push(entry(op, &request, &err, 7));

    let report = validate_har(&api, &har(entries), "/gw").expect("a HAR");
    let f = &report.findings;
    assert_eq!(
        found(f, 0),
        [(Level::Error, Side::Response, "/data/customerNo")],
        "{f:#?}"
    );
    assert_eq!(
        found(f, 1),
        [(Level::Error, Side::Response, "/ok")],
        "{f:#?}"
    );
    assert_eq!(
        found(f, 2),
        [(Level::Warn, Side::Response, "/data/registerSource")],
        "{f:#?}"
    );
    assert_eq!(found(f, 3), [(Level::Error, Side::Entry, "")], "{f:#?}");
    assert_eq!(
        found(f, 4),
        [(Level::Error, Side::Request, "/headers/token")],
        "{f:#?}"
    );
    assert_eq!(found(f, 5), [(Level::Error, Side::Response, "")], "{f:#?}");
    assert!(f
        .iter()
        .any(|x| x.entry == 5 && x.reason.starts_with("not JSON")));
    assert_eq!(
        found(f, 6),
        [(Level::Info, Side::Response, "/data/brandNewField")],
        "{f:#?}"
    );
    assert_eq!(
        found(f, 7),
        [(Level::Info, Side::Response, "/code")],
        "{f:#?}"
    );
    let first = &f[0];
    assert_eq!(first.operation.as_deref(), Some(op.biz_type.as_str()));
    assert_eq!(first.time.as_deref(), Some("2023-03-09T16:00:00.000Z"));
}

#[test]
fn odd_entries_are_findings_not_panics() {
    let api = api();
    let (op, request, response) = login(&api);
    let text = response.to_string();
    let mut entries = Vec::new();
    // 0: a base64 body (Charles, mitmproxy) decodes and is checked.
    let mut e = entry(op, &request, &response, 0);
    e["response"]["content"] = json!({"size": text.len(), "mimeType": "application/json",
                                      "encoding": "base64", "text": base64(text.as_bytes())});
    entries.push(e);
    // 1: a truncated body.
    let mut e = entry(op, &request, &response, 1);
    e["response"]["content"] = json!({"size": text.len(), "text": &text[..40]});
    entries.push(e);
    // 2: no body kept.
    let mut e = entry(op, &request, &response, 2);
    e["response"]["content"] = json!({"size": 0, "mimeType": "application/json"});
    entries.push(e);
    // 3: broken base64.
    let mut e = entry(op, &request, &response, 3);
    e["response"]["content"] = json!({"size": 4, "encoding": "base64", "text": "%%%%"});
    entries.push(e);
    let report = validate_har(&api, &har(entries), "/gw").expect("a HAR");
    let f = &report.findings;
    assert_eq!(found(f, 0), [], "{f:#?}");
    assert_eq!(found(f, 1), [(Level::Warn, Side::Response, "")], "{f:#?}");
    assert_eq!(found(f, 2), [(Level::Warn, Side::Response, "")], "{f:#?}");
    assert_eq!(found(f, 3), [(Level::Error, Side::Response, "")], "{f:#?}");

    for (bad, says) in [
        ("not json", "not JSON (line 1, column 2)"),
        ("[1, 2]", "not a HAR file: /log: missing"),
        (
            r#"{"log": {"entries": {}}}"#,
            "/log/entries: missing or not an array",
        ),
        (
            r#"{"log": {"entries": [{"request": []}]}}"#,
            "/log/entries/0/request: missing",
        ),
    ] {
        let e = validate_har(&api, bad, "").expect_err(bad);
        assert!(e.to_string().contains(says), "{bad}: {e}");
    }
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn tmp(name: &str, text: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).expect("write a temp file");
    path
}

fn bizgen(args: &[&str]) -> (Option<i32>, String, String) {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let out = Command::new(env!("CARGO_BIN_EXE_bizgen"))
        .arg("--spec")
        .arg(spec)
        .args(args)
        .output()
        .expect("run bizgen");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cli_formats_and_exit_codes() {
    let api = api();
    let clean = tmp("clean.har", &har(captured_entries(&api)));
    let clean = clean.to_str().expect("utf-8 path");
    let (code, out, _) = bizgen(&["validate", "--har", clean, "--prefix", "/gw"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("0 errors"), "{out}");

    let (op, request, mut response) = login(&api);
    response["data"]["customerNo"] = json!(1);
    let drift = tmp("drift.har", &har(vec![entry(op, &request, &response, 0)]));
    let drift = drift.to_str().expect("utf-8 path");
    let (code, out, _) = bizgen(&[
        "validate", "--har", drift, "--prefix", "/gw", "--format", "json",
    ]);
    assert_eq!(code, Some(1));
    let doc: Value = serde_json::from_str(&out).expect("JSON output");
    assert_eq!(doc["findings"][0]["pointer"], "/data/customerNo");
    let (code, out, _) = bizgen(&[
        "validate", "--har", drift, "--prefix", "/gw", "--format", "github",
    ]);
    assert_eq!(code, Some(1));
    assert!(out.starts_with("::error file="), "{out}");

    let broken = tmp("broken.har", "{\"log\": ");
    let (code, _, err) = bizgen(&["validate", "--har", broken.to_str().expect("utf-8")]);
    assert_eq!(code, Some(1));
    assert!(err.contains("broken.har: not JSON"), "{err}");
}
