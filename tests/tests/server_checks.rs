//! The generated router enforces the spec: headers, access levels, every
//! body constraint, and answers bad input with an error envelope.

mod common;

use serde_json::{json, Value};

use bizgen::ir::Access;

fn codes_of(v: &Value) -> (bool, String) {
    (
        v["ok"].as_bool().unwrap_or(true),
        v["code"].as_str().unwrap_or_default().to_owned(),
    )
}

#[tokio::test]
async fn access_matrix_for_every_operation() {
    let api = common::api();
    let addr = common::start_mock().await;
    let mut failures = Vec::new();
    for (_, op) in api.operations() {
        let body = common::example_request(op).to_string();
        for (label, token) in [
            ("none", None),
            ("c-side", Some(common::TOKEN)),
            ("b-side", Some(common::ADMIN_TOKEN)),
        ] {
            let headers = common::headers_for(op, token);
            let (status, resp) = common::raw_post(addr, &op.path, &headers, &body).await;
            let (_, code) = codes_of(&resp);
            let denied = code == "BIZGEN_UNAUTHENTICATED";
            let allowed = matches!(
                (op.access, label),
                (Access::Guest, _)
                    | (Access::Login, "c-side")
                    | (Access::Admin, "b-side")
                    | (Access::Optional, "none" | "c-side")
            );
            let should_deny = !allowed;
            if status != 200 || denied != should_deny {
                failures.push(format!(
                    "{} ({:?}) with {label} token: HTTP {status}, {resp}",
                    op.path, op.access
                ));
            }
            assert_eq!(resp["trace"], "t-test-1", "trace is echoed");
            assert!(resp["tm"].is_i64(), "tm is filled");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const BIND_EMAIL: &str = "/api/global/customer.app.CustomerWebApiService.bindEmail";
const ADD_CUSTOMER: &str =
    "/openapi-b/customer.admin.WhiteCustomerAdminApiService.addCusAndOpenAccountAndKyc";
const REGISTER: &str = "/api/register/customer.app.CustomerWebApiService.register";

async fn post(path: &str, token: Option<&str>, body: Value) -> Value {
    let api = common::api();
    let op = common::op_by_path(&api, path);
    let addr = common::start_mock().await;
    let headers = common::headers_for(op, token);
    let (status, resp) = common::raw_post(addr, path, &headers, &body.to_string()).await;
    assert_eq!(status, 200);
    resp
}

fn violations(resp: &Value) -> Vec<(String, String)> {
    assert_eq!(resp["code"], "BIZGEN_VALIDATION", "{resp}");
    assert_eq!(resp["ok"], false);
    resp["data"]
        .as_array()
        .unwrap_or_else(|| panic!("violations in data: {resp}"))
        .iter()
        .map(|v| {
            (
                v["pointer"].as_str().unwrap_or_default().to_owned(),
                v["reason"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn missing_required_field() {
    let resp = post(
        BIND_EMAIL,
        Some(common::TOKEN),
        json!({"email": "a@example.com"}),
    )
    .await;
    let v = violations(&resp);
    assert!(
        v.iter()
            .any(|(p, r)| p == "/body/verifyCode" && r.contains("missing")),
        "{v:?}"
    );
}

#[tokio::test]
async fn wrong_type() {
    let resp = post(
        BIND_EMAIL,
        Some(common::TOKEN),
        json!({"email": "a@example.com", "verifyCode": 123456, "sendToken": "t"}),
    )
    .await;
    let v = violations(&resp);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].0, "/body/verifyCode");
    assert!(v[0].1.contains("string"), "{v:?}");
}

#[tokio::test]
async fn over_length_and_several_at_once() {
    let body = json!({
        "phone": "13800000000",
        "pwd": "not-an-md5",
        "country": "US",
        "registerSource": 42,
        "customerGroupId": "one",
        "thirdServerCode": "x".repeat(51),
    });
    let resp = post(ADD_CUSTOMER, Some(common::ADMIN_TOKEN), body).await;
    let v = violations(&resp);
    let pointers: Vec<&str> = v.iter().map(|(p, _)| p.as_str()).collect();
    for want in [
        "/body/pwd",
        "/body/registerSource",
        "/body/customerGroupId",
        "/body/thirdServerCode",
    ] {
        assert!(pointers.contains(&want), "{want} not in {v:?}");
    }
    let over = v
        .iter()
        .find(|(p, _)| p == "/body/thirdServerCode")
        .expect("length");
    assert!(over.1.contains("at most 50"), "{over:?}");
    let code = v
        .iter()
        .find(|(p, _)| p == "/body/registerSource")
        .expect("enum");
    assert!(
        code.1.contains("42") && code.1.contains("ClientSource"),
        "{code:?}"
    );
}

#[tokio::test]
async fn out_of_range_and_unknown_enum_code() {
    let body = json!({
        "country": "CN", "loginName": "a@example.com", "type": 7,
        "verifyCode": "123456", "sendToken": "t", "registerSource": 0,
    });
    let resp = post(REGISTER, None, body).await;
    let v = violations(&resp);
    assert!(v.iter().any(|(p, _)| p == "/body/type"), "{v:?}");
    assert!(v.iter().any(|(p, _)| p == "/body/registerSource"), "{v:?}");
}

#[tokio::test]
async fn below_minimum() {
    let path = "/api/global/customer.app.CustomerApiWebService.page";
    let resp = post(
        path,
        Some(common::TOKEN),
        json!({"size": 0, "current": -3, "tag": "x"}),
    )
    .await;
    let v = violations(&resp);
    assert_eq!(
        v,
        vec![
            (
                "/body/size".to_owned(),
                "must be at least 1, got 0".to_owned()
            ),
            (
                "/body/current".to_owned(),
                "must be at least 1, got -3".to_owned()
            ),
        ]
    );
}

#[tokio::test]
async fn missing_required_header_is_a_violation() {
    let api = common::api();
    let op = common::op_by_path(&api, REGISTER);
    let addr = common::start_mock().await;
    let headers: Vec<_> = common::headers_for(op, None)
        .into_iter()
        .filter(|(k, _)| *k != "X-Forwarded-For")
        .collect();
    let (_, resp) = common::raw_post(
        addr,
        REGISTER,
        &headers,
        &common::example_request(op).to_string(),
    )
    .await;
    let v = violations(&resp);
    assert_eq!(
        v,
        vec![(
            "/headers/X-Forwarded-For".to_owned(),
            "required header `X-Forwarded-For` is missing".to_owned()
        )]
    );
}

#[tokio::test]
async fn bad_input_gets_an_error_envelope_never_a_5xx() {
    let api = common::api();
    let op = common::op_by_path(&api, BIND_EMAIL);
    let addr = common::start_mock().await;
    let good = common::headers_for(op, Some(common::TOKEN));

    let (status, resp) = common::raw_post(addr, BIND_EMAIL, &good, "{\"email\": ").await;
    assert_eq!(
        (status, codes_of(&resp)),
        (200, (false, "BIZGEN_MALFORMED".into())),
        "{resp}"
    );
    assert_eq!(resp["msg"], "Malformed request");
    assert!(resp["data"]
        .as_str()
        .unwrap_or_default()
        .contains("not valid JSON"));

    let text: Vec<_> = good
        .iter()
        .map(|(k, v)| {
            if *k == "content-type" {
                (*k, "text/plain")
            } else {
                (*k, *v)
            }
        })
        .collect();
    let (status, resp) = common::raw_post(addr, BIND_EMAIL, &text, "{}").await;
    assert_eq!(
        (status, codes_of(&resp)),
        (200, (false, "BIZGEN_MALFORMED".into())),
        "{resp}"
    );

    let huge = format!("{{\"email\": \"{}\"}}", "a".repeat(300 * 1024));
    let (status, resp) = common::raw_post(addr, BIND_EMAIL, &good, &huge).await;
    assert_eq!(
        (status, codes_of(&resp)),
        (200, (false, "BIZGEN_MALFORMED".into())),
        "{resp}"
    );

    let (status, resp) = common::raw_post(addr, "/api/global/no.such.Operation", &good, "{}").await;
    assert_eq!(
        (status, codes_of(&resp)),
        (200, (false, "BIZGEN_NOT_FOUND".into())),
        "{resp}"
    );

    let (status, resp) = common::raw_post(addr, BIND_EMAIL, &good, "[1, 2]").await;
    assert_eq!(
        (status, codes_of(&resp)),
        (200, (false, "BIZGEN_VALIDATION".into())),
        "{resp}"
    );

    let resp = reqwest::Client::new()
        .get(format!("http://{addr}{BIND_EMAIL}"))
        .send()
        .await
        .expect("get");
    assert_eq!(resp.status().as_u16(), 200);
    let json: Value = resp.json().await.expect("json");
    assert_eq!(codes_of(&json), (false, "BIZGEN_MALFORMED".into()));
}

#[tokio::test]
async fn unimplemented_operations_answer_not_implemented() {
    use bizgen_runtime::server::{ServerConfig, StaticTokens};
    let config = ServerConfig::new(StaticTokens::new(common::TOKEN, common::ADMIN_TOKEN));
    let router = customer_api::Server::new(config)
        .customer_web_api_service(customer_api::Unimplemented)
        .into_router();
    let addr = common::start(router).await;
    let api = common::api();
    let op = common::op_by_path(&api, BIND_EMAIL);
    let body = common::example_request(op).to_string();
    let (_, resp) = common::raw_post(
        addr,
        BIND_EMAIL,
        &common::headers_for(op, Some(common::TOKEN)),
        &body,
    )
    .await;
    assert_eq!(resp["code"], "BIZGEN_NOT_IMPLEMENTED");
    assert_eq!(resp["data"], "customer.app.CustomerWebApiService.bindEmail");
}

/// A handler with a bug: it panics.
struct Panics;

impl customer_api::customer_web_api_service::CustomerWebApiService for Panics {
    async fn destroy(
        &self,
        _ctx: customer_api::runtime::server::RequestContext,
        _request: customer_api::customer_web_api_service::DestroyRequest,
    ) -> Result<(), customer_api::runtime::ApiError> {
        panic!("a bug in the handler")
    }
}

#[tokio::test]
async fn a_panicking_handler_answers_with_an_internal_error_envelope() {
    use customer_api::runtime::server::{ServerConfig, StaticTokens};
    let config = ServerConfig::new(StaticTokens::new(common::TOKEN, common::ADMIN_TOKEN));
    let router = customer_api::Server::new(config)
        .customer_web_api_service(Panics)
        .into_router();
    let addr = common::start(router).await;
    let api = common::api();
    let path = "/api/global/customer.app.CustomerWebApiService.destroy";
    let op = common::op_by_path(&api, path);
    let headers = common::headers_for(op, Some(common::TOKEN));
    let (status, resp) = common::raw_post(addr, path, &headers, r#"{"remark": "bye"}"#).await;
    assert_eq!(status, 200);
    assert_eq!(resp["code"], "BIZGEN_INTERNAL", "{resp}");
    assert_eq!(resp["trace"], "t-test-1");
    // The server keeps serving after the panic.
    let (_, resp) = common::raw_post(addr, path, &headers, r#"{"remark": "again"}"#).await;
    assert_eq!(resp["code"], "BIZGEN_INTERNAL");
}
