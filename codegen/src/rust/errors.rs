//! The `errors` module: the spec's error codes as constants.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::names;
use super::tokens::{ident, rt_import};
use crate::ir::Api;

/// The `errors` module: one constant per error code of the spec, with its
/// message.
pub(super) fn emit_errors(api: &Api) -> TokenStream {
    let consts = api
        .errors
        .iter()
        .zip(names::error_consts(api))
        .map(|(e, name)| {
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
