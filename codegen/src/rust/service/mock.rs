//! `mock.rs` of a service module: its rows of the mock's table (the
//! examples' envelopes), which the crate's `mock` module assembles for the
//! runtime's table-driven mock (`bizgen_runtime::mock`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Service;
use crate::rust::names::ServiceNames;
use crate::rust::tokens::{ident, rt_import};
use crate::traffic::mock::{answers, sets_token};

pub(super) fn emit(service: &Service, names: &ServiceNames) -> TokenStream {
    let import = rt_import();
    let rows = service
        .operations
        .iter()
        .zip(&names.operations)
        .map(|(op, op_names)| {
            let info = ident(&op_names.info);
            let sets_token = match sets_token(op) {
                Some(field) => quote!(Some(#field)),
                None => quote!(None),
            };
            let examples = answers(op).map(|(name, envelope)| {
                let json = envelope.to_string();
                quote!((#name, #json))
            });
            quote! {
                rt::StaticOperation {
                    info: &operations::#info,
                    sets_token: #sets_token,
                    examples: &[#(#examples),*],
                }
            }
        });
    let operations = (!service.operations.is_empty()).then(|| {
        quote!(
            use super::operations;
        )
    });
    quote! {
        //! This service's rows of the mock's table: every operation with its
        //! examples as `(name, envelope JSON)`.

        #import

        #operations

        /// Every operation of this service with its examples.
        pub static OPERATIONS: &[rt::StaticOperation] = &[#(#rows),*];
    }
}
