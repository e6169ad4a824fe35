//! The enums page: each enum's wire form, codes and the operations that
//! use it.

use askama::Template;

use crate::docs::fields::code_json;
use crate::docs::filters;
use crate::docs::frame::{Ctx, Frame};
use crate::docs::text::{cell_text, used_by, with_zh};
use crate::ir::{EnumRepr, EnumValue};
use crate::markdown::code;

#[derive(Template)]
#[template(path = "docs/enums.md")]
pub(in crate::docs) struct EnumsPage {
    f: Frame,
    enums: Vec<EnumView>,
}

struct EnumView {
    name: String,
    wire: &'static str,
    description: String,
    values: Vec<EnumValueRow>,
    used_by: String,
}

struct EnumValueRow {
    code: String,
    name: String,
    description: String,
}

pub(in crate::docs) fn page(cx: &Ctx) -> EnumsPage {
    let l = cx.l;
    EnumsPage {
        enums: cx
            .api
            .enums
            .iter()
            .map(|e| EnumView {
                name: e.name.clone(),
                wire: match e.repr {
                    EnumRepr::Int32 => l.wire_int,
                    EnumRepr::String => l.wire_string,
                },
                description: with_zh(cx.lang, &e.description, e.description_zh.as_deref()),
                values: e.values.iter().map(|v| value_row(cx, v)).collect(),
                used_by: used_by(cx, &e.name),
            })
            .collect(),
        f: Frame::new(cx.lang, "enums.md"),
    }
}

fn value_row(cx: &Ctx, v: &EnumValue) -> EnumValueRow {
    let text = cell_text(cx.lang, &v.description, v.description_zh.as_deref());
    EnumValueRow {
        code: code(&code_json(&v.code)),
        name: code(&v.name),
        description: if v.deprecated {
            format!(
                "**{}** ({}). {text}",
                cx.l.deprecated,
                v.deprecation.details()
            )
        } else {
            text
        },
    }
}
