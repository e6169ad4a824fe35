//! The shared `types` module, split by spec file: one module per spec file
//! that declares types or enums (a file of the crate, `src/types/login.rs`),
//! each re-exported whole so that every type is `types::Name`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, paragraphs};
use super::tokens::{ident, rt_import};
use super::types::{emit_enum, emit_struct, Scope};
use super::Gates;
use crate::ir::{Api, TypeModule};

/// The content of `types`: the modules, private (their types are
/// documented at `types::Name`), then their re-exports. `body` is a
/// module's `;` or `{ items }`.
pub(super) fn index(api: &Api, body: impl Fn(&TypeModule) -> TokenStream) -> TokenStream {
    let modules = api.type_modules.iter().map(|m| {
        let name = ident(&m.name);
        let body = body(m);
        quote!(mod #name #body)
    });
    let uses = api.type_modules.iter().map(|m| {
        let name = ident(&m.name);
        // Empty in a build whose services use none of the module's types.
        quote!(#[allow(unused_imports)] pub use #name::*;)
    });
    quote! {
        //! The data types and enums of the spec, one module per spec file
        //! that declares them.

        #(#modules)*
        #(#uses)*
    }
}

/// The content of one module: the enums and types its spec file declares.
/// Other types are named through `super`, the `types` module.
pub(super) fn emit(api: &Api, module: &TypeModule, gates: Gates) -> TokenStream {
    let enums: Vec<_> = api
        .enums
        .iter()
        .filter(|e| e.module == module.name)
        .collect();
    let types: Vec<_> = api
        .types
        .iter()
        .filter(|t| t.module == module.name)
        .collect();
    let doc = format!(" Types and enums of `{}`.", module.spec_file);
    // Deprecated fields and variants are for users' code to avoid; the
    // generated impls still use them.
    let uses_deprecated = enums.iter().any(|e| e.values.iter().any(|v| v.deprecated))
        || types.iter().any(|t| t.fields.iter().any(|f| f.deprecated));
    let allow_deprecated = uses_deprecated.then(|| quote!(#![allow(deprecated)]));
    let import = rt_import();
    let enums = enums.into_iter().map(|e| emit_enum(api, e, gates));
    let structs = types.into_iter().map(|s| {
        let doc = doc_attrs(&paragraphs([
            s.description.as_str(),
            s.description_zh.as_deref().unwrap_or(""),
        ]));
        emit_struct(api, s, doc, Scope::Types, gates)
    });
    quote! {
        #![doc = #doc]
        #allow_deprecated

        // A build of some services only may compile none of this module's types.
        #[allow(unused_imports)]
        #import

        #(#enums)*
        #(#structs)*
    }
}

/// How much code a module becomes (all of `types` for `None`), to balance
/// the formatting threads.
pub(super) fn weight(api: &Api, module: Option<&TypeModule>) -> usize {
    let inside = |name: &str| module.is_none_or(|m| m.name == name);
    api.types
        .iter()
        .filter(|t| inside(&t.module))
        .map(|t| t.fields.len() + 4)
        .sum::<usize>()
        + api
            .enums
            .iter()
            .filter(|e| inside(&e.module))
            .map(|e| e.values.len() + 8)
            .sum::<usize>()
}
