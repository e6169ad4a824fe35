//! `bizgen probe` over real loopback HTTP: against the generated
//! `customer-api` mock every read-only operation passes; against a double
//! that answers like a newer server (an extra field, an unknown enum code, a
//! type change, an error code the spec lacks) each difference is found at
//! its pointer, and the JUnit report parses back (Python's XML parser).
//! Unreachable hosts, bad URLs, timeouts and HTTP error pages are clear
//! results or errors, never panics.

mod common;

use std::net::SocketAddr;
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;

use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use bizgen::ir::Api;
use bizgen::traffic::probe::{run, Outcome, ProbeOptions, ProbeReport, ProbeResult};
use bizgen::traffic::report::Level;
use serde_json::{json, Value};

fn options(addr: SocketAddr) -> ProbeOptions {
    ProbeOptions {
        token: Some(common::TOKEN.into()),
        admin_token: Some(common::ADMIN_TOKEN.into()),
        concurrency: 3,
        ..ProbeOptions::new(format!("http://{addr}"))
    }
}

fn result<'a>(report: &'a ProbeReport, path_end: &str) -> &'a ProbeResult {
    report
        .results
        .iter()
        .find(|r| r.path.ends_with(path_end))
        .unwrap_or_else(|| panic!("no result for {path_end}: {report:#?}"))
}

fn read_only_count(api: &Api) -> usize {
    api.operations().filter(|(_, o)| o.read_only).count()
}

#[tokio::test]
async fn generated_mock_every_read_only_operation_passes() {
    let api = common::api();
    let addr = common::start_mock().await;
    let report = run(&api, &options(addr)).await.expect("the probe runs");
    assert!(read_only_count(&api) >= 20);
    assert_eq!(report.results.len(), read_only_count(&api));
    assert_eq!(report.not_called, 58 - read_only_count(&api));
    for r in &report.results {
        assert_eq!(r.outcome, Outcome::Pass, "{r:#?}");
        assert_eq!(r.status, Some(200), "{r:#?}");
        assert!(r.findings.is_empty(), "{r:#?}");
    }
    assert!(!report.failed());
}

#[tokio::test]
async fn missing_tokens_skip_with_the_reason_and_include_calls_more() {
    let api = common::api();
    let addr = common::start_mock().await;
    let mut opts = ProbeOptions::new(format!("http://{addr}/"));
    opts.include = vec!["customer.app.CustomerWebApiService.bindEmail".into()];
    let report = run(&api, &opts).await.expect("the probe runs");
    assert_eq!(report.results.len(), read_only_count(&api) + 1);
    for r in &report.results {
        let op = common::op_by_path(&api, &r.path);
        match op.access {
            bizgen::ir::Access::Login => assert_eq!(
                r.outcome,
                Outcome::Skipped {
                    reason: "needs the C-side customer token: give --token".into()
                },
                "{r:#?}"
            ),
            bizgen::ir::Access::Admin => assert_eq!(
                r.outcome,
                Outcome::Skipped {
                    reason: "needs the B-side admin token: give --admin-token".into()
                },
                "{r:#?}"
            ),
            _ => assert_eq!(r.outcome, Outcome::Pass, "{r:#?}"),
        }
    }
    assert!(report.count("pass") >= 3, "{report:#?}");
    // Skips do not fail a run.
    assert!(!report.failed());

    opts.token = Some(common::TOKEN.into());
    let report = run(&api, &opts).await.expect("the probe runs");
    let bind = result(&report, ".bindEmail");
    assert_eq!(bind.status, Some(200), "{bind:#?}");
    assert!(bind.findings.is_empty(), "{bind:#?}");

    opts.include = vec!["noSuchOperation".into()];
    let e = run(&api, &opts).await.expect_err("unknown operation");
    assert_eq!(
        e.to_string(),
        "no operation has the bizType or path `noSuchOperation`"
    );
}

/// Answers every operation with its first success example, changed the way
/// a newer server would change it for a few operations.
fn newer_server(api: Api) -> Router {
    let api = Arc::new(api);
    Router::new().fallback(move |uri: Uri| {
        let api = api.clone();
        async move { newer_answer(&api, uri.path()) }
    })
}

