//! Paged operations (the spec's `paginate:`): the request type implements
//! the runtime's `Paginated`, and the service client gets `<method>_all`,
//! a stream of every item.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use super::services::response_type;
use super::tokens::{ident, rt};
use super::types::{rust_type, Scope};
use super::Gates;
use crate::ir::{Api, Field, Operation};

/// `impl rt::Paginated for XRequest`, under feature `client`.
pub(super) fn emit_paginated(api: &Api, op: &Operation, gates: Gates) -> Option<TokenStream> {
    let rt = rt();
    let fields = api.page_fields(op)?;
    let client_gate = gates.on("client");
    let request = ident(&op.request.rust_name);
    let response = response_type(op);
    let item = rust_type(fields.item, Scope::Sibling);
    let read = |f: &Field| {
        let name = ident(&f.rust_name);
        as_i64(f, quote!(self.#name))
    };
    let (page_number, page_size) = (read(fields.page), read(fields.size));
    let page = ident(&fields.page.rust_name);
    let number = match fields.page.ty {
        crate::ir::Ty::Int32 => quote!(i32::try_from(page).unwrap_or(i32::MAX)),
        _ => quote!(page),
    };
    let set_page = if optional(fields.page) {
        quote!(self.#page = ::core::option::Option::Some(#number);)
    } else {
        quote!(self.#page = #number;)
    };
    let items = ident(&fields.items.rust_name);
    let items = if optional(fields.items) {
        quote!(data.#items.unwrap_or_default())
    } else {
        quote!(data.#items)
    };
    let total = match fields.total {
        Some(f) => {
            let name = ident(&f.rust_name);
            as_i64(f, quote!(data.#name))
        }
        None => quote!(::core::option::Option::None),
    };
    let unwrap = op.response.nullable.then(|| {
        quote! {
            let ::core::option::Option::Some(data) = data else {
                return #rt::Page { items: ::std::vec::Vec::new(), total: ::core::option::Option::None };
            };
        }
    });
    Some(quote! {
        #client_gate
        impl #rt::Paginated for #request {
            type Item = #item;

            fn page_number(&self) -> ::core::option::Option<i64> {
                #page_number
            }

            fn page_size(&self) -> ::core::option::Option<i64> {
                #page_size
            }

            fn set_page_number(&mut self, page: i64) {
                #set_page
            }

            fn into_page(data: #response) -> #rt::Page<Self::Item> {
                #unwrap
                #rt::Page { items: #items, total: #total }
            }
        }
    })
}

/// The iterator method of a paged operation's client, e.g. `page_all`.
pub(super) fn emit_page_all(api: &Api, op: &Operation) -> Option<TokenStream> {
    let rt = rt();
    let fields = api.page_fields(op)?;
    let one_page = op.rust_name.trim_start_matches("r#");
    let method = format_ident!("{}_all", one_page);
    let request = ident(&op.request.rust_name);
    let item = rust_type(fields.item, Scope::Sibling);
    let stop = match &fields.total {
        Some(t) => format!("`{}` items", t.name),
        None => "an empty page or one shorter than the page size".to_owned(),
    };
    let doc = doc_attrs(&format!(
        "Every item of [`{one_page}`](Self::{one_page}), page by page: a stream of `{}` that asks for the next page only when this one is used up, from the request's `{page}` (1 when unset), and stops after {stop} (or at an empty page).\n\n\
         Each page is one call with this handle's options, retried like any other call; a page that fails is the stream's last item, an error. Read it as a `Stream`, or without a stream crate with [`Pages::next`]({rt_path}::Pages::next) and [`Pages::try_collect`]({rt_path}::Pages::try_collect).",
        fields.items.name,
        page = fields.page.name,
        rt_path = "rt",
    ));
    Some(quote! {
        #doc
        pub fn #method(&self, request: &#request) -> #rt::Pages<#item> {
            self.client.page_all(request, &self.options)
        }
    })
}

/// An integer field's value as `Option<i64>` (int32 widened, int64 as is).
fn as_i64(f: &Field, value: TokenStream) -> TokenStream {
    let widen = f.ty == crate::ir::Ty::Int32;
    match (optional(f), widen) {
        (true, true) => quote!(#value.map(i64::from)),
        (true, false) => value,
        (false, true) => quote!(::core::option::Option::Some(i64::from(#value))),
        (false, false) => quote!(::core::option::Option::Some(#value)),
    }
}

/// Whether a field is an `Option` in Rust.
fn optional(f: &Field) -> bool {
    !f.required || f.nullable
}
