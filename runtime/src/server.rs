//! Server glue on axum: every generated route goes through [`mount`], which
//! checks the method, content type, size, headers, token and body against
//! the spec before the handler sees a typed request.
//!
//! HTTP status: every answer, success or error, is HTTP 200 with the
//! envelope, as the platform's own gateways do; the envelope's `code` says
//! what went wrong. Nothing a client sends produces a 5xx.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::envelope::Envelope;
use crate::error::ApiError;
use crate::operation::{OperationInfo, Presence, TokenKind};
use crate::schema::Schema;
use crate::validate::{validate, Options, Violation};

/// Largest request body accepted, in bytes.
pub const DEFAULT_BODY_LIMIT: usize = 256 * 1024;

/// Who made an authenticated call.
#[derive(Clone, PartialEq, Eq)]
pub struct Principal {
    pub kind: TokenKind,
    /// Customer number or admin id, as the authenticator knows it.
    pub subject: String,
    token: String,
}

impl Principal {
    pub fn new(kind: TokenKind, subject: impl Into<String>, token: impl Into<String>) -> Self {
        Principal {
            kind,
            subject: subject.into(),
            token: token.into(),
        }
    }
    /// The token that authenticated the call.
    pub fn token(&self) -> &str {
        &self.token
    }
}

impl std::fmt::Debug for Principal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Principal")
            .field("kind", &self.kind)
            .field("subject", &self.subject)
            .field("token", &crate::types::Redacted(&self.token))
            .finish()
    }
}

/// A boxed future, so that authenticators can be trait objects.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Checks tokens. C-side and B-side tokens are distinct: an implementation
/// must only accept a token for the kind it was issued for.
pub trait Authenticator: Send + Sync + 'static {
    fn authenticate<'a>(
        &'a self,
        kind: TokenKind,
        token: &'a str,
    ) -> BoxFuture<'a, Option<Principal>>;

    /// A token this authenticator accepts for `kind`, if it can name one.
    /// Mocks hand it out where the spec's login answers with a session
    /// token, so that login followed by a token call works.
    fn issue(&self, kind: TokenKind) -> Option<String> {
        let _ = kind;
        None
    }
}

/// An authenticator with fixed token lists (tests, mocks, development).
#[derive(Debug, Clone, Default)]
pub struct StaticTokens {
    pub customer: Vec<(String, String)>,
    pub admin: Vec<(String, String)>,
}

impl StaticTokens {
    /// One customer token and one admin token, with subjects "customer" and "admin".
    pub fn new(customer_token: impl Into<String>, admin_token: impl Into<String>) -> Self {
        StaticTokens {
            customer: vec![(customer_token.into(), "customer".into())],
            admin: vec![(admin_token.into(), "admin".into())],
        }
    }
}

impl Authenticator for StaticTokens {
    fn authenticate<'a>(
        &'a self,
        kind: TokenKind,
        token: &'a str,
    ) -> BoxFuture<'a, Option<Principal>> {
        let list = match kind {
            TokenKind::Customer => &self.customer,
            TokenKind::Admin => &self.admin,
        };
        let found = list
            .iter()
            .find(|(t, _)| t == token)
            .map(|(t, subject)| Principal::new(kind, subject.clone(), t.clone()));
        Box::pin(async move { found })
    }

    fn issue(&self, kind: TokenKind) -> Option<String> {
        let list = match kind {
            TokenKind::Customer => &self.customer,
            TokenKind::Admin => &self.admin,
        };
        list.first().map(|(t, _)| t.clone())
    }
}

/// What a handler knows about the call besides its body.
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub operation: &'static OperationInfo,
    pub trace: String,
    pub company_id: Option<String>,
    pub lang: Option<String>,
    pub version: Option<String>,
    /// The authenticated caller, when a token was sent and accepted.
    pub principal: Option<Principal>,
    /// Every request header.
    pub headers: HeaderMap,
}

/// Shared settings of the generated routers.
#[derive(Clone)]
pub struct ServerConfig {
    pub authenticator: Arc<dyn Authenticator>,
    pub body_limit: usize,
}

