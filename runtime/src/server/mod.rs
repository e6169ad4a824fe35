//! Server glue on axum: every generated route goes through [`Routes::add`],
//! which checks the method, content type, size, headers, token and body against
//! the spec before the handler sees a typed request.
//!
//! HTTP status: by default every answer, success or error, is HTTP 200 with
//! the envelope, as the platform's own gateways do; the envelope's `code`
//! says what went wrong. [`HttpStatus::Semantic`] maps the bizgen codes to
//! statuses for generic infrastructure; the body is the envelope either way.
//! A method other than `POST` is answered 405 with `Allow: POST` in both.
//!
//! - [`auth`]: tokens and who made a call;
//! - [`context`]: what a handler knows besides the body;
//! - [`config`]: the shared settings;
//! - [`checks`]: every check before the handler;
//! - [`routes`]: putting the routes together;
//! - [`response`]: the envelope, the status policy, the echoed trace.

pub mod auth;
pub mod checks;
pub mod config;
pub mod context;
pub mod response;
pub mod routes;

pub use auth::{Authenticator, BoxFuture, Principal, StaticTokens};
pub use checks::{check, Checked, Contract};
pub use config::{ServerConfig, DEFAULT_BODY_LIMIT, DEFAULT_HEADER_LIMIT};
pub use context::{AuthContext, FromContext, RequestContext};
pub use response::{error_response, trace_of, HttpStatus};
pub use routes::{with_fallback, Routes, ServerError};

pub(crate) use response::{elapsed_ms, json_bytes, trace_within};
