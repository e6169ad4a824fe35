//! Answers: the envelope as the body of every response, the HTTP status
//! policy ([`HttpStatus`]), the echoed trace and the time spent (`tm`).

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::envelope::Envelope;
use crate::error::{codes, ApiError};
use crate::operation::DEFAULT_HEADER_LIMIT;

/// Which HTTP status an answer carries. The body is always the envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HttpStatus {
    /// HTTP 200 for everything, as the platform's own gateways answer
    /// (except a method other than `POST`: 405, see [`HttpStatus::of_error`]).
    #[default]
    Platform,
    /// Statuses that generic infrastructure understands: malformed 400, 405,
    /// 413 or 415, validation 422, unauthenticated 401, not found 404,
    /// internal 500; other errors 200 unless the handler set [`ApiError::status`].
    Semantic,
}

impl HttpStatus {
    /// The status of an error answer under this policy. A method other than
    /// `POST` is 405 under both: it is a matter of HTTP rather than of the
    /// API, and HTTP clients, caches and fuzzers rely on it (the body is
    /// still the error envelope, for platform-style clients).
    pub fn of_error(self, err: &ApiError) -> StatusCode {
        let status = err.status.and_then(|s| StatusCode::from_u16(s).ok());
        if err.code == codes::MALFORMED && status == Some(StatusCode::METHOD_NOT_ALLOWED) {
            return StatusCode::METHOD_NOT_ALLOWED;
        }
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
        status.unwrap_or(by_code)
    }
}

/// `tm`: the time this server spent on the call, in milliseconds.
pub(crate) fn elapsed_ms(started: std::time::Instant) -> i64 {
    i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX)
}

/// The request's `trace` header, or a fresh trace id where there is none or
/// it is longer than [`DEFAULT_HEADER_LIMIT`] (a trace is echoed in the
/// answer, so an oversized one is not).
pub fn trace_of(headers: &HeaderMap) -> String {
    trace_within(headers, DEFAULT_HEADER_LIMIT)
}

/// [`trace_of`] with another length limit.
pub(crate) fn trace_within(headers: &HeaderMap, limit: usize) -> String {
    headers
        .get("trace")
        .and_then(|v| v.to_str().ok())
        .filter(|t| {
            !t.is_empty() && t.len() <= limit && t.bytes().all(|b| (0x20..0x7f).contains(&b))
        })
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
    if status == StatusCode::METHOD_NOT_ALLOWED {
        // Every operation takes POST alone.
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
    }
    response
}

fn json_response(status: StatusCode, envelope: &Envelope<Value>) -> Response {
    let body = serde_json::to_vec(envelope).unwrap_or_else(|_| b"{}".to_vec());
    json_bytes(status, body)
}

pub(super) fn success_response(data: Value, trace: String, tm: i64) -> Response {
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
