//! `client.rs` of a service module: the service's client
//! (`CustomerWebApiServiceClient`), one async method per operation, which
//! the crate's `Client` hands out.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Operation, Service, Session, Side, Ty};
use crate::rust::context::Cx;
use crate::rust::docs::{deprecated_attr, doc_attrs, operation_doc, service_label};
use crate::rust::names::{self, OperationNames, ServiceNames};
use crate::rust::tokens::{ident, request_imports, rt_import, types_import};
use crate::rust::typeref::response_type;

pub(super) fn emit(cx: &Cx, service: &Service, names: &ServiceNames) -> TokenStream {
    let import = rt_import();
    let uses_types = service
        .operations
        .iter()
        .any(|op| op.response.ty.as_ref().is_some_and(|t| t.named().is_some()));
    let types = uses_types.then(types_import);
    let requests = request_imports(names);
    let client = ident(&names.client);
    let label = service_label(cx.api, service);
    let doc = format!(" The client of {label}.");
    let struct_doc = doc_attrs(&format!(
        "Client of {label}: get one with [`Client::{module}`](super::super::Client::{module}).\n\n\
         Calls return `data`; after [`with`](Self::with) they return the whole \
         [`rt::Response`] (`trace`, `tm`, `biz_code`).",
        module = names.module.trim_start_matches("r#"),
    ));
    let methods = service
        .operations
        .iter()
        .zip(&names.operations)
        .map(|(op, op_names)| method(cx, op, op_names));
    quote! {
        #![doc = #doc]

        use std::marker::PhantomData;

        #import

        #types
        #requests

        #struct_doc
        #[derive(Debug, Clone)]
        pub struct #client<'a, M: rt::CallMode = rt::DataOnly> {
            client: &'a rt::Client,
            options: rt::CallOptions,
            mode: PhantomData<M>,
        }

        /// Calls through the given runtime client, with default options.
        impl<'a> From<&'a rt::Client> for #client<'a> {
            fn from(client: &'a rt::Client) -> Self {
                #client { client, options: rt::CallOptions::default(), mode: PhantomData }
            }
        }

        impl<'a, M: rt::CallMode> #client<'a, M> {
            /// Calls with per-call options (e.g. a given `trace`) that
            /// return the whole [`rt::Response`].
            pub fn with(&self, options: rt::CallOptions) -> #client<'a, rt::WithMeta> {
                #client { client: self.client, options, mode: PhantomData }
            }

            #(#methods)*
        }
    }
}

/// One operation's method.
fn method(cx: &Cx, op: &Operation, names: &OperationNames) -> TokenStream {
    let method = ident(&names.method);
    let request = ident(&names.request);
    let response = response_type(cx.names, op);
    let doc = doc_attrs(&operation_doc(cx.api, op));
    let body = match session_update(cx.api, op) {
        None => quote!(self
            .client
            .call_op(request, &self.options)
            .await
            .map(M::finish)),
        Some(update) => quote! {
            let response = self.client.call_op(request, &self.options).await?;
            #update
            Ok(M::finish(response))
        },
    };
    let deprecated = deprecated_attr(op.deprecated, &op.deprecation);
    let page_all = super::paging::page_all(cx, op, names).map(|m| quote!(#deprecated #m));
    quote! {
        #doc
        #deprecated
        pub async fn #method(&self, request: &#request) -> Result<M::Output<#response>, rt::ClientError> {
            #body
        }

        #page_all
    }
}

/// What the client does with its token after a successful call, where the
/// spec says the operation starts (`setsToken`) or ends (`clearsToken`) a
/// session.
fn session_update(api: &Api, op: &Operation) -> Option<TokenStream> {
    let kind = match op.side {
        Side::C => quote!(rt::TokenKind::Customer),
        Side::B => quote!(rt::TokenKind::Admin),
    };
    match &op.session {
        Session::Keeps => None,
        Session::Clears => Some(quote! {
            self.client.set_token_of(#kind, None);
        }),
        Session::Sets { field, .. } => {
            let Some(Ty::Struct(name)) = &op.response.ty else {
                return None;
            };
            let data = api.find_struct(name)?;
            let index = data.fields.iter().position(|f| f.name == *field)?;
            let f = &data.fields[index];
            let fname = ident(&names::fields(data)[index]);
            let optional = !f.required || f.nullable;
            Some(match (op.response.nullable, optional) {
                (false, false) => quote! {
                    self.client.set_token_of(#kind, Some(response.data.#fname.clone()));
                },
                (false, true) => quote! {
                    if let Some(token) = &response.data.#fname {
                        self.client.set_token_of(#kind, Some(token.clone()));
                    }
                },
                (true, false) => quote! {
                    if let Some(data) = &response.data {
                        self.client.set_token_of(#kind, Some(data.#fname.clone()));
                    }
                },
                (true, true) => quote! {
                    if let Some(token) = response.data.as_ref().and_then(|data| data.#fname.as_ref()) {
                        self.client.set_token_of(#kind, Some(token.clone()));
                    }
                },
            })
        }
    }
}