impl ServerConfig {
    pub fn new(authenticator: impl Authenticator) -> Self {
        ServerConfig {
            authenticator: Arc::new(authenticator),
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }
}

/// Mounts one operation: `handler` gets a context and a request that has
/// passed every check of the spec.
pub fn mount<Q, T, F, Fut>(
    router: Router,
    op: &'static OperationInfo,
    config: ServerConfig,
    handler: F,
) -> Router
where
    Q: DeserializeOwned + Send + 'static,
    T: Serialize + Send + 'static,
    F: Fn(RequestContext, Q) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + Send + 'static,
{
    router.route(
        op.path,
        any(move |request: Request| {
            let config = config.clone();
            let handler = handler.clone();
            async move { serve(op, &config, request, handler).await }
        }),
    )
}

/// Adds the answer for unknown paths: an error envelope, not a bare 404.
pub fn with_fallback(router: Router) -> Router {
    router.fallback(|request: Request| async move {
        let trace = trace_of(request.headers());
        let err = ApiError::not_found(request.uri().path());
        error_response(err, trace, 0)
    })
}

async fn serve<Q, T, F, Fut>(
    op: &'static OperationInfo,
    config: &ServerConfig,
    request: Request,
    handler: F,
) -> Response
where
    Q: DeserializeOwned,
    T: Serialize,
    F: Fn(RequestContext, Q) -> Fut,
    Fut: Future<Output = Result<T, ApiError>>,
{
    let started = std::time::Instant::now();
    let trace = trace_of(request.headers());
    let result = match prepare::<Q>(op, config, request, trace.clone()).await {
        Ok((ctx, body)) => match CatchUnwind(Box::pin(handler(ctx, body))).await {
            Ok(result) => result.and_then(|data| {
                serde_json::to_value(&data)
                    .map_err(|e| ApiError::internal(format!("cannot encode the response: {e}")))
            }),
            Err(()) => Err(ApiError::internal(format!(
                "the handler of {} panicked",
                op.biz_type
            ))),
        },
        Err(e) => Err(e),
    };
    // `tm`: the time this server spent on the call, in milliseconds.
    let tm = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    match result {
        Ok(value) => success_response(value, trace, tm),
        Err(e) => error_response(e, trace, tm),
    }
}

/// Polls a handler's future, turning a panic into `Err(())` so that a bug in
/// one handler answers with an error envelope instead of a dropped connection.
struct CatchUnwind<F>(Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, ()>;

    fn poll(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let inner = self.0.as_mut();
        // The future is not polled again after a panic, so no broken state is observed.
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(std::task::Poll::Ready(output)) => std::task::Poll::Ready(Ok(output)),
            Ok(std::task::Poll::Pending) => std::task::Poll::Pending,
            Err(_) => std::task::Poll::Ready(Err(())),
        }
    }
}

/// Every check before the handler, in the order a client would fix them.
async fn prepare<Q: DeserializeOwned>(
    op: &'static OperationInfo,
    config: &ServerConfig,
    request: Request,
    trace: String,
) -> Result<(RequestContext, Q), ApiError> {
    if request.method() != Method::POST {
        return Err(ApiError::malformed(format!(
            "{} takes POST, not {}",
            op.path,
            request.method()
        )));
    }
    let (parts, body) = request.into_parts();
    let headers = parts.headers;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("application/json")
    {
        return Err(ApiError::malformed(format!(
            "content type must be application/json, got {:?}",
            content_type
        )));
    }
    let bytes = match axum::body::to_bytes(body, config.body_limit).await {
        Ok(b) => b,
        Err(_) => {
            return Err(ApiError::malformed(format!(
                "body is larger than {} bytes or could not be read",
                config.body_limit
            )))
        }
    };

    // Headers first: missing required ones are violations like body fields.
    let mut violations = Vec::new();
    for h in op.headers {
        if h.name == "token" || h.presence != Presence::Required {
            continue;
        }
        let present = headers
            .get(h.name)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| !v.trim().is_empty());
        if !present {
            violations.push(Violation {
                pointer: format!("/headers/{}", h.name),
                reason: format!("required header `{}` is missing", h.name),
            });
        }
    }

    let principal = authenticate(op, config, &headers).await?;

    let value: Value = if bytes.iter().all(u8::is_ascii_whitespace) {
        Value::Object(Default::default())
    } else {
        serde_json::from_slice(&bytes).map_err(|e| {
            ApiError::malformed(format!(
                "body is not valid JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ))
        })?
    };
    let schema = Schema::Object(Cow::Borrowed((op.request)()));
    violations.extend(
        validate(&value, &schema, Options::default())
            .into_iter()
            .map(|v| Violation {
                pointer: format!("/body{}", v.pointer),
                reason: v.reason,
            }),
    );
    if !violations.is_empty() {
        return Err(ApiError::validation(&violations));
    }
    let body: Q = serde_json::from_value(value).map_err(|e| {
        ApiError::validation(&[Violation {
            pointer: "/body".into(),
            reason: e.to_string(),
        }])
    })?;
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let ctx = RequestContext {
        operation: op,
        trace,
        company_id: header("companyId"),
        lang: header("lang"),
        version: header("version"),
        principal,
        headers: headers.clone(),
    };
    Ok((ctx, body))
}

async fn authenticate(
    op: &'static OperationInfo,
    config: &ServerConfig,
    headers: &HeaderMap,
) -> Result<Option<Principal>, ApiError> {
    let token = headers
        .get("token")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let Some(kind) = op.access.token_kind() else {
        return Ok(None);
    };
    let required = op.header("token") == Some(Presence::Required);
    match token {
        None if required => Err(ApiError::unauthenticated(format!(
            "{} needs a {} token in the `token` header",
            op.biz_type,
            kind_name(kind)
        ))),
        None => Ok(None),
        Some(token) => match config.authenticator.authenticate(kind, token).await {
            Some(p) => Ok(Some(p)),
            None => Err(ApiError::unauthenticated(format!(
                "the token is not a valid {} token",
                kind_name(kind)
            ))),
        },
    }
}

fn kind_name(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Customer => "C-side customer",
        TokenKind::Admin => "B-side admin",
    }
}

