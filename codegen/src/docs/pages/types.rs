//! The shared types page: each object type with its fields, the
//! operations that use it and its source notes.

use askama::Template;

use super::notes_of;
use crate::docs::fields::{field_rows, FieldRow};
use crate::docs::filters;
use crate::docs::frame::{Ctx, Frame};
use crate::docs::text::{used_by, with_zh};

#[derive(Template)]
#[template(path = "docs/types.md")]
pub(in crate::docs) struct TypesPage {
    f: Frame,
    types: Vec<TypeView>,
}

struct TypeView {
    name: String,
    description: String,
    fields: Vec<FieldRow>,
    /// Inline Markdown links.
    used_by: String,
    notes: Vec<String>,
}

pub(in crate::docs) fn page(cx: &Ctx) -> TypesPage {
    TypesPage {
        types: cx
            .api
            .types
            .iter()
            .map(|t| TypeView {
                name: t.name.clone(),
                description: with_zh(cx.lang, &t.description, t.description_zh.as_deref()),
                fields: field_rows(cx, &t.fields, ""),
                used_by: used_by(cx, &t.name),
                notes: notes_of(&t.notes, &t.fields),
            })
            .collect(),
        f: Frame::new(cx.lang, "types.md"),
    }
}
