//! The error contract shown in the docs: a real `BIZGEN_VALIDATION`
//! answer, built by the same validator and envelope as the servers.

use serde_json::Value;

use bizgen_runtime::envelope::Envelope;
use bizgen_runtime::error::ApiError;
use bizgen_runtime::validate::Violation;

use crate::facts::RequestExample;
use crate::ir::{Api, Operation};

/// The trace the example answer echoes.
pub const EXAMPLE_TRACE: &str = "x-docs-validation-example";

/// The request the errors page breaks, and how: the first operation of the
/// quick start (else of the spec) that has a required field, with its
/// request example minus that field (returned third).
pub fn validation_request(api: &Api) -> Option<(&Operation, Value, &str)> {
    let quick = api
        .quick_start
        .iter()
        .filter_map(|s| api.operations().find(|(_, o)| o.path == s.operation));
    let op = quick
        .chain(api.operations())
        .map(|(_, o)| o)
        .find(|o| o.request.fields.iter().any(|f| f.required))?;
    let mut body = RequestExample::of(api, op).body.into_owned();
    let obj = body.as_object_mut()?;
    let first_required = op.request.fields.iter().find(|f| f.required)?;
    obj.remove(&first_required.name);
    Some((op, body, first_required.name.as_str()))
}

/// The whole answer a bizgen server gives to [`validation_request`]
/// (body pointers at the root, headers under `/headers/`, as the server
/// and `bizgen validate` report them), with `tm` 0.
pub fn validation_example(api: &Api) -> Option<Value> {
    let (op, body, _) = validation_request(api)?;
    let violations: Vec<Violation> = crate::wire::check_request(api, op, &body, false);
    let err = ApiError::validation(&violations);
    let envelope = Envelope::error(&err.code, &err.msg, err.data, EXAMPLE_TRACE.into(), 0);
    serde_json::to_value(envelope).ok()
}
