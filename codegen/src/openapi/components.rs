//! The envelope components of the document: the shared envelope, each
//! operation's success envelope, the error envelope and the error codes
//! (the spec's and bizgen's own).

use std::borrow::Cow;

use bizgen_runtime::schema::{EnumCodes, Schema};
use serde_json::Value;

use super::document::{Ordered, SchemaObject};
use super::schema::{EnumText, Meta, Shapes};
use super::{non_empty, OwnNames};
use crate::ir::Operation;
use crate::wire;

/// The fields every envelope has; `data` is any value here.
pub(super) fn envelope(shapes: Shapes) -> SchemaObject {
    let api = shapes.api;
    let Schema::Object(o) = wire::envelope_schema(api, Schema::Json) else {
        return SchemaObject::default();
    };
    let mut s = shapes.object(&o, &api.envelope.fields, |_| false);
    if let Some(props) = &mut s.properties {
        for (name, p) in &mut props.0 {
            if name == "data" {
                p.description = Some(
                    "The operation's result on success (see its response schema); \
                     on error often the bizType as a string, or the violations."
                        .into(),
                );
            }
        }
    }
    s.description = non_empty(&api.envelope.description);
    s
}

/// `allOf` the envelope and what a specific envelope fixes.
fn refine(
    envelope: &str,
    description: String,
    properties: Vec<(String, SchemaObject)>,
) -> SchemaObject {
    SchemaObject {
        description: Some(description),
        all_of: Some(vec![
            SchemaObject::component(envelope),
            SchemaObject {
                properties: Some(Ordered(properties)),
                ..SchemaObject::of_type("object")
            },
        ]),
        ..SchemaObject::default()
    }
}

pub(super) fn success_envelope(shapes: Shapes, names: &OwnNames, op: &Operation) -> SchemaObject {
    let api = shapes.api;
    let data = shapes.with_meta(
        shapes.schema(&wire::data_schema(api, op)),
        &Meta {
            description: match (&op.response.ty, op.response.description.trim()) {
                (None, "") => "Null (or an empty object): the operation returns nothing.",
                (Some(_), "") => "The result.",
                (_, text) => text,
            }
            .into(),
            ..Meta::default()
        },
    );
    refine(
        &names.envelope,
        format!("The success envelope of `{}`.", op.biz_type),
        vec![
            (
                "code".into(),
                shapes.constant(Value::String(api.envelope.success_code.clone())),
            ),
            ("ok".into(), shapes.constant(Value::Bool(true))),
            ("fail".into(), shapes.constant(Value::Bool(false))),
            ("data".into(), data),
        ],
    )
}

pub(super) fn error_envelope(shapes: Shapes, names: &OwnNames) -> SchemaObject {
    refine(
        &names.envelope,
        "An error envelope: `code` says what went wrong.".into(),
        vec![
            ("code".into(), SchemaObject::component(&names.error_code)),
            ("ok".into(), shapes.constant(Value::Bool(false))),
            ("fail".into(), shapes.constant(Value::Bool(true))),
        ],
    )
}

/// The spec's error codes plus those a bizgen server itself answers.
pub(super) fn error_codes(shapes: Shapes) -> SchemaObject {
    let mut listed: Vec<(String, String)> = shapes
        .api
        .errors
        .iter()
        .map(|e| {
            let text = match non_empty(&e.description) {
                Some(d) => format!("{} {d}", e.message.trim_end_matches('.').to_owned() + "."),
                None => e.message.clone(),
            };
            (e.code.clone(), text)
        })
        .collect();
    for code in crate::facts::errors::undeclared_bizgen_codes(shapes.api) {
        listed.push((code.into(), "Answered by bizgen servers.".into()));
    }
    let codes = EnumCodes::Str(Cow::Owned(
        listed.iter().map(|(c, _)| Cow::Owned(c.clone())).collect(),
    ));
    let text = EnumText {
        description: "Error codes of the envelope's `code` (the success code is not one of them)."
            .into(),
        description_zh: None,
        values: listed,
    };
    shapes.enumeration(text, &codes)
}