fn newer_answer(api: &Api, path: &str) -> Response {
    let Some(op) = api.operations().map(|(_, o)| o).find(|o| o.path == path) else {
        return (StatusCode::NOT_FOUND, "no such operation").into_response();
    };
    let mut envelope = op
        .examples
        .iter()
        .filter_map(|e| e.response.clone())
        .find(|r| r["ok"] == true)
        .unwrap_or_else(|| panic!("{} has no success example", op.biz_type));
    match op.name.as_str() {
        // A field the spec does not know yet.
        "findPhoneAndEmail" => envelope["data"]["nickname"] = json!("Ann"),
        // A status code added on the server.
        "checkStatus" => envelope["data"]["status"] = json!(7),
        // A string that became a number.
        "queryApi" => envelope["data"]["customerNo"] = json!(86001175),
        // The gateway lacks an operation the spec has: drift, not an error code.
        "findThirdAccountInfo" => {
            envelope = json!({
                "code": "BIZGEN_NOT_FOUND", "msg": "Unknown operation", "data": path,
                "trace": "t", "tm": 1, "bizCode": "", "msgParams": null,
                "ok": false, "fail": true,
            })
        }
        // An error the spec does not list: reported with its code, no drift.
        "findCustomerLang" => {
            envelope = json!({
                "code": "CUSTOMER_API_0009999", "msg": "Service busy", "data": null,
                "trace": "t", "tm": 1, "bizCode": "", "msgParams": null,
                "ok": false, "fail": true,
            })
        }
        _ => {}
    }
    axum::Json(envelope).into_response()
}

fn findings_at(r: &ProbeResult) -> Vec<(Level, &str)> {
    r.findings
        .iter()
        .map(|f| (f.level, f.pointer.as_str()))
        .collect()
}

#[tokio::test]
async fn newer_server_each_difference_is_reported() {
    let api = common::api();
    let addr = common::start(newer_server(api.clone())).await;
    let report = run(&api, &options(addr)).await.expect("the probe runs");

    let extra = result(&report, ".findPhoneAndEmail");
    assert_eq!(extra.outcome, Outcome::Pass, "{extra:#?}");
    assert_eq!(findings_at(extra), [(Level::Info, "/data/nickname")]);

    let code = result(&report, ".checkStatus");
    assert_eq!(code.outcome, Outcome::Pass, "{code:#?}");
    assert_eq!(findings_at(code), [(Level::Warn, "/data/status")]);

    let ty = result(&report, ".queryApi");
    assert_eq!(ty.outcome, Outcome::Drift, "{ty:#?}");
    assert_eq!(findings_at(ty), [(Level::Error, "/data/customerNo")]);
    assert!(ty.findings[0].reason.contains("string"), "{ty:#?}");

    let error = result(&report, ".findCustomerLang");
    assert_eq!(
        error.outcome,
        Outcome::ErrorCode {
            code: "CUSTOMER_API_0009999".into(),
            msg: "Service busy".into()
        }
    );
    assert_eq!(findings_at(error), [(Level::Info, "/code")]);

    let missing = result(&report, ".findThirdAccountInfo");
    assert_eq!(missing.outcome, Outcome::Drift, "{missing:#?}");
    assert!(
        findings_at(missing).contains(&(Level::Error, "/code")),
        "{missing:#?}"
    );
    assert!(
        missing
            .findings
            .iter()
            .any(|f| f.reason.contains("does not know this operation")),
        "{missing:#?}"
    );

    // Everything else is as the spec says.
    let others = report.results.iter().filter(|r| {
        ![
            ".findPhoneAndEmail",
            ".checkStatus",
            ".queryApi",
            ".findCustomerLang",
            ".findThirdAccountInfo",
        ]
        .iter()
        .any(|p| r.path.ends_with(p))
    });
    for r in others {
        assert_eq!(r.outcome, Outcome::Pass, "{r:#?}");
        assert!(r.findings.is_empty(), "{r:#?}");
    }
    assert!(report.failed());
    assert_eq!(report.count("drift"), 2);
}

