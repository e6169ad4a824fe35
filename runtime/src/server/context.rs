//! What a handler knows about a call besides its body: the trace, the
//! declared headers and, where a token was accepted, the caller.

use std::collections::BTreeMap;

use axum::http::HeaderMap;

use super::auth::Principal;
use crate::error::ApiError;
use crate::operation::{HeaderSource, OperationInfo};

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
    pub declared_headers: BTreeMap<&'static str, String>,
    /// Every request header.
    pub headers: HeaderMap,
}

impl RequestContext {
    /// The context of a checked call of `op`.
    pub(super) fn new(
        op: &'static OperationInfo,
        trace: String,
        principal: Option<Principal>,
        headers: HeaderMap,
    ) -> RequestContext {
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
        RequestContext {
            operation: op,
            trace,
            company_id: header("companyId"),
            lang: header("lang"),
            version: header("version"),
            principal,
            declared_headers,
            headers,
        }
    }

    /// The value of a header the operation declares (case-insensitive
    /// name), `None` when it was not sent or the spec does not declare it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.declared_headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
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
