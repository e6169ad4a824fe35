//! The real spec under `spec/`: it loads, has the 58 documented operations
//! with the right paths, access levels and headers, every example fits its
//! schema; and the CLI works on it end to end.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bizgen::ir::{Access, Api, ExampleKind, Operation, Presence, Ty};
use serde_json::{json, Value};

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn api() -> Api {
    match bizgen::load_dir(&spec_dir()) {
        Ok(loaded) => loaded.api,
        Err(e) => panic!("the real spec does not load:\n{e}"),
    }
}

fn op_at<'a>(api: &'a Api, path: &str) -> &'a Operation {
    api.operations()
        .map(|(_, o)| o)
        .find(|o| o.path == path)
        .unwrap_or_else(|| panic!("no operation at {path}"))
}

fn presence(op: &Operation, header: &str) -> Presence {
    op.headers
        .iter()
        .find(|h| h.name == header)
        .map_or(Presence::Absent, |h| h.presence)
}

// ---------------------------------------------------------------- the model

#[test]
fn loads_without_errors_or_warnings() {
    let loaded = bizgen::load_dir(&spec_dir()).unwrap_or_else(|e| panic!("{e}"));
    let warnings: Vec<String> = loaded
        .warnings
        .iter()
        .map(|d| d.render(&loaded.files))
        .collect();
    assert!(warnings.is_empty(), "warnings:\n{}", warnings.join("\n"));
}

#[test]
fn has_58_operations_on_58_distinct_paths() {
    let api = api();
    let ops: Vec<&Operation> = api.operations().map(|(_, o)| o).collect();
    assert_eq!(ops.len(), 58);
    let paths: BTreeSet<&str> = ops.iter().map(|o| o.path.as_str()).collect();
    assert_eq!(paths.len(), 58, "paths are not distinct");
    for o in &ops {
        assert!(o.path.starts_with('/'), "{}", o.path);
        assert!(
            o.path.ends_with(&o.biz_type),
            "{} does not end with its bizType {}",
            o.path,
            o.biz_type
        );
    }
}

#[test]
fn known_endpoints_have_the_right_access() {
    let api = api();
    let cases = [
        (
            "/api/global/customer.app.CustomerWebApiService.bindEmail",
            Access::Login,
        ),
        (
            "/api/global/customer.app.CustomerWebApiService.checkCustomerExist",
            Access::Guest,
        ),
        (
            "/openapi-b/customer.app.CustomerWebApiService.checkCustomerExist",
            Access::Guest,
        ),
        (
            "/openapi-b/customer.admin.WhiteCustomerAdminApiService.addCusAndOpenAccountAndKyc",
            Access::Admin,
        ),
        ("/api/global/thirdExt/randomKey", Access::Optional),
        ("/api/thirdExt/switchAccount", Access::Login),
        (
            "/api/login/customer.app.CustomerWebApiService.login",
            Access::Guest,
        ),
        (
            "/api/register/customer.app.CustomerWebApiService.register",
            Access::Guest,
        ),
    ];
    for (path, access) in cases {
        let op = op_at(&api, path);
        assert_eq!(op.access, access, "{path}");
        let token = presence(op, "token");
        let expected = match access {
            Access::Guest => Presence::Absent,
            Access::Login | Access::Admin => Presence::Required,
            Access::Optional => Presence::Optional,
        };
        assert_eq!(token, expected, "token header of {path}");
    }
}

#[test]
fn checkcustomerexist_is_on_two_gateways() {
    let api = api();
    let biz = "customer.app.CustomerWebApiService.checkCustomerExist";
    let mut gateways: Vec<&str> = api
        .operations()
        .map(|(_, o)| o)
        .filter(|o| o.biz_type == biz)
        .map(|o| o.gateway.as_str())
        .collect();
    gateways.sort();
    assert_eq!(gateways, ["global", "openapiB"]);
    let err = api.find_operation(biz).expect_err("ambiguous").to_string();
    assert!(
        err.contains("/api/global/") && err.contains("/openapi-b/"),
        "{err}"
    );
}