/// A loopback server on a runtime of its own, so that the CLI (which runs
/// its own runtime) can be called from a plain test thread.
fn serve_in_background(router: Router) -> (tokio::runtime::Runtime, SocketAddr) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let addr = rt.block_on(common::start(router));
    (rt, addr)
}

struct CliRun {
    code: ExitCode,
    out: String,
    err: String,
}

fn cli(args: &[&str]) -> CliRun {
    let spec = common::spec_dir().display().to_string();
    let args: Vec<String> = ["bizgen", "--spec", &spec, "probe"]
        .iter()
        .chain(args)
        .map(|s| s.to_string())
        .collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = bizgen::cli::run(args, &mut out, &mut err);
    CliRun {
        code,
        out: String::from_utf8(out).expect("UTF-8"),
        err: String::from_utf8(err).expect("UTF-8"),
    }
}

/// The JUnit document as Python's XML parser reads it: the suite's counts
/// and each test case's name and verdict.
fn parse_junit(xml: &str) -> Value {
    let script = r#"
import json, sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.read())
suite = root.find("testsuite")
cases = []
for case in suite.findall("testcase"):
    kind = "pass"
    message = None
    for child in case:
        if child.tag in ("failure", "error", "skipped"):
            kind, message = child.tag, child.get("message")
    cases.append({"name": case.get("name"), "class": case.get("classname"),
                  "kind": kind, "message": message, "text": "".join(case.itertext())})
counts = {k: int(suite.get(k)) for k in ("tests", "failures", "errors", "skipped")}
print(json.dumps({"root": root.tag, "counts": counts, "cases": cases}))
"#;
    let mut child = Command::new(common::tool("py:python"))
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(xml.as_bytes()).expect("write XML");
    }
    let output = child.wait_with_output().expect("python finishes");
    assert!(
        output.status.success(),
        "the JUnit XML does not parse:\n{}\n{xml}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON from the script")
}

#[test]
fn cli_junit_against_the_newer_server_parses_and_exits_1() {
    let api = common::api();
    let (_rt, addr) = serve_in_background(newer_server(api.clone()));
    let url = format!("http://{addr}");
    let r = cli(&[
        "--base-url",
        &url,
        "--token",
        common::TOKEN,
        "--format",
        "junit",
    ]);
    assert_eq!(r.code, ExitCode::from(1), "{}\n{}", r.out, r.err);
    assert!(r.err.contains("2 drifted"), "{}", r.err);
    let doc = parse_junit(&r.out);
    assert_eq!(doc["root"], "testsuites");
    let admin_ops = api
        .operations()
        .filter(|(_, o)| o.read_only && o.access == bizgen::ir::Access::Admin)
        .count();
    assert_eq!(
        doc["counts"],
        json!({"tests": read_only_count(&api), "failures": 2, "errors": 0, "skipped": admin_ops})
    );
    let cases = doc["cases"].as_array().expect("cases");
    // A case is named by the operation and its gateway (one bizType can be on two).
    let case = |name: &str| {
        cases
            .iter()
            .find(|c| {
                c["name"]
                    .as_str()
                    .and_then(|n| n.strip_suffix(')'))
                    .and_then(|n| n.split_once(" ("))
                    .is_some_and(|(n, _)| n == name)
            })
            .unwrap_or_else(|| panic!("no case {name}: {doc}"))
    };
    let drift = case("queryApi");
    assert_eq!(drift["kind"], "failure");
    assert_eq!(drift["class"], "customer.app.CustomerApiWebService");
    assert!(
        drift["text"]
            .as_str()
            .is_some_and(|t| t.contains("error: response /data/customerNo")),
        "{drift}"
    );
    assert_eq!(case("detail")["kind"], "skipped");
    assert_eq!(
        case("detail")["message"],
        "needs the B-side admin token: give --admin-token"
    );
    let busy = case("findCustomerLang");
    assert_eq!(busy["kind"], "pass");
    assert!(
        busy["text"]
            .as_str()
            .is_some_and(|t| t.contains("CUSTOMER_API_0009999")),
        "{busy}"
    );

    // Text and JSON carry the same verdicts.
    let r = cli(&["--base-url", &url, "--token", common::TOKEN]);
    assert_eq!(r.code, ExitCode::from(1));
    assert!(
        r.out.contains("drift       customer.app.CustomerApiWebService.queryApi (global): HTTP 200, 1 error\n    error: response /data/customerNo: "),
        "{}",
        r.out
    );
    assert!(
        r.out.ends_with("38 not read-only, not called\n"),
        "{}",
        r.out
    );
    let r = cli(&["--base-url", &url, "--format", "json"]);
    let doc: Value = serde_json::from_str(&r.out).expect("JSON");
    assert_eq!(doc["summary"]["drift"], 0, "{doc}");
    assert_eq!(r.code, ExitCode::SUCCESS, "{}", r.err);
}

