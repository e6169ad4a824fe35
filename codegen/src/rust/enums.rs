//! Enums with an `Unknown` variant, so that clients survive codes added
//! after generation. Their serde impls are written out (codes, not names);
//! `Deserialize` is gated as a struct's derive is.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::Cx;
use super::docs::{deprecated_attr, doc_attrs, paragraphs};
use super::names;
use super::schema;
use super::tokens::ident;
use crate::ir::{Code, Enum, EnumRepr};

/// An enum named `rust_name`, its `impl` and its trait impls.
pub fn emit_enum(cx: &Cx, e: &Enum, rust_name: &str) -> TokenStream {
    let gate = cx.gates.services(cx.names, &e.services);
    let name = ident(rust_name);
    let doc = doc_attrs(&paragraphs([
        e.description.as_str(),
        e.description_zh.as_deref().unwrap_or(""),
        "Clients keep codes they do not know in `Unknown`; servers reject them.",
    ]));
    let variants: Vec<_> = names::variants(e).iter().map(|v| ident(v)).collect();
    let variant_docs = e.values.iter().map(|v| {
        let doc = doc_attrs(&paragraphs([
            format!("`{}`: {}", v.code, v.description).as_str(),
            v.description_zh.as_deref().unwrap_or(""),
        ]));
        let deprecated = deprecated_attr(v.deprecated, &v.deprecation);
        quote!(#doc #deprecated)
    });
    let parts = EnumParts {
        name: &name,
        label: rust_name.trim_start_matches("r#"),
        variants: &variants,
        schema: schema::enumeration(&crate::wire::enum_schema(e)),
        gate: &gate,
        deserialize_gate: cx.gates.deserialize(e.sides),
    };
    let (derives, unknown, body) = match e.repr {
        EnumRepr::Int32 => (
            quote!(Copy,),
            quote! {
                /// A code that this SDK does not know.
                Unknown(i32),
            },
            int_items(&parts, e),
        ),
        EnumRepr::String => (
            TokenStream::new(),
            quote! {
                /// A value that this SDK does not know.
                Unknown(String),
            },
            str_items(&parts, e),
        ),
    };
    quote! {
        #doc
        #gate
        #[derive(Debug, Clone, #derives PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variant_docs #variants,)*
            #unknown
        }

        #body
    }
}

/// What the items of an enum share.
struct EnumParts<'a> {
    name: &'a proc_macro2::Ident,
    label: &'a str,
    variants: &'a [proc_macro2::Ident],
    schema: TokenStream,
    gate: &'a TokenStream,
    deserialize_gate: TokenStream,
}

/// The `impl` and trait impls of an enum of `int32` codes.
fn int_items(p: &EnumParts, e: &Enum) -> TokenStream {
    let EnumParts {
        name,
        variants,
        schema,
        gate,
        deserialize_gate,
        ..
    } = p;
    let codes: Vec<TokenStream> = e
        .values
        .iter()
        .map(|v| match v.code {
            Code::Int(i) => schema::int(i),
            Code::Str(_) => quote!(0),
        })
        .collect();
    quote! {
        #gate
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
            pub fn enum_schema() -> &'static rt::EnumSchema {
                static SCHEMA: rt::OnceLock<rt::EnumSchema> = rt::OnceLock::new();
                SCHEMA.get_or_init(|| #schema)
            }
        }

        #gate
        impl rt::serde::Serialize for #name {
            fn serialize<S: rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.code())
            }
        }

        #gate
        #deserialize_gate
        impl<'de> rt::serde::Deserialize<'de> for #name {
            fn deserialize<D: rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <i32 as rt::serde::Deserialize>::deserialize(deserializer).map(#name::from_code)
            }
        }
    }
}

/// The `impl` and trait impls of an enum of string values.
fn str_items(p: &EnumParts, e: &Enum) -> TokenStream {
    let EnumParts {
        name,
        label,
        variants,
        schema,
        gate,
        deserialize_gate,
    } = p;
    let codes: Vec<String> = e.values.iter().map(|v| v.code.to_string()).collect();
    quote! {
        #gate
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
            pub fn enum_schema() -> &'static rt::EnumSchema {
                static SCHEMA: rt::OnceLock<rt::EnumSchema> = rt::OnceLock::new();
                SCHEMA.get_or_init(|| #schema)
            }
        }

        /// The wire value.
        #gate
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// A value the spec lists; any other is an error (where
        /// `from_code` gives `Unknown`).
        #gate
        impl std::str::FromStr for #name {
            type Err = rt::UnknownEnumValue;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                match #name::from_code(value) {
                    #name::Unknown(value) => Err(rt::UnknownEnumValue {
                        enum_name: #label,
                        value,
                        expected: &[#(#codes),*],
                    }),
                    known => Ok(known),
                }
            }
        }

        #gate
        impl rt::serde::Serialize for #name {
            fn serialize<S: rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #gate
        #deserialize_gate
        impl<'de> rt::serde::Deserialize<'de> for #name {
            fn deserialize<D: rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <String as rt::serde::Deserialize>::deserialize(deserializer).map(|v| #name::from_code(&v))
            }
        }
    }
}
