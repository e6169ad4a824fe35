//! The shared `types` module, split by spec file: one module per spec file
//! that declares types or enums (a file of the crate, `src/types/login.rs`),
//! each re-exported whole so that every type is `types::Name`.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::Cx;
use super::docs::{doc_attrs, paragraphs};
use super::enums::emit_enum;
use super::structs::emit_struct;
use super::tokens::{ident, rt_import};
use super::typeref::Scope;
use crate::ir::{Api, TypeModule};

/// The content of `types`: the modules, private (their types are
/// documented at `types::Name`), then their re-exports. `body` is a
/// module's `;` or `{ items }`.
pub(super) fn index(cx: &Cx, body: impl Fn(&TypeModule) -> TokenStream) -> TokenStream {
    let modules = cx.api.type_modules.iter().map(|m| {
        let name = ident(&cx.names.type_module(&m.name));
        let body = body(m);
        quote!(mod #name #body)
    });
    let uses = cx.api.type_modules.iter().map(|m| {
        let name = ident(&cx.names.type_module(&m.name));
        quote! {
            #[allow(unused_imports, reason = "empty in a build whose services use none of its types")]
            pub use #name::*;
        }
    });
    quote! {
        //! The data types and enums of the spec, one module per spec file
        //! that declares them.

        #(#modules)*
        #(#uses)*
    }
}

/// The content of one module: the enums and types its spec file declares.
/// Types of other files are named through `super`, the `types` module.
pub(super) fn emit(cx: &Cx, module: &TypeModule) -> TokenStream {
    let rust_module = cx.names.type_module(&module.name);
    let scope = Scope::Types(&rust_module);
    let enums: Vec<_> = cx
        .api
        .enums
        .iter()
        .filter(|e| e.module == module.name)
        .collect();
    let types: Vec<_> = cx
        .api
        .types
        .iter()
        .filter(|t| t.module == module.name)
        .collect();
    let doc = format!(" Types and enums of `{}`.", module.spec_file);
    let uses_deprecated = enums.iter().any(|e| e.values.iter().any(|v| v.deprecated))
        || types.iter().any(|t| t.fields.iter().any(|f| f.deprecated));
    let allow_deprecated = uses_deprecated.then(|| {
        quote!(#![allow(deprecated, reason = "deprecated fields and variants are for users to avoid; their own impls use them")])
    });
    // Every item is compiled only with the services that use it: a build
    // of other services compiles none (the same in every front-end, so that
    // their code is the same up to the gates).
    let all_gated = enums.iter().all(|e| !e.services.is_empty())
        && types.iter().all(|t| !t.services.is_empty());
    let import = rt_import();
    let allow_unused = all_gated.then(|| {
        quote!(#[allow(unused_imports, reason = "a build of some services may compile none of this module's types")])
    });
    let rust_name = |name: &str| {
        cx.names
            .ty(name)
            .map_or_else(|| name.to_owned(), |t| t.ident.clone())
    };
    let enums = enums
        .into_iter()
        .map(|e| emit_enum(cx, e, &rust_name(&e.name)));
    let structs = types.into_iter().map(|s| {
        let doc = doc_attrs(&paragraphs([
            s.description.as_str(),
            s.description_zh.as_deref().unwrap_or(""),
        ]));
        emit_struct(cx, s, &rust_name(&s.name), doc, scope, false)
    });
    quote! {
        #![doc = #doc]
        #allow_deprecated

        #allow_unused
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
