//! The mock table of a spec, built from the IR at run time: the same rows
//! that the generated `*-mock` binary carries as data, so `bizgen mock`
//! serves an edited spec through the runtime's mock with no build step.
//! The table needs the runtime's server (feature `cli`); which examples
//! answer and who hands out a token are shared with the generated mock.

#[cfg(feature = "cli")]
use std::borrow::Cow;

#[cfg(feature = "cli")]
use bizgen_runtime::mock::{MockExample, MockOperation, MockTable};
use bizgen_runtime::operation::{Access as RtAccess, Presence as RtPresence};

use serde_json::Value;

#[cfg(feature = "cli")]
use crate::ir::Api;
use crate::ir::{Access, Operation, Presence, Session};
#[cfg(feature = "cli")]
use crate::wire::struct_schema;

/// The field of `data` that hands out the session token (`setsToken:
/// token` on login), if any. Mocks answer with the token they accept there,
/// so that login followed by a token call works.
pub fn sets_token(op: &Operation) -> Option<&str> {
    match &op.session {
        Session::Sets { field, .. } => Some(field),
        _ => None,
    }
}

/// The examples that carry an answer, as `(name, envelope)`, in spec order.
pub fn answers(op: &Operation) -> impl Iterator<Item = (&str, &Value)> {
    op.examples
        .iter()
        .filter_map(|e| e.response.as_ref().map(|r| (e.name.as_str(), r)))
}

/// Every operation of `api` with its example answers.
#[cfg(feature = "cli")]
pub fn mock_table(api: &Api) -> MockTable {
    MockTable {
        api_name: api.name.clone(),
        operations: api.operations().map(|(_, op)| row(api, op)).collect(),
    }
}

#[cfg(feature = "cli")]
fn row(api: &Api, op: &Operation) -> MockOperation {
    MockOperation {
        path: op.path.clone(),
        biz_type: op.biz_type.clone(),
        access: access(op.access),
        headers: op
            .headers
            .iter()
            .filter_map(|h| Some((h.name.clone(), presence(h.presence)?)))
            .collect(),
        request: Cow::Owned(struct_schema(api, &op.request)),
        sets_token: sets_token(op).map(str::to_owned),
        examples: answers(op)
            .map(|(name, envelope)| MockExample {
                name: name.to_owned(),
                envelope: envelope.clone(),
            })
            .collect(),
    }
}

/// The runtime's spelling of an access level.
pub fn access(a: Access) -> RtAccess {
    match a {
        Access::Guest => RtAccess::Guest,
        Access::Login => RtAccess::Login,
        Access::Admin => RtAccess::Admin,
        Access::Optional => RtAccess::Optional,
    }
}

/// The runtime's spelling of a header's presence; `None` when absent.
pub fn presence(p: Presence) -> Option<RtPresence> {
    match p {
        Presence::Required => Some(RtPresence::Required),
        Presence::Optional => Some(RtPresence::Optional),
        Presence::Absent => None,
    }
}
