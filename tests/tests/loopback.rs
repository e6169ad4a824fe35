//! The generated client against the generated router, over a real TCP
//! socket on loopback, for every operation.

mod common;

use std::net::SocketAddr;

use bizgen_runtime::client::{CallOptions, ClientConfig, Error};
use bizgen_runtime::codegen::{OperationVisitor, SerdeOperation};
use serde_json::Value;

fn make_client(addr: SocketAddr) -> customer_api::Client {
    let mut config = ClientConfig::new(format!("http://{addr}"), "360");
    config.token = Some(common::TOKEN.into());
    config.admin_token = Some(common::ADMIN_TOKEN.into());
    config.forwarded_for = Some("203.0.113.7".into());
    customer_api::Client::new(config).expect("client")
}

/// One pending check of an operation.
type Pending<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + 'a>>;

/// Collects, per operation, a closure-free description of what to call.
struct Calls<'a> {
    api: &'a bizgen::ir::Api,
    client: &'a customer_api::Client,
    futures: Vec<Pending<'a>>,
}

impl<'a> OperationVisitor for Calls<'a> {
    fn visit<O: SerdeOperation>(&mut self) {
        let op = common::op_by_path(self.api, O::INFO.path);
        let client = self.client;
        let body = common::example_request(op);
        let name = op.name.clone();
        // What the mock answers: the first successful example, else the first error.
        let success = op
            .examples
            .iter()
            .filter_map(|e| e.response.as_ref())
            .find(|r| r["ok"] == Value::Bool(true))
            .cloned();
        let error = op
            .examples
            .iter()
            .filter_map(|e| e.response.as_ref())
            .find(|r| r["ok"] == Value::Bool(false))
            .cloned();
        self.futures.push(Box::pin(async move {
            let request: O = serde_json::from_value(body)
                .map_err(|e| format!("{name}: example request does not decode: {e}"))?;
            let trace = format!("t-{name}");
            let result = client
                .inner()
                .call_op(&request, &CallOptions::trace(trace.clone()))
                .await
                .map(|response| response.data);
            match (result, success, error) {
                (Ok(data), Some(expected), _) => {
                    let got = common::strip_nulls(
                        &serde_json::to_value(&data).map_err(|e| e.to_string())?,
                    );
                    let mut want = match &expected["data"] {
                        Value::Object(m) if m.is_empty() => Value::Null,
                        other => common::strip_nulls(other),
                    };
                    // Login hands out the token the mock accepts, not the example's.
                    if let Some(token) = want.get_mut("token") {
                        *token = Value::String(common::TOKEN.into());
                    }
                    if got != want {
                        return Err(format!("{name}: data {got} != example {want}"));
                    }
                    Ok(())
                }
                (Ok(_), None, None) => Ok(()),
                (Err(Error::Api(e)), None, Some(expected)) => {
                    if Some(e.code.as_str()) != expected["code"].as_str() {
                        return Err(format!(
                            "{name}: error {} != example {}",
                            e.code, expected["code"]
                        ));
                    }
                    if e.trace.as_deref() != Some(trace.as_str()) {
                        return Err(format!("{name}: trace not echoed: {:?}", e.trace));
                    }
                    Ok(())
                }
                (other, _, _) => Err(format!("{name}: unexpected {other:?}")),
            }
        }));
    }
}

