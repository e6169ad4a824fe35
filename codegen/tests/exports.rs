//! The OpenAPI and Postman exports, structurally: what the issue asks of
//! them, on the real spec and the obstacle course (whose 3.1 document is
//! snapshotted). Third-party tools judge them in `tests/tests/openapi_tools.rs`
//! and `tests/tests/postman_newman.rs`.

use std::path::PathBuf;

use bizgen::ir::Api;
use bizgen::openapi::Version;
use serde_json::{json, Value};

fn load(dir: &str) -> Api {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
    match bizgen::load_dir(&dir) {
        Ok(loaded) => loaded.api,
        Err(e) => panic!("{} does not load:\n{e}", dir.display()),
    }
}

fn openapi(api: &Api, version: Version) -> Value {
    let text = bizgen::openapi::render(api, version).expect("renders");
    serde_json::from_str(&text).expect("valid JSON")
}

fn postman(api: &Api) -> (Value, Value) {
    let files = bizgen::postman::files(api).expect("renders");
    let parse = |i: usize| serde_json::from_str::<Value>(&files[i].1).expect("valid JSON");
    (parse(0), parse(1))
}

const LOGIN: &str = "/api/login/customer.app.CustomerWebApiService.login";
const BIND_EMAIL: &str = "/api/global/customer.app.CustomerWebApiService.bindEmail";

#[test]
fn exports_are_deterministic() {
    let api = load("../spec");
    for version in [Version::V3_1, Version::V3_0] {
        assert_eq!(
            bizgen::openapi::render(&api, version).expect("renders"),
            bizgen::openapi::render(&load("../spec"), version).expect("renders")
        );
    }
    let first = bizgen::postman::files(&api).expect("renders");
    assert_eq!(first, bizgen::postman::files(&api).expect("renders"));
}

#[test]
fn operations_security_and_headers() {
    let api = load("../spec");
    let doc = openapi(&api, Version::V3_1);
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc["paths"].as_object().expect("paths").len(),
        api.operations().count()
    );
    let login = &doc["paths"][LOGIN]["post"];
    assert_eq!(login["operationId"], "CustomerWebApiService.login");
    assert_eq!(login["tags"], json!(["CustomerWebApiService"]));
    assert_eq!(login["security"], json!([]));
    assert_eq!(login["x-bizgen-access"], "guest");
    let login_zh = login["x-description-zh"]
        .as_str()
        .expect("Chinese description");
    assert!(login_zh.starts_with("登录："), "{login_zh}");
    let bind = &doc["paths"][BIND_EMAIL]["post"];
    assert_eq!(bind["security"], json!([{"customerToken": []}]));
    let random_key = &doc["paths"]["/api/global/thirdExt/randomKey"]["post"];
    assert_eq!(random_key["security"], json!([{}, {"customerToken": []}]));
    let admin =
        &doc["paths"]["/openapi-b/customer.admin.WhiteCustomerAdminApiService.page"]["post"];
    assert_eq!(admin["security"], json!([{"adminToken": []}]));
    assert_eq!(
        doc["components"]["securitySchemes"]["adminToken"]["name"],
        "token"
    );
    // Headers are parameters; `token` is the security scheme, not a parameter.
    let names: Vec<&str> = bind["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(names, ["version", "companyId", "trace", "lang"]);
    assert_eq!(bind["parameters"][0]["example"], "0.0.1");
    // Only HTTP 200, which is what the server answers.
    let statuses: Vec<&String> = bind["responses"]
        .as_object()
        .expect("responses")
        .keys()
        .collect();
    assert_eq!(statuses, ["200"]);
    // `readOnly` operations, and only they, say so in both versions.
    for version in [Version::V3_1, Version::V3_0] {
        let doc = openapi(&api, version);
        for (_, op) in api.operations() {
            let marked = &doc["paths"][op.path.as_str()]["post"]["x-bizgen-read-only"];
            let want = if op.read_only {
                json!(true)
            } else {
                Value::Null
            };
            assert_eq!(marked, &want, "{}", op.biz_type);
        }
    }
    assert_eq!(bind.get("x-bizgen-read-only"), None);
}

#[test]
fn schemas_carry_the_spec_constraints_in_both_versions() {
    let api = load("../spec");
    let v31 = openapi(&api, Version::V3_1);
    let v30 = openapi(&api, Version::V3_0);
    let login_pwd = |doc: &Value| {
        doc["paths"][LOGIN]["post"]["requestBody"]["content"]["application/json"]["schema"]
            ["properties"]["loginPwd"]
            .clone()
    };
    for doc in [&v31, &v30] {
        let pwd = login_pwd(doc);
        assert_eq!(pwd["pattern"], "^[0-9a-fA-F]{32}$");
        assert_eq!(pwd["format"], "md5-hex");
        assert_eq!(pwd["writeOnly"], true, "a request-only secret");
        assert_eq!(pwd["x-sensitive"], true);
        let token = &doc["components"]["schemas"]["LoginResult"]["properties"]["token"];
        assert_eq!(token["x-sensitive"], true);
        assert!(token.get("writeOnly").is_none(), "login returns the token");
        let balance = &doc["components"]["schemas"]["Account"]["properties"]["balance"];
        assert_eq!(balance["x-bizgen-type"], "decimal");
        let login_type = &doc["components"]["schemas"]["LoginType"];
        assert_eq!(login_type["enum"], json!([1, 2, 3]));
        assert_eq!(
            login_type["x-enum-varnames"].as_array().map(Vec::len),
            Some(3)
        );
        let codes = doc["components"]["schemas"]["ErrorCode"]["enum"]
            .as_array()
            .expect("codes")
            .clone();
        assert!(codes.contains(&json!("CUSTOMER_API_0000511")));
        assert!(codes.contains(&json!("BIZGEN_VALIDATION")));
    }
    // Nullability, spelt per version.
    let login_time = |doc: &Value| {
        doc["components"]["schemas"]["LoginResult"]["properties"]["loginTime"].clone()
    };
    assert_eq!(login_time(&v31)["type"], json!(["integer", "null"]));
    assert_eq!(login_time(&v30)["type"], "integer");
    assert_eq!(login_time(&v30)["nullable"], true);
    assert_eq!(v30["openapi"], "3.0.3");
    assert!(!serde_json::to_string(&v30)
        .expect("json")
        .contains("\"const\""));
}

