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
            .any(|(p, r)| p == "/verifyCode" && r.contains("missing")),
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
    assert_eq!(v[0].0, "/verifyCode");
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
        "/pwd",
        "/registerSource",
        "/customerGroupId",
        "/thirdServerCode",
    ] {
        assert!(pointers.contains(&want), "{want} not in {v:?}");
    }
    let over = v
        .iter()
        .find(|(p, _)| p == "/thirdServerCode")
        .expect("length");
    assert!(over.1.contains("at most 50"), "{over:?}");
    let code = v
        .iter()
        .find(|(p, _)| p == "/registerSource")
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
    assert!(v.iter().any(|(p, _)| p == "/type"), "{v:?}");
    assert!(v.iter().any(|(p, _)| p == "/registerSource"), "{v:?}");
}

/// `allowed`: an enum field takes only the codes its operation documents;
/// `assumed` constraints (a page size of at least 1) are not checked.
#[tokio::test]
async fn allowed_codes_are_checked_and_assumptions_are_not() {
    let resp = post(
        QUERY_ACCOUNT_ASSETS,
        Some(common::TOKEN),
        json!({"tradeType": 1, "accountId": 1031717}),
    )
    .await;
    assert_eq!(
        violations(&resp),
        vec![(
            "/tradeType".to_owned(),
            "1 is not a code of TradeType (allowed: 3, 5)".to_owned()
        )]
    );
    let resp = post(
        QUERY_ACCOUNT_ASSETS,
        Some(common::TOKEN),
        json!({"tradeType": 5, "accountId": 1031717}),
    )
    .await;
    assert_eq!(resp["ok"], true, "{resp}");
    let page = "/api/global/customer.app.CustomerApiWebService.page";
    let resp = post(
        page,
        Some(common::TOKEN),
        json!({"size": 0, "current": -3, "tag": "x"}),
    )
    .await;
    assert_eq!(resp["ok"], true, "{resp}");
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

    // Another method: 405 with `Allow: POST` (in the platform mode too),
    // and the error envelope as the body.
    for method in [
        reqwest::Method::GET,
        reqwest::Method::PUT,
        reqwest::Method::DELETE,
    ] {
        let resp = reqwest::Client::new()
            .request(method.clone(), format!("http://{addr}{BIND_EMAIL}"))
            .send()
            .await
            .expect("send");
        assert_eq!(resp.status().as_u16(), 405, "{method}");
        assert_eq!(
            resp.headers().get("allow").and_then(|v| v.to_str().ok()),
            Some("POST")
        );
        let json: Value = resp.json().await.expect("json");
        assert_eq!(codes_of(&json), (false, "BIZGEN_MALFORMED".into()));
    }
}

#[tokio::test]
async fn oversized_headers_are_violations_and_never_echoed() {
    let api = common::api();
    let op = common::op_by_path(&api, BIND_EMAIL);
    let addr = common::start_mock().await;
    let limit = bizgen_runtime::server::DEFAULT_HEADER_LIMIT;
    let long_trace = "t".repeat(100 * 1024);
    let long_lang = "l".repeat(limit + 1);
    let headers: Vec<(&str, &str)> = common::headers_for(op, Some(common::TOKEN))
        .into_iter()
        .map(|(k, v)| match k {
            "trace" => (k, long_trace.as_str()),
            "lang" => (k, long_lang.as_str()),
            _ => (k, v),
        })
        .collect();
    let body = common::example_request(op).to_string();
    let (status, resp) = common::raw_post(addr, BIND_EMAIL, &headers, &body).await;
    assert_eq!(status, 200, "{resp}");
    assert_eq!(
        violations(&resp),
        vec![
            (
                "/headers/trace".to_owned(),
                format!("header `trace` must have at most {limit} characters, has 102400")
            ),
            (
                "/headers/lang".to_owned(),
                format!(
                    "header `lang` must have at most {limit} characters, has {}",
                    limit + 1
                )
            ),
        ]
    );
    // A fresh trace, not the 100 KB one.
    let trace = resp["trace"].as_str().unwrap_or_default();
    assert!(trace.starts_with("s-") && trace.len() < 64, "{trace}");
    // At the limit, the trace is accepted and echoed.
    let at_limit = "t".repeat(limit);
    let headers: Vec<(&str, &str)> = common::headers_for(op, Some(common::TOKEN))
        .into_iter()
        .map(|(k, v)| {
            if k == "trace" {
                (k, at_limit.as_str())
            } else {
                (k, v)
            }
        })
        .collect();
    let (_, resp) = common::raw_post(addr, BIND_EMAIL, &headers, &body).await;
    assert_eq!(resp["ok"], true, "{resp}");
    assert_eq!(resp["trace"], at_limit.as_str());
}

