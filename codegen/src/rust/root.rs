//! The crate root: constants, the operation index, `Client` (with one
//! accessor per service), `Server` (with one mounting method per service)
//! and `Unimplemented`. What grows with the operations lives in the
//! service modules; this grows with the services only.
//!
//! The root items may be expanded into a user's module (build script,
//! proc-macro), whose own `Result`, `Option` or `rt` they must not pick up:
//! they name everything by absolute path. Every item says
//! `#[rustfmt::skip]`: in the generated crate they are in `lib.rs`, which
//! `cargo fmt` must leave as generated.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::context::Cx;
use super::docs::service_label;
use super::layout::{self, Part};
use super::tokens::{ident, rt_abs};
use super::type_modules;

/// The root items.
pub(super) fn emit_root(cx: &Cx) -> TokenStream {
    let rt = rt_abs();
    let client = cx.gates.on("client");
    let server = cx.gates.on("server");
    let services: Vec<(Ident, TokenStream)> = cx
        .names
        .services()
        .iter()
        .map(|s| (ident(&s.module), cx.gates.on(&s.feature)))
        .collect();
    // Lists with one gated entry per service, so that a crate built with
    // no service at all compiles without warnings.
    let all_ops = services
        .iter()
        .map(|(module, cfg)| quote!(#cfg #module::operations::ALL));
    let visits = services
        .iter()
        .map(|(module, cfg)| quote!(#cfg #module::visit_operations(visitor);));
    let counts = services
        .iter()
        .map(|(module, cfg)| quote!(#cfg #module::operations::COUNT));
    let api_name = &cx.api.name;
    let api_version = &cx.api.version;
    let visit_gate = cx.gates.round_trip();
    let client_items = client_items(cx);
    let server_items = server_items(cx);
    quote! {
        // Included by a build script or the macro, this code may meet a
        // runtime without a feature it needs: one error that names it,
        // before the unresolved names.
        #client
        #rt::requires_client!();
        #server
        #rt::requires_server!();

        /// Name of the API, from the spec.
        #[rustfmt::skip]
        pub const API_NAME: &str = #api_name;

        /// Default `version` header, from the spec.
        #[rustfmt::skip]
        pub const API_VERSION: &str = #api_version;

        /// Every operation of the API (of the services compiled in).
        #[rustfmt::skip]
        pub fn operations() -> impl ::core::iter::Iterator<Item = &'static #rt::OperationInfo> {
            static SERVICES: &[&[&#rt::OperationInfo]] = &[#(#all_ops),*];
            SERVICES.iter().flat_map(|operations| operations.iter().copied())
        }

        /// Calls `visitor.visit::<Request>()` for every operation's request type
        /// (with feature `serde`, or `client` and `server`: visitors may
        /// decode requests and responses).
        #visit_gate
        #[rustfmt::skip]
        #[allow(unused_variables, reason = "a build without services visits nothing")]
        pub fn visit_operations<V: #rt::OperationVisitor>(visitor: &mut V) {
            #(#visits)*
        }

        /// The number of operations (of the services compiled in).
        #[rustfmt::skip]
        pub const OPERATION_COUNT: usize = {
            let counts: &[usize] = &[#(#counts),*];
            let mut count = 0;
            let mut i = 0;
            while i < counts.len() {
                count += counts[i];
                i += 1;
            }
            count
        };

        #client_items
        #server_items
    }
}

/// `Client`: configuration and tokens, and one accessor per service that
/// hands out the service's client.
fn client_items(cx: &Cx) -> TokenStream {
    let rt = rt_abs();
    let client = cx.gates.on("client");
    let title_doc = format!(" {}", cx.api.title);
    let accessors = cx
        .api
        .services
        .iter()
        .zip(cx.names.services())
        .map(|(service, names)| {
            let module = ident(&names.module);
            let service_client = ident(&names.client);
            let gate = cx.gates.on(&names.feature);
            let doc = format!(" Operations of {}.", service_label(cx.api, service));
            quote! {
                #[doc = #doc]
                #gate
                pub fn #module(&self) -> #module::#service_client<'_> {
                    ::core::convert::From::from(&self.inner)
                }
            }
        });
    let example = cx
        .names
        .services()
        .first()
        .map(|s| {
            format!(
                " one accessor per service, e.g. `client.{}()`.",
                s.module.trim_start_matches("r#")
            )
        })
        .unwrap_or_else(|| " one accessor per service.".into());
    quote! {
        #[doc = #title_doc]
        ///
        /// An async client: configure it once, then call operations through
        #[doc = #example]
        #client
        #[rustfmt::skip]
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: #rt::Client,
        }

        #client
        #[rustfmt::skip]
        impl Client {
            /// A client for the given configuration.
            pub fn new(config: #rt::ClientConfig) -> ::core::result::Result<Self, #rt::ClientError> {
                ::core::result::Result::Ok(Client { inner: #rt::Client::new(config)? })
            }

            /// The runtime client (configuration, tokens).
            pub fn inner(&self) -> &#rt::Client {
                &self.inner
            }

            /// The current C-side token.
            pub fn token(&self) -> ::core::option::Option<::std::string::String> {
                self.inner.token()
            }

            /// Sets or clears the C-side token; clones of this client (and every
            /// holder of an `Arc` of it) see the change.
            pub fn set_token(&self, token: ::core::option::Option<::std::string::String>) {
                self.inner.set_token(token)
            }

            /// Sets or clears the B-side token, as [`Client::set_token`] does.
            pub fn set_admin_token(&self, token: ::core::option::Option<::std::string::String>) {
                self.inner.set_admin_token(token)
            }

            /// A client sharing this one's connections, with a C-side token of its own.
            pub fn with_token(&self, token: impl ::core::convert::Into<::std::string::String>) -> Self {
                Client { inner: self.inner.with_token(token) }
            }

            #(#accessors)*
        }
    }
}

/// `Server`, its mounting method per service, and `Unimplemented`.
fn server_items(cx: &Cx) -> TokenStream {
    let rt = rt_abs();
    let server = cx.gates.on("server");
    let mock_gate = cx.gates.on("mock");
    let mounts = cx
        .api
        .services
        .iter()
        .zip(cx.names.services())
        .map(|(service, names)| {
            let module = ident(&names.module);
            let server_trait = ident(&names.server_trait);
            let gate = cx.gates.on(&names.feature);
            let doc = format!(
                " Serves the operations of {} with `service`; an error if they are already served.",
                service_label(cx.api, service)
            );
            quote! {
                #[doc = #doc]
                #gate
                pub fn #module<S: #module::#server_trait>(mut self, service: S) -> ::core::result::Result<Self, #rt::ServerError> {
                    #module::mount(&mut self.routes, service)?;
                    ::core::result::Result::Ok(self)
                }
            }
        });
    quote! {
        /// Builds the axum router of the API from one implementation per service.
        /// Operations of services that were not given answer `BIZGEN_NOT_FOUND`,
        /// or the mock's answer after `mock_rest` (feature `mock`).
        #server
        #[rustfmt::skip]
        #[derive(Debug)]
        pub struct Server {
            routes: #rt::Routes,
        }

        #server
        #[rustfmt::skip]
        impl Server {
            /// A server with the given authenticator and limits.
            pub fn new(config: #rt::ServerConfig) -> Self {
                Server { routes: #rt::Routes::new(config) }
            }

            /// Serves every operation not served yet with the mock (the spec's examples).
            #mock_gate
            pub fn mock_rest(mut self) -> Self {
                self.routes.fill_with_mock(&mock::table());
                self
            }

            /// The finished router, answering unknown paths with an error envelope.
            pub fn into_router(self) -> #rt::Router {
                self.routes.into_router()
            }

            #(#mounts)*
        }

        /// Implements every service with the default answers (`BIZGEN_NOT_IMPLEMENTED`).
        #server
        #[rustfmt::skip]
        #[derive(Debug, Clone, Copy, Default)]
        pub struct Unimplemented;
    }
}

/// What only the crate's `lib.rs` has before the root items: the crate
/// docs, and a comment on why the items read as they do.
pub(super) fn lib_head(cx: &Cx) -> crate::Result<String> {
    let doc = super::docs::paragraphs([
        cx.api.title.as_str(),
        cx.api.description.as_str(),
        "Generated by bizgen: request and response types (`types`, and one module per service with its request types, client and server trait), an async `Client`, an axum `Server`, and a `mock` that answers with the spec's examples.",
        "Cargo features: `client` and `tls` (HTTPS), on by default; `server` (the server traits and an axum router); `mock` (a mock server; implies `server` and every service); `serde` (every type implements `Serialize` and `Deserialize`: without it, requests are decoded only with `server` and responses only with `client`); one feature per service (its module and the shared types its operations use), all on by default through `all-services`.",
    ]);
    let doc = doc.lines().map(|l| format!(" {l}"));
    let docs = super::format::unparse(quote!(#(#![doc = #doc])*))?;
    Ok(format!(
        "{docs}\n\
         // The root items name everything by absolute path: the build-script and\n\
         // proc-macro front-ends write them into a module of the user's crate, whose\n\
         // own `Result` or `Option` they must not pick up. Each is `#[rustfmt::skip]`,\n\
         // so that `cargo fmt` leaves this file as generated (see `bizgen check`).\n"
    ))
}

/// What only the crate's `lib.rs` has after the root items: the module
/// declarations (`types` inline, as the index of its files) and the
/// runtime's re-exports.
pub(super) fn lib_tail(cx: &Cx) -> crate::Result<String> {
    let decls = layout::modules(cx).into_iter().filter_map(|part| {
        let name = ident(layout::module_name(cx, part)?);
        Some(match part {
            Part::Types => {
                let content = type_modules::index(cx, |_| quote!(;));
                quote! {
                    #[rustfmt::skip]
                    pub mod #name {
                        #content
                    }
                }
            }
            _ => {
                let gate = layout::module_feature(cx, part).map(|f| cx.gates.on(f));
                quote! {
                    #gate
                    #[rustfmt::skip]
                    pub mod #name;
                }
            }
        })
    });
    let client_gate = cx.gates.on("client");
    let server_gate = cx.gates.on("server");
    super::format::unparse(quote! {
        #(#decls)*

        /// The runtime the generated code runs on: client and server configuration,
        /// authentication, errors.
        #[rustfmt::skip]
        pub use bizgen_runtime as runtime;

        #[rustfmt::skip]
        pub use bizgen_runtime::error::{ApiError, ErrorCode, OrApiError};
        #[rustfmt::skip]
        pub use bizgen_runtime::operation::TokenKind;
        #client_gate
        #[rustfmt::skip]
        pub use bizgen_runtime::client::{
            CallOptions, ClientConfig, Error as ClientError, Hooks, Pages, RequestInfo, Response, ResponseInfo, RetryPolicy,
        };
        #server_gate
        #[rustfmt::skip]
        pub use bizgen_runtime::server::{
            AuthContext, Authenticator, Principal, RequestContext, ServerConfig, ServerError, StaticTokens,
        };
        /// What serving the router takes: `axum::serve(listener, router)` with a
        /// `tokio::net::TcpListener`.
        #server_gate
        #[rustfmt::skip]
        pub use bizgen_runtime::codegen::{axum, tokio};
    })
}
