//! Server glue on axum: every generated route goes through [`Routes::add`],
//! which checks the method, content type, size, headers, token and body against
//! the spec before the handler sees a typed request.
//!
//! HTTP status: by default every answer, success or error, is HTTP 200 with
//! the envelope, as the platform's own gateways do; the envelope's `code`
//! says what went wrong. [`HttpStatus::Semantic`] maps the bizgen codes to
//! statuses for generic infrastructure; the body is the envelope either way.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, MethodRouter};
use axum::Router;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::envelope::Envelope;
use crate::error::{codes, ApiError};
use crate::operation::{Access, HeaderSource, OperationInfo, Presence, TokenKind};
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

/// A boxed future, so that authenticators can be stored as trait objects.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Checks tokens. C-side and B-side tokens are distinct: an implementation
/// must only accept a token for the kind it was issued for.
///
/// Implement it with a plain `async fn`:
///
/// ```
/// use bizgen_runtime::server::{Authenticator, Principal};
/// use bizgen_runtime::operation::TokenKind;
///
/// struct Sessions;
///
/// impl Authenticator for Sessions {
///     async fn authenticate(&self, kind: TokenKind, token: &str) -> Option<Principal> {
///         (kind == TokenKind::Customer && token == "t-1")
///             .then(|| Principal::new(kind, "customer-1", token))
///     }
/// }
/// ```
///
/// or, for the simple case, with a closure
/// `|kind: TokenKind, token: &str| -> Option<Principal> { .. }`.
pub trait Authenticator: Send + Sync + 'static {
    fn authenticate(
        &self,
        kind: TokenKind,
        token: &str,
    ) -> impl Future<Output = Option<Principal>> + Send;

    /// A token this authenticator accepts for `kind`, if it can name one.
    /// Mocks hand it out where the spec's login answers with a session
    /// token, so that login followed by a token call works.
    fn issue(&self, kind: TokenKind) -> Option<String> {
        let _ = kind;
        None
    }
}

impl<F> Authenticator for F
where
    F: Fn(TokenKind, &str) -> Option<Principal> + Send + Sync + 'static,
{
    async fn authenticate(&self, kind: TokenKind, token: &str) -> Option<Principal> {
        self(kind, token)
    }
}

/// The object-safe form of [`Authenticator`] that [`ServerConfig`] stores.
trait DynAuthenticator: Send + Sync + 'static {
    fn authenticate_boxed<'a>(
        &'a self,
        kind: TokenKind,
        token: &'a str,
    ) -> BoxFuture<'a, Option<Principal>>;

    fn issue_token(&self, kind: TokenKind) -> Option<String>;
}

impl<A: Authenticator> DynAuthenticator for A {
    fn authenticate_boxed<'a>(
        &'a self,
        kind: TokenKind,
        token: &'a str,
    ) -> BoxFuture<'a, Option<Principal>> {
        Box::pin(self.authenticate(kind, token))
    }

    fn issue_token(&self, kind: TokenKind) -> Option<String> {
        self.issue(kind)
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
    async fn authenticate(&self, kind: TokenKind, token: &str) -> Option<Principal> {
        let list = match kind {
            TokenKind::Customer => &self.customer,
            TokenKind::Admin => &self.admin,
        };
        list.iter()
            .find(|(t, _)| t == token)
            .map(|(t, subject)| Principal::new(kind, subject.clone(), t.clone()))
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
    /// The values of the headers the operation declares (custom ones
    /// included, `token` excluded), by their spec names; see [`Self::header`].
    pub declared_headers: std::collections::BTreeMap<&'static str, String>,
    /// Every request header.
    pub headers: HeaderMap,
}

/// The context of an operation that requires a token (access `login` or
/// `admin`): the caller is always known. Derefs to [`RequestContext`].
#[derive(Debug, Clone)]
pub struct AuthContext {
    /// The authenticated caller.
    pub principal: Principal,
    pub request: RequestContext,
}

impl std::ops::Deref for AuthContext {
    type Target = RequestContext;
    fn deref(&self) -> &RequestContext {
        &self.request
    }
}

/// A handler's context type, built from the checked call.
pub trait FromContext: Sized + Send + 'static {
    fn from_context(ctx: RequestContext) -> Result<Self, ApiError>;
}

impl FromContext for RequestContext {
    fn from_context(ctx: RequestContext) -> Result<Self, ApiError> {
        Ok(ctx)
    }
}

impl FromContext for AuthContext {
    fn from_context(ctx: RequestContext) -> Result<Self, ApiError> {
        match ctx.principal.clone() {
            Some(principal) => Ok(AuthContext {
                principal,
                request: ctx,
            }),
            // Only reached if an operation's token header is optional
            // although its access level requires one.
            None => Err(ApiError::unauthenticated(format!(
                "{} needs a token in the `token` header",
                ctx.operation.biz_type
            ))),
        }
    }
}

impl RequestContext {
    /// The value of a header the operation declares (case-insensitive
    /// name), `None` when it was not sent or the spec does not declare it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.declared_headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Shared settings of the generated routers and the mock.
#[derive(Clone)]
pub struct ServerConfig {
    authenticator: Arc<dyn DynAuthenticator>,
    pub body_limit: usize,
    /// The HTTP status of answers (the envelope is the body either way).
    pub http_status: HttpStatus,
}

impl std::fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerConfig")
            .field("body_limit", &self.body_limit)
            .finish_non_exhaustive()
    }
}

impl ServerConfig {
    pub fn new(authenticator: impl Authenticator) -> Self {
        ServerConfig {
            authenticator: Arc::new(authenticator),
            body_limit: DEFAULT_BODY_LIMIT,
            http_status: HttpStatus::default(),
        }
    }

