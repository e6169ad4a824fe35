//! The headers a client must be given for an operation besides those every
//! client fills in itself (version, companyId, lang, trace, token): the
//! end user's `X-Forwarded-For` and the spec's custom headers, required by
//! the operation, with their example values. The SDK samples pass them.

use crate::ir::{Api, HeaderSource, Operation, Presence};

/// One header a client must be given to call an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientHeader<'a> {
    pub name: &'a str,
    /// `ForwardedFor` or `Custom`: each SDK takes them differently.
    pub source: HeaderSource,
    /// The spec's example of the header (`VALUE` without one).
    pub value: &'a str,
}

/// The required headers of `op` that the caller supplies, in spec order.
pub fn client_headers<'a>(api: &'a Api, op: &'a Operation) -> Vec<ClientHeader<'a>> {
    op.headers
        .iter()
        .filter(|h| h.presence == Presence::Required)
        .filter(|h| matches!(h.source, HeaderSource::ForwardedFor | HeaderSource::Custom))
        .map(|h| ClientHeader {
            name: &h.name,
            source: h.source,
            value: api
                .headers
                .iter()
                .find(|d| d.name == h.name)
                .and_then(|d| d.example.as_deref())
                .unwrap_or("VALUE"),
        })
        .collect()
}