#[tokio::test]
async fn every_operation_round_trips_over_loopback() {
    let api = common::api();
    let addr = common::start_mock().await;
    let client = make_client(addr);
    let mut calls = Calls {
        api: &api,
        client: &client,
        futures: Vec::new(),
    };
    customer_api::visit_operations(&mut calls);
    assert_eq!(calls.futures.len(), 58);
    let mut failures = Vec::new();
    for f in calls.futures {
        if let Err(e) = f.await {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn typed_client_methods_and_trace_echo() {
    let addr = common::start_mock().await;
    let client = make_client(addr);
    let svc = client.customer_web_api_service();
    // A real captured response: the login result with its accounts.
    let login: customer_api::customer_web_api_service::LoginRequest =
        serde_json::from_value(serde_json::json!({
            "type": 2, "phoneArea": "+86", "device": 1, "loginName": "13429837442", "isThird": false,
            "loginPwd": "dc483e80a7a0bd9ef71d8cf973673924"
        }))
        .expect("request");
    let result = svc.login(&login).await.expect("login");
    assert_eq!(result.customer_no.as_deref(), Some("86001175"));
}

/// The mock's login hands out the token the mock accepts (not the example's
/// captured token), so login followed by a login-level call works.
#[tokio::test]
async fn mock_login_token_opens_login_operations() {
    let addr = common::start_mock().await;
    let mut config = ClientConfig::new(format!("http://{addr}"), "360");
    config.forwarded_for = Some("203.0.113.7".into());
    let client = customer_api::Client::new(config).expect("client");
    let switch = customer_api::third_ext::SwitchAccountRequest {};
    // Without a token the login-level call is refused by the client.
    assert!(client.third_ext().switch_account(&switch).await.is_err());
    let login: customer_api::customer_web_api_service::LoginRequest =
        serde_json::from_value(serde_json::json!({
            "type": 2, "phoneArea": "+86", "device": 1, "loginName": "13429837442", "isThird": false,
            "loginPwd": "dc483e80a7a0bd9ef71d8cf973673924"
        }))
        .expect("request");
    let result = client
        .customer_web_api_service()
        .login(&login)
        .await
        .expect("login");
    assert_eq!(result.token.as_deref(), Some(common::TOKEN));
    // `setsToken: token` on login: the client stored the token itself, and
    // every holder of the shared client sends it.
    assert_eq!(client.token().as_deref(), Some(common::TOKEN));
    let client = std::sync::Arc::new(client);
    let shared = std::sync::Arc::clone(&client);
    shared
        .third_ext()
        .switch_account(&switch)
        .await
        .expect("a login-level call with the token from login");
}

/// A hand-written implementation: one operation fails like the captured seed.
struct FundPasswordAlreadySet;

impl customer_api::customer_web_api_service::CustomerWebApiService for FundPasswordAlreadySet {
    async fn bind_asserts_pwd(
        &self,
        ctx: bizgen_runtime::server::AuthContext,
        request: customer_api::customer_web_api_service::BindAssertsPwdRequest,
    ) -> Result<(), bizgen_runtime::ApiError> {
        // The caller of a `login` operation is always known.
        assert_eq!(ctx.principal.subject, "customer");
        assert_eq!(request.pwd, "0123456789abcdef0123456789abcdef");
        Err(customer_api::errors::CUSTOMER_API_0000133
            .error()
            .with_data(serde_json::json!(ctx.operation.biz_type)))
    }
}

#[tokio::test]
async fn handler_errors_reach_the_client_as_typed_api_errors() {
    use bizgen_runtime::server::{ServerConfig, StaticTokens};
    let config = ServerConfig::new(StaticTokens::new(common::TOKEN, common::ADMIN_TOKEN));
    let router = customer_api::Server::new(config)
        .customer_web_api_service(FundPasswordAlreadySet)
        .expect("served once")
        .into_router();
    let addr = common::start(router).await;
    let client = make_client(addr);
    let svc = client.customer_web_api_service();
    // An error envelope becomes a typed API error with code, msg and trace.
    let req = customer_api::customer_web_api_service::BindAssertsPwdRequest {
        pwd: "0123456789abcdef0123456789abcdef".into(),
        ..Default::default()
    };
    let err = svc
        .with(CallOptions::trace("t-fixed"))
        .bind_asserts_pwd(&req)
        .await
        .expect_err("the example is an error");
    let api_err = err.api().expect("api error");
    assert_eq!(api_err.code, "CUSTOMER_API_0000133");
    assert_eq!(api_err.msg, "Fund password has been set");
    assert_eq!(api_err.trace.as_deref(), Some("t-fixed"));
    assert_eq!(
        api_err.data,
        Some(serde_json::json!(
            "customer.app.CustomerWebApiService.bindAssertsPwd"
        ))
    );
    // Operations the implementation leaves out answer "not implemented".
    let err = svc
        .find_customer_info(&Default::default())
        .await
        .expect_err("default");
    assert_eq!(
        err.api().map(|e| e.code.as_str()),
        Some("BIZGEN_NOT_IMPLEMENTED")
    );
}

#[tokio::test]
async fn client_errors_are_distinct_kinds() {
    // Transport: nothing listens on this port.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let client = make_client(addr);
    let err = client
        .customer_web_api_service()
        .find_customer_info(&Default::default())
        .await
        .expect_err("no server");
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");

    // Decode: a server that answers something that is not an envelope.
    let router = axum::Router::new().fallback(|| async { "<html>gateway timeout</html>" });
    let addr = common::start(router).await;
    let err = make_client(addr)
        .customer_web_api_service()
        .find_customer_info(&Default::default())
        .await
        .expect_err("not an envelope");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");

    // Missing token: refused before sending.
    let config = ClientConfig::new("http://127.0.0.1:9", "360");
    let client = customer_api::Client::new(config).expect("client");
    let err = client
        .customer_web_api_service()
        .find_customer_info(&Default::default())
        .await
        .expect_err("no token");
    assert!(matches!(err, Error::MissingToken { .. }), "{err:?}");
}