    /// A token the authenticator accepts for `kind`, if it names one
    /// ([`Authenticator::issue`]).
    pub fn issue(&self, kind: TokenKind) -> Option<String> {
        self.authenticator.issue_token(kind)
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

/// A mistake in putting a server together (reported, never a panic).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServerError {
    /// Two implementations for one operation, e.g. a service mounted twice.
    #[error("{biz_type} ({path}) is already served; each service can be given once")]
    AlreadyServed {
        biz_type: &'static str,
        path: &'static str,
    },
}

/// The operations of a server being put together: the generated `Server`
/// adds one route per operation with [`Routes::add`], and [`Routes::fill`]
/// lets a fallback implementation (the mock) take the operations left over.
pub struct Routes {
    config: ServerConfig,
    routes: BTreeMap<String, MethodRouter>,
    /// While filling, operations already served are skipped, not errors.
    filling: bool,
}

impl std::fmt::Debug for Routes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Routes")
            .field("config", &self.config)
            .field("paths", &self.routes.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Routes {
    pub fn new(config: ServerConfig) -> Self {
        Routes {
            config,
            routes: BTreeMap::new(),
            filling: false,
        }
    }

    pub fn config(&self) -> &ServerConfig {
        &self.config
    }

    /// Whether an operation is served.
    pub fn serves(&self, op: &OperationInfo) -> bool {
        self.routes.contains_key(op.path)
    }

    /// Reserves the operations of a service before it is added: an error if
    /// one is already served (outside [`Routes::fill`]).
    pub fn claim(&self, ops: &[&'static OperationInfo]) -> Result<(), ServerError> {
        if self.filling {
            return Ok(());
        }
        match ops.iter().find(|op| self.serves(op)) {
            Some(op) => Err(ServerError::AlreadyServed {
                biz_type: op.biz_type,
                path: op.path,
            }),
            None => Ok(()),
        }
    }

    /// Adds one operation: `handler` gets the service, a context and a
    /// request that has passed every check of the spec.
    pub fn add<S, C, Q, T, F, Fut>(
        &mut self,
        op: &'static OperationInfo,
        service: &Arc<S>,
        handler: F,
    ) where
        S: Send + Sync + 'static,
        C: FromContext,
        Q: DeserializeOwned + Send + 'static,
        T: Serialize + Send + 'static,
        F: Fn(Arc<S>, C, Q) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<T, ApiError>> + Send + 'static,
    {
        if self.filling && self.serves(op) {
            return;
        }
        let config = self.config.clone();
        let service = service.clone();
        let route = any(move |request: Request| {
            let config = config.clone();
            let service = service.clone();
            let handler = handler.clone();
            async move {
                serve(op, &config, request, move |ctx, body| async move {
                    handler(service, C::from_context(ctx)?, body).await
                })
                .await
            }
        });
        self.routes.insert(op.path.to_owned(), route);
    }

    /// Runs `add` calls that only take the operations not served yet.
    pub fn fill(&mut self, add: impl FnOnce(&mut Routes)) {
        self.filling = true;
        add(self);
        self.filling = false;
    }

    /// Serves every operation of `table` that is not served yet with the
    /// mock's answers.
    pub fn fill_with_mock(&mut self, table: &crate::mock::MockTable) {
        for op in &table.operations {
            if !self.routes.contains_key(&op.path) {
                let route = crate::mock::route(op, &self.config, Default::default());
                self.routes.insert(op.path.clone(), route);
            }
        }
    }

    /// The finished router, answering unknown paths with an error envelope.
    pub fn into_router(self) -> Router {
        let router = self
            .routes
            .into_iter()
            .fold(Router::new(), |router, (path, route)| {
                router.route(&path, route)
            });
        with_fallback(router, &self.config)
    }
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
    F: FnOnce(RequestContext, Q) -> Fut,
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
            violations.push(missing_header(name));
        }
    }

    // A missing token alone is `BIZGEN_UNAUTHENTICATED`; with other
    // missing headers it is one more violation, so that all are told at once.
    let principal = if violations.is_empty() {
        authenticate(op, config, &headers).await?
    } else {
        let token_required = op
            .headers()
            .any(|(name, presence)| name == "token" && presence == Presence::Required);
        if token_required && token_of(&headers).is_none() {
            violations.push(missing_header("token"));
        }
        None
    };

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
    // Body pointers are rooted at the body, as `bizgen validate` reports
    // them; headers are under `/headers/`.
    violations.extend(validate_object(
        &value,
        op.request_schema(),
        Options::default(),
    ));
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
            pointer: String::new(),
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
    let declared_headers = op
        .headers
        .iter()
        .filter(|h| h.source != HeaderSource::Token)
        .filter_map(|h| header(h.name).map(|v| (h.name, v)))
        .collect();
    let ctx = RequestContext {
        operation: op,
        trace,
        company_id: header("companyId"),
        lang: header("lang"),
        version: header("version"),
        principal: checked.principal,
        declared_headers,
        headers: headers.clone(),
    };
    Ok((ctx, body))
}

fn missing_header(name: &str) -> Violation {
    Violation {
        pointer: format!("/headers/{name}"),
        reason: format!("required header `{name}` is missing"),
    }
}

fn token_of(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("token")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

async fn authenticate(
    op: &impl Contract,
    config: &ServerConfig,
    headers: &HeaderMap,
) -> Result<Option<Principal>, ApiError> {
    let token = token_of(headers);
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
        Some(token) => match config.authenticator.authenticate_boxed(kind, token).await {
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
