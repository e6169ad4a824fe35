//! Doc comments for generated items, from the spec's text.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::Scope;
use crate::ir::{Access, Api, Deprecation, Field, Operation, Presence, Ty};

/// `#[doc = "..."]` attributes, one per line of `text`.
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines: Vec<String> = text
        .trim()
        .lines()
        .map(|l| format!(" {}", l.trim_end()))
        .collect();
    quote! { #(#[doc = #lines])* }
}

/// Joins non-empty paragraphs with a blank line.
pub fn paragraphs<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The doc text of a field: description, Chinese text, constraints,
/// default. `scope` is where the field's struct is, for links to shared types.
pub fn field_doc(api: &Api, f: &Field, scope: Scope) -> String {
    let mut notes = Vec::new();
    notes.push(format!(
        "Wire name `{}`, {}.",
        f.name,
        wire_type(api, &f.ty, scope)
    ));
    if let Some(when) = &f.required_when {
        notes.push(format!("Required when {when}."));
    }
    let c: Vec<String> = f
        .constraints
        .list()
        .iter()
        .map(ToString::to_string)
        .collect();
    if !c.is_empty() {
        notes.push(format!("Constraints: {}.", c.join("; ")));
    }
    notes.extend(f.assumed.assumed_text());
    if let Some(d) = &f.default {
        notes.push(format!("Default: `{d}`."));
    }
    if f.sensitive {
        notes.push("Sensitive: redacted in `Debug` output.".into());
    }
    if f.nullable {
        notes.push("May be `null`.".into());
    }
    paragraphs([
        f.description.as_str(),
        f.description_zh.as_deref().unwrap_or(""),
        &notes.join(" "),
    ])
}

fn wire_type(api: &Api, ty: &Ty, scope: Scope) -> String {
    match ty {
        Ty::Enum(name) => match api.find_enum(name) {
            Some(e) => {
                let values: Vec<String> = e
                    .values
                    .iter()
                    .map(|v| format!("{} = {}", v.code, v.description))
                    .collect();
                format!(
                    "enum {} ({})",
                    type_link(&e.rust_name, scope),
                    values.join(", ")
                )
            }
            None => name.clone(),
        },
        Ty::Struct(name) => format!(
            "object {}",
            type_link(&crate::names::type_name(name), scope)
        ),
        Ty::Decimal => "decimal number in a string".into(),
        Ty::Timestamp => "epoch milliseconds".into(),
        other => format!("`{other}`"),
    }
}

/// A link to a type of the shared `types` module: through `super` from a
/// module of `types`, through `super::types` from a sibling module (rustdoc
/// resolves links in the scope of the item they document).
fn type_link(name: &str, scope: Scope) -> String {
    match scope {
        Scope::Types => format!("[`{name}`](super::{name})"),
        Scope::Sibling => format!("[`{name}`](super::types::{name})"),
    }
}

pub fn access_text(a: Access) -> &'static str {
    match a {
        Access::Guest => "guest (no token)",
        Access::Login => "login (C-side customer `token`)",
        Access::Admin => "admin (B-side `token`)",
        Access::Optional => "optional C-side `token`",
    }
}

/// The doc text of an operation (trait method, client method).
pub fn operation_doc(api: &Api, op: &Operation) -> String {
    let headers: Vec<String> = op
        .headers
        .iter()
        .map(|h| {
            let p = match h.presence {
                Presence::Required => "required",
                Presence::Optional => "optional",
                Presence::Absent => "absent",
            };
            format!("`{}` ({p})", h.name)
        })
        .collect();
    let mut facts = vec![
        format!("`POST {}`, bizType `{}`.", op.path, op.biz_type),
        format!(
            "Access: {}. Headers: {}.",
            access_text(op.access),
            headers.join(", ")
        ),
    ];
    if !op.errors.is_empty() {
        let errors: Vec<String> = op
            .errors
            .iter()
            .map(|code| match api.find_error(code) {
                Some(e) => format!("`{code}` ({})", e.message),
                None => format!("`{code}`"),
            })
            .collect();
        facts.push(format!("Known errors: {}.", errors.join(", ")));
    }
    paragraphs([
        op.summary.as_str(),
        op.description.as_str(),
        op.description_zh.as_deref().unwrap_or(""),
        &facts.join("\n"),
    ])
}

/// `#[deprecated(note = "...")]` for something deprecated in the spec.
/// Generated modules allow `deprecated` inside, so only users' code warns.
pub fn deprecated_attr(deprecated: bool, d: &Deprecation) -> Option<TokenStream> {
    deprecated.then(|| {
        let note = d.note();
        quote!(#[deprecated(note = #note)])
    })
}
