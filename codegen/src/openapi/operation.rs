//! The Operation Object of each operation: tags, texts, header
//! parameters (with what servers accept in a header), security, the
//! request body with its examples (the operation's request example first)
//! and the responses of the document's status policy.

use std::collections::BTreeMap;

use serde_json::Value;

use super::document::{self, Example, MediaType, Ordered, Parameter, RequestBody, SchemaObject};
use super::responses::{self, Statuses};
use super::schema::Shapes;
use super::{non_empty, OwnNames, ADMIN_TOKEN, CUSTOMER_TOKEN, JSON};
use crate::facts::Facts;
use crate::ir::{Access, ExampleKind, Operation, Presence, Service};
use crate::wire;

pub(super) fn operation<'a>(
    facts: &Facts<'a>,
    shapes: Shapes,
    statuses: Statuses,
    names: &OwnNames,
    service: &Service,
    op: &'a Operation,
    success: &str,
) -> document::Operation {
    let api = shapes.api;
    let request_schema = wire::struct_schema(api, &op.request);
    let request = shapes.object(&request_schema, &op.request.fields, |_| true);
    let responses_examples = Ordered(
        op.examples
            .iter()
            .filter_map(|ex| Some((ex.name.clone(), spec_example(ex, ex.response.clone()?))))
            .collect(),
    );
    let responses = responses::responses(
        shapes,
        statuses,
        op,
        success,
        &names.error_envelope,
        responses_examples,
    );
    document::Operation {
        tags: vec![service.name.clone()],
        summary: non_empty(&op.summary).unwrap_or_else(|| op.name.clone()),
        description: operation_description(op),
        operation_id: super::operation_id(service, op),
        parameters: parameters(shapes, op),
        request_body: RequestBody {
            description: format!("The request of `{}`.", op.biz_type),
            required: true,
            content: BTreeMap::from([(
                JSON.to_owned(),
                MediaType {
                    schema: request,
                    examples: request_examples(facts, op),
                },
            )]),
        },
        responses,
        security: security(op.access),
        deprecated: op.deprecated,
        description_zh: op.description_zh.clone(),
        biz_type: op.biz_type.clone(),
        access: op.access.as_str(),
        read_only: op.read_only,
        errors: op.errors.clone(),
        // Set by the document, which has them for every operation.
        code_samples: Vec::new(),
    }
}

/// The request examples: first the operation's request example (a spec
/// example, or one built from the schema when no example has a request),
/// then the spec's other examples with a request, in spec order.
fn request_examples<'a>(facts: &Facts<'a>, op: &'a Operation) -> Ordered<Example> {
    let chosen = facts.request_example(op);
    let first = match chosen.example {
        Some(ex) => (
            ex.name.clone(),
            spec_example(ex, chosen.body.clone().into_owned()),
        ),
        None => (
            BUILT_EXAMPLE.to_owned(),
            Example {
                summary: "A request built from the schema".into(),
                description:
                    "Built by bizgen from the request's schema: the spec has no request example."
                        .into(),
                value: chosen.body.clone().into_owned(),
            },
        ),
    };
    let chosen_name = chosen.name();
    let others = op.examples.iter().filter_map(|ex| {
        let value = ex.request.clone()?;
        (Some(ex.name.as_str()) != chosen_name).then(|| (ex.name.clone(), spec_example(ex, value)))
    });
    Ordered(std::iter::once(first).chain(others).collect())
}

/// The name of the request example built from the schema.
pub const BUILT_EXAMPLE: &str = "fromSchema";

/// A spec example as an OpenAPI example, its origin in the description.
fn spec_example(ex: &crate::ir::Example, value: Value) -> Example {
    let origin = match (ex.kind, &ex.source) {
        (ExampleKind::Captured, Some(src)) => format!("Captured from the platform's docs ({src})."),
        (ExampleKind::Captured, None) => "Captured from the platform's docs.".into(),
        (ExampleKind::Illustrative, _) => "Illustrative.".into(),
    };
    Example {
        summary: non_empty(&ex.description).unwrap_or_else(|| ex.name.clone()),
        description: origin,
        value,
    }
}

fn operation_description(op: &Operation) -> String {
    let access = match op.access {
        Access::Guest => "Guest access: no token.",
        Access::Login => "Needs the C-side customer token from `login` in the `token` header.",
        Access::Admin => "Needs the B-side admin token in the `token` header.",
        Access::Optional => "Takes the C-side customer token if there is one; works without.",
    };
    let text = non_empty(&op.description).unwrap_or_else(|| op.summary.trim().to_owned());
    format!("{text}\n\nbizType `{}`. {access}", op.biz_type)
}

fn security(access: Access) -> Vec<BTreeMap<String, Vec<String>>> {
    let scheme = |name: &str| BTreeMap::from([(name.to_owned(), Vec::new())]);
    match access {
        Access::Guest => Vec::new(),
        Access::Login => vec![scheme(CUSTOMER_TOKEN)],
        Access::Admin => vec![scheme(ADMIN_TOKEN)],
        Access::Optional => vec![BTreeMap::new(), scheme(CUSTOMER_TOKEN)],
    }
}

/// The operation's headers except `token` (a security scheme).
fn parameters(shapes: Shapes, op: &Operation) -> Vec<Parameter> {
    op.headers
        .iter()
        .filter(|h| h.name != "token" && h.presence != Presence::Absent)
        .map(|h| {
            let def = shapes.api.headers.iter().find(|d| d.name == h.name);
            let example = if h.name == "version" {
                Some(op.version.clone())
            } else {
                def.and_then(|d| d.example.clone())
            };
            Parameter {
                name: h.name.clone(),
                location: "header",
                description: def
                    .and_then(|d| non_empty(&d.description))
                    .unwrap_or_else(|| format!("The `{}` header.", h.name)),
                required: h.presence == Presence::Required,
                schema: header_schema(h.presence),
                example: example.map(Value::String),
                description_zh: def.and_then(|d| d.description_zh.clone()),
            }
        })
        .collect()
}

/// What bizgen servers accept in a header: visible ASCII (spaces inside),
/// at most [`DEFAULT_HEADER_LIMIT`] characters; a required header that is
/// empty or blank counts as missing, an optional one as not sent.
///
/// [`DEFAULT_HEADER_LIMIT`]: bizgen_runtime::operation::DEFAULT_HEADER_LIMIT
fn header_schema(presence: Presence) -> SchemaObject {
    const VISIBLE: &str = r"[\x21-\x7E]([\x20-\x7E]*[\x21-\x7E])?";
    let required = presence == Presence::Required;
    SchemaObject {
        min_length: required.then_some(1),
        max_length: Some(bizgen_runtime::operation::DEFAULT_HEADER_LIMIT as u64),
        pattern: Some(if required {
            format!("^{VISIBLE}$")
        } else {
            format!("^({VISIBLE})?$")
        }),
        ..SchemaObject::of_type("string")
    }
}
