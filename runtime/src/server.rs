//! Server glue on axum: every generated route goes through [`mount`], which
//! checks the method, content type, size, headers, token and body against
//! the spec before the handler sees a typed request.
//!
//! HTTP status: by default every answer, success or error, is HTTP 200 with
//! the envelope, as the platform's own gateways do; the envelope's `code`
//! says what went wrong. [`HttpStatus::Semantic`] maps the bizgen codes to
//! statuses for generic infrastructure; the body is the envelope either way.

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
use crate::error::{codes, ApiError};
use crate::operation::{Access, OperationInfo, Presence, TokenKind};
use crate::schema::ObjectSchema;
use crate::validate::{validate_object, Options, Violation};

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

/// Shared settings of the generated routers and the mock.
#[derive(Clone)]
pub struct ServerConfig {
    pub authenticator: Arc<dyn Authenticator>,
    pub body_limit: usize,
    /// The HTTP status of answers (the envelope is the body either way).
    pub http_status: HttpStatus,
}

impl ServerConfig {
    pub fn new(authenticator: impl Authenticator) -> Self {
        ServerConfig {
            authenticator: Arc::new(authenticator),
            body_limit: DEFAULT_BODY_LIMIT,
            http_status: HttpStatus::default(),
        }
    }

    /// The same settings with another status policy.
    pub fn with_http_status(mut self, http_status: HttpStatus) -> Self {
        self.http_status = http_status;
        self
    }
}

/// Which HTTP status an answer carries. The body is always the envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HttpStatus {
    /// HTTP 200 for everything, as the platform's own gateways answer.
    #[default]
    Platform,
    /// Statuses that generic infrastructure understands: malformed 400, 413
    /// or 415, validation 422, unauthenticated 401, not found 404, internal
    /// 500; other errors 200 unless the handler set [`ApiError::status`].
    Semantic,
}

impl HttpStatus {
    /// The status of an error answer under this policy.
    pub fn of_error(self, err: &ApiError) -> StatusCode {
        if self == HttpStatus::Platform {
            return StatusCode::OK;
        }
        let by_code = match err.code.as_str() {
            codes::MALFORMED => StatusCode::BAD_REQUEST,
            codes::VALIDATION => StatusCode::UNPROCESSABLE_ENTITY,
            codes::UNAUTHENTICATED => StatusCode::UNAUTHORIZED,
            codes::NOT_FOUND => StatusCode::NOT_FOUND,
            codes::INTERNAL => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::OK,
        };
        err.status
            .and_then(|s| StatusCode::from_u16(s).ok())
            .unwrap_or(by_code)
    }
}

/// What the request checks need to know about an operation. The generated
/// [`OperationInfo`] implements it, and so do the rows of a mock table
/// ([`crate::mock::MockOperation`]), so both go through the same checks.
pub trait Contract: Sync {
    /// Full path, e.g. `/api/global/customer.app.CustomerWebApiService.bindEmail`.
    fn path(&self) -> &str;
    fn biz_type(&self) -> &str;
    fn access(&self) -> Access;
    /// Every header with its presence, `token` included.
    fn headers(&self) -> impl Iterator<Item = (&str, Presence)>;
    /// The request body's shape.
    fn request_schema(&self) -> &ObjectSchema;
}