#[test]
fn examples_are_keyed_by_spec_name() {
    let api = load("../spec");
    let doc = openapi(&api, Version::V3_1);
    for (_, op) in api.operations() {
        let post = &doc["paths"][op.path.as_str()]["post"];
        for ex in &op.examples {
            if let Some(request) = &ex.request {
                let got = &post["requestBody"]["content"]["application/json"]["examples"]
                    [ex.name.as_str()]["value"];
                assert_eq!(got, request, "{} {}", op.path, ex.name);
            }
            if let Some(response) = &ex.response {
                let got = &post["responses"]["200"]["content"]["application/json"]["examples"]
                    [ex.name.as_str()]["value"];
                assert_eq!(got, response, "{} {}", op.path, ex.name);
            }
        }
    }
}

#[test]
fn postman_collection_and_environment() {
    let api = load("../spec");
    let (collection, environment) = postman(&api);
    assert_eq!(
        collection["info"]["schema"],
        "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
    );
    let folders = collection["item"].as_array().expect("folders");
    assert_eq!(folders.len(), api.services.len());
    let requests: Vec<&Value> = folders
        .iter()
        .flat_map(|f| f["item"].as_array().expect("requests"))
        .collect();
    assert_eq!(requests.len(), api.operations().count());
    // Login runs first and stores the token.
    assert_eq!(requests[0]["name"], "login");
    let script = requests[0]["event"][0]["script"]["exec"].to_string();
    assert!(
        script.contains("pm.environment.set(\\\"token\\\""),
        "{script}"
    );
    for r in &requests {
        let exec = r["event"][0]["script"]["exec"].to_string();
        assert!(exec.contains("envelope.ok"), "{exec}");
        assert!(exec.contains("pm.variables.get(\\\"trace\\\")"), "{exec}");
        assert!(r["request"]["url"]["raw"]
            .as_str()
            .expect("url")
            .starts_with("{{baseUrl}}/"));
    }
    let pre = collection["event"][0]["script"]["exec"].to_string();
    assert!(pre.contains("pm.variables.set(\\\"trace\\\""), "{pre}");
    let header = |r: &Value, key: &str| {
        r["request"]["header"]
            .as_array()
            .and_then(|h| h.iter().find(|h| h["key"] == key))
            .map(|h| h["value"].clone())
    };
    let admin = requests
        .iter()
        .find(|r| {
            r["request"]["url"]["raw"]
                .as_str()
                .is_some_and(|u| u.contains("/openapi-b/customer.admin"))
        })
        .expect("an admin request");
    assert_eq!(header(admin, "token"), Some(json!("{{adminToken}}")));
    assert_eq!(
        header(requests[0], "token"),
        None,
        "login is a guest operation"
    );
    // The body of login is its first request example.
    let body: Value =
        serde_json::from_str(requests[0]["request"]["body"]["raw"].as_str().expect("raw"))
            .expect("JSON body");
    assert_eq!(body["loginName"], "13429837442");
    let values = environment["values"].as_array().expect("values");
    let value = |key: &str| {
        values
            .iter()
            .find(|v| v["key"] == key)
            .map(|v| v["value"].clone())
    };
    assert_eq!(value("baseUrl"), Some(json!("http://127.0.0.1:8080")));
    assert_eq!(value("token"), Some(json!("mock-token")));
    assert_eq!(value("adminToken"), Some(json!("mock-admin-token")));
}

#[test]
fn obstacle_course_exports() {
    let api = load("../tests/obstacle-spec");
    let doc = openapi(&api, Version::V3_1);
    // `page` and `groupList` in two services: distinct operation ids.
    assert_eq!(
        doc["paths"]["/c/obstacle.Alpha.page"]["post"]["operationId"],
        "Alpha.page"
    );
    assert_eq!(
        doc["paths"]["/b-side/obstacle.Beta.page"]["post"]["operationId"],
        "Beta.page"
    );
    let (collection, _) = postman(&api);
    assert_eq!(collection["item"].as_array().map(Vec::len), Some(3));
    insta::assert_snapshot!(
        "obstacle_openapi_3_1",
        bizgen::openapi::render(&api, Version::V3_1).expect("renders")
    );
}
