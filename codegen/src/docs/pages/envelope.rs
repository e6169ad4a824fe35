//! The envelope page: its fields, and a success and an error envelope
//! (real ones from the spec's examples where there are some).

use askama::Template;
use serde_json::Value;

use crate::docs::fields::{field_rows, FieldRow};
use crate::docs::filters;
use crate::docs::frame::{Ctx, Frame};
use crate::docs::text::{kind_name, op_link, pretty};
use crate::facts::errors::codes;
use crate::facts::sample;
use crate::ir::{Example, ExampleKind, Operation, Origin, Service};
use crate::markdown::code;

#[derive(Template)]
#[template(path = "docs/envelope.md")]
pub(in crate::docs) struct EnvelopePage {
    f: Frame,
    description: String,
    success_code_text: String,
    fields: Vec<FieldRow>,
    success_text: String,
    success_example: String,
    error_text: String,
    error_example: String,
}

pub(in crate::docs) fn page(cx: &Ctx) -> EnvelopePage {
    let (api, l) = (cx.api, cx.l);
    let built = |code: &str, data: Value| {
        (
            l.envelope_generated.to_owned(),
            sample::envelope(api, code, data),
        )
    };
    let error_code = api
        .errors
        .iter()
        .find(|e| e.origin == Origin::Platform)
        .map_or(codes::VALIDATION, |e| e.code.as_str());
    let (success_source, success) = real_example(cx, true)
        .unwrap_or_else(|| built(&api.envelope.success_code, serde_json::json!({})));
    let (error_source, error) =
        real_example(cx, false).unwrap_or_else(|| built(error_code, Value::Null));
    EnvelopePage {
        description: api.envelope.description.trim().to_owned(),
        success_code_text: l
            .envelope_success_code
            .replace("{code}", &code(&api.envelope.success_code)),
        fields: field_rows(cx, &api.envelope.fields, ""),
        success_text: l.envelope_success.replace("{source}", &success_source),
        success_example: pretty(&success),
        error_text: l.envelope_error.replace("{source}", &error_source),
        error_example: pretty(&error),
        f: Frame::new(cx.lang, "envelope.md"),
    }
}

/// The first success (or error) envelope among every operation's
/// examples, captured ones first, then the shortest; with the sentence
/// that says where it is from.
fn real_example(cx: &Ctx, want_success: bool) -> Option<(String, Value)> {
    let api = cx.api;
    let mut all: Vec<(&Service, &Operation, &Example)> = api
        .operations()
        .flat_map(|(s, o)| o.examples.iter().map(move |e| (s, o, e)))
        .filter(|(_, _, e)| {
            e.response
                .as_ref()
                .and_then(|r| r.get("code"))
                .and_then(Value::as_str)
                .map(|c| c == api.envelope.success_code)
                == Some(want_success)
        })
        .collect();
    // Stable for ties.
    all.sort_by_key(|(_, _, e)| {
        let len = e.response.as_ref().map_or(0, |r| r.to_string().len());
        (e.kind != ExampleKind::Captured, len)
    });
    all.first().map(|(s, o, e)| {
        (
            cx.l.the_example
                .replace("{kind}", kind_name(cx.l, e.kind))
                .replace("{name}", &code(&e.name))
                .replace("{op}", &op_link(cx, s, o, "")),
            e.response.clone().unwrap_or(Value::Null),
        )
    })
}
