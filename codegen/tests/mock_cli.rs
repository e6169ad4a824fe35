//! `bizgen mock` end to end: the binary serves the spec straight from the
//! YAML on an ephemeral loopback port, lists the example names at startup,
//! and answers with the examples through the server's checks.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Kills the mock when the test ends, pass or fail.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn bizgen_mock_serves_the_spec_without_a_build() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let child = Command::new(env!("CARGO_BIN_EXE_bizgen"))
        .arg("--spec")
        .arg(&spec)
        .args(["mock", "--port", "0", "--token", "T1", "--cors"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start bizgen mock");
    let mut running = Running(child);
    let stderr = running.0.stderr.take().expect("stderr");
    // The banner: the address, then one line per operation with its examples.
    let mut lines = BufReader::new(stderr).lines();
    let first = lines.next().expect("a banner").expect("utf-8");
    let addr = first
        .split("http://")
        .nth(1)
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .trim()
        .to_owned();
    assert!(first.contains("58 operations"), "{first}");
    let mut banner = Vec::new();
    for line in lines.by_ref().take(59) {
        banner.push(line.expect("utf-8"));
    }
    let login = "/api/login/customer.app.CustomerWebApiService.login";
    assert!(
        banner
            .iter()
            .any(|l| l.contains(login) && l.contains("captured")),
        "{banner:#?}"
    );

    let client = reqwest::Client::new();
    let call = |path: &str, token: Option<&str>| {
        let mut req = client
            .post(format!("http://{addr}{path}"))
            .header("content-type", "application/json")
            .header("version", "0.0.1")
            .header("companyId", "360")
            .header("lang", "en-US")
            .header("X-Forwarded-For", "203.0.113.7")
            .header("trace", "t-cli");
        if let Some(t) = token {
            req = req.header("token", t);
        }
        req
    };
    let login_body = r#"{"type": 2, "phoneArea": "+86", "device": 1, "loginName": "13429837442", "isThird": false, "loginPwd": "dc483e80a7a0bd9ef71d8cf973673924"}"#;
    let resp = call(login, None)
        .body(login_body)
        .send()
        .await
        .expect("login");
    assert_eq!(resp.headers()["access-control-allow-origin"], "*");
    let env: serde_json::Value = resp.json().await.expect("an envelope");
    assert_eq!((&env["ok"], &env["trace"]), (&true.into(), &"t-cli".into()));
    // Login hands out the token the mock was told to accept.
    assert_eq!(env["data"]["token"], "T1");
    let switch = "/api/thirdExt/switchAccount";
    let envelope = |token| async move {
        let resp = call(switch, token).body("{}").send().await.expect("call");
        resp.json::<serde_json::Value>().await.expect("an envelope")
    };
    let denied = envelope(None).await;
    assert_eq!(denied["code"], "BIZGEN_UNAUTHENTICATED");
    let allowed = envelope(Some("T1")).await;
    assert_eq!(allowed["ok"], true, "{allowed}");
}

#[test]
fn bizgen_mock_rejects_a_bad_flag() {
    let out = Command::new(env!("CARGO_BIN_EXE_bizgen"))
        .args(["mock", "--http-status", "loud"])
        .output()
        .expect("run bizgen");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("platform") && stderr.contains("semantic"),
        "{stderr}"
    );
}