#[tokio::test]
async fn unimplemented_operations_answer_not_implemented() {
    use bizgen_runtime::server::{ServerConfig, StaticTokens};
    let config = ServerConfig::new(StaticTokens::new(common::TOKEN, common::ADMIN_TOKEN));
    let router = customer_api::Server::new(config)
        .customer_web_api_service(customer_api::Unimplemented)
        .expect("served once")
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
        _ctx: customer_api::AuthContext,
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
        .expect("served once")
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

/// Serves `destroy` itself (the rest of its service answers
/// `BIZGEN_NOT_IMPLEMENTED`); the mock answers every other service.
struct Destroys;

impl customer_api::customer_web_api_service::CustomerWebApiService for Destroys {
    async fn destroy(
        &self,
        ctx: customer_api::AuthContext,
        _request: customer_api::customer_web_api_service::DestroyRequest,
    ) -> Result<(), customer_api::ApiError> {
        // A `login` operation: the caller is always known.
        assert_eq!(ctx.principal.subject, "customer");
        Err(customer_api::errors::CUSTOMER_API_0000133.into())
    }
}

#[tokio::test]
async fn a_partial_server_with_the_rest_mocked_and_misuse_as_an_error() {
    use customer_api::{ServerConfig, ServerError, StaticTokens};
    let config = || ServerConfig::new(StaticTokens::new(common::TOKEN, common::ADMIN_TOKEN));
    // Giving a service twice is an error, not a panic.
    let twice = customer_api::Server::new(config())
        .customer_web_api_service(Destroys)
        .and_then(|s| s.customer_web_api_service(customer_api::Unimplemented));
    assert!(
        matches!(twice, Err(ServerError::AlreadyServed { .. })),
        "{twice:?}"
    );
    let router = customer_api::Server::new(config())
        .customer_web_api_service(Destroys)
        .expect("served once")
        .mock_rest()
        .into_router();
    let addr = common::start(router).await;
    let client = customer_api::Client::new(
        customer_api::ClientConfig::new(format!("http://{addr}"), "360").with_token(common::TOKEN),
    )
    .expect("client");
    let err = client
        .customer_web_api_service()
        .destroy(&customer_api::customer_web_api_service::DestroyRequest::default())
        .await
        .expect_err("mine fails");
    assert!(err.is(customer_api::errors::CUSTOMER_API_0000133), "{err}");
    // Another service: the mock's example answer.
    let switched = client
        .third_ext()
        .with(customer_api::CallOptions::trace("t-partial"))
        .switch_account(&customer_api::third_ext::SwitchAccountRequest::new())
        .await
        .expect("the mock answers the services not served");
    assert_eq!(switched.trace, "t-partial");
}

const FORGET_ASSERTS_PWD: &str = "/api/global/customer.app.CustomerWebApiService.forgetAssertsPwd";
const QUERY_ACCOUNT_ASSETS: &str =
    "/api/global/customer.app.CustomerWebApiService.queryAccountAssetsInfo";

/// `requiredWhen` on a sibling field: the server and `bizgen validate`
/// (both through the one validator) require the field only while the
/// condition holds; a condition on the customer's state is not checked.
#[tokio::test]
async fn conditional_requirements_on_the_same_request() {
    let api = common::api();
    let cases = [
        // phoneArea: required when `type` is 2 (phone).
        (
            FORGET_ASSERTS_PWD,
            json!({"newPwd": "25f9e794323b453885f5181f1b624d0b", "type": 2, "loginName": "13429837442"}),
            Some(("/phoneArea", "required when `type` is 2")),
        ),
        (
            FORGET_ASSERTS_PWD,
            json!({"newPwd": "25f9e794323b453885f5181f1b624d0b", "type": 1, "loginName": "a@example.com", "verifyCodeToken": "vt-1"}),
            None,
        ),
        // verifyCode and sendToken: required when verifyCodeToken is not given.
        (
            FORGET_ASSERTS_PWD,
            json!({"newPwd": "25f9e794323b453885f5181f1b624d0b", "type": 1, "loginName": "a@example.com", "sendToken": "st-1"}),
            Some((
                "/verifyCode",
                "required when `verifyCodeToken` is not given",
            )),
        ),
        // accountId: required when accountCurrency is not given.
        (
            QUERY_ACCOUNT_ASSETS,
            json!({"tradeType": 3, "accountCurrency": ""}),
            Some(("/accountId", "required when `accountCurrency` is not given")),
        ),
        (
            QUERY_ACCOUNT_ASSETS,
            json!({"tradeType": 3, "accountCurrency": "USDT"}),
            None,
        ),
    ];
    for (path, body, expected) in cases {
        let op = common::op_by_path(&api, path);
        let tool: Vec<(String, String)> = bizgen::wire::check_request(&api, op, &body, false)
            .into_iter()
            .map(|v| (v.pointer, v.reason))
            .collect();
        let resp = post(path, Some(common::TOKEN), body.clone()).await;
        match expected {
            Some((pointer, reason)) => {
                let server = violations(&resp);
                assert_eq!(server, tool, "{path} {body}");
                assert!(
                    server
                        .iter()
                        .any(|(p, r)| p == pointer && r.contains(reason)),
                    "{path} {body}: {server:?}"
                );
            }
            None => {
                assert!(tool.is_empty(), "{path} {body}: {tool:?}");
                assert_ne!(resp["code"], "BIZGEN_VALIDATION", "{path} {body}: {resp}");
            }
        }
    }
    // googleCode "when the customer has enabled Google MFA" is documented only.
    let change_email = common::op_by_path(
        &api,
        "/api/global/customer.app.CustomerWebApiService.changeEmailV1v1v2",
    );
    let google = change_email
        .request
        .fields
        .iter()
        .find(|f| f.name == "googleCode")
        .expect("changeEmailV1v1v2 has googleCode");
    assert!(matches!(
        google.required_when,
        Some(bizgen::ir::Condition::State { .. })
    ));
}
