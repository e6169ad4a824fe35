//! Field tables: each field's description fact ([`FieldDoc`]) laid out as
//! table cells in the page's language, named types linked to their pages.

use super::frame::Ctx;
use super::lang::Labels;
use super::text::cell_text;
use crate::facts::field::Required;
use crate::facts::FieldDoc;
use crate::ir::{Code, Constraint, Deprecation, Field, Ty};
use crate::markdown::{code, slug};

/// One field; `ty`, `default`, `constraints`, `values` and `details` are inline Markdown.
pub(super) struct FieldRow {
    pub(super) name: String,
    pub(super) ty: String,
    pub(super) required: String,
    pub(super) default: String,
    pub(super) constraints: String,
    pub(super) values: String,
    pub(super) sensitive: &'static str,
    /// Default, constraints, values and sensitivity in one cell.
    pub(super) details: String,
    pub(super) description: String,
}

/// The rows of `fields`; `root` leads from the page to the language's root.
pub(super) fn field_rows(cx: &Ctx, fields: &[Field], root: &str) -> Vec<FieldRow> {
    fields
        .iter()
        .map(|f| field_row(cx, fields, cx.facts.field(f), root))
        .collect()
}

fn field_row(cx: &Ctx, siblings: &[Field], doc: FieldDoc, root: &str) -> FieldRow {
    let l = cx.l;
    let f = doc.field;
    let mut ty = ty_md(l, &f.ty, root);
    if doc.nullable {
        ty.push(' ');
        ty.push_str(l.or_null);
    }
    let default = doc
        .default
        .map(|d| code(&serde_json::to_string(d).unwrap_or_default()));
    let mut constraints = constraints_md(doc.constraints(), root);
    let assumed = constraints_md(doc.assumed(), root);
    if !assumed.is_empty() {
        constraints.push(format!("{} {}", l.assumed, assumed.join(", ")));
    }
    let values = enum_values_md(cx, &f.ty, doc.allowed());
    let mut details = Vec::new();
    if let Some(d) = &default {
        details.push(format!("{} {d}", l.default));
    }
    details.extend(constraints.iter().cloned());
    if let Some(v) = &values {
        details.push(format!("{} {v}", l.one_of));
    }
    if doc.sensitive {
        details.push(l.sensitive.into());
    }
    if f.deprecated && f.deprecation != Deprecation::default() {
        details.push(format!("{}: {}", l.deprecated, f.deprecation.details()));
    }
    let mut name = code(doc.name);
    if f.deprecated {
        name.push_str(&format!(" ({})", l.deprecated));
    }
    let none_or = |parts: &[String], sep: &str| {
        if parts.is_empty() {
            l.none.to_owned()
        } else {
            parts.join(sep)
        }
    };
    FieldRow {
        name,
        ty,
        required: match doc.required {
            Required::When(c) => super::condition::required_cell(cx.api, siblings, c, cx.lang),
            Required::Always => l.yes.to_owned(),
            Required::Optional => l.no.to_owned(),
        },
        default: default.unwrap_or_else(|| l.none.into()),
        constraints: none_or(&constraints, ", "),
        values: values.unwrap_or_else(|| l.none.into()),
        sensitive: if doc.sensitive { l.yes } else { l.no },
        details: none_or(&details, "; "),
        description: cell_text(cx.lang, doc.text, doc.text_zh),
    }
}

/// The constraints in the one wording of [`Constraint`], a format linked
/// to its rule. The codes of `allowed` are left to the field's values.
fn constraints_md(list: Vec<Constraint>, root: &str) -> Vec<String> {
    list.into_iter()
        .filter(|c| !matches!(c, Constraint::Allowed(_)))
        .map(|c| match c {
            Constraint::Format(v) => format!(
                "format [{}]({root}how-to-read.md#{})",
                code(v.name()),
                slug(v.name())
            ),
            other => other.to_string(),
        })
        .collect()
}

/// The codes of an enum-typed field: "`1` Email, `2` Phone" (only the
/// `allowed` ones where the field has them).
fn enum_values_md(cx: &Ctx, ty: &Ty, allowed: Option<&[Code]>) -> Option<String> {
    let Ty::Enum(name) = ty else { return None };
    let e = cx.api.find_enum(name)?;
    Some(
        e.values
            .iter()
            .filter(|v| allowed.is_none_or(|a| a.contains(&v.code)))
            .map(|v| format!("{} {}", code(&code_json(&v.code)), v.name))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// An enum code as JSON: `1`, `"CN"`.
pub(super) fn code_json(c: &Code) -> String {
    match c {
        Code::Int(i) => i.to_string(),
        Code::Str(s) => serde_json::to_string(s).unwrap_or_default(),
    }
}

/// A type as inline Markdown, named types linked to their docs.
pub(super) fn ty_md(l: &Labels, ty: &Ty, root: &str) -> String {
    match ty {
        Ty::Struct(n) => format!("[{}]({root}types.md#{})", code(n), slug(n)),
        Ty::Enum(n) => format!("[{}]({root}enums.md#{})", code(n), slug(n)),
        Ty::List(t) => format!("{} {}", l.list_of, ty_md(l, t, root)),
        Ty::Map(t) => format!("{} {}", l.map_of, ty_md(l, t, root)),
        other => code(&other.to_string()),
    }
}
