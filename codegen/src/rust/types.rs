//! Structs and enums: the data types of requests and responses, with serde
//! renames, redacting `Debug` and their wire schemas. In the generated
//! crate a type implements `Deserialize` only on the side that reads it
//! (see [`deserialize_cfg`]): that derive is most of the crate's compile time.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{deprecated_attr, doc_attrs, field_doc, paragraphs};
use super::schema;
use super::tokens::{ident, rt};
use super::Gates;
use crate::ir::{Api, Code, Enum, EnumRepr, Field, Sides, Struct, Ty};

/// Where the generated item sits, to name the shared `types` module from it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Inside one of the modules of `types` (its parent).
    Types,
    /// A sibling module of `types` (services, mock).
    Sibling,
}

pub fn types_path(scope: Scope) -> TokenStream {
    match scope {
        Scope::Types => quote!(super),
        Scope::Sibling => quote!(super::types),
    }
}

/// The Rust type of a wire type.
pub fn rust_type(ty: &Ty, scope: Scope) -> TokenStream {
    let rt = rt();
    match ty {
        Ty::String => quote!(String),
        Ty::Int32 => quote!(i32),
        Ty::Int64 => quote!(i64),
        Ty::Bool => quote!(bool),
        Ty::Decimal => quote!(#rt::Decimal),
        Ty::Timestamp => quote!(#rt::EpochMillis),
        Ty::Json => quote!(#rt::serde_json::Value),
        Ty::Struct(n) | Ty::Enum(n) => {
            let path = types_path(scope);
            let name = ident(&crate::names::type_name(n));
            quote!(#path::#name)
        }
        Ty::List(t) => {
            let inner = rust_type(t, scope);
            quote!(Vec<#inner>)
        }
        Ty::Map(t) => {
            let inner = rust_type(t, scope);
            quote!(#rt::BTreeMap<String, #inner>)
        }
    }
}

/// A field's Rust type: `Option` when it may be absent or null.
pub fn field_type(f: &Field, scope: Scope) -> TokenStream {
    let base = rust_type(&f.ty, scope);
    if f.required && !f.nullable {
        base
    } else {
        quote!(Option<#base>)
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

/// The features under which a type of `sides` implements `Deserialize` in
/// the generated crate: the side that reads it (`server` for requests,
/// `client` for responses), or `serde` for every type. A type no operation
/// uses counts as both sides. `Serialize` is always implemented: it is
/// cheap, and keeps the `#[serde(..)]` attributes valid whatever the features.
fn deserialize_cfg(sides: Sides) -> TokenStream {
    match (sides.request, sides.response) {
        (true, false) => quote!(any(feature = "server", feature = "serde")),
        (false, true) => quote!(any(feature = "client", feature = "serde")),
        _ => quote!(any(
            feature = "client",
            feature = "server",
            feature = "serde"
        )),
    }
}

/// The gate of a shared type's items in the generated crate: compiled with
/// any of the services whose operations reach it (`services`: their
/// modules), so that a build of some services compiles only their types. A
/// type no operation uses, or a request body (in its service's module), is
/// not gated.
fn service_gate(api: &Api, services: &[String], gates: Gates) -> TokenStream {
    if gates == Gates::None || services.is_empty() {
        return TokenStream::new();
    }
    let features: Vec<String> = api
        .services
        .iter()
        .filter(|s| services.contains(&s.module))
        .map(super::service_feature)
        .collect();
    match features.as_slice() {
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// The gate of items that need `Deserialize` on every request and response
/// type (`visit_operations`, whose visitors round-trip through serde):
/// feature `serde`, or client and server together.
pub fn round_trip_gate(gates: Gates) -> TokenStream {
    match gates {
        Gates::None => TokenStream::new(),
        Gates::Features => {
            quote!(#[cfg(any(feature = "serde", all(feature = "client", feature = "server")))])
        }
    }
}

/// A struct with serde derives, a redacting `Debug` and its schema.
/// `doc` is the struct's doc attributes; `gates` decide whether
/// `Deserialize` depends on the features (see [`deserialize_cfg`]).
pub fn emit_struct(
    api: &Api,
    s: &Struct,
    doc: TokenStream,
    scope: Scope,
    gates: Gates,
) -> TokenStream {
    let rt = rt();
    let service_gate = service_gate(api, &s.services, gates);
    let name = ident(&s.rust_name);
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let ty = field_type(f, scope);
        let wire = &f.name;
        let fdoc = doc_attrs(&field_doc(api, f, scope));
        // `rename_all = "camelCase"` covers most wire names; the rest are spelled out.
        let mut serde_args = Vec::new();
        if serde_camel_case(&f.rust_name) != *wire {
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
        quote! { #fdoc #serde_attr #deprecated pub #fname: #ty }
    });
    let debug_fields = s.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let label = f.rust_name.trim_start_matches("r#");
        if !f.sensitive {
            quote!(.field(#label, &self.#fname))
        } else if f.required && !f.nullable {
            quote!(.field(#label, &#rt::Redacted(&self.#fname)))
        } else {
            quote!(.field(#label, &#rt::RedactedOption(&self.#fname)))
        }
    });
    let object_schema = schema::object(&crate::wire::struct_schema(api, s), &s.fields, scope);
    let default = struct_has_default(api, s).then(|| quote!(Default,));
    let label = &s.rust_name;
    // A hand-written `Debug` only where something must be redacted.
    let redacts = s.fields.iter().any(|f| f.sensitive);
    let derive_debug = (!redacts).then(|| quote!(Debug,));
    let debug_impl = redacts.then(|| {
        quote! {
            #service_gate
            impl ::core::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(#label)
                        #(#debug_fields)*
                        .finish()
                }
            }
        }
    });
    // An attribute of its own, gated or not, so that every front-end emits
    // the same items up to the feature gates.
    let derive_deserialize = match gates {
        Gates::None => quote!(#[derive(#rt::serde::Deserialize)]),
        Gates::Features => {
            let cfg = deserialize_cfg(s.sides);
            quote!(#[cfg_attr(#cfg, derive(#rt::serde::Deserialize))])
        }
    };
    quote! {
        #doc
        #service_gate
        #[derive(#derive_debug Clone, PartialEq, #default #rt::serde::Serialize)]
        #derive_deserialize
        #[serde(crate = "::bizgen_runtime::codegen::serde", rename_all = "camelCase")]
        pub struct #name {
            #(#fields,)*
        }

        #debug_impl

        #service_gate
        impl #name {
            /// The wire shape of this type, for validation.
            pub fn object_schema() -> &'static #rt::ObjectSchema {
                static SCHEMA: #rt::OnceLock<#rt::ObjectSchema> = #rt::OnceLock::new();
                SCHEMA.get_or_init(|| {
                    #object_schema
                })
            }
        }
    }
}

/// `new(required...)` and one chainable `with_*` setter per optional field,
/// for request types: the shortest call names only what the spec requires.
pub fn emit_constructor(s: &Struct, scope: Scope) -> TokenStream {
    let name = ident(&s.rust_name);
    let (required, optional): (Vec<&Field>, Vec<&Field>) =
        s.fields.iter().partition(|f| f.required && !f.nullable);
    let params = required.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let ty = rust_type(&f.ty, scope);
        quote!(#fname: impl ::core::convert::Into<#ty>)
    });
    let inits = s.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        if f.required && !f.nullable {
            quote!(#fname: #fname.into())
        } else {
            quote!(#fname: ::core::option::Option::None)
        }
    });
    let setters = optional.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let bare = f.rust_name.trim_start_matches("r#");
        let setter = format_ident!("with_{}", bare);
        let ty = rust_type(&f.ty, scope);
        let doc = format!(" Sets `{}`.", f.name);
        let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
        quote! {
            #[doc = #doc]
            #deprecated
            pub fn #setter(mut self, #fname: impl ::core::convert::Into<#ty>) -> Self {
                self.#fname = ::core::option::Option::Some(#fname.into());
                self
            }
        }
    });
    let args: Vec<&str> = required
        .iter()
        .map(|f| f.rust_name.trim_start_matches("r#"))
        .collect();
    let label = s.rust_name.trim_start_matches("r#");
    let mut doc = format!(
        " A request with the required fields; the shortest call is `{label}::new({})`.",
        args.join(", ")
    );
    if let Some(first) = optional.first() {
        doc.push_str(&format!(
            " Optional fields have setters, e.g. `.with_{}(..)`.",
            first.rust_name.trim_start_matches("r#")
        ));
    }
    let allow = s
        .fields
        .iter()
        .any(|f| f.deprecated)
        .then(|| quote!(#[allow(deprecated)]));
    quote! {
        #allow
        impl #name {
            #[doc = #doc]
            pub fn new(#(#params),*) -> Self {
                #name { #(#inits),* }
            }

            #(#setters)*
        }
    }
}

/// An enum with an `Unknown` variant, so clients survive new codes. Its
/// serde impls are written out (codes, not names); `Deserialize` is gated
/// as a struct's derive is.
pub fn emit_enum(api: &Api, e: &Enum, gates: Gates) -> TokenStream {
    let rt = rt();
    let service_gate = service_gate(api, &e.services, gates);
    let deserialize_gate = match gates {
        Gates::None => TokenStream::new(),
        Gates::Features => {
            let cfg = deserialize_cfg(e.sides);
            quote!(#[cfg(#cfg)])
        }
    };
    let name = ident(&e.rust_name);
    let doc = doc_attrs(&paragraphs([
        e.description.as_str(),
        e.description_zh.as_deref().unwrap_or(""),
        "Clients keep codes they do not know in `Unknown`; servers reject them.",
    ]));
    let enum_schema = schema::enumeration(&crate::wire::enum_schema(e));
    let variants: Vec<_> = e.values.iter().map(|v| ident(&v.rust_name)).collect();
    let variant_docs = e.values.iter().map(|v| {
        let doc = doc_attrs(&paragraphs([
            format!("`{}`: {}", v.code, v.description).as_str(),
            v.description_zh.as_deref().unwrap_or(""),
        ]));
        let deprecated = deprecated_attr(v.deprecated, &v.deprecation);
        quote!(#doc #deprecated)
    });
    match e.repr {
        EnumRepr::Int32 => {
            let codes: Vec<TokenStream> = e
                .values
                .iter()
                .map(|v| match v.code {
                    Code::Int(i) => schema::int(i),
                    Code::Str(_) => quote!(0),
                })
                .collect();
            quote! {
                #doc
                #service_gate
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
                pub enum #name {
                    #(#variant_docs #variants,)*
                    /// A code that this SDK does not know.
                    Unknown(i32),
                }

                #service_gate
                impl #name {
                    /// Every known variant.
                    pub const ALL: &'static [#name] = &[#(#name::#variants),*];

                    /// The wire code.
                    pub const fn code(self) -> i32 {
                        match self {
                            #(#name::#variants => #codes,)*
                            #name::Unknown(code) => code,
                        }
                    }

                    /// The variant of a wire code (`Unknown` when not listed).
                    pub const fn from_code(code: i32) -> Self {
                        match code {
                            #(#codes => #name::#variants,)*
                            other => #name::Unknown(other),
                        }
                    }

                    /// The wire shape of this enum, for validation.
                    pub fn enum_schema() -> &'static #rt::EnumSchema {
                        static SCHEMA: #rt::OnceLock<#rt::EnumSchema> = #rt::OnceLock::new();
                        SCHEMA.get_or_init(|| #enum_schema)
                    }
                }

                #service_gate
                impl #rt::serde::Serialize for #name {
                    fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        serializer.serialize_i32(self.code())
                    }
                }

                #service_gate
                #deserialize_gate
                impl<'de> #rt::serde::Deserialize<'de> for #name {
                    fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        <i32 as #rt::serde::Deserialize>::deserialize(deserializer).map(#name::from_code)
                    }
                }
            }
        }
        EnumRepr::String => {
            let codes: Vec<String> = e.values.iter().map(|v| v.code.to_string()).collect();
            let label = &e.rust_name;
            quote! {
                #doc
                #service_gate
                #[derive(Debug, Clone, PartialEq, Eq, Hash)]
                pub enum #name {
                    #(#variant_docs #variants,)*
                    /// A value that this SDK does not know.
                    Unknown(String),
                }

                #service_gate
                impl #name {
                    /// Every known variant.
                    pub const ALL: &'static [#name] = &[#(#name::#variants),*];

                    /// The wire value.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(#name::#variants => #codes,)*
                            #name::Unknown(value) => value,
                        }
                    }

                    /// The variant of a wire value (`Unknown` when not listed).
                    pub fn from_code(value: &str) -> Self {
                        match value {
                            #(#codes => #name::#variants,)*
                            other => #name::Unknown(String::from(other)),
                        }
                    }

                    /// The wire shape of this enum, for validation.
                    pub fn enum_schema() -> &'static #rt::EnumSchema {
                        static SCHEMA: #rt::OnceLock<#rt::EnumSchema> = #rt::OnceLock::new();
                        SCHEMA.get_or_init(|| #enum_schema)
                    }
                }

                /// The wire value.
                #service_gate
                impl ::core::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }

                /// A value the spec lists; any other is an error (where
                /// `from_code` gives `Unknown`).
                #service_gate
                impl ::core::str::FromStr for #name {
                    type Err = #rt::UnknownEnumValue;

                    fn from_str(value: &str) -> Result<Self, Self::Err> {
                        match #name::from_code(value) {
                            #name::Unknown(value) => Err(#rt::UnknownEnumValue {
                                enum_name: #label,
                                value,
                                expected: &[#(#codes),*],
                            }),
                            known => Ok(known),
                        }
                    }
                }

                #service_gate
                impl #rt::serde::Serialize for #name {
                    fn serialize<S: #rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        serializer.serialize_str(self.as_str())
                    }
                }

                #service_gate
                #deserialize_gate
                impl<'de> #rt::serde::Deserialize<'de> for #name {
                    fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        <String as #rt::serde::Deserialize>::deserialize(deserializer).map(|v| #name::from_code(&v))
                    }
                }
            }
        }
    }
}
