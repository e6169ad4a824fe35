//! Errors: the typed API error that both sides speak, and the codes this
//! project adds for validation and authentication failures.

use serde_json::Value;

use crate::validate::Violation;

/// Codes that bizgen servers answer with (declared in the spec's `errors`
/// with `origin: bizgen`).
pub mod codes {
    pub const VALIDATION: &str = "BIZGEN_VALIDATION";
    pub const UNAUTHENTICATED: &str = "BIZGEN_UNAUTHENTICATED";
    pub const MALFORMED: &str = "BIZGEN_MALFORMED";
    pub const NOT_FOUND: &str = "BIZGEN_NOT_FOUND";
    pub const NOT_IMPLEMENTED: &str = "BIZGEN_NOT_IMPLEMENTED";
    pub const INTERNAL: &str = "BIZGEN_INTERNAL";
}

/// The fixed `msg` of each of bizgen's codes, as the spec's `errors`
/// document them: a client may show it as is. What went wrong in detail
/// is in the envelope's `data`.
pub mod messages {
    pub const VALIDATION: &str = "Request validation failed";
    pub const UNAUTHENTICATED: &str = "Missing or invalid token";
    pub const MALFORMED: &str = "Malformed request";
    pub const NOT_FOUND: &str = "Unknown operation";
    pub const NOT_IMPLEMENTED: &str = "Operation not implemented";
    pub const INTERNAL: &str = "Internal error";
}

/// An error envelope's content: what a handler returns to fail a call, and
/// what a client gets back when the server says `ok: false`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{code}: {msg}")]
pub struct ApiError {
    pub code: String,
    pub msg: String,
    /// The envelope's `data` (often the bizType as a string).
    pub data: Option<Value>,
    pub msg_params: Option<Value>,
    /// The trace id of the call (set by the server and seen by the client).
    pub trace: Option<String>,
    /// The HTTP status a server answers with under
    /// `HttpStatus::Semantic`; `None` follows the code (see the server).
    pub status: Option<u16>,
}

impl ApiError {
    pub fn new(code: impl Into<String>, msg: impl Into<String>) -> Self {
        ApiError {
            code: code.into(),
            msg: msg.into(),
            data: None,
            msg_params: None,
            trace: None,
            status: None,
        }
    }

    /// The HTTP status to answer with when the server uses semantic statuses.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    pub fn with_data(mut self, data: Value) -> Self {
        self.data = Some(data);
        self
    }

    /// The default answer of an operation that has no handler yet.
    pub fn not_implemented(biz_type: &str) -> Self {
        ApiError::new(codes::NOT_IMPLEMENTED, messages::NOT_IMPLEMENTED)
            .with_data(Value::String(biz_type.to_owned()))
    }

    /// Every violation of a request, as `data: [{pointer, reason}]`.
    pub fn validation(violations: &[Violation]) -> Self {
        let data = serde_json::to_value(violations).unwrap_or(Value::Null);
        ApiError::new(codes::VALIDATION, messages::VALIDATION).with_data(data)
    }

    /// A missing or rejected token; `why` goes to `data`.
    pub fn unauthenticated(why: impl Into<String>) -> Self {
        ApiError::new(codes::UNAUTHENTICATED, messages::UNAUTHENTICATED)
            .with_data(Value::String(why.into()))
    }

    /// A request that cannot be read; `why` goes to `data`.
    pub fn malformed(why: impl Into<String>) -> Self {
        ApiError::new(codes::MALFORMED, messages::MALFORMED).with_data(Value::String(why.into()))
    }

    /// An unexpected failure; `why` goes to `data`.
    pub fn internal(why: impl Into<String>) -> Self {
        ApiError::new(codes::INTERNAL, messages::INTERNAL).with_data(Value::String(why.into()))
    }

    /// No operation at `path`, which goes to `data`.
    pub fn not_found(path: &str) -> Self {
        ApiError::new(codes::NOT_FOUND, messages::NOT_FOUND).with_data(Value::String(path.into()))
    }

    /// The violations of a validation error, if this is one.
    pub fn violations(&self) -> Vec<Violation> {
        match (&*self.code, &self.data) {
            (codes::VALIDATION, Some(data)) => {
                serde_json::from_value(data.clone()).unwrap_or_default()
            }
            _ => Vec::new(),
        }
    }
}
