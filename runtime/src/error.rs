//! Errors: the typed API error that both sides speak, the codes this
//! project adds for validation and authentication failures, and the helpers
//! that make `?` natural in handlers.

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

    /// Every code above, in this order: the one list of bizgen's own codes.
    pub const ALL: [&str; 6] = [
        VALIDATION,
        UNAUTHENTICATED,
        MALFORMED,
        NOT_FOUND,
        NOT_IMPLEMENTED,
        INTERNAL,
    ];
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

/// One error code of the spec with its message: the generated `errors`
/// module has a constant per code, so that neither side spells codes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ErrorCode {
    pub code: &'static str,
    /// The spec's message for the code.
    pub message: &'static str,
}

impl ErrorCode {
    /// An error with this code and the spec's message.
    pub fn error(self) -> ApiError {
        ApiError::new(self.code, self.message)
    }

    /// An error with this code and another message.
    pub fn with_msg(self, msg: impl Into<String>) -> ApiError {
        ApiError::new(self.code, msg)
    }
}

impl AsRef<str> for ErrorCode {
    fn as_ref(&self) -> &str {
        self.code
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code)
    }
}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> Self {
        code.error()
    }
}

/// An error envelope's content: what a handler returns to fail a call, and
/// what a client gets back when the server says `ok: false`.
///
/// `Display` prints `code: msg`, followed by every violation of a
/// validation error, or by `data` where it is a string (the detail).
#[derive(Debug, Clone, PartialEq)]
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
    /// On the client: how many attempts the call made, this answer's
    /// included (more than 1 when earlier ones were retried). `None` on
    /// the server side.
    pub attempts: Option<u32>,
}

impl std::error::Error for ApiError {}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.msg)?;
        let violations = self.violations();
        if !violations.is_empty() {
            let list: Vec<String> = violations.iter().map(Violation::to_string).collect();
            write!(f, " ({})", list.join("; "))?;
        } else if let Some(Value::String(detail)) = &self.data {
            write!(f, " ({detail})")?;
        }
        Ok(())
    }
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
            attempts: None,
        }
    }

    /// Whether this error has the given code (a string or a generated
    /// `errors::` constant).
    pub fn is(&self, code: impl AsRef<str>) -> bool {
        self.code == code.as_ref()
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

    pub fn with_msg_params(mut self, params: Value) -> Self {
        self.msg_params = Some(params);
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

    /// An unexpected failure; `why` goes to `data`. Takes any displayable
    /// error, so `.map_err(ApiError::internal)?` works in handlers.
    pub fn internal(why: impl std::fmt::Display) -> Self {
        ApiError::new(codes::INTERNAL, messages::INTERNAL).with_data(Value::String(why.to_string()))
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

/// Turns a failure into an [`ApiError`] with a given code, so that handlers
/// can use `?`: `store.find(id).or_api(errors::NOT_FOUND_CODE)?`.
///
/// The message is the code's own; on `Result`, the error's text goes to
/// `data`, as bizgen's own errors carry their detail.
pub trait OrApiError<T> {
    fn or_api(self, code: ErrorCode) -> Result<T, ApiError>;
}

impl<T, E: std::fmt::Display> OrApiError<T> for Result<T, E> {
    fn or_api(self, code: ErrorCode) -> Result<T, ApiError> {
        self.map_err(|e| code.error().with_data(Value::String(e.to_string())))
    }
}

impl<T> OrApiError<T> for Option<T> {
    fn or_api(self, code: ErrorCode) -> Result<T, ApiError> {
        self.ok_or_else(|| code.error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOT_CORRECT: ErrorCode = ErrorCode {
        code: "CUSTOMER_API_0000511",
        message: "Verification code is not correct",
    };

    #[test]
    fn validation_display_lists_pointers() {
        let err = ApiError::validation(&[
            Violation {
                pointer: "/email".into(),
                reason: "missing".into(),
            },
            Violation {
                pointer: "/headers/lang".into(),
                reason: "required header `lang` is missing".into(),
            },
        ]);
        assert_eq!(
            err.to_string(),
            "BIZGEN_VALIDATION: Request validation failed (/email: missing; /headers/lang: required header `lang` is missing)"
        );
    }

    #[test]
    fn codes_and_question_mark() {
        let err: ApiError = NOT_CORRECT.into();
        assert!(err.is(NOT_CORRECT) && err.is("CUSTOMER_API_0000511"));
        assert_eq!(err.msg, NOT_CORRECT.message);
        let found: Result<u8, ApiError> = None.or_api(NOT_CORRECT);
        assert_eq!(found, Err(NOT_CORRECT.error()));
        let parsed: Result<u8, ApiError> = "x".parse::<u8>().or_api(NOT_CORRECT);
        assert_eq!(
            parsed.map_err(|e| e.to_string()),
            Err("CUSTOMER_API_0000511: Verification code is not correct (invalid digit found in string)".to_owned())
        );
        assert!(ApiError::internal("boom").is(codes::INTERNAL));
    }
}
