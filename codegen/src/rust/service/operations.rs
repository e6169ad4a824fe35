//! `operations.rs` of a service module: each operation's descriptor (path,
//! bizType, access, headers, request schema), `ALL` and `COUNT`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Operation, Presence, Service};
use crate::rust::names::{OperationNames, ServiceNames};
use crate::rust::tokens::{ident, rt_import};

pub(super) fn emit(service: &Service, names: &ServiceNames) -> TokenStream {
    let import = rt_import();
    let infos = service
        .operations
        .iter()
        .zip(&names.operations)
        .map(|(op, op_names)| descriptor(service, op, op_names));
    let all = names.operations.iter().map(|n| ident(&n.info));
    let count = proc_macro2::Literal::usize_unsuffixed(service.operations.len());
    quote! {
        //! Descriptors of this service's operations: path, bizType, access,
        //! headers and request schema.

        #import

        #(#infos)*

        /// Every operation of this service.
        pub static ALL: &[&rt::OperationInfo] = &[#(&#all),*];

        /// The number of operations of this service.
        pub const COUNT: usize = #count;
    }
}

/// The static describing one operation.
fn descriptor(service: &Service, op: &Operation, names: &OperationNames) -> TokenStream {
    let name = ident(&names.info);
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
            quote!(rt::HeaderSpec {
                name: #hname,
                presence: rt::Presence::#presence,
                source: rt::HeaderSource::#source,
            })
        });
    let request = ident(&names.request);
    let read_only = op.read_only;
    let doc = format!(" `{}`: {}", op.name, op.summary);
    quote! {
        #[doc = #doc]
        pub static #name: rt::OperationInfo = rt::OperationInfo {
            service: #svc,
            name: #op_name,
            biz_type: #biz_type,
            path: #path,
            access: rt::Access::#access,
            version: #version,
            headers: &[#(#headers),*],
            read_only: #read_only,
            request: super::#request::object_schema,
        };
    }
}
