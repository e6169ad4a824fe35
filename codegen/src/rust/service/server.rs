//! `server.rs` of a service module: the service's trait (one method per
//! operation, each with a default answer), `mount`, and the trait for the
//! crate's `Unimplemented`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Access, Operation, Service};
use crate::rust::context::Cx;
use crate::rust::docs::{deprecated_attr, doc_attrs, operation_doc, paragraphs, service_label};
use crate::rust::names::{OperationNames, ServiceNames};
use crate::rust::tokens::{ident, request_imports, rt_import, types_import};
use crate::rust::typeref::response_type;

pub(super) fn emit(cx: &Cx, service: &Service, names: &ServiceNames) -> TokenStream {
    let import = rt_import();
    let has_ops = !service.operations.is_empty();
    let uses_types = service
        .operations
        .iter()
        .any(|op| op.response.ty.as_ref().is_some_and(|t| t.named().is_some()));
    let types = uses_types.then(types_import);
    let std_imports = has_ops.then(|| {
        quote! {
            use std::future::Future;
            use std::sync::Arc;
        }
    });
    let operations = has_ops.then(|| {
        quote!(
            use super::operations;
        )
    });
    let requests = request_imports(names);
    let label = service_label(cx.api, service);
    let doc = format!(" The server side of {label}.");
    let server_trait = ident(&names.server_trait);
    let trait_doc = doc_attrs(&paragraphs([
        format!("Server side of {label}: implement the operations you serve.").as_str(),
        "Every method has a default that answers `BIZGEN_NOT_IMPLEMENTED`, so that an operation added to the spec does not break existing implementations. Requests reach a method only after headers, token and body have passed every check of the spec.",
    ]));
    let methods = service
        .operations
        .iter()
        .zip(&names.operations)
        .map(|(op, op_names)| method(cx, op, op_names));
    let mount = mount(service, names);
    quote! {
        #![doc = #doc]

        #std_imports

        #import

        #operations
        #types
        #requests

        #trait_doc
        pub trait #server_trait: Send + Sync + 'static {
            #(#methods)*
        }

        #mount

        /// Answers every operation with `BIZGEN_NOT_IMPLEMENTED`.
        impl #server_trait for super::super::Unimplemented {}
    }
}

/// A handler's context: the caller is always known where a token is required.
fn context_type(op: &Operation) -> TokenStream {
    match op.access {
        Access::Login | Access::Admin => quote!(rt::AuthContext),
        Access::Guest | Access::Optional => quote!(rt::RequestContext),
    }
}

/// One operation's trait method, answering `BIZGEN_NOT_IMPLEMENTED`.
fn method(cx: &Cx, op: &Operation, names: &OperationNames) -> TokenStream {
    let method = ident(&names.method);
    let request = ident(&names.request);
    let response = response_type(cx.names, op);
    let doc = doc_attrs(&operation_doc(cx.api, op));
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
        ) -> impl Future<Output = Result<#response, rt::ApiError>> + Send {
            let _ = (ctx, request);
            async { Err(rt::ApiError::not_implemented(#biz_type)) }
        }
    }
}

/// `mount`: every operation of the service on a server's routes.
fn mount(service: &Service, names: &ServiceNames) -> TokenStream {
    let server_trait = ident(&names.server_trait);
    let routes = names.operations.iter().map(|n| {
        let method = ident(&n.method);
        let info = ident(&n.info);
        quote! {
            routes.add(&operations::#info, &service, |s, ctx, request| async move { s.#method(ctx, request).await });
        }
    });
    // Deprecated operations are for users' code to avoid; the server
    // still serves them.
    let allow_deprecated =
        service.operations.iter().any(|op| op.deprecated).then(
            || quote!(#[allow(deprecated, reason = "deprecated operations are still served")]),
        );
    let body = if service.operations.is_empty() {
        quote! {
            let _ = (routes, service);
        }
    } else {
        quote! {
            routes.claim(operations::ALL)?;
            let service = Arc::new(service);
            #(#routes)*
        }
    };
    quote! {
        /// Adds every operation of the service to a server's routes; an
        /// error if one of them is already served.
        #allow_deprecated
        pub fn mount<S: #server_trait>(routes: &mut rt::Routes, service: S) -> Result<(), rt::ServerError> {
            #body
            Ok(())
        }
    }
}
