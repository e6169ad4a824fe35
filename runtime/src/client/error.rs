//! What can go wrong with a call.

use crate::error::ApiError;

/// What can go wrong with a call.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The server answered with an error envelope (`ok: false`); for a
    /// validation failure the message lists the violated pointers (see
    /// [`ApiError`]'s `Display`). Boxed, so that `Result<T, Error>` stays
    /// small (clippy's `result_large_err` in the caller's code). An error
    /// envelope is never retried by its code; its `attempts` says how many
    /// attempts the call made.
    #[error("API error {}{}", .0, retried_note(.0.attempts))]
    Api(Box<ApiError>),
    /// The request did not reach the server or the answer did not come
    /// back, on the last of `attempts` attempts (0: the HTTP client could
    /// not be built).
    #[error("transport error{}: {}", attempts_note(*.attempts), source_chain(.source))]
    Transport {
        #[source]
        source: reqwest::Error,
        attempts: u32,
    },
    /// The last of `attempts` attempts was answered with HTTP 408, 429,
    /// 502, 503 or 504 (a gateway timeout, overload or throttling) and no
    /// successful envelope; `api` is the error envelope if the body was one.
    #[error("{biz_type}: HTTP {status}{}{}", attempts_note(*.attempts), api_note(.api.as_deref()))]
    Status {
        biz_type: &'static str,
        status: u16,
        attempts: u32,
        /// The start of the body, for diagnosis.
        body: String,
        api: Option<Box<ApiError>>,
    },
    /// The answer was not an envelope, or `data` did not have the expected
    /// shape, on the last of `attempts` attempts.
    #[error("cannot decode the response of {biz_type} (HTTP {status}{}): {message}", retries_clause(*.attempts))]
    Decode {
        biz_type: &'static str,
        status: u16,
        message: String,
        /// The start of the body, for diagnosis.
        body: String,
        attempts: u32,
    },
    /// The operation needs a token that the client does not hold.
    #[error("{biz_type} needs a {kind} token: log in through this client first, or give it one with `client.{setter}(Some(..))` or `ClientConfig::with_{setter_stem}(..)`")]
    MissingToken {
        biz_type: &'static str,
        kind: &'static str,
        /// The client method that stores it: `set_token` or `set_admin_token`.
        setter: &'static str,
        /// `token` or `admin_token`.
        setter_stem: &'static str,
    },
    /// The operation requires a header that neither the configuration nor
    /// the call options give.
    #[error("{biz_type} requires the `{header}` header; set it with ClientConfig::with_header or CallOptions::with_header")]
    MissingHeader {
        biz_type: &'static str,
        header: &'static str,
    },
    /// The request body could not be serialized.
    #[error("cannot encode the request of {biz_type}: {message}")]
    Encode {
        biz_type: &'static str,
        message: String,
    },
}

/// ` after 3 attempts`, ` (1 attempt)`, or nothing when none was made.
fn attempts_note(attempts: u32) -> String {
    match attempts {
        0 => String::new(),
        1 => " (1 attempt)".into(),
        n => format!(" after {n} attempts"),
    }
}

/// ` (after 3 attempts)` for an error envelope that came after retries.
fn retried_note(attempts: Option<u32>) -> String {
    match attempts {
        Some(n) if n > 1 => format!(" (after {n} attempts)"),
        _ => String::new(),
    }
}

/// `, after 3 attempts` for an answer that came after retries.
fn retries_clause(attempts: u32) -> String {
    if attempts > 1 {
        format!(", after {attempts} attempts")
    } else {
        String::new()
    }
}

fn api_note(api: Option<&ApiError>) -> String {
    api.map(|e| format!(": {e}")).unwrap_or_default()
}

/// An error and its sources, `: `-separated (reqwest puts the useful part,
/// such as "invalid URL, scheme is not http", in a source).
fn source_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        let part = s.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = s.source();
    }
    text
}

impl Error {
    /// The API error, when the server answered with one (also inside a
    /// [`Error::Status`] answer).
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e.as_ref()),
            Error::Status { api, .. } => api.as_deref(),
            _ => None,
        }
    }

    /// Whether the server answered with this error code (a string or a
    /// generated `errors::` constant).
    pub fn is(&self, code: impl AsRef<str>) -> bool {
        self.api().is_some_and(|e| e.is(code))
    }

    /// How many attempts the call made, for the errors that end a call
    /// after an answer or a failed attempt ([`Error::Api`],
    /// [`Error::Transport`], [`Error::Status`], [`Error::Decode`]); `None`
    /// for those raised before anything was sent.
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Error::Transport { attempts, .. }
            | Error::Status { attempts, .. }
            | Error::Decode { attempts, .. } => Some(*attempts),
            Error::Api(e) => e.attempts,
            _ => None,
        }
    }
}
