//! Headers as spec data end to end (tests/headers-spec): `deviceId` is
//! required on the `app` gateway, `X-Channel` optional on `Open.hello`.
//! Generated client and server talk over loopback.

mod common;

use bizgen_runtime::client::{CallOptions, ClientConfig, Error};
use bizgen_runtime::operation::{HeaderSource, Presence};
use bizgen_runtime::server::{RequestContext, ServerConfig, StaticTokens};
use bizgen_tests::headers::{self, device, open};

/// Answers with the header values the handlers see.
struct Echo;

impl device::Device for Echo {
    async fn whoami(
        &self,
        ctx: RequestContext,
        _: device::WhoamiRequest,
    ) -> Result<String, bizgen_runtime::ApiError> {
        Ok(ctx.header("deviceId").unwrap_or("<none>").to_owned())
    }
}

impl open::Open for Echo {
    async fn hello(
        &self,
        ctx: RequestContext,
        _: open::HelloRequest,
    ) -> Result<Option<String>, bizgen_runtime::ApiError> {
        Ok(ctx.header("x-channel").map(str::to_owned))
    }
}

async fn start() -> std::net::SocketAddr {
    let config = ServerConfig::new(StaticTokens::new("t", "a"));
    let router = headers::Server::new(config)
        .device(Echo)
        .and_then(|s| s.open(Echo))
        .expect("each service once")
        .into_router();
    common::start(router).await
}

fn client(config: ClientConfig) -> headers::Client {
    headers::Client::new(config).expect("client")
}

#[test]
fn operation_info_lists_headers_with_presence_and_source() {
    let spec = |name: &str| {
        device::operations::WHOAMI
            .headers
            .iter()
            .find(|h| h.name == name)
            .map(|h| (h.presence, h.source))
    };
    assert_eq!(
        spec("deviceId"),
        Some((Presence::Required, HeaderSource::Custom))
    );
    assert_eq!(
        spec("version"),
        Some((Presence::Required, HeaderSource::Version))
    );
    assert_eq!(
        spec("companyId"),
        Some((Presence::Required, HeaderSource::CompanyId))
    );
    assert_eq!(
        spec("trace"),
        Some((Presence::Required, HeaderSource::Trace))
    );
    let hello = open::operations::HELLO.headers;
    assert!(hello.iter().any(|h| h.name == "X-Channel"
        && h.presence == Presence::Optional
        && h.source == HeaderSource::Custom));
    assert!(!hello.iter().any(|h| h.name == "deviceId"));
}

#[tokio::test]
async fn a_configured_custom_header_reaches_the_handler() {
    let addr = start().await;
    let c =
        client(ClientConfig::new(format!("http://{addr}"), "1").with_header("deviceId", "d-42"));
    let req = device::WhoamiRequest { name: None };
    assert_eq!(c.device().whoami(&req).await.expect("whoami"), "d-42");
    // Per call, a header overrides the configuration's.
    let per_call = CallOptions::default().with_header("deviceId", "d-7");
    let got = c
        .device()
        .with(per_call)
        .whoami(&req)
        .await
        .expect("whoami");
    assert_eq!(got.data, "d-7");
}

#[tokio::test]
async fn a_missing_required_custom_header_fails_before_sending() {
    // Nothing listens at this address: the error must come before any I/O.
    let c = client(ClientConfig::new("http://127.0.0.1:9", "1"));
    let err = c
        .device()
        .whoami(&device::WhoamiRequest { name: None })
        .await
        .expect_err("deviceId is required");
    assert!(
        matches!(
            err,
            Error::MissingHeader {
                header: "deviceId",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("deviceId"), "{err}");
}

#[tokio::test]
async fn an_optional_custom_header_is_sent_only_when_given() {
    let addr = start().await;
    // `deviceId` is configured but `hello` does not declare it: not sent, no error.
    let c = client(
        ClientConfig::new(format!("http://{addr}"), "1")
            .with_header("deviceId", "d-1")
            .with_header("X-Channel", "web"),
    );
    let req = open::HelloRequest {};
    assert_eq!(
        c.open().hello(&req).await.expect("hello").as_deref(),
        Some("web")
    );
    let bare = client(ClientConfig::new(format!("http://{addr}"), "1"));
    assert_eq!(bare.open().hello(&req).await.expect("hello"), None);
}

#[tokio::test]
async fn a_validation_failure_names_the_violated_pointers() {
    let addr = start().await;
    let c = client(ClientConfig::new(format!("http://{addr}"), "1").with_header("deviceId", "d"));
    let err = c
        .device()
        .whoami(&device::WhoamiRequest {
            name: Some(String::new()),
        })
        .await
        .expect_err("name is too short");
    let text = err.to_string();
    assert!(text.contains("BIZGEN_VALIDATION"), "{text}");
    assert!(text.contains("/name: must have at least 1"), "{text}");
}
