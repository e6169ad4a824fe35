//! The responses of an operation, as bizgen servers answer under each
//! status policy: HTTP 200 for everything (the platform's way, the default
//! document), or the semantic statuses of `--http-status semantic` (its own
//! document, `openapi-semantic.json`). The body is always the envelope.

use std::collections::BTreeMap;

use bizgen_runtime::error::codes;
use serde_json::Value;

use super::document::{Example, MediaType, Ordered, Response, SchemaObject};
use super::schema::Shapes;
use crate::ir::{Access, Operation};

/// Which HTTP statuses the document describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Statuses {
    /// Every answer is HTTP 200 (bizgen's default, as the platform's own
    /// gateways answer).
    Platform,
    /// `HttpStatus::Semantic`: bizgen's own errors carry 400, 401, 413,
    /// 415, 422 or 500.
    Semantic,
}

/// The error answers of semantic mode: status, the bizgen code it carries,
/// when; whether it needs a token check.
const SEMANTIC: [(&str, &str, &str, bool); 6] = [
    (
        "400",
        codes::MALFORMED,
        "The body is not JSON (or a mock was asked for an example it does not have).",
        false,
    ),
    (
        "401",
        codes::UNAUTHENTICATED,
        "The token is missing or not valid for this side.",
        true,
    ),
    ("413", codes::MALFORMED, "The body is too large.", false),
    (
        "415",
        codes::MALFORMED,
        "The content type is not `application/json`.",
        false,
    ),
    (
        "422",
        codes::VALIDATION,
        "The body or a header breaks the spec; `data` lists every violation as {pointer, reason}.",
        false,
    ),
    (
        "500",
        codes::INTERNAL,
        "The handler failed unexpectedly.",
        false,
    ),
];

/// The `responses` of `op`: `success` and `error_envelope` are the
/// component names of its success envelope and of the error envelope,
/// `examples` its response examples.
pub fn responses(
    shapes: Shapes,
    statuses: Statuses,
    op: &Operation,
    success: &str,
    error_envelope: &str,
    examples: Ordered<Example>,
) -> BTreeMap<String, Response> {
    let either = SchemaObject {
        one_of: Some(vec![
            SchemaObject::component(success),
            SchemaObject::component(error_envelope),
        ]),
        ..SchemaObject::default()
    };
    let ok_text = match statuses {
        Statuses::Platform => {
            "HTTP 200 with the envelope, success or error (bizgen servers answer every call so): \
             the success envelope when `ok` is true, else an error envelope."
        }
        Statuses::Semantic => {
            "The success envelope, or the error envelope of an error the handler answered \
             (HTTP 200 unless the handler set another status)."
        }
    };
    let mut out = BTreeMap::from([("200".to_owned(), json(ok_text.into(), either, examples))]);
    if statuses == Statuses::Semantic {
        for (status, code, when, needs_token) in SEMANTIC {
            if needs_token && op.access == Access::Guest {
                continue;
            }
            let schema = SchemaObject {
                all_of: Some(vec![
                    SchemaObject::component(error_envelope),
                    SchemaObject {
                        properties: Some(Ordered(vec![(
                            "code".into(),
                            shapes.constant(Value::String(code.into())),
                        )])),
                        ..SchemaObject::of_type("object")
                    },
                ]),
                ..SchemaObject::default()
            };
            out.insert(
                status.to_owned(),
                json(format!("`{code}`: {when}"), schema, Ordered(Vec::new())),
            );
        }
    }
    out
}

fn json(description: String, schema: SchemaObject, examples: Ordered<Example>) -> Response {
    Response {
        description,
        content: BTreeMap::from([(super::JSON.to_owned(), MediaType { schema, examples })]),
    }
}
