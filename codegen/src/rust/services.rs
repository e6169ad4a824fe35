//! Per service: request types, operation descriptors, the server trait and
//! router, and the client.

use heck::ToShoutySnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs::{deprecated_attr, doc_attrs, operation_doc, paragraphs};
use super::tokens::{ident, rt};
use super::types::{emit_constructor, emit_struct, round_trip_gate, rust_type, Scope};
use super::Gates;
use crate::ir::{Access, Api, Operation, Presence, Service, Session, Side, Ty};

/// The static holding an operation's descriptor.
pub fn info_ident(op: &Operation) -> Ident {
    format_ident!("{}", op.type_stem.to_shouty_snake_case())
}

/// The Rust type of an operation's successful `data`.
pub fn response_type(op: &Operation) -> TokenStream {
    match &op.response.ty {
        None => quote!(()),
        Some(ty) => {
            let base = rust_type(ty, Scope::Sibling);
            if op.response.nullable {
                quote!(Option<#base>)
            } else {
                base
            }
        }
    }
}

/// What the client does with its token after a successful call, where the
/// spec says the operation starts (`setsToken`) or ends (`clearsToken`) a
/// session.
fn session_update(api: &Api, op: &Operation) -> Option<TokenStream> {
    let rt = rt();
    let kind = match op.side {
        Side::C => quote!(#rt::TokenKind::Customer),
        Side::B => quote!(#rt::TokenKind::Admin),
    };
    match &op.session {
        Session::Keeps => None,
        Session::Clears => Some(quote! {
            self.client.set_token_of(#kind, ::core::option::Option::None);
        }),
        Session::Sets { field, .. } => {
            let Some(Ty::Struct(name)) = &op.response.ty else {
                return None;
            };
            let f = api
                .find_struct(name)?
                .fields
                .iter()
                .find(|f| f.name == *field)?;
            let fname = ident(&f.rust_name);
            let optional = !f.required || f.nullable;
            let token = match (op.response.nullable, optional) {
                (false, false) => {
                    quote!(::core::option::Option::Some(response.data.#fname.clone()))
                }
                (false, true) => quote!(response.data.#fname.clone()),
                (true, false) => quote!(response.data.as_ref().map(|data| data.#fname.clone())),
                (true, true) => quote!(response.data.as_ref().and_then(|data| data.#fname.clone())),
            };
            Some(quote! {
                if let ::core::option::Option::Some(token) = #token {
                    self.client.set_token_of(#kind, ::core::option::Option::Some(token));
                }
            })
        }
    }
}

/// A handler's context: the caller is always known where a token is required.
pub fn context_type(op: &Operation) -> TokenStream {
    let rt = rt();
    match op.access {
        Access::Login | Access::Admin => quote!(#rt::AuthContext),
        Access::Guest | Access::Optional => quote!(#rt::RequestContext),
    }
}

/// How docs name a service: its qualified name and its gateways, as two
/// services may share a qualified name on different gateways
/// (`customer.app.CustomerWebApiService` on `/api/global/` and `/openapi-b/`).
pub fn service_label(api: &Api, service: &Service) -> String {
    let gateways: std::collections::BTreeSet<&str> = service
        .operations
        .iter()
        .map(|op| op.gateway.as_str())
        .collect();
    let gateways: Vec<String> = gateways
        .into_iter()
        .map(|name| match api.gateways.iter().find(|g| g.name == name) {
            Some(g) => format!("`{name}` (`{}`)", g.prefix),
            None => format!("`{name}`"),
        })
        .collect();
    let noun = if gateways.len() == 1 {
        "gateway"
    } else {
        "gateways"
    };
    format!(
        "`{}` on {noun} {}",
        service.qualified_name,
        gateways.join(", ")
    )
}

pub fn trait_ident(service: &Service) -> Ident {
    ident(&service.rust_name)
}

/// A service module's content. With [`Gates::Features`] the client half is
/// compiled under feature `client`, the server half under `server`.
pub fn emit_service(api: &Api, service: &Service, gates: Gates) -> TokenStream {
    let rt = rt();
    let client_gate = gates.on("client");
    let server_gate = gates.on("server");
    let import = super::tokens::rt_import();
    let module = ident(&service.module);
    let trait_name = trait_ident(service);
    let module_doc = paragraphs([
        service.description.as_str(),
        format!("bizType prefix `{}`.", service.qualified_name).as_str(),
    ]);
    let module_doc = module_doc.lines().map(|l| format!(" {l}"));

    let requests = service.operations.iter().map(|op| {
        let method = op.rust_name.trim_start_matches("r#");
        let doc = doc_attrs(&paragraphs([
            format!(
                "Request body of `{}` ([`operations::{}`]).",
                op.name,
                info_ident(op)
            )
            .as_str(),
            op.summary.as_str(),
        ]));
        // The client and the server trait exist only under their features.
        let sent = gates.doc_on("client", &format!("Sent by [`Client::{method}`]."));
        let served = gates.doc_on("server", &format!("Served by [`{trait_name}::{method}`]."));
        let doc = quote!(#doc #[doc = ""] #sent #served);
        let item = emit_struct(api, &op.request, doc, Scope::Sibling, gates);
        let constructor = emit_constructor(&op.request, Scope::Sibling);
        quote!(#item #constructor)
    });

    let infos = service.operations.iter().map(|op| {
        let name = info_ident(op);
        let op_name = &op.name;
        let svc = &service.name;
        let biz_type = &op.biz_type;
        let path = &op.path;
        let version = &op.version;
        // The IR's `Access` and `Presence` are the runtime's: variants by name.
        let access = format_ident!("{}", format!("{:?}", op.access));
        let headers = op
            .headers
            .iter()
            .filter(|h| h.presence != Presence::Absent)
            .map(|h| {
                let hname = &h.name;
                let presence = format_ident!("{}", format!("{:?}", h.presence));
                let source = format_ident!("{}", format!("{:?}", h.source));
                quote!(#rt::HeaderSpec {
                    name: #hname,
                    presence: #rt::Presence::#presence,
                    source: #rt::HeaderSource::#source,
                })
            });
        let request = ident(&op.request.rust_name);
        let read_only = op.read_only;
        let doc = format!(" `{}`: {}", op.name, op.summary);
        quote! {
            #[doc = #doc]
            pub static #name: #rt::OperationInfo = #rt::OperationInfo {
                service: #svc,
                name: #op_name,
                biz_type: #biz_type,
                path: #path,
                access: #rt::Access::#access,
                version: #version,
                headers: &[#(#headers),*],
                read_only: #read_only,
                request: super::#request::object_schema,
            };
        }
    });
    let all_infos = service.operations.iter().map(info_ident);
    let op_count = proc_macro2::Literal::usize_unsuffixed(service.operations.len());
    let visits = service.operations.iter().map(|op| {
        let request = ident(&op.request.rust_name);
        quote!(visitor.visit::<#request>();)
    });
    let visit_gate = round_trip_gate(gates);
    let label = service_label(api, service);
    let accessor_doc = format!(" Operations of {label}.");
    let mount_doc = format!(
        " Serves the operations of {label} with `service`; an error if they are already served."
    );
    let op_impls = service.operations.iter().map(|op| {
        let request = ident(&op.request.rust_name);
        let response = response_type(op);
        let info = info_ident(op);
        let paginated = super::paging::emit_paginated(api, op, gates);
        quote! {
            impl #rt::Operation for #request {
                type Response = #response;
                const INFO: &'static #rt::OperationInfo = &operations::#info;
            }
            #paginated
        }
    });

    let methods = service.operations.iter().map(|op| {
        let method = ident(&op.rust_name);
        let request = ident(&op.request.rust_name);
        let response = response_type(op);
        let doc = doc_attrs(&operation_doc(api, op));
        let biz_type = &op.biz_type;
        let deprecated = deprecated_attr(op.deprecated, &op.deprecation);
        let ctx = context_type(op);
        quote! {
            #doc
            #deprecated
            fn #method(
                &self,
                ctx: #ctx,
                request: #request,
            ) -> impl ::core::future::Future<Output = Result<#response, #rt::ApiError>> + Send {
                let _ = (ctx, request);
                async { Err(#rt::ApiError::not_implemented(#biz_type)) }
            }
        }
    });

    let mounts = service.operations.iter().map(|op| {
        let method = ident(&op.rust_name);
        let info = info_ident(op);
        quote! {
            routes.add(&operations::#info, &service, |s, ctx, request| async move { s.#method(ctx, request).await });
        }
    });

    let client_methods = service.operations.iter().map(|op| {
        let method = ident(&op.rust_name);
        let request = ident(&op.request.rust_name);
        let response = response_type(op);
        let doc = doc_attrs(&operation_doc(api, op));
        let body = match session_update(api, op) {
            None => quote!(self.client.call_op(request, &self.options).await.map(M::finish)),
            Some(update) => quote! {
                let response = self.client.call_op(request, &self.options).await?;
                #update
                Ok(M::finish(response))
            },
        };
        let deprecated = deprecated_attr(op.deprecated, &op.deprecation);
        let page_all = super::paging::emit_page_all(api, op).map(|m| quote!(#deprecated #m));
        quote! {
            #doc
            #deprecated
            pub async fn #method(&self, request: &#request) -> Result<M::Output<#response>, #rt::ClientError> {
                #body
            }

            #page_all
        }
    });

    let trait_doc = doc_attrs(&paragraphs([
        format!("Server side of {label}: implement the operations you serve.").as_str(),
        "Every method has a default that answers `BIZGEN_NOT_IMPLEMENTED`, so that an operation added to the spec does not break existing implementations. Requests reach a method only after headers, token and body have passed every check of the spec.",
    ]));

    // Deprecated items are for users' code to avoid; the generated code
    // itself still serves and calls them.
    let uses_deprecated = service
        .operations
        .iter()
        .any(|op| op.deprecated || op.request.fields.iter().any(|f| f.deprecated));
    let allow_deprecated = uses_deprecated.then(|| quote!(#![allow(deprecated)]));
    let mock_rows = super::mock::emit_service_rows(service, gates);
    quote! {
        #(#![doc = #module_doc])*
        #allow_deprecated

        #import

        #(#requests)*

        #(#op_impls)*

        /// Descriptors of this service's operations: path, bizType, access, headers and request schema.
        pub mod operations {
            use super::rt;

            #(#infos)*

            /// Every operation of this service.
            pub static ALL: &[&#rt::OperationInfo] = &[#(&#all_infos),*];

            /// The number of operations of this service.
            pub const COUNT: usize = #op_count;
        }

        #mock_rows

        /// Calls `visitor.visit::<Request>()` for every operation's request type
        /// (with feature `serde`, or `client` and `server`: visitors may
        /// decode requests and responses).
        #visit_gate
        pub fn visit_operations<V: #rt::OperationVisitor>(visitor: &mut V) {
            #(#visits)*
        }

        #trait_doc
        #server_gate
        pub trait #trait_name: Send + Sync + 'static {
            #(#methods)*
        }

        /// Adds every operation of the service to a server's routes; an
        /// error if one of them is already served.
        #server_gate
        pub fn mount<S: #trait_name>(routes: &mut #rt::Routes, service: S) -> Result<(), #rt::ServerError> {
            routes.claim(operations::ALL)?;
            let service = ::std::sync::Arc::new(service);
            #(#mounts)*
            Ok(())
        }

        #server_gate
        impl super::Server {
            #[doc = #mount_doc]
            pub fn #module<S: #trait_name>(mut self, service: S) -> ::core::result::Result<Self, #rt::ServerError> {
                mount(&mut self.routes, service)?;
                ::core::result::Result::Ok(self)
            }
        }

        #server_gate
        impl #trait_name for super::Unimplemented {}

        /// Client side of the service; get one from the crate's `Client`.
        /// Calls return `data`; after [`Client::with`] they return the
        /// whole [`rt::Response`] (`trace`, `tm`, `biz_code`).
        #client_gate
        #[derive(Debug, Clone)]
        pub struct Client<'a, M: #rt::CallMode = #rt::DataOnly> {
            pub(crate) client: &'a #rt::Client,
            pub(crate) options: #rt::CallOptions,
            pub(crate) mode: ::core::marker::PhantomData<M>,
        }

        #client_gate
        impl<'a> Client<'a> {
            /// Calls with per-call options (e.g. a given `trace`) that
            /// return the whole [`rt::Response`].
            pub fn with(&self, options: #rt::CallOptions) -> Client<'a, #rt::WithMeta> {
                Client { client: self.client, options, mode: ::core::marker::PhantomData }
            }
        }

        #client_gate
        impl<M: #rt::CallMode> Client<'_, M> {
            #(#client_methods)*
        }

        #client_gate
        impl super::Client {
            #[doc = #accessor_doc]
            pub fn #module(&self) -> Client<'_> {
                Client { client: &self.inner, options: #rt::CallOptions::default(), mode: ::core::marker::PhantomData }
            }
        }
    }
}
