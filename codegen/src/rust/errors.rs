//! The `errors` module: the spec's error codes as constants.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::tokens::{ident, rt_import};
use crate::ir::Api;

/// The `errors` module: one constant per error code of the spec, with its
/// message.
pub(super) fn emit_errors(api: &Api) -> TokenStream {
    let mut taken = std::collections::BTreeSet::new();
    let consts = api.errors.iter().map(|e| {
        let mut name = const_name(&e.code);
        while !taken.insert(name.clone()) {
            name.push('_');
        }
        let name = ident(&name);
        let code = &e.code;
        let message = &e.message;
        let doc = docs::doc_attrs(&docs::paragraphs([
            format!("`{code}`: {message}").as_str(),
            e.description.as_str(),
        ]));
        quote! {
            #doc
            pub const #name: rt::ErrorCode = rt::ErrorCode { code: #code, message: #message };
        }
    });
    let import = rt_import();
    quote! {
        //! The error codes of the spec: match a client error with
        //! `err.is(errors::CODE)`, fail a handler with `Err(errors::CODE.into())`.

        #import

        #(#consts)*
    }
}

/// A constant's name for an error code: upper snake case, never starting
/// with a digit.
fn const_name(code: &str) -> String {
    let mut name: String = code
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "E_");
    }
    name
}
