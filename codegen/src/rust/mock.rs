//! The crate's `mock` module: the services' rows (each service module's
//! `mock::OPERATIONS`) as one table for the runtime's table-driven mock
//! (`bizgen_runtime::mock`), its router, and (in the generated crate) the
//! mock server's `main`.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::Cx;
use super::gates::Gates;
use super::tokens::{ident, rt_import};

pub(super) fn emit_mock(cx: &Cx) -> TokenStream {
    let import = rt_import();
    // The binary's `main` needs the runtime's feature `mock` (its flags):
    // the crate's feature `mock` turns it on, a build script's or the
    // macro's user need not, so only the crate has it.
    let main = (cx.gates == Gates::Features).then(|| {
        let doc = format!(
            " The mock server's `main`: flags `--host`, `--port`, `--token`, `--admin-token`, `--cors`, `--delay-ms`, `--http-status` (see `{}-mock --help`).",
            cx.api.name
        );
        quote! {
            #[doc = #doc]
            pub fn main() -> std::process::ExitCode {
                rt::mock::run(&table(), std::env::args().skip(1))
            }
        }
    });
    let services = cx.names.services().iter().map(|s| {
        let module = ident(&s.module);
        let gate = cx.gates.on(&s.feature);
        quote!(#gate super::#module::mock::OPERATIONS)
    });
    quote! {
        //! A mock of every operation that answers with the spec's example
        //! responses: the first successful one, else the first error; the
        //! request header `Prefer: example=NAME` picks another.

        #import

        /// The rows of every service (each service module's `mock::OPERATIONS`).
        pub static SERVICES: &[&[rt::StaticOperation]] = &[#(#services),*];

        /// The mock's table, each example parsed once.
        pub fn table() -> rt::MockTable {
            let rows: Vec<rt::StaticOperation> =
                SERVICES.iter().flat_map(|rows| rows.iter().copied()).collect();
            rt::MockTable::from_static(super::API_NAME, &rows)
        }

        #main

        /// A router serving every operation from [`table`].
        pub fn router(config: rt::ServerConfig) -> rt::Router {
            rt::mock::router(&table(), config, Default::default())
        }
    }
}