#[test]
fn admin_operations_are_b_side_and_login_ones_c_side() {
    let api = api();
    for (_, op) in api.operations() {
        match op.access {
            Access::Admin => assert_eq!(op.side, bizgen::ir::Side::B, "{}", op.path),
            Access::Login | Access::Optional => {
                assert_eq!(op.side, bizgen::ir::Side::C, "{}", op.path)
            }
            Access::Guest => {}
        }
    }
}

#[test]
fn header_presence() {
    let api = api();
    let register = op_at(
        &api,
        "/api/register/customer.app.CustomerWebApiService.register",
    );
    assert_eq!(presence(register, "X-Forwarded-For"), Presence::Required);
    let login = op_at(&api, "/api/login/customer.app.CustomerWebApiService.login");
    assert_eq!(presence(login, "X-Forwarded-For"), Presence::Absent);
    // randomKey sends no version header.
    let random_key = op_at(&api, "/api/global/thirdExt/randomKey");
    assert_eq!(presence(random_key, "version"), Presence::Absent);
    assert_eq!(presence(random_key, "companyId"), Presence::Required);
}

#[test]
fn third_server_code_max_length_50() {
    let api = api();
    let op = op_at(
        &api,
        "/openapi-b/customer.admin.WhiteCustomerAdminApiService.addCusAndOpenAccountAndKyc",
    );
    let field = op
        .request
        .fields
        .iter()
        .find(|f| f.name == "thirdServerCode")
        .expect("thirdServerCode");
    assert_eq!(field.ty, Ty::String);
    assert_eq!(field.constraints.max_length, Some(50));
    assert!(!field.required);
    let pwd = op.request.fields.iter().find(|f| f.name == "pwd").unwrap();
    assert!(pwd.required && pwd.sensitive);
}

