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
            .any(|l| l.contains(login) && l.contains("real")),
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

/// `bizgen mock --cors --site DIR`: the docs site and the operations from
/// one origin; the CORS preflight allows the API's custom headers; paths
/// out of the folder and unknown POSTs get the envelope's not-found.
#[tokio::test]
async fn bizgen_mock_serves_the_docs_site_beside_the_operations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let child = Command::new(env!("CARGO_BIN_EXE_bizgen"))
        .arg("--spec")
        .arg(root.join("spec"))
        .args(["mock", "--port", "0", "--cors", "--site"])
        .arg(root.join("generated/site"))
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start bizgen mock");
    let mut running = Running(child);
    let stderr = running.0.stderr.take().expect("stderr");
    let site_line = BufReader::new(stderr)
        .lines()
        .map(|l| l.expect("utf-8"))
        .find(|l| l.starts_with("site: "))
        .expect("a site line in the banner");
    let origin = site_line
        .trim_start_matches("site: ")
        .split_whitespace()
        .next()
        .expect("an address")
        .trim_end_matches('/')
        .to_owned();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let get = |path: &str| client.get(format!("{origin}{path}")).send();

    for (path, content_type, says) in [
        ("/", "text/html; charset=utf-8", "lang=\"en\""),
        ("/zh/", "text/html; charset=utf-8", "lang=\"zh-CN\""),
        ("/zh/api.js", "text/javascript; charset=utf-8", "绑定邮箱"),
        (
            "/vendor/rapidoc-min.js",
            "text/javascript; charset=utf-8",
            "RapiDoc",
        ),
    ] {
        let resp = get(path).await.expect("GET");
        assert_eq!(resp.status(), 200, "{path}");
        assert_eq!(resp.headers()["content-type"], content_type, "{path}");
        let body = resp.text().await.expect("a body");
        assert!(body.contains(says), "{path} does not say {says}");
    }
    let folder = get("/zh").await.expect("GET /zh");
    assert_eq!(folder.status(), 308);
    assert_eq!(folder.headers()["location"], "/zh/");
    for outside in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/.hidden",
        "/nothing.html",
    ] {
        let resp = get(outside).await.expect("GET");
        let env: serde_json::Value = resp.json().await.expect("an envelope");
        assert_eq!(env["code"], "BIZGEN_NOT_FOUND", "{outside}");
    }
    let unknown: serde_json::Value = client
        .post(format!("{origin}/index.html"))
        .body("{}")
        .send()
        .await
        .expect("POST")
        .json()
        .await
        .expect("an envelope");
    assert_eq!(unknown["code"], "BIZGEN_NOT_FOUND");

    // The browser's preflight before a try-it call with the API's headers.
    let asked = "content-type, version, companyid, trace, lang, token";
    let preflight = client
        .request(
            reqwest::Method::OPTIONS,
            format!("{origin}/api/global/customer.app.CustomerWebApiService.findCustomerInfo"),
        )
        .header("origin", "http://localhost:3000")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", asked)
        .send()
        .await
        .expect("OPTIONS");
    assert_eq!(preflight.status(), 204);
    let h = preflight.headers();
    assert_eq!(h["access-control-allow-origin"], "*");
    assert_eq!(h["access-control-allow-headers"], asked);
    assert!(h["access-control-allow-methods"]
        .to_str()
        .is_ok_and(|m| m.contains("POST")));
}

#[test]
fn bizgen_mock_site_needs_an_index() {
    let out = Command::new(env!("CARGO_BIN_EXE_bizgen"))
        .arg("--spec")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec"))
        .args(["mock", "--port", "0", "--site", "/nonexistent-site"])
        .output()
        .expect("run bizgen");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--site /nonexistent-site") && stderr.contains("index.html"),
        "{stderr}"
    );
}