#[test]
fn cli_bad_input_is_a_clear_error() {
    for (url, why) in [
        ("not a url", "relative URL without a base"),
        ("ftp://127.0.0.1/", "the scheme must be http or https"),
    ] {
        let r = cli(&["--base-url", url]);
        assert_eq!(r.code, ExitCode::from(2), "{}", r.err);
        assert_eq!(
            r.err,
            format!("bizgen: bad base URL `{url}`: {why}\n"),
            "{}",
            r.err
        );
        assert!(r.out.is_empty());
    }
    let r = cli(&["--base-url", "http://127.0.0.1:1", "--timeout", "soon"]);
    assert_eq!(r.code, ExitCode::from(2));
    assert!(r.err.contains("`soon` is not a duration"), "{}", r.err);
    let r = cli(&["--base-url", "http://127.0.0.1:1", "--concurrency", "0"]);
    assert_eq!(r.code, ExitCode::from(2));
    let r = cli(&["--base-url", "http://127.0.0.1:1", "--include", "nope"]);
    assert_eq!(r.code, ExitCode::from(2));
    assert!(r
        .err
        .contains("no operation has the bizType or path `nope`"));
}

#[tokio::test]
async fn unreachable_host_fails_each_call_with_the_reason() {
    let api = common::api();
    // A port that was just free: nothing listens there.
    let addr = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr")
    };
    let report = run(&api, &options(addr)).await.expect("the probe runs");
    assert!(report.failed());
    assert_eq!(report.count("failed"), report.results.len());
    for r in &report.results {
        let Outcome::Failed { reason } = &r.outcome else {
            panic!("{r:#?}")
        };
        assert!(reason.to_lowercase().contains("connect"), "{reason}");
    }
}

#[tokio::test]
async fn silent_gateway_times_out_and_error_pages_are_failures() {
    let api = common::api();
    let silent = Router::new().fallback(std::future::pending::<&'static str>);
    let addr = common::start(silent).await;
    let mut opts = options(addr);
    opts.timeout = std::time::Duration::from_millis(200);
    let report = run(&api, &opts).await.expect("the probe runs");
    for r in &report.results {
        assert_eq!(
            r.outcome,
            Outcome::Failed {
                reason: "no answer within 200ms".into()
            },
            "{r:#?}"
        );
    }

    // A proxy's error page is a failed call; a 200 that is not JSON is drift.
    let pages = Router::new().fallback(|uri: Uri| async move {
        if uri.path().ends_with(".checkStatus") {
            (StatusCode::OK, "<html>maintenance</html>").into_response()
        } else {
            (StatusCode::BAD_GATEWAY, "<html>502 Bad Gateway</html>").into_response()
        }
    });
    let addr = common::start(pages).await;
    let report = run(&api, &options(addr)).await.expect("the probe runs");
    let page = result(&report, ".findCustomerInfo");
    assert_eq!(
        page.outcome,
        Outcome::Failed {
            reason: "HTTP 502 without an envelope: \"<html>502 Bad Gateway</html>\"".into()
        }
    );
    let html = result(&report, ".checkStatus");
    assert_eq!(html.outcome, Outcome::Drift, "{html:#?}");
    assert!(html.findings[0].reason.starts_with("not JSON"), "{html:#?}");
}
