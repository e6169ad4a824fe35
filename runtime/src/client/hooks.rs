//! Hooks that see every attempt of every call, for logging and metrics,
//! and (feature `tracing`) the client's own `tracing` spans and events.
//! Tokens are masked before anything leaves the client: hooks see `token`
//! as `<redacted>`, and the request body is logged only through its
//! `Debug`, which redacts the spec's sensitive fields.

use std::time::Duration;

use crate::operation::OperationInfo;

/// What a hook sees before an attempt is sent.
#[derive(Debug, Clone, Copy)]
pub struct RequestInfo<'a> {
    /// The operation (service, name, path, access, ...).
    pub operation: &'static OperationInfo,
    pub biz_type: &'static str,
    /// The call's trace id: the same on every attempt.
    pub trace: &'a str,
    /// 1 for the first attempt, 2 for the first retry, ...
    pub attempt: u32,
    /// The headers as sent, with `token` masked as `<redacted>`.
    pub headers: &'a [(&'static str, String)],
}

/// What a hook sees after an attempt.
#[derive(Debug, Clone, Copy)]
pub struct ResponseInfo<'a> {
    pub operation: &'static OperationInfo,
    pub biz_type: &'static str,
    pub trace: &'a str,
    pub attempt: u32,
    /// The HTTP status; `None` when no answer came (connection error, timeout).
    pub status: Option<u16>,
    /// The envelope's `code`; `None` when the body is not an envelope.
    pub code: Option<&'a str>,
    /// From sending the request to the end of the body (or the failure).
    pub elapsed: Duration,
    /// Why no answer came, when none did.
    pub error: Option<&'a (dyn std::error::Error + Send + Sync + 'static)>,
    /// `Some(wait)` when another attempt follows after `wait`.
    pub retry_in: Option<Duration>,
}

/// Called around every attempt of every call (retries included), in the
/// order the hooks were added to the [`ClientConfig`](super::ClientConfig).
/// Both methods default to doing nothing. Hooks run on the task that makes
/// the call: keep them quick.
pub trait Hooks: Send + Sync + 'static {
    /// Before an attempt is sent.
    fn on_request(&self, request: &RequestInfo<'_>) {
        let _ = request;
    }

    /// After an attempt answered or failed.
    fn on_response(&self, response: &ResponseInfo<'_>) {
        let _ = response;
    }
}

type OnRequest = Box<dyn Fn(&RequestInfo<'_>) + Send + Sync>;
type OnResponse = Box<dyn Fn(&ResponseInfo<'_>) + Send + Sync>;

/// Hooks made of one closure (`ClientConfig::on_request`, `on_response`).
pub(super) struct FnHooks {
    request: Option<OnRequest>,
    response: Option<OnResponse>,
}

impl FnHooks {
    pub(super) fn request(f: impl Fn(&RequestInfo<'_>) + Send + Sync + 'static) -> Self {
        FnHooks {
            request: Some(Box::new(f)),
            response: None,
        }
    }

    pub(super) fn response(f: impl Fn(&ResponseInfo<'_>) + Send + Sync + 'static) -> Self {
        FnHooks {
            request: None,
            response: Some(Box::new(f)),
        }
    }
}

impl Hooks for FnHooks {
    fn on_request(&self, request: &RequestInfo<'_>) {
        if let Some(f) = &self.request {
            f(request);
        }
    }

    fn on_response(&self, response: &ResponseInfo<'_>) {
        if let Some(f) = &self.response {
            f(response);
        }
    }
}

/// What replaces a token in anything the client shows.
pub const MASK: &str = "<redacted>";

/// The headers as hooks see them: `token` masked.
pub(super) fn masked(headers: &[(&'static str, String)]) -> Vec<(&'static str, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            let value = if name.eq_ignore_ascii_case("token") {
                MASK.to_owned()
            } else {
                value.clone()
            };
            (*name, value)
        })
        .collect()
}

/// The client's `tracing` output (feature `tracing`): one span per call
/// (`bizgen_call`: bizType, trace) and one debug event per attempt sent and
/// answered (attempt, status, code, elapsed, the wait before a retry).
#[cfg(feature = "tracing")]
pub(super) mod trace {
    use super::{RequestInfo, ResponseInfo};

    pub(in crate::client) fn call_span(biz_type: &'static str, trace: &str) -> tracing::Span {
        tracing::debug_span!("bizgen_call", biz_type, trace)
    }

    pub(in crate::client) fn sending(
        info: &RequestInfo<'_>,
        request: Option<&dyn std::fmt::Debug>,
    ) {
        match request {
            // The request's `Debug` redacts the spec's sensitive fields.
            Some(request) => tracing::debug!(
                biz_type = info.biz_type,
                trace = info.trace,
                attempt = info.attempt,
                request = ?request,
                "sending"
            ),
            None => tracing::debug!(
                biz_type = info.biz_type,
                trace = info.trace,
                attempt = info.attempt,
                "sending"
            ),
        }
    }

    pub(in crate::client) fn answered(info: &ResponseInfo<'_>) {
        let elapsed_ms = info.elapsed.as_secs_f64() * 1000.0;
        let retry_in_ms = info.retry_in.map(|d| d.as_millis() as u64);
        match info.error {
            Some(error) => tracing::debug!(
                biz_type = info.biz_type,
                trace = info.trace,
                attempt = info.attempt,
                elapsed_ms,
                retry_in_ms,
                error = %error,
                "failed"
            ),
            None => tracing::debug!(
                biz_type = info.biz_type,
                trace = info.trace,
                attempt = info.attempt,
                status = info.status,
                code = info.code,
                elapsed_ms,
                retry_in_ms,
                "answered"
            ),
        }
    }
}
