//! Shared settings of the generated routers and the mock.

use std::sync::Arc;

use super::auth::{Authenticator, DynAuthenticator};
use super::response::HttpStatus;
use crate::operation::TokenKind;

/// Largest request body accepted, in bytes.
pub const DEFAULT_BODY_LIMIT: usize = 256 * 1024;

pub use crate::operation::DEFAULT_HEADER_LIMIT;

/// Shared settings of the generated routers and the mock.
#[derive(Clone)]
pub struct ServerConfig {
    authenticator: Arc<dyn DynAuthenticator>,
    pub body_limit: usize,
    /// The longest value of a declared header (see [`DEFAULT_HEADER_LIMIT`]).
    pub header_limit: usize,
    /// The HTTP status of answers (the envelope is the body either way).
    pub http_status: HttpStatus,
}

impl std::fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerConfig")
            .field("body_limit", &self.body_limit)
            .field("header_limit", &self.header_limit)
            .field("http_status", &self.http_status)
            .finish_non_exhaustive()
    }
}

impl ServerConfig {
    pub fn new(authenticator: impl Authenticator) -> Self {
        ServerConfig {
            authenticator: Arc::new(authenticator),
            body_limit: DEFAULT_BODY_LIMIT,
            header_limit: DEFAULT_HEADER_LIMIT,
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

    pub(super) fn authenticator(&self) -> &dyn DynAuthenticator {
        self.authenticator.as_ref()
    }
}
