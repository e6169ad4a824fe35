//! A service's module, a folder of the generated crate: `mod.rs` (docs, its
//! files as modules, the re-exports), `requests.rs` (request types),
//! `operations.rs` (descriptors), `client.rs`, `server.rs` and `mock.rs`
//! (its rows of the mock's table). The build-script and proc-macro
//! front-ends write the same modules inline.

mod client;
mod mock;
mod operations;
mod paging;
mod requests;
mod server;

use proc_macro2::TokenStream;
use quote::quote;

use super::context::Cx;
use super::docs::paragraphs;
use super::names::ServiceNames;
use super::tokens::ident;
use crate::ir::Service;

/// A file of a service module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ServiceFile {
    Mod,
    Requests,
    Operations,
    Client,
    Server,
    Mock,
}

impl ServiceFile {
    /// Every file, `mod.rs` first, then the modules in declaration order.
    pub const ALL: [ServiceFile; 6] = [
        ServiceFile::Mod,
        ServiceFile::Requests,
        ServiceFile::Operations,
        ServiceFile::Client,
        ServiceFile::Server,
        ServiceFile::Mock,
    ];

    /// The file's stem, which names its module.
    pub fn stem(self) -> &'static str {
        match self {
            ServiceFile::Mod => "mod",
            ServiceFile::Requests => "requests",
            ServiceFile::Operations => "operations",
            ServiceFile::Client => "client",
            ServiceFile::Server => "server",
            ServiceFile::Mock => "mock",
        }
    }

    /// The crate feature its module is compiled under.
    fn feature(self) -> Option<&'static str> {
        match self {
            ServiceFile::Client => Some("client"),
            ServiceFile::Server => Some("server"),
            ServiceFile::Mock => Some("mock"),
            _ => None,
        }
    }

    /// Whether its module is public: the descriptors and the mock's rows
    /// are reached by path; the rest is re-exported.
    fn public(self) -> bool {
        matches!(self, ServiceFile::Operations | ServiceFile::Mock)
    }
}

/// The items of one file of the service at `index` (for `mod.rs`, with
/// its modules declared as files).
pub(super) fn emit_file(cx: &Cx, index: usize, file: ServiceFile) -> TokenStream {
    let service = &cx.api.services[index];
    let names = cx.names.service(index);
    match file {
        ServiceFile::Mod => module(cx, service, names, |_| quote!(;)),
        ServiceFile::Requests => requests::emit(cx, service, names),
        ServiceFile::Operations => operations::emit(service, names),
        ServiceFile::Client => client::emit(cx, service, names),
        ServiceFile::Server => server::emit(cx, service, names),
        ServiceFile::Mock => mock::emit(service, names),
    }
}

/// The items of the service's module with its files inline.
pub(super) fn emit_inline(cx: &Cx, index: usize) -> TokenStream {
    let service = &cx.api.services[index];
    let names = cx.names.service(index);
    module(cx, service, names, |file| {
        let items = emit_file(cx, index, file);
        quote!({ #items })
    })
}

/// `mod.rs`: the service's docs, its files as modules (`body` is a
/// module's `;` or `{ items }`), and what they export.
fn module(
    cx: &Cx,
    service: &Service,
    names: &ServiceNames,
    body: impl Fn(ServiceFile) -> TokenStream,
) -> TokenStream {
    let doc = paragraphs([
        service.description.as_str(),
        format!("bizType prefix `{}`.", service.qualified_name).as_str(),
    ]);
    let doc = doc.lines().map(|l| format!(" {l}"));
    let modules = ServiceFile::ALL[1..].iter().map(|&file| {
        let gate = file.feature().map(|f| cx.gates.on(f));
        let vis = file.public().then(|| quote!(pub));
        let name = ident(file.stem());
        let body = body(file);
        quote!(#gate #vis mod #name #body)
    });
    let client_gate = cx.gates.on("client");
    let server_gate = cx.gates.on("server");
    let client = ident(&names.client);
    let server_trait = ident(&names.server_trait);
    quote! {
        #(#![doc = #doc])*

        #(#modules)*

        pub use requests::*;
        #client_gate
        pub use client::#client;
        #server_gate
        pub use server::{mount, #server_trait};
    }
}

/// A rough measure of how much code a file becomes, to balance threads.
pub(super) fn weight(service: &Service, file: ServiceFile) -> usize {
    let ops = service.operations.len();
    let fields: usize = service
        .operations
        .iter()
        .map(|o| o.request.fields.len())
        .sum();
    match file {
        ServiceFile::Mod => 2,
        ServiceFile::Requests => fields * 2 + ops * 4,
        ServiceFile::Operations | ServiceFile::Client | ServiceFile::Server => ops * 3,
        ServiceFile::Mock => ops * 2,
    }
}
