//! How generated code names a wire type: Rust primitives, runtime types,
//! and the shared types of `types` as seen from where the code is.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::RustNames;
use super::tokens::ident;
use crate::ir::{Field, Operation, Ty};

/// Where the generated item sits, to name the shared types from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// In the module of `types` with this Rust name: its own types bare,
    /// the others through `super` (the `types` module).
    Types(&'a str),
    /// In a file of a service module, which imports `types`.
    Service,
}

/// The path of a shared type or enum from `scope` (`Account`,
/// `super::Account`, `types::Account`), as text.
pub fn type_path(names: &RustNames, spec_name: &str, scope: Scope) -> String {
    let (ty, module) = match names.ty(spec_name) {
        Some(t) => (t.ident.as_str(), t.module.as_str()),
        None => (spec_name, ""),
    };
    match scope {
        Scope::Types(here) if here == module => ty.to_owned(),
        Scope::Types(_) => format!("super::{ty}"),
        Scope::Service => format!("types::{ty}"),
    }
}

/// [`type_path`] as tokens.
pub fn named_type(names: &RustNames, spec_name: &str, scope: Scope) -> TokenStream {
    let path = type_path(names, spec_name, scope);
    let segments = path.split("::").map(ident);
    quote!(#(#segments)::*)
}

/// The Rust type of a wire type.
pub fn rust_type(names: &RustNames, ty: &Ty, scope: Scope) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::Int32 => quote!(i32),
        Ty::Int64 => quote!(i64),
        Ty::Bool => quote!(bool),
        Ty::Decimal => quote!(rt::Decimal),
        Ty::Timestamp => quote!(rt::EpochMillis),
        Ty::Json => quote!(rt::serde_json::Value),
        Ty::Struct(n) | Ty::Enum(n) => named_type(names, n, scope),
        Ty::List(t) => {
            let inner = rust_type(names, t, scope);
            quote!(Vec<#inner>)
        }
        Ty::Map(t) => {
            let inner = rust_type(names, t, scope);
            quote!(rt::BTreeMap<String, #inner>)
        }
    }
}

/// A field's Rust type: `Option` when it may be absent or null.
pub fn field_type(names: &RustNames, f: &Field, scope: Scope) -> TokenStream {
    let base = rust_type(names, &f.ty, scope);
    if f.required && !f.nullable {
        base
    } else {
        quote!(Option<#base>)
    }
}

/// The Rust type of an operation's successful `data`, from a service module.
pub fn response_type(names: &RustNames, op: &Operation) -> TokenStream {
    match &op.response.ty {
        None => quote!(()),
        Some(ty) => {
            let base = rust_type(names, ty, Scope::Service);
            if op.response.nullable {
                quote!(Option<#base>)
            } else {
                base
            }
        }
    }
}