impl Contract for OperationInfo {
    fn path(&self) -> &str {
        self.path
    }
    fn biz_type(&self) -> &str {
        self.biz_type
    }
    fn access(&self) -> Access {
        self.access
    }
    fn headers(&self) -> impl Iterator<Item = (&str, Presence)> {
        self.headers.iter().map(|h| (h.name, h.presence))
    }
    fn request_schema(&self) -> &ObjectSchema {
        (self.request)()
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
pub fn with_fallback(router: Router, config: &ServerConfig) -> Router {
    let http_status = config.http_status;
    router.fallback(move |request: Request| async move {
        let trace = trace_of(request.headers());
        let err = ApiError::not_found(request.uri().path());
        error_response(err, trace, 0, http_status)
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
    let tm = elapsed_ms(started);
    match result {
        Ok(value) => success_response(value, trace, tm),
        Err(e) => error_response(e, trace, tm, config.http_status),
    }
}

/// `tm`: the time this server spent on the call, in milliseconds.
pub(crate) fn elapsed_ms(started: std::time::Instant) -> i64 {
    i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX)
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

/// A request that passed every check of its operation.
pub struct Checked {
    pub headers: HeaderMap,
    /// The authenticated caller, when a token was sent and accepted.
    pub principal: Option<Principal>,
    /// The body, valid against the operation's request schema.
    pub body: Value,
}

/// Every check before the handler, in the order a client would fix them:
/// method, content type, size, required headers, token, body. Every
/// violation of headers and body is reported at once, as JSON pointers.
pub async fn check(
    op: &impl Contract,
    config: &ServerConfig,
    request: Request,
) -> Result<Checked, ApiError> {
    if request.method() != Method::POST {
        return Err(ApiError::malformed(format!(
            "{} takes POST, not {}",
            op.path(),
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
        ))
        .with_status(StatusCode::UNSUPPORTED_MEDIA_TYPE.as_u16()));
    }
    let bytes = match axum::body::to_bytes(body, config.body_limit).await {
        Ok(b) => b,
        Err(_) => {
            return Err(ApiError::malformed(format!(
                "body is larger than {} bytes or could not be read",
                config.body_limit
            ))
            .with_status(StatusCode::PAYLOAD_TOO_LARGE.as_u16()))
        }
    };

    // Headers first: missing required ones are violations like body fields.
    let mut violations = Vec::new();
    for (name, presence) in op.headers() {
        if name == "token" || presence != Presence::Required {
            continue;
        }
        let present = headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| !v.trim().is_empty());
        if !present {
            violations.push(Violation {
                pointer: format!("/headers/{name}"),
                reason: format!("required header `{name}` is missing"),
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
    violations.extend(
        validate_object(&value, op.request_schema(), Options::default())
            .into_iter()
            .map(|v| Violation {
                pointer: format!("/body{}", v.pointer),
                reason: v.reason,
            }),
    );
    if !violations.is_empty() {
        return Err(ApiError::validation(&violations));
    }
    Ok(Checked {
        headers,
        principal,
        body: value,
    })
}

/// [`check`], then the body decoded into the handler's request type.
async fn prepare<Q: DeserializeOwned>(
    op: &'static OperationInfo,
    config: &ServerConfig,
    request: Request,
    trace: String,
) -> Result<(RequestContext, Q), ApiError> {
    let checked = check(op, config, request).await?;
    let body: Q = serde_json::from_value(checked.body).map_err(|e| {
        ApiError::validation(&[Violation {
            pointer: "/body".into(),
            reason: e.to_string(),
        }])
    })?;
    let headers = checked.headers;
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
        principal: checked.principal,
        headers: headers.clone(),
    };
    Ok((ctx, body))
}

async fn authenticate(
    op: &impl Contract,
    config: &ServerConfig,
    headers: &HeaderMap,
) -> Result<Option<Principal>, ApiError> {
    let token = headers
        .get("token")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let Some(kind) = op.access().token_kind() else {
        return Ok(None);
    };
    let required = op
        .headers()
        .any(|(name, presence)| name == "token" && presence == Presence::Required);
    match token {
        None if required => Err(ApiError::unauthenticated(format!(
            "{} needs a {} token in the `token` header",
            op.biz_type(),
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

/// The request's `trace` header, or a fresh trace id.
pub fn trace_of(headers: &HeaderMap) -> String {
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

/// A JSON response with the given status and body bytes.
pub(crate) fn json_bytes(status: StatusCode, body: Vec<u8>) -> Response {
    let mut response = (status, Body::from(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn json_response(status: StatusCode, envelope: &Envelope<Value>) -> Response {
    let body = serde_json::to_vec(envelope).unwrap_or_else(|_| b"{}".to_vec());
    json_bytes(status, body)
}

fn success_response(data: Value, trace: String, tm: i64) -> Response {
    let data = if data.is_null() { None } else { Some(data) };
    json_response(StatusCode::OK, &Envelope::success(data, trace, tm))
}

/// The error envelope for `err`, with `trace` echoed, `tm` the time spent
/// and the HTTP status that `http_status` gives it.
pub fn error_response(err: ApiError, trace: String, tm: i64, http_status: HttpStatus) -> Response {
    let status = http_status.of_error(&err);
    let mut envelope = Envelope::error(&err.code, &err.msg, err.data, trace, tm);
    envelope.msg_params = err.msg_params;
    json_response(status, &envelope)
}
