//! The error codes page: the platform's codes and bizgen's, with the
//! operations that list each, and a real `BIZGEN_VALIDATION` answer.

use std::collections::BTreeMap;

use askama::Template;

use crate::docs::contract;
use crate::docs::filters;
use crate::docs::frame::{Ctx, Frame};
use crate::docs::text::{op_link, pretty};
use crate::facts::errors::codes;
use crate::ir::{ErrorCode, Origin};
use crate::markdown::code;

#[derive(Template)]
#[template(path = "docs/errors.md")]
pub(in crate::docs) struct ErrorsPage {
    f: Frame,
    platform: Vec<ErrorView>,
    bizgen: Vec<ErrorView>,
    /// The sentence introducing the example, and the example.
    validation_example: Option<(String, String)>,
}

struct ErrorView {
    code: String,
    message: String,
    origin: &'static str,
    description: String,
    used_by: String,
}

pub(in crate::docs) fn page(cx: &Ctx) -> ErrorsPage {
    let by_code = listed_by(cx);
    let view = |e: &ErrorCode| ErrorView {
        code: e.code.clone(),
        message: e.message.clone(),
        origin: match e.origin {
            Origin::Platform => cx.l.origin_platform,
            Origin::Bizgen => cx.l.origin_bizgen,
        },
        description: e.description.trim().to_owned(),
        used_by: match e.code.as_str() {
            codes::VALIDATION => cx.l.every_operation.into(),
            codes::UNAUTHENTICATED => cx.l.token_operations.into(),
            c => by_code
                .get(c)
                .map(|v| v.values().cloned().collect::<Vec<_>>().join(", "))
                .unwrap_or_default(),
        },
    };
    let of = |origin: Origin| -> Vec<ErrorView> {
        cx.api
            .errors
            .iter()
            .filter(|e| e.origin == origin)
            .map(view)
            .collect()
    };
    ErrorsPage {
        platform: of(Origin::Platform),
        bizgen: of(Origin::Bizgen),
        validation_example: validation_example(cx),
        f: Frame::new(cx.lang, "errors.md"),
    }
}

/// Code → links to the operations whose spec lists it, by service and name.
fn listed_by<'a>(cx: &Ctx<'_, 'a>) -> BTreeMap<&'a str, BTreeMap<(&'a str, &'a str), String>> {
    let mut by_code: BTreeMap<&str, BTreeMap<(&str, &str), String>> = BTreeMap::new();
    for (s, o) in cx.api.operations() {
        for c in &o.errors {
            by_code
                .entry(c.as_str())
                .or_default()
                .insert((s.name.as_str(), o.name.as_str()), op_link(cx, s, o, ""));
        }
    }
    by_code
}

fn validation_example(cx: &Ctx) -> Option<(String, String)> {
    let (o, _, field) = contract::validation_request(cx.api)?;
    let (s, _) = cx.api.operations().find(|(_, x)| std::ptr::eq(*x, o))?;
    let text =
        cx.l.validation_example
            .replace("{op}", &op_link(cx, s, o, ""))
            .replace("{field}", &code(field));
    Some((text, pretty(&contract::validation_example(cx.api)?)))
}
