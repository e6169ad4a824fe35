//! Doc comments for generated items, from the spec's text.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::RustNames;
use super::typeref::{type_path, Scope};
use crate::facts::FieldDoc;
use crate::ir::{Access, Api, Deprecation, Field, Operation, Presence, Service};

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

/// The doc text of a field: its description fact ([`FieldDoc`]), word
/// for word as TSDoc and OpenAPI say it, named types linked. `scope` is
/// where the field's struct is, for links to shared types.
pub fn field_doc(api: &Api, names: &RustNames, f: &Field, scope: Scope) -> String {
    let link = |spec_name: &str| type_link(names, spec_name, scope);
    FieldDoc::new(api, f).describe_with_zh(&link)
}

/// A link to a shared type, shown by its spec name, to the path the
/// documented item's module names it with (rustdoc resolves links in the
/// scope of the item they document).
fn type_link(names: &RustNames, spec_name: &str, scope: Scope) -> String {
    let text = crate::markdown::code(spec_name);
    format!("[{text}]({})", type_path(names, spec_name, scope))
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

/// How docs name a service: its qualified name and its gateways, as two
/// services may share a qualified name on different gateways
/// (`customer.app.CustomerWebApiService` on `/api/global/` and `/openapi-b/`).
pub fn service_label(api: &Api, service: &Service) -> String {
    let gateways: std::collections::BTreeSet<&str> = service
        .operations
        .iter()
        .map(|op| op.gateway.as_str())
        .collect();
    let gateways: Vec<String> = gateways
        .into_iter()
        .map(|name| match api.gateways.iter().find(|g| g.name == name) {
            Some(g) => format!("`{name}` (`{}`)", g.prefix),
            None => format!("`{name}`"),
        })
        .collect();
    let noun = if gateways.len() == 1 {
        "gateway"
    } else {
        "gateways"
    };
    format!(
        "`{}` on {noun} {}",
        service.qualified_name,
        gateways.join(", ")
    )
}