#[test]
fn every_example_validates() {
    let api = api();
    let mut count = 0;
    let mut captured = 0;
    let mut failures = Vec::new();
    for (_, op) in api.operations() {
        for ex in &op.examples {
            count += 1;
            if ex.kind == ExampleKind::Captured {
                captured += 1;
            }
            let problems = bizgen::wire::check_example(&api, op, ex);
            if !problems.is_empty() {
                failures.push(format!("{} / {}: {problems:?}", op.path, ex.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(count >= captured);
    assert!(captured > 20, "only {captured} captured examples");
}

#[test]
fn seed_error_codes_are_declared_and_used() {
    let api = api();
    for code in ["CUSTOMER_API_0000511", "CUSTOMER_API_0000133"] {
        let e = api
            .find_error(code)
            .unwrap_or_else(|| panic!("{code} not declared"));
        assert_eq!(e.origin, bizgen::ir::Origin::Platform);
        assert!(
            api.operations()
                .any(|(_, o)| o.errors.iter().any(|c| c == code)),
            "{code} is not listed by any operation"
        );
    }
}

// ---------------------------------------------------------------- the CLI

struct Run {
    code: ExitCode,
    out: String,
    err: String,
}

fn run(args: &[&str]) -> Run {
    let mut argv = vec!["bizgen".to_owned()];
    argv.extend(args.iter().map(|s| s.to_string()));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = bizgen::cli::run(argv, &mut out, &mut err);
    Run {
        code,
        out: String::from_utf8(out).expect("UTF-8 stdout"),
        err: String::from_utf8(err).expect("UTF-8 stderr"),
    }
}

fn spec_arg() -> String {
    spec_dir().display().to_string()
}

/// A scratch directory for JSON payloads, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("bizgen-real-spec-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn file(&self, name: &str, value: &Value) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
        path.display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const ADD_CUS: &str = "customer.admin.WhiteCustomerAdminApiService.addCusAndOpenAccountAndKyc";

fn validate(args: &[&str]) -> (Run, Value) {
    let spec = spec_arg();
    let mut all = vec!["validate", "--spec", spec.as_str()];
    all.extend_from_slice(args);
    let r = run(&all);
    let report: Value = serde_json::from_str(&r.out).unwrap_or_else(|e| {
        panic!(
            "validate output is not JSON ({e}):\n{}\nstderr:\n{}",
            r.out, r.err
        )
    });
    (r, report)
}

fn pointers(report: &Value) -> BTreeSet<String> {
    report["violations"]
        .as_array()
        .expect("violations array")
        .iter()
        .map(|v| v["pointer"].as_str().expect("pointer").to_owned())
        .collect()
}

#[test]
fn cli_lint_is_clean() {
    let r = run(&["lint", "--spec", &spec_arg()]);
    assert_eq!(r.code, ExitCode::SUCCESS, "{}", r.err);
    assert!(r.err.contains("58 operations"), "{}", r.err);
    assert!(r.err.contains("no errors"), "{}", r.err);
}

#[test]
fn cli_list_json() {
    let r = run(&["list", "--json", "--spec", &spec_arg()]);
    assert_eq!(r.code, ExitCode::SUCCESS, "{}", r.err);
    let list: Value = serde_json::from_str(&r.out).expect("list --json is JSON");
    let list = list.as_array().expect("an array");
    assert_eq!(list.len(), 58);
    for entry in list {
        let keys: BTreeSet<&str> = entry
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            BTreeSet::from(["bizType", "path", "access", "readOnly", "request", "response"]),
            "{entry}"
        );
        assert!(entry["bizType"].is_string() && entry["path"].is_string());
        assert!(entry["response"].is_string());
        assert!(
            ["guest", "login", "admin", "optional"].contains(&entry["access"].as_str().unwrap()),
            "{entry}"
        );
        for field in entry["request"].as_array().expect("request array") {
            let keys: BTreeSet<&str> = field
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let mut expected = BTreeSet::from(["name", "type", "required"]);
            if keys.contains("requiredWhen") {
                expected.insert("requiredWhen");
                assert_eq!(field["required"], false, "{field}");
            }
            assert_eq!(keys, expected, "{field}");
            assert!(field["name"].is_string() && field["type"].is_string());
            assert!(field["required"].is_boolean());
        }
    }
    // A conditional requirement, as the spec writes it.
    let forget = list
        .iter()
        .find(|e| e["bizType"] == "customer.app.CustomerWebApiService.forgetAssertsPwd")
        .expect("forgetAssertsPwd listed");
    assert!(forget["request"].as_array().unwrap().contains(&json!({
        "name": "phoneArea", "type": "string", "required": false,
        "requiredWhen": {"field": "type", "equals": 2},
    })));
    // The pure queries of the seeds (find*, query*, check*, page, detail,
    // groupList) are marked read-only, and nothing else is.
    let read_only: Vec<&str> = list
        .iter()
        .filter(|e| e["readOnly"] == true)
        .filter_map(|e| e["bizType"].as_str())
        .collect();
    assert_eq!(read_only.len(), 20, "{read_only:?}");
    for biz_type in read_only {
        let name = biz_type.rsplit('.').next().unwrap_or_default();
        assert!(
            ["find", "query", "check", "page", "detail", "groupList"]
                .iter()
                .any(|p| name.starts_with(p)),
            "{biz_type}"
        );
    }
    let random_key = list
        .iter()
        .find(|e| e["path"] == "/api/global/thirdExt/randomKey")
        .expect("randomKey listed");
    assert_eq!(random_key["access"], "optional");
    assert_eq!(random_key["response"], "string");
    let add = list
        .iter()
        .find(|e| e["bizType"] == ADD_CUS)
        .expect("addCus listed");
    assert_eq!(add["access"], "admin");
    assert!(add["request"]
        .as_array()
        .unwrap()
        .contains(&json!({"name": "thirdServerCode", "type": "string", "required": false})));
}

#[test]
fn cli_list_table() {
    let r = run(&["list", "--spec", &spec_arg()]);
    assert_eq!(r.code, ExitCode::SUCCESS, "{}", r.err);
    assert!(r.out.starts_with("PATH"), "{}", r.out);
    assert!(r.out.trim_end().ends_with("58 operations"), "{}", r.out);
}

#[test]
fn cli_validate_valid_request() {
    let dir = Scratch::new("valid");
    let body = json!({
        "phone": "13429837442",
        "pwd": "dc483e80a7a0bd9ef71d8cf973673924",
        "country": "CN",
        "registerSource": 3,
        "customerGroupId": 1,
        "thirdServerCode": "AG-100235",
    });
    let (r, report) = validate(&["--op", ADD_CUS, "--request", &dir.file("req.json", &body)]);
    assert_eq!(r.code, ExitCode::SUCCESS, "{}\n{}", r.out, r.err);
    assert_eq!(report["valid"], true);
    assert_eq!(report["op"], ADD_CUS);
    assert_eq!(
        report["path"],
        "/openapi-b/customer.admin.WhiteCustomerAdminApiService.addCusAndOpenAccountAndKyc"
    );
    assert_eq!(report["violations"], json!([]));
}

#[test]
fn cli_validate_invalid_request_reports_every_violation() {
    let dir = Scratch::new("invalid");
    let body = json!({
        // phone (required) is missing
        "pwd": "dc483e80a7a0bd9ef71d8cf973673924",
        "country": "CN",
        "registerSource": 3,
        "customerGroupId": "one",            // wrong type
        "thirdServerCode": "x".repeat(51),   // over maxLength 50
    });
    let (r, report) = validate(&["--op", ADD_CUS, "--request", &dir.file("req.json", &body)]);
    assert_eq!(r.code, ExitCode::from(1), "{}\n{}", r.out, r.err);
    assert_eq!(report["valid"], false);
    let found = pointers(&report);
    for pointer in ["/phone", "/customerGroupId", "/thirdServerCode"] {
        assert!(
            found.contains(pointer),
            "{pointer} not in {found:?}:\n{}",
            r.out
        );
        assert!(r.out.contains(&format!("\"{pointer}\"")), "{}", r.out);
    }
    assert_eq!(found.len(), 3, "{}", r.out);
}

#[test]
fn cli_validate_strict_flags_unknown_fields() {
    let dir = Scratch::new("strict");
    let body = json!({
        "phone": "13429837442",
        "pwd": "dc483e80a7a0bd9ef71d8cf973673924",
        "country": "CN",
        "registerSource": 3,
        "customerGroupId": 1,
        "nickname": "bob",
    });
    let file = dir.file("req.json", &body);
    let (r, _) = validate(&["--op", ADD_CUS, "--request", &file]);
    assert_eq!(r.code, ExitCode::SUCCESS, "lenient by default:\n{}", r.out);
    let (r, report) = validate(&["--op", ADD_CUS, "--request", &file, "--strict"]);
    assert_eq!(r.code, ExitCode::from(1), "{}", r.out);
    assert_eq!(pointers(&report), BTreeSet::from(["/nickname".to_owned()]));
}

#[test]
fn cli_validate_responses() {
    let dir = Scratch::new("responses");
    let op = "customer.app.CustomerWebApiService.bindEmail";
    let error = json!({
        "msg": "Verification code is not correct", "fail": true, "trace": "x-1",
        "code": "CUSTOMER_API_0000511", "data": op, "bizCode": "", "tm": 5,
        "msgParams": null, "ok": false
    });
    let (r, report) = validate(&["--op", op, "--response", &dir.file("err.json", &error)]);
    assert_eq!(r.code, ExitCode::SUCCESS, "{}\n{}", r.out, r.err);
    assert_eq!(report["valid"], true);

    // An error envelope with `data: null` is just as valid.
    let mut null_data = error.clone();
    null_data["data"] = Value::Null;
    let (r, _) = validate(&[
        "--op",
        op,
        "--response",
        &dir.file("err-null.json", &null_data),
    ]);
    assert_eq!(r.code, ExitCode::SUCCESS, "{}\n{}", r.out, r.err);

    // A success envelope must have the success code, and ok/fail must disagree.
    let mut bad = error.clone();
    bad["ok"] = json!(true);
    let (r, report) = validate(&["--op", op, "--response", &dir.file("bad.json", &bad)]);
    assert_eq!(r.code, ExitCode::from(1), "{}", r.out);
    let found = pointers(&report);
    assert!(
        found.contains("/code") && found.contains("/fail"),
        "{found:?}"
    );
}

#[test]
fn cli_validate_ambiguous_biz_type() {
    let dir = Scratch::new("ambiguous");
    let body = dir.file("req.json", &json!({"type": 2, "loginName": "13429837442"}));
    let biz = "customer.app.CustomerWebApiService.checkCustomerExist";
    let r = run(&[
        "validate",
        "--spec",
        &spec_arg(),
        "--op",
        biz,
        "--request",
        &body,
    ]);
    assert_eq!(r.code, ExitCode::from(2), "{}\n{}", r.out, r.err);
    assert!(r.err.contains("ambiguous"), "{}", r.err);
    assert!(r.err.contains(&format!("/api/global/{biz}")), "{}", r.err);
    assert!(r.err.contains(&format!("/openapi-b/{biz}")), "{}", r.err);

    for path in [format!("/api/global/{biz}"), format!("/openapi-b/{biz}")] {
        let (r, report) = validate(&["--op", &path, "--request", &body]);
        assert_eq!(r.code, ExitCode::SUCCESS, "{path}: {}\n{}", r.out, r.err);
        assert_eq!(report["path"], path.as_str());
    }
}

#[test]
fn cli_validate_unknown_operation() {
    let dir = Scratch::new("unknown-op");
    let body = dir.file("req.json", &json!({}));
    let r = run(&[
        "validate",
        "--spec",
        &spec_arg(),
        "--op",
        "no.such.op",
        "--request",
        &body,
    ]);
    assert_eq!(r.code, ExitCode::from(2), "{}", r.err);
    assert!(r.err.contains("no.such.op"), "{}", r.err);
}

#[test]
fn cli_validate_unreadable_or_non_json_payload() {
    let dir = Scratch::new("bad-payload");
    let missing = dir.0.join("missing.json").display().to_string();
    let r = run(&[
        "validate",
        "--spec",
        &spec_arg(),
        "--op",
        ADD_CUS,
        "--request",
        &missing,
    ]);
    assert_eq!(r.code, ExitCode::from(2), "{}", r.err);
    let not_json = dir.0.join("not.json");
    std::fs::write(&not_json, "{\"phone\": ").unwrap();
    let not_json = not_json.display().to_string();
    let r = run(&[
        "validate",
        "--spec",
        &spec_arg(),
        "--op",
        ADD_CUS,
        "--request",
        &not_json,
    ]);
    assert_eq!(r.code, ExitCode::from(2), "{}", r.err);
    assert!(r.err.contains("not valid JSON"), "{}", r.err);
}

#[test]
fn cli_unknown_flag_is_a_usage_error() {
    let r = run(&["lint", "--spec", &spec_arg(), "--frobnicate"]);
    assert_eq!(r.code, ExitCode::from(2));
    assert!(r.err.contains("--frobnicate"), "{}", r.err);
    let r = run(&["validate", "--spec", &spec_arg(), "--op", ADD_CUS]);
    assert_eq!(
        r.code,
        ExitCode::from(2),
        "neither --request nor --response: {}",
        r.err
    );
}

#[test]
fn cli_broken_spec_dir() {
    let dir = Scratch::new("broken");
    std::fs::write(
        dir.0.join("api.yaml"),
        "api:\n  name: broken\n  title: Broken\n  version: 1.0.0\nservces: {}\n",
    )
    .unwrap();
    let spec = dir.0.display().to_string();
    let r = run(&["lint", "--spec", &spec]);
    assert_eq!(r.code, ExitCode::from(1), "{}", r.err);
    assert!(
        r.err.contains("api.yaml:5:1: error: unknown key `servces`"),
        "{}",
        r.err
    );
    assert!(r.err.contains("error(s)"), "{}", r.err);
    let r = run(&["list", "--json", "--spec", &spec]);
    assert_eq!(r.code, ExitCode::from(1), "{}", r.err);
    assert!(r.out.is_empty(), "{}", r.out);
    let missing = dir.0.join("nope").display().to_string();
    let r = run(&["lint", "--spec", &missing]);
    assert_eq!(r.code, ExitCode::from(1), "{}", r.err);
    assert!(r.err.contains("cannot read spec directory"), "{}", r.err);
}

#[test]
fn cli_schema_is_json() {
    let r = run(&["schema"]);
    assert_eq!(r.code, ExitCode::SUCCESS, "{}", r.err);
    let schema: Value = serde_json::from_str(&r.out).expect("schema is JSON");
    assert!(schema["properties"]["services"].is_object(), "{schema}");
}

#[test]
fn checked_in_json_schema_is_current() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/bizgen-spec.schema.json");
    let on_disk = std::fs::read_to_string(&path).expect("spec/bizgen-spec.schema.json");
    assert_eq!(
        on_disk,
        bizgen::spec_json_schema(),
        "spec/bizgen-spec.schema.json is stale: run `bizgen schema --out spec/bizgen-spec.schema.json`"
    );
}
