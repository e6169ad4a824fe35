//! Per service: request types, operation descriptors, the server trait and
//! router, and the client.

use heck::ToShoutySnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs::{deprecated_attr, doc_attrs, operation_doc, paragraphs};
use super::tokens::{ident, rt};
use super::types::{emit_struct, rust_type, Scope};
use super::Gates;
use crate::ir::{Access, Api, Operation, Presence, Service};

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

/// The type `data` is decoded as on the client (`Empty` stands for `()`).
fn decode_type(op: &Operation) -> TokenStream {
    let rt = rt();
    match &op.response.ty {
        None => quote!(#rt::Empty),
        Some(_) => response_type(op),
    }
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
        let doc = paragraphs([
            format!(
                "Request body of [`{trait_name}::{}`].",
                op.rust_name.trim_start_matches("r#")
            )
            .as_str(),
            op.summary.as_str(),
        ]);
        emit_struct(api, &op.request, &doc, Scope::Sibling)
    });

    let infos = service.operations.iter().map(|op| {
        let name = info_ident(op);
        let op_name = &op.name;
        let svc = &service.name;
        let biz_type = &op.biz_type;
        let path = &op.path;
        let version = &op.version;
        let access = match op.access {
            Access::Guest => quote!(Guest),
            Access::Login => quote!(Login),
            Access::Admin => quote!(Admin),
            Access::Optional => quote!(Optional),
        };
        let headers = op
            .headers
            .iter()
            .filter(|h| h.presence != Presence::Absent)
            .map(|h| {
                let hname = &h.name;
                let presence = match h.presence {
                    Presence::Required => quote!(Required),
                    _ => quote!(Optional),
                };
                let source = format_ident!("{}", format!("{:?}", h.source));
                quote!(#rt::HeaderSpec {
                    name: #hname,
                    presence: #rt::Presence::#presence,
                    source: #rt::HeaderSource::#source,
                })
            });
        let request = ident(&op.request.rust_name);
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
                request: super::#request::object_schema,
            };
        }
    });
    let all_infos = service.operations.iter().map(info_ident);
    let op_count = service.operations.len();
    let visits = service.operations.iter().map(|op| {
        let request = ident(&op.request.rust_name);
        quote!(visitor.visit::<#request>();)
    });
    let accessor_doc = format!(" Operations of `{}`.", service.qualified_name);
    let mount_doc = format!(
        " Serves the operations of `{}` with `service`.",
        service.qualified_name
    );
    let op_impls = service.operations.iter().map(|op| {
        let request = ident(&op.request.rust_name);
        let response = response_type(op);
        let info = info_ident(op);
        quote! {
            impl #rt::Operation for #request {
                type Response = #response;
                const INFO: &'static #rt::OperationInfo = &operations::#info;
            }
        }
    });

    let methods = service.operations.iter().map(|op| {
        let method = ident(&op.rust_name);
        let request = ident(&op.request.rust_name);
        let response = response_type(op);
        let doc = doc_attrs(&operation_doc(api, op));
        let biz_type = &op.biz_type;
        let deprecated = deprecated_attr(op.deprecated, &op.deprecation);
        quote! {
            #doc
            #deprecated
            fn #method(
                &self,
                ctx: #rt::RequestContext,
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
            let router = #rt::mount(router, &operations::#info, config.clone(), {
                let service = service.clone();
                move |ctx, request| {
                    let service = service.clone();
                    async move { service.#method(ctx, request).await }
                }
            });
        }
    });

    let client_methods = service.operations.iter().map(|op| {
        let method = ident(&op.rust_name);
        let with = format_ident!("{}_with", op.rust_name.trim_start_matches("r#"));
        let request = ident(&op.request.rust_name);
        let response = response_type(op);
        let decode = decode_type(op);
        let info = info_ident(op);
        let doc = doc_attrs(&operation_doc(api, op));
        let convert = if op.response.ty.is_none() { quote!(.map(|_| ())) } else { quote!() };
        let with_doc = format!(" Like [`Self::{}`], with per-call options (e.g. a given `trace`).", op.rust_name.trim_start_matches("r#"));
        let deprecated = deprecated_attr(op.deprecated, &op.deprecation);
        quote! {
            #doc
            #deprecated
            pub async fn #method(&self, request: &#request) -> Result<#response, #rt::ClientError> {
                self.#with(request, #rt::CallOptions::default()).await
            }

            #[doc = #with_doc]
            pub async fn #with(&self, request: &#request, options: #rt::CallOptions) -> Result<#response, #rt::ClientError> {
                self.client.call::<#request, #decode>(&operations::#info, request, options).await #convert
            }
        }
    });

    let trait_doc = doc_attrs(&paragraphs([
        format!("Server side of `{}`: implement the operations you serve.", service.qualified_name).as_str(),
        "Every method has a default that answers `BIZGEN_NOT_IMPLEMENTED`, so that an operation added to the spec does not break existing implementations. Requests reach a method only after headers, token and body have passed every check of the spec.",
    ]));

    // Deprecated items are for users' code to avoid; the generated code
    // itself still serves and calls them.
    let uses_deprecated = service
        .operations
        .iter()
        .any(|op| op.deprecated || op.request.fields.iter().any(|f| f.deprecated));
    let allow_deprecated = uses_deprecated.then(|| quote!(#![allow(deprecated)]));
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

        /// Calls `visitor.visit::<Request>()` for every operation's request type.
        pub fn visit_operations<V: #rt::OperationVisitor>(visitor: &mut V) {
            #(#visits)*
        }

        #trait_doc
        #server_gate
        pub trait #trait_name: Send + Sync + 'static {
            #(#methods)*
        }

        /// Mounts every operation of the service on a router.
        #server_gate
        pub fn router<S: #trait_name>(service: ::std::sync::Arc<S>, config: #rt::ServerConfig) -> #rt::Router {
            let router = #rt::Router::new();
            #(#mounts)*
            router
        }

        #server_gate
        impl super::Server {
            #[doc = #mount_doc]
            pub fn #module<S: #trait_name>(mut self, service: S) -> Self {
                self.router = self.router.merge(router(::std::sync::Arc::new(service), self.config.clone()));
                self
            }
        }

        #server_gate
        impl #trait_name for super::Unimplemented {}

        /// Client side of the service; get one from the crate's `Client`.
        #client_gate
        #[derive(Debug, Clone, Copy)]
        pub struct Client<'a> {
            pub(crate) client: &'a #rt::Client,
        }

        #client_gate
        impl<'a> Client<'a> {
            #(#client_methods)*
        }

        #client_gate
        impl super::Client {
            #[doc = #accessor_doc]
            pub fn #module(&self) -> Client<'_> {
                Client { client: &self.inner }
            }
        }
    }
}
