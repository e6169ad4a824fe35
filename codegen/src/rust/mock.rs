//! The mock as data: one row per operation with its examples' envelopes,
//! served by the runtime's table-driven mock (`bizgen_runtime::mock`), and
//! the `main` of the mock binary.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{ident, rt};
use crate::ir::Api;
use crate::traffic::mock::{answers, sets_token};

pub fn emit_mock(api: &Api) -> TokenStream {
    let rt = rt();
    let import = super::tokens::rt_import();
    let rows = api.operations().map(|(service, op)| {
        let module = ident(&service.module);
        let request = ident(&op.request.rust_name);
        let sets_token = match sets_token(op) {
            Some(field) => quote!(::core::option::Option::Some(#field)),
            None => quote!(::core::option::Option::None),
        };
        let examples = answers(op).map(|(name, envelope)| {
            let json = envelope.to_string();
            quote!((#name, #json))
        });
        quote! {
            #rt::StaticOperation {
                info: <super::#module::#request as #rt::Operation>::INFO,
                sets_token: #sets_token,
                examples: &[#(#examples),*],
            }
        }
    });
    quote! {
        //! A mock of every operation that answers with the spec's example
        //! responses: the first successful one, else the first error; the
        //! request header `Prefer: example=NAME` picks another.

        #import

        /// Every operation with its examples as `(name, envelope JSON)`.
        pub static OPERATIONS: &[#rt::StaticOperation] = &[#(#rows),*];

        /// The mock's table, each example parsed once.
        pub fn table() -> #rt::MockTable {
            #rt::MockTable::from_static(super::API_NAME, OPERATIONS)
        }

        /// The mock server's `main`: flags `--host`, `--port`, `--token`,
        /// `--admin-token`, `--cors`, `--delay-ms`, `--http-status` (see
        /// `customer-api-mock --help`).
        pub fn main() -> ::std::process::ExitCode {
            #rt::mock::run(&table(), ::std::env::args().skip(1))
        }

        /// A router serving every operation from [`table`].
        pub fn router(config: #rt::ServerConfig) -> #rt::Router {
            #rt::mock::router(&table(), config, ::core::default::Default::default())
        }
    }
}
