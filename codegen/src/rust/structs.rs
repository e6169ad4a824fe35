//! Structs: the data types of requests and responses, with serde renames,
//! a redacting `Debug` where a field is sensitive, and one `impl` with the
//! wire schema (and, for requests, a constructor and setters). In the
//! generated crate a type implements `Deserialize` only on the side that
//! reads it (see `Gates::derive_deserialize`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::context::Cx;
use super::docs::{deprecated_attr, doc_attrs, field_doc};
use super::names;
use super::schema;
use super::tokens::ident;
use super::typeref::{field_type, rust_type, Scope};
use crate::ir::{Api, Field, Struct, Ty};

/// A struct named `rust_name` and its `impl`. `doc` is the struct's doc
/// attributes; `constructor` adds `new` and a setter per optional field
/// (requests).
pub fn emit_struct(
    cx: &Cx,
    s: &Struct,
    rust_name: &str,
    doc: TokenStream,
    scope: Scope,
    constructor: bool,
) -> TokenStream {
    let gate = cx.gates.services(cx.names, &s.services);
    let field_names = names::fields(s);
    let name = ident(rust_name);
    let label = rust_name.trim_start_matches("r#");
    let fields = s
        .fields
        .iter()
        .zip(&field_names)
        .map(|(f, rust)| emit_field(cx, f, rust, scope));
    // A hand-written `Debug` only where something must be redacted.
    let redacts = s.fields.iter().any(|f| f.sensitive);
    let derive_debug = (!redacts).then(|| quote!(Debug,));
    let debug_impl = redacts.then(|| debug_impl(s, &field_names, &name, label, &gate));
    let default = struct_has_default(cx.api, s).then(|| quote!(Default,));
    let derive_deserialize = cx.gates.derive_deserialize(s.sides);
    let constructor = constructor.then(|| constructor_fns(cx, s, &field_names, label, scope));
    let object_schema = schema::object(
        cx.names,
        &crate::wire::struct_schema(cx.api, s),
        &s.fields,
        scope,
    );
    quote! {
        #doc
        #gate
        #[derive(#derive_debug Clone, PartialEq, #default rt::serde::Serialize)]
        #derive_deserialize
        #[serde(crate = "::bizgen_runtime::codegen::serde", rename_all = "camelCase")]
        pub struct #name {
            #(#fields,)*
        }

        #debug_impl

        #gate
        impl #name {
            #constructor

            /// The wire shape of this type, for validation.
            pub fn object_schema() -> &'static rt::ObjectSchema {
                static SCHEMA: rt::OnceLock<rt::ObjectSchema> = rt::OnceLock::new();
                SCHEMA.get_or_init(|| #object_schema)
            }
        }
    }
}

/// One field: its docs, serde attributes and type.
fn emit_field(cx: &Cx, f: &Field, rust: &str, scope: Scope) -> TokenStream {
    let fname = ident(rust);
    let ty = field_type(cx.names, f, scope);
    let wire = &f.name;
    let doc = doc_attrs(&field_doc(cx.api, cx.names, f, scope));
    // `rename_all = "camelCase"` covers most wire names; the rest are spelled out.
    let mut serde_args = Vec::new();
    if serde_camel_case(rust) != *wire {
        serde_args.push(quote!(rename = #wire));
    }
    if f.required && f.nullable {
        // Present but possibly null: always serialize the key.
        serde_args.push(quote!(default));
    } else if !f.required {
        serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
    }
    let serde_attr = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
    let deprecated = deprecated_attr(f.deprecated, &f.deprecation);
    quote! { #doc #serde_attr #deprecated pub #fname: #ty }
}

/// `Debug` that prints sensitive fields as `"***"`.
fn debug_impl(
    s: &Struct,
    field_names: &[String],
    name: &proc_macro2::Ident,
    label: &str,
    gate: &TokenStream,
) -> TokenStream {
    let fields = s.fields.iter().zip(field_names).map(|(f, rust)| {
        let fname = ident(rust);
        let label = rust.trim_start_matches("r#");
        if !f.sensitive {
            quote!(.field(#label, &self.#fname))
        } else if f.required && !f.nullable {
            quote!(.field(#label, &rt::Redacted(&self.#fname)))
        } else {
            quote!(.field(#label, &rt::RedactedOption(&self.#fname)))
        }
    });
    quote! {
        #gate
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label)
                    #(#fields)*
                    .finish()
            }
        }
    }
}

/// `new(required...)` and one chainable `with_*` setter per optional field:
/// the shortest call names only what the spec requires.
fn constructor_fns(
    cx: &Cx,
    s: &Struct,
    field_names: &[String],
    label: &str,
    scope: Scope,
) -> TokenStream {
    let fields: Vec<(&Field, &String)> = s.fields.iter().zip(field_names).collect();
    let (required, optional): (Vec<_>, Vec<_>) =
        fields.iter().partition(|(f, _)| f.required && !f.nullable);
    let params = required.iter().map(|(f, rust)| {
        let fname = ident(rust);
        let ty = rust_type(cx.names, &f.ty, scope);
        quote!(#fname: impl Into<#ty>)
    });
    let inits = fields.iter().map(|(f, rust)| {
        let fname = ident(rust);
        if f.required && !f.nullable {
            quote!(#fname: #fname.into())
        } else {
            quote!(#fname: None)
        }
    });
    let setters = optional.iter().map(|(f, rust)| {
        let fname = ident(rust);
        let setter = format_ident!("with_{}", rust.trim_start_matches("r#"));
        let ty = rust_type(cx.names, &f.ty, scope);
        let doc = format!(" Sets `{}`.", f.name);
        let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
        quote! {
            #[doc = #doc]
            #deprecated
            pub fn #setter(mut self, #fname: impl Into<#ty>) -> Self {
                self.#fname = Some(#fname.into());
                self
            }
        }
    });
    let args: Vec<&str> = required
        .iter()
        .map(|(_, rust)| rust.trim_start_matches("r#"))
        .collect();
    let mut doc = format!(
        " A request with the required fields; the shortest call is `{label}::new({})`.",
        args.join(", ")
    );
    if let Some((_, first)) = optional.first() {
        doc.push_str(&format!(
            " Optional fields have setters, e.g. `.with_{}(..)`.",
            first.trim_start_matches("r#")
        ));
    }
    quote! {
        #[doc = #doc]
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits),* }
        }

        #(#setters)*
    }
}

/// The name serde's `rename_all = "camelCase"` gives a Rust field
/// (`serde_derive`'s rule: capitalize after each `_`, lower the first letter).
fn serde_camel_case(rust_name: &str) -> String {
    let field = rust_name.trim_start_matches("r#");
    let mut pascal = String::new();
    let mut capitalize = true;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(ch);
        }
    }
    match pascal.char_indices().nth(1) {
        Some((i, _)) => pascal[..i].to_ascii_lowercase() + &pascal[i..],
        None => pascal.to_ascii_lowercase(),
    }
}

/// Whether every value of the type has a natural default.
fn has_default(api: &Api, ty: &Ty) -> bool {
    match ty {
        Ty::Enum(_) => false,
        Ty::Struct(n) => api
            .find_struct(n)
            .is_some_and(|s| struct_has_default(api, s)),
        _ => true,
    }
}

fn struct_has_default(api: &Api, s: &Struct) -> bool {
    s.fields
        .iter()
        .all(|f| !f.required || f.nullable || has_default(api, &f.ty))
}
