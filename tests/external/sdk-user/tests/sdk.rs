//! The SDK as a user lives with it, over real HTTP on loopback: the login
//! flow through a shared client, a partial server with the rest mocked, and
//! errors matched on the spec's code constants.

use std::net::SocketAddr;
use std::sync::Arc;

use customer_api::customer_web_api_service::{
    BindEmailRequest, FindCustomerInfoRequest, LoginRequest,
};
use customer_api::third_ext::SwitchAccountRequest;
use customer_api::types::{ClientSource, LoginType};
use customer_api::{
    errors, CallOptions, Client, ClientConfig, ClientError, ServerConfig, StaticTokens,
};

/// Serves `router` on a free loopback port.
async fn serve(router: customer_api::axum::Router) -> SocketAddr {
    let listener = customer_api::tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free loopback port");
    let addr = listener.local_addr().expect("bound address");
    tokio::spawn(async move { customer_api::axum::serve(listener, router).await });
    addr
}

fn client(addr: SocketAddr) -> Client {
    Client::new(ClientConfig::new(format!("http://{addr}"), "360")).expect("a client")
}

fn login_request() -> LoginRequest {
    LoginRequest::new(LoginType::Phone, ClientSource::H5, "13429837442", false)
        .with_phone_area("+86")
        .with_login_pwd("dc483e80a7a0bd9ef71d8cf973673924")
}

#[tokio::test]
async fn login_stores_the_token_for_every_holder_of_a_shared_client() {
    let config = ServerConfig::new(StaticTokens::new("mock-token", "mock-admin-token"));
    let addr = serve(customer_api::mock::router(config)).await;
    let client = Arc::new(client(addr));

    // Before login, a token operation fails before anything is sent.
    let early = client
        .customer_web_api_service()
        .find_customer_info(&FindCustomerInfoRequest::new())
        .await
        .expect_err("no token yet");
    assert!(matches!(early, ClientError::MissingToken { .. }), "{early}");
    assert!(
        early
            .to_string()
            .contains("log in through this client first"),
        "{early}"
    );

    client
        .customer_web_api_service()
        .login(&login_request())
        .await
        .expect("login");
    assert_eq!(client.token().as_deref(), Some("mock-token"));

    // Another task holding the Arc calls with the stored token.
    let shared = Arc::clone(&client);
    let info = tokio::spawn(async move {
        shared
            .customer_web_api_service()
            .find_customer_info(&FindCustomerInfoRequest::new())
            .await
    })
    .await
    .expect("the task ran")
    .expect("findCustomerInfo with the stored token");
    let _ = info;

    // The per-call scope returns the envelope's metadata too.
    let answer = client
        .customer_web_api_service()
        .with(CallOptions::trace("user-trace-1"))
        .find_customer_info(&FindCustomerInfoRequest::new())
        .await
        .expect("findCustomerInfo with metadata");
    assert_eq!(answer.trace, "user-trace-1");
}

#[tokio::test]
async fn a_partial_server_serves_its_own_operations_and_mocks_the_rest() {
    let addr = serve(sdk_user::router().expect("one implementation per service")).await;
    let client = client(addr).with_token(sdk_user::TOKEN);

    // Served by `Profiles`: the right code passes, a wrong one is the spec's error.
    let good = BindEmailRequest::new(sdk_user::GOOD_CODE, "alice.chen@example.com", "ticket-1");
    client
        .customer_web_api_service()
        .bind_email(&good)
        .await
        .expect("bindEmail with the right code");
    let wrong = BindEmailRequest::new("000000", "alice.chen@example.com", "ticket-1");
    let error = client
        .customer_web_api_service()
        .bind_email(&wrong)
        .await
        .expect_err("a wrong code");
    assert!(error.is(errors::CUSTOMER_API_0000511), "{error}");
    assert_eq!(
        error.api().map(|e| e.msg.as_str()),
        Some(errors::CUSTOMER_API_0000511.message)
    );

    // `Profiles` does not implement findCustomerInfo: the trait's default.
    let missing = client
        .customer_web_api_service()
        .find_customer_info(&FindCustomerInfoRequest::new())
        .await
        .expect_err("not implemented");
    assert!(missing.is(errors::BIZGEN_NOT_IMPLEMENTED), "{missing}");

    // Another service: the mock answers with the spec's example.
    client
        .third_ext()
        .switch_account(&SwitchAccountRequest::default())
        .await
        .expect("switchAccount from the mock");

    // The server's checks still apply to what it serves itself.
    let invalid = BindEmailRequest::new(sdk_user::GOOD_CODE, "not-an-email", "ticket-1");
    let error = client
        .customer_web_api_service()
        .bind_email(&invalid)
        .await
        .expect_err("an invalid email");
    assert!(error.is(errors::BIZGEN_VALIDATION), "{error}");
    assert!(error.to_string().contains("/email"), "{error}");
}

#[tokio::test]
async fn a_wrong_token_is_bizgen_unauthenticated() {
    let addr = serve(sdk_user::router().expect("router")).await;
    let client = client(addr).with_token("not-the-token");
    let error = client
        .third_ext()
        .switch_account(&SwitchAccountRequest::default())
        .await
        .expect_err("a wrong token");
    assert!(error.is(errors::BIZGEN_UNAUTHENTICATED), "{error}");
}

#[test]
fn giving_a_service_twice_is_an_error_not_a_panic() {
    let twice = customer_api::Server::new(ServerConfig::new(StaticTokens::new("a", "b")))
        .customer_web_api_service(sdk_user::Profiles)
        .and_then(|server| server.customer_web_api_service(sdk_user::Profiles));
    let error = twice.expect_err("the second one is refused");
    assert!(!error.to_string().is_empty());
}
