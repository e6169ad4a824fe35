//! The request example of an operation: one rule for every output that
//! shows or sends a request (the docs' curl and code snippets, the quick
//! start, Postman, the OpenAPI examples, `bizgen probe`).
//!
//! The rule: the first spec example with a request whose answer is not an
//! error envelope, else the first spec example with a request, else a body
//! built from the request's schema by the one sample-value generator
//! ([`super::sample`]).

use std::borrow::Cow;

use serde_json::Value;

use super::sample;
use crate::ir::{Api, Example, Operation};

/// An operation's request body and where it comes from.
#[derive(Debug, Clone)]
pub struct RequestExample<'a> {
    pub body: Cow<'a, Value>,
    /// The spec example whose request it is; `None`: built from the schema.
    pub example: Option<&'a Example>,
}

impl<'a> RequestExample<'a> {
    /// The operation's request example, by the rule of this module.
    pub fn of(api: &'a Api, op: &'a Operation) -> RequestExample<'a> {
        Self::named(api, op, None)
    }

    /// The request of the example called `name` where it has one (the
    /// quick start names the example of each step), else [`Self::of`].
    pub fn named(api: &'a Api, op: &'a Operation, name: Option<&str>) -> RequestExample<'a> {
        let with_request = || op.examples.iter().filter(|e| e.request.is_some());
        let chosen = match name {
            Some(n) => with_request().find(|e| e.name == n),
            None => None,
        }
        .or_else(|| with_request().find(|e| !shows_error(e)))
        .or_else(|| with_request().next());
        match chosen.and_then(|e| Some((e, e.request.as_ref()?))) {
            Some((e, body)) => RequestExample {
                body: Cow::Borrowed(body),
                example: Some(e),
            },
            None => RequestExample {
                body: Cow::Owned(sample::request_body(api, op)),
                example: None,
            },
        }
    }

    /// The spec example's name, if the body is a spec example's.
    pub fn name(&self) -> Option<&'a str> {
        self.example.map(|e| e.name.as_str())
    }
}

/// The `companyId` every example call sends: the header's spec example,
/// else `COMPANY`.
pub fn company_id(api: &Api) -> String {
    api.headers
        .iter()
        .find(|h| h.name == "companyId")
        .and_then(|h| h.example.clone())
        .unwrap_or_else(|| "COMPANY".into())
}

/// Whether the example's answer is an error envelope (`ok: false`).
fn shows_error(e: &Example) -> bool {
    e.response
        .as_ref()
        .and_then(|r| r.get("ok"))
        .and_then(Value::as_bool)
        == Some(false)
}
