//! Every check of a call before its handler, in the order a client would
//! fix them: method, content type, size, headers, token, body.

use axum::extract::Request;
use axum::http::{header, HeaderMap, Method, StatusCode};
use serde_json::Value;

use super::auth::Principal;
use super::config::ServerConfig;
use crate::error::ApiError;
use crate::operation::{Access, OperationInfo, Presence, TokenKind};
use crate::schema::ObjectSchema;
use crate::validate::{normalize_integers, validate_object, Options, Violation};

/// What the request checks need to know about an operation. The generated
/// [`OperationInfo`] implements it, and so do the rows of a mock table, so
/// both go through the same checks.
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

/// A request that passed every check of its operation.
pub struct Checked {
    pub headers: HeaderMap,
    /// The authenticated caller, when a token was sent and accepted.
    pub principal: Option<Principal>,
    /// The body, valid against the operation's request schema.
    pub body: Value,
}

/// Every check before the handler, in the order a client would fix them:
/// method (405 with `Allow: POST`), content type, size, headers (required
/// ones present, none longer than [`ServerConfig::header_limit`]), token,
/// body. Every violation of headers and body is reported at once, as JSON
/// pointers.
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
        ))
        .with_status(StatusCode::METHOD_NOT_ALLOWED.as_u16()));
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

    // Headers first: they are violations like body fields.
    let mut violations = header_violations(op, config, &headers);

    // A missing token alone is `BIZGEN_UNAUTHENTICATED`; with other
    // header violations it is one more, so that all are told at once.
    let principal = if violations.is_empty() {
        authenticate(op, config, &headers).await?
    } else {
        if token_required(op) && token_of(&headers).is_none() {
            violations.push(missing_header("token"));
        }
        None
    };

    let mut value: Value = if bytes.iter().all(u8::is_ascii_whitespace) {
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
    normalize_integers(&mut value, op.request_schema());
    Ok(Checked {
        headers,
        principal,
        body: value,
    })
}

/// What is wrong with the headers the operation declares: a required one
/// missing or blank (`token` aside: see [`authenticate`]), a value that is
/// not visible ASCII, or one longer than the limit.
fn header_violations(
    op: &impl Contract,
    config: &ServerConfig,
    headers: &HeaderMap,
) -> Vec<Violation> {
    let mut out = Vec::new();
    for (name, presence) in op.headers() {
        if presence == Presence::Absent {
            continue;
        }
        let at = || format!("/headers/{name}");
        // Visible ASCII and spaces: `to_str` also lets a tab through.
        let visible = |v: &str| v.bytes().all(|b| (0x20..0x7f).contains(&b));
        let value = match headers.get(name).map(|v| v.to_str()) {
            None => None,
            Some(Ok(v)) if visible(v) => Some(v),
            Some(_) => {
                out.push(Violation {
                    pointer: at(),
                    reason: format!("header `{name}` must be visible ASCII"),
                });
                continue;
            }
        };
        let len = value.map_or(0, str::len);
        if len > config.header_limit {
            out.push(Violation {
                pointer: at(),
                reason: format!(
                    "header `{name}` must have at most {} characters, has {len}",
                    config.header_limit
                ),
            });
        } else if presence == Presence::Required
            && name != "token"
            && value.is_none_or(|v| v.trim().is_empty())
        {
            out.push(missing_header(name));
        }
    }
    out
}

fn missing_header(name: &str) -> Violation {
    Violation {
        pointer: format!("/headers/{name}"),
        reason: format!("required header `{name}` is missing"),
    }
}

/// The `token` header, if one was sent (blank counts as none).
fn token_of(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("token")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// Whether the operation's `token` header is required (access `login` or
/// `admin`).
fn token_required(op: &impl Contract) -> bool {
    op.headers()
        .any(|(name, presence)| name == "token" && presence == Presence::Required)
}

/// The caller of an operation: `None` where it takes no token (or an
/// optional one that was not sent); a missing required token or one the
/// authenticator rejects is `BIZGEN_UNAUTHENTICATED`.
async fn authenticate(
    op: &impl Contract,
    config: &ServerConfig,
    headers: &HeaderMap,
) -> Result<Option<Principal>, ApiError> {
    let Some(kind) = op.access().token_kind() else {
        return Ok(None);
    };
    match token_of(headers) {
        None if token_required(op) => Err(ApiError::unauthenticated(format!(
            "{} needs a {} token in the `token` header",
            op.biz_type(),
            kind_name(kind)
        ))),
        None => Ok(None),
        Some(token) => match config.authenticator().authenticate_boxed(kind, token).await {
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