fn trace_of(headers: &HeaderMap) -> String {
    headers
        .get("trace")
        .and_then(|v| v.to_str().ok())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .unwrap_or_else(new_trace)
}

fn new_trace() -> String {
    format!("s-{}", uuid::Uuid::new_v4())
}

fn json_response(envelope: &Envelope<Value>) -> Response {
    let body = serde_json::to_vec(envelope).unwrap_or_else(|_| b"{}".to_vec());
    let mut response = (StatusCode::OK, Body::from(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn success_response(data: Value, trace: String, tm: i64) -> Response {
    let data = if data.is_null() { None } else { Some(data) };
    json_response(&Envelope::success(data, trace, tm))
}

/// The error envelope for `err`, with `trace` echoed and `tm` the time spent.
pub fn error_response(err: ApiError, trace: String, tm: i64) -> Response {
    let mut envelope = Envelope::error(&err.code, &err.msg, err.data, trace, tm);
    envelope.msg_params = err.msg_params;
    json_response(&envelope)
}

/// The `main` of a generated mock server binary: parses `--host`, `--port`,
/// `--token` and `--admin-token`, and serves `router` until stopped.
pub fn run_mock(
    api_name: &str,
    operation_count: usize,
    router: fn(ServerConfig) -> Router,
) -> std::process::ExitCode {
    use std::process::ExitCode;
    let usage = format!(
        "usage: {api_name}-mock [--host HOST] [--port PORT] [--token TOKEN] [--admin-token TOKEN]\n\
         Serves every operation of the spec with its example responses.\n\
         Defaults: --host 127.0.0.1 --port 8080 --token mock-token --admin-token mock-admin-token"
    );
    let args = match MockArgs::parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("{message}");
            }
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let config = ServerConfig::new(StaticTokens::new(args.token, args.admin_token));
    let app = router(config);
    let address = format!("{}:{}", args.host, args.port);
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(&address).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("cannot listen on {address}: {e}");
                return ExitCode::FAILURE;
            }
        };
        eprintln!("{api_name} mock: {operation_count} operations on http://{address}");
        match axum::serve(listener, app).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("server error: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

/// Arguments of [`run_mock`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockArgs {
    pub host: String,
    pub port: u16,
    pub token: String,
    pub admin_token: String,
}

impl MockArgs {
    /// Parses the flags; `Err("")` asks for the usage text (`--help`).
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<MockArgs, String> {
        let mut parsed = MockArgs {
            host: "127.0.0.1".into(),
            port: 8080,
            token: "mock-token".into(),
            admin_token: "mock-admin-token".into(),
        };
        let mut it = args.into_iter();
        while let Some(flag) = it.next() {
            if flag == "--help" || flag == "-h" {
                return Err(String::new());
            }
            let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
            match flag.as_str() {
                "--host" => parsed.host = value,
                "--port" => {
                    parsed.port = value.parse().map_err(|e| format!("--port {value}: {e}"))?
                }
                "--token" => parsed.token = value,
                "--admin-token" => parsed.admin_token = value,
                other => return Err(format!("unknown argument {other}")),
            }
        }
        Ok(parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::MockArgs;

    #[test]
    fn mock_args() {
        let args = |a: &[&str]| MockArgs::parse(a.iter().map(|s| s.to_string()));
        let parsed =
            args(&["--port", "9000", "--token", "T", "--admin-token", "A"]).expect("valid");
        assert_eq!(
            (
                parsed.port,
                parsed.token.as_str(),
                parsed.admin_token.as_str()
            ),
            (9000, "T", "A")
        );
        assert_eq!(parsed.host, "127.0.0.1");
        assert!(args(&["--port", "x"]).is_err());
        assert!(args(&["--bogus", "1"]).is_err());
        assert!(args(&["--port"]).is_err());
        assert_eq!(args(&["--help"]), Err(String::new()));
    }
}
