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
    let mut constraints = constraints_md(l, doc.constraints(), root);
    let assumed = constraints_md(l, doc.assumed(), root);
    if !assumed.is_empty() {
        constraints.push(format!("{} {}", l.assumed, assumed.join(l.comma)));
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
        details.push(format!(
            "{}{}{}",
            l.deprecated,
            l.colon,
            deprecation_md(l, &f.deprecation)
        ));
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
        constraints: none_or(&constraints, l.comma),
        values: values.unwrap_or_else(|| l.none.into()),
        sensitive: if doc.sensitive { l.yes } else { l.no },
        details: none_or(&details, l.semicolon),
        description: cell_text(cx.lang, doc.text, doc.text_zh),
    }
}

/// The constraints in the page's words (in English the spec's keywords,
/// as [`Constraint`]'s `Display` writes them), a format linked to its
/// rule. The codes of `allowed` are left to the field's values.
fn constraints_md(l: &Labels, list: Vec<Constraint>, root: &str) -> Vec<String> {
    let [min_len, max_len, min, max, pattern, format] = l.constraint_words;
    list.into_iter()
        .filter_map(|c| {
            Some(match c {
                Constraint::MinLength(v) => format!("{min_len} {v}"),
                Constraint::MaxLength(v) => format!("{max_len} {v}"),
                Constraint::Minimum(v) => format!("{min} {v}"),
                Constraint::Maximum(v) => format!("{max} {v}"),
                Constraint::Pattern(p) => format!("{pattern} {}", code(p)),
                Constraint::Format(v) => format!(
                    "{format} [{}]({root}how-to-read.md#{})",
                    code(v.name()),
                    slug(v.name())
                ),
                Constraint::Allowed(_) => return None,
            })
        })
        .collect()
}

/// How something deprecated goes away, in the page's language.
pub(super) fn deprecation_md(l: &Labels, d: &Deprecation) -> String {
    let mut parts = Vec::new();
    if let Some(sunset) = d.sunset {
        parts.push(l.served_until.replace("{date}", &sunset.to_string()));
    }
    if let Some(r) = &d.replacement {
        parts.push(l.use_instead.replace("{name}", &code(r)));
    }
    if parts.is_empty() {
        l.may_be_removed.to_owned()
    } else {
        parts.join(l.semicolon)
    }
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
            .map(|v| format!("{} {}", code(&code_json(&v.code)), code(&v.name)))
            .collect::<Vec<_>>()
            .join(cx.l.comma),
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
