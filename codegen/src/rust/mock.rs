//! The mock as data: each service module holds its operations' rows (the
//! examples' envelopes), the `mock` module assembles them into the table
//! that the runtime's table-driven mock (`bizgen_runtime::mock`) serves,
//! and has the `main` of the mock binary.

use proc_macro2::TokenStream;
use quote::quote;

use super::services::info_ident;
use super::tokens::{ident, rt};
use super::{service_feature, Gates};
use crate::ir::{Api, Service};
use crate::traffic::mock::{answers, sets_token};

/// The `mock` module of a service module: its rows of the table.
pub fn emit_service_rows(service: &Service, gates: Gates) -> TokenStream {
    let rt = rt();
    let mock_gate = gates.on("mock");
    let rows = service.operations.iter().map(|op| {
        let info = info_ident(op);
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
                info: &super::operations::#info,
                sets_token: #sets_token,
                examples: &[#(#examples),*],
            }
        }
    });
    quote! {
        /// This service's rows of the mock's table: every operation with its
        /// examples as `(name, envelope JSON)`.
        #mock_gate
        pub mod mock {
            use super::rt;

            /// Every operation of this service with its examples.
            pub static OPERATIONS: &[#rt::StaticOperation] = &[#(#rows),*];
        }
    }
}

/// The crate's `mock` module: the services' rows as one table, the mock
/// server's `main` and router.
pub fn emit_mock(api: &Api, gates: Gates) -> TokenStream {
    let rt = rt();
    let import = super::tokens::rt_import();
    let services = api.services.iter().map(|s| {
        let module = ident(&s.module);
        let gate = gates.on(&service_feature(s));
        quote!(#gate super::#module::mock::OPERATIONS)
    });
    quote! {
        //! A mock of every operation that answers with the spec's example
        //! responses: the first successful one, else the first error; the
        //! request header `Prefer: example=NAME` picks another.

        #import

        /// The rows of every service (each service module's `mock::OPERATIONS`).
        pub static SERVICES: &[&[#rt::StaticOperation]] = &[#(#services),*];

        /// The mock's table, each example parsed once.
        pub fn table() -> #rt::MockTable {
            let rows: ::std::vec::Vec<#rt::StaticOperation> =
                SERVICES.iter().flat_map(|rows| rows.iter().copied()).collect();
            #rt::MockTable::from_static(super::API_NAME, &rows)
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
