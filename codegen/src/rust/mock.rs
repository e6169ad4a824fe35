//! A mock implementation of every service that answers with the spec's
//! examples, and the binary that serves it.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::services::{response_type, trait_ident};
use super::{ident, rt};
use crate::ir::{Api, Operation};

/// What the mock answers for an operation.
enum Answer {
    Data(String),
    Error { code: String, msg: String, data: String },
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
                let text = |k: &str| env.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
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
    let impls = api.services.iter().map(|service| {
        let module = ident(&service.module);
        let trait_name = trait_ident(service);
        let methods = service.operations.iter().map(|op| {
            let method = ident(&op.rust_name);
            let request = ident(&op.request.rust_name);
            let response = response_type(op);
            let body = match answer(op) {
                Answer::Data(json) => quote!(#rt::mock_data::<#response>(#json)),
                Answer::Error { code, msg, data } => quote!(#rt::mock_error(#code, #msg, #data)),
            };
            quote! {
                fn #method(
                    &self,
                    ctx: #rt::RequestContext,
                    request: super::#module::#request,
                ) -> impl ::core::future::Future<Output = ::core::result::Result<#response, #rt::ApiError>> + ::core::marker::Send {
                    let _ = (ctx, request);
                    async { #body }
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
        quote!(.#module(Mock))
    });
    quote! {
        /// A mock of every service that answers with the spec's example
        /// responses (the first successful one, else the first error).
        pub mod mock {
            /// The mock implementation of every service trait.
            #[derive(Debug, Clone, Copy, Default)]
            pub struct Mock;

            #(#impls)*

            /// A router serving every operation with [`Mock`].
            pub fn router(config: #rt::ServerConfig) -> #rt::Router {
                super::Server::new(config)
                    #(#mounts)*
                    .into_router()
            }
        }
    }
}

pub fn emit_mock_bin(api: &Api) -> TokenStream {
    let krate = ident(&api.name.replace('-', "_"));
    let rt = rt();
    let usage = format!(
        "usage: {}-mock [--port PORT] [--host HOST] [--token TOKEN] [--admin-token TOKEN]\n\
         Serves every operation of the spec with its example responses.\n\
         Defaults: --host 127.0.0.1 --port 8080 --token mock-token --admin-token mock-admin-token",
        api.name
    );
    quote! {
        //! Mock server: every operation of the spec, answering with its examples.

        use #rt::server::StaticTokens;

        struct Args {
            host: ::std::string::String,
            port: u16,
            token: ::std::string::String,
            admin_token: ::std::string::String,
        }

        fn parse_args() -> ::core::result::Result<Args, ::std::string::String> {
            let mut args = Args {
                host: "127.0.0.1".into(),
                port: 8080,
                token: "mock-token".into(),
                admin_token: "mock-admin-token".into(),
            };
            let mut it = ::std::env::args().skip(1);
            while let ::core::option::Option::Some(flag) = it.next() {
                if flag == "--help" || flag == "-h" {
                    return ::core::result::Result::Err(::std::string::String::new());
                }
                let value = it.next().ok_or_else(|| ::std::format!("{flag} needs a value"))?;
                match flag.as_str() {
                    "--host" => args.host = value,
                    "--port" => args.port = value.parse().map_err(|e| ::std::format!("--port {value}: {e}"))?,
                    "--token" => args.token = value,
                    "--admin-token" => args.admin_token = value,
                    other => return ::core::result::Result::Err(::std::format!("unknown argument {other}")),
                }
            }
            ::core::result::Result::Ok(args)
        }

        fn main() -> ::std::process::ExitCode {
            let args = match parse_args() {
                ::core::result::Result::Ok(args) => args,
                ::core::result::Result::Err(message) => {
                    if !message.is_empty() {
                        ::std::eprintln!("{message}");
                    }
                    ::std::eprintln!(#usage);
                    return ::std::process::ExitCode::from(2);
                }
            };
            let runtime = match #rt::tokio::runtime::Builder::new_multi_thread().enable_all().build() {
                ::core::result::Result::Ok(rt) => rt,
                ::core::result::Result::Err(e) => {
                    ::std::eprintln!("cannot start the async runtime: {e}");
                    return ::std::process::ExitCode::FAILURE;
                }
            };
            let config = #rt::ServerConfig::new(StaticTokens::new(args.token, args.admin_token));
            let router = #krate::mock::router(config);
            let address = ::std::format!("{}:{}", args.host, args.port);
            runtime.block_on(async move {
                let listener = match #rt::tokio::net::TcpListener::bind(&address).await {
                    ::core::result::Result::Ok(l) => l,
                    ::core::result::Result::Err(e) => {
                        ::std::eprintln!("cannot listen on {address}: {e}");
                        return ::std::process::ExitCode::FAILURE;
                    }
                };
                ::std::eprintln!("{} operations on http://{address}", #krate::OPERATION_COUNT);
                match #rt::axum::serve(listener, router).await {
                    ::core::result::Result::Ok(()) => ::std::process::ExitCode::SUCCESS,
                    ::core::result::Result::Err(e) => {
                        ::std::eprintln!("server error: {e}");
                        ::std::process::ExitCode::FAILURE
                    }
                }
            })
        }
    }
}
