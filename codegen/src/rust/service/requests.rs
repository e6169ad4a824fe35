//! `requests.rs` of a service module: one request type per operation,
//! with its constructor and its `rt::Operation` impl (descriptor and
//! response type), and `visit_operations`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Operation, Service};
use crate::rust::context::Cx;
use crate::rust::docs::{doc_attrs, paragraphs};
use crate::rust::names::{OperationNames, ServiceNames};
use crate::rust::structs::emit_struct;
use crate::rust::tokens::{ident, rt_import, types_import};
use crate::rust::typeref::{response_type, Scope};

pub(super) fn emit(cx: &Cx, service: &Service, names: &ServiceNames) -> TokenStream {
    let doc = format!(" Request bodies of the operations of `{}`.", service.name);
    let uses_deprecated = service
        .operations
        .iter()
        .any(|op| op.request.fields.iter().any(|f| f.deprecated));
    let allow_deprecated = uses_deprecated.then(|| {
        quote!(#![allow(deprecated, reason = "deprecated fields are for users to avoid; their own impls use them")])
    });
    let import = rt_import();
    let uses_types = service
        .operations
        .iter()
        .any(|op| op.request.fields.iter().any(|f| f.ty.named().is_some()))
        || service
            .operations
            .iter()
            .any(|op| op.response.ty.as_ref().is_some_and(|t| t.named().is_some()));
    let types = uses_types.then(types_import);
    let operations = (!service.operations.is_empty()).then(|| {
        quote!(
            use super::operations;
        )
    });
    let requests = service
        .operations
        .iter()
        .zip(&names.operations)
        .map(|(op, op_names)| request(cx, op, op_names, names));
    let visits = names.operations.iter().map(|n| {
        let request = ident(&n.request);
        quote!(visitor.visit::<#request>();)
    });
    let visit_gate = cx.gates.round_trip();
    let visitor = if service.operations.is_empty() {
        quote!(_visitor)
    } else {
        quote!(visitor)
    };
    quote! {
        #![doc = #doc]
        #allow_deprecated

        #import

        #operations
        #types

        #(#requests)*

        /// Calls `visitor.visit::<Request>()` for every operation's request type
        /// (with feature `serde`, or `client` and `server`: visitors may
        /// decode requests and responses).
        #visit_gate
        pub fn visit_operations<V: rt::OperationVisitor>(#visitor: &mut V) {
            #(#visits)*
        }
    }
}

/// One operation's request type, its `impl` and its `rt::Operation` impl.
fn request(cx: &Cx, op: &Operation, names: &OperationNames, service: &ServiceNames) -> TokenStream {
    let method = names.method.trim_start_matches("r#");
    let doc = doc_attrs(&paragraphs([
        format!(
            "Request body of `{}` ([`operations::{}`]).",
            op.name, names.info
        )
        .as_str(),
        op.summary.as_str(),
    ]));
    // The client and the server trait exist only under their features:
    // each link is a paragraph of its own, shown with its feature.
    let client = &service.client;
    let server_trait = &service.server_trait;
    let sent = cx.gates.doc_paragraph_on(
        "client",
        &format!("Sent by [`{client}::{method}`](super::{client}::{method})."),
    );
    let served = cx.gates.doc_paragraph_on(
        "server",
        &format!("Served by [`{server_trait}::{method}`](super::{server_trait}::{method})."),
    );
    let doc = quote!(#doc #sent #served);
    let item = emit_struct(cx, &op.request, &names.request, doc, Scope::Service, true);
    let request = ident(&names.request);
    let response = response_type(cx.names, op);
    let info = ident(&names.info);
    let paginated = super::paging::paginated(cx, op, names);
    quote! {
        #item

        impl rt::Operation for #request {
            type Response = #response;
            const INFO: &'static rt::OperationInfo = &operations::#info;
        }

        #paginated
    }
}
