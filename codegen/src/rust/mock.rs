//! A mock implementation of every service that answers with the spec's
//! examples, and the binary that serves it.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::services::{response_type, trait_ident};
use super::tokens::{ident, rt};
use crate::ir::{Api, Operation, Ty};

/// What the mock answers for an operation.
enum Answer {
    Data(String),
    Error {
        code: String,
        msg: String,
        data: String,
    },
}

/// Whether the operation hands out the session token: its `data` is an
/// object with a `token` field (login). The mock answers those with the
/// token it accepts, so that login followed by a token call works.
fn issues_token(api: &Api, op: &Operation) -> bool {
    match &op.response.ty {
        Some(Ty::Struct(name)) => api
            .find_struct(name)
            .is_some_and(|s| s.fields.iter().any(|f| f.name == "token")),
        _ => false,
    }
}

fn answer(op: &Operation) -> Answer {
    let envelopes = op.examples.iter().filter_map(|e| e.response.as_ref());
    let mut error = None;
    for env in envelopes {
        match env.get("ok").and_then(Value::as_bool) {
            Some(true) => {
                let data = env.get("data").cloned().unwrap_or(Value::Null);
                return Answer::Data(data.to_string());
            }
            _ if error.is_none() => {
                let text = |k: &str| {
                    env.get(k)
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned()
                };
                error = Some(Answer::Error {
                    code: text("code"),
                    msg: text("msg"),
                    data: env.get("data").cloned().unwrap_or(Value::Null).to_string(),
                });
            }
            _ => {}
        }
    }
    // No example at all: the empty answer of an operation without data.
    error.unwrap_or_else(|| Answer::Data("null".into()))
}

pub fn emit_mock(api: &Api) -> TokenStream {
    let rt = rt();
    let import = super::tokens::rt_import();
    let impls = api.services.iter().map(|service| {
        let module = ident(&service.module);
        let trait_name = trait_ident(service);
        let methods = service.operations.iter().map(|op| {
            let method = ident(&op.rust_name);
            let request = ident(&op.request.rust_name);
            let response = response_type(op);
            let body = match answer(op) {
                Answer::Data(json) if issues_token(api, op) => {
                    quote!(#rt::mock_login_data::<#response>(#json, self.token.as_deref()))
                }
                Answer::Data(json) => quote!(#rt::mock_data::<#response>(#json)),
                Answer::Error { code, msg, data } => quote!(#rt::mock_error(#code, #msg, #data)),
            };
            quote! {
                fn #method(
                    &self,
                    ctx: #rt::RequestContext,
                    request: super::#module::#request,
                ) -> impl ::core::future::Future<Output = Result<#response, #rt::ApiError>> + Send {
                    let _ = (ctx, request);
                    let answer = #body;
                    async { answer }
                }
            }
        });
        quote! {
            impl super::#module::#trait_name for Mock {
                #(#methods)*
            }
        }
    });
    let mounts = api.services.iter().map(|s| {
        let module = ident(&s.module);
        quote!(.#module(mock.clone()))
    });
    quote! {
        /// A mock of every service that answers with the spec's example
        /// responses (the first successful one, else the first error).
        pub mod mock {
            #import

            /// The mock implementation of every service trait.
            #[derive(Debug, Clone, Default)]
            pub struct Mock {
                /// The customer token that login hands out: one the
                /// server's authenticator accepts.
                pub token: Option<::std::sync::Arc<str>>,
            }

            #(#impls)*

            /// The mock server's `main`: flags `--host`, `--port`, `--token`,
            /// `--admin-token` (see `customer-api-mock --help`).
            pub fn main() -> ::std::process::ExitCode {
                #rt::server::run_mock(super::API_NAME, super::OPERATION_COUNT, router)
            }

            /// A router serving every operation with [`Mock`].
            pub fn router(config: #rt::ServerConfig) -> #rt::Router {
                let mock = Mock {
                    token: config
                        .authenticator
                        .issue(#rt::TokenKind::Customer)
                        .map(::std::sync::Arc::from),
                };
                super::Server::new(config)
                    #(#mounts)*
                    .into_router()
            }
        }
    }
}
