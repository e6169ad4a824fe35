//! Paged operations (the spec's `paginate:`): the request type implements
//! the runtime's `Paginated` (in `requests.rs`), and the service's client
//! gets the iterator `<method>_all`, a stream of every item (in
//! `client.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Field, Operation, Struct, Ty};
use crate::rust::context::Cx;
use crate::rust::docs::doc_attrs;
use crate::rust::names::{self, OperationNames};
use crate::rust::tokens::ident;
use crate::rust::typeref::{response_type, rust_type, Scope};

/// `impl rt::Paginated for XRequest`, under feature `client`.
pub(super) fn paginated(cx: &Cx, op: &Operation, op_names: &OperationNames) -> Option<TokenStream> {
    let fields = cx.api.page_fields(op)?;
    let client_gate = cx.gates.on("client");
    let request = ident(&op_names.request);
    let response = response_type(cx.names, op);
    let item = rust_type(cx.names, fields.item, Scope::Service);
    let request_field = |f: &Field| field_ident(&op.request, f);
    let response_field = |f: &Field| field_ident(fields.response, f);
    let (page_number, page_size) = (
        as_i64(fields.page, request_field(fields.page), quote!(self)),
        as_i64(fields.size, request_field(fields.size), quote!(self)),
    );
    let page = request_field(fields.page);
    let number = match fields.page.ty {
        Ty::Int32 => quote!(i32::try_from(page).unwrap_or(i32::MAX)),
        _ => quote!(page),
    };
    let set_page = if optional(fields.page) {
        quote!(self.#page = Some(#number);)
    } else {
        quote!(self.#page = #number;)
    };
    let items = response_field(fields.items);
    let items = if optional(fields.items) {
        quote!(data.#items.unwrap_or_default())
    } else {
        quote!(data.#items)
    };
    let total = match fields.total {
        Some(f) => as_i64(f, response_field(f), quote!(data)),
        None => quote!(None),
    };
    let unwrap = op.response.nullable.then(|| {
        quote! {
            let Some(data) = data else {
                return rt::Page { items: Vec::new(), total: None };
            };
        }
    });
    Some(quote! {
        #client_gate
        impl rt::Paginated for #request {
            type Item = #item;

            fn page_number(&self) -> Option<i64> {
                #page_number
            }

            fn page_size(&self) -> Option<i64> {
                #page_size
            }

            fn set_page_number(&mut self, page: i64) {
                #set_page
            }

            fn into_page(data: #response) -> rt::Page<Self::Item> {
                #unwrap
                rt::Page { items: #items, total: #total }
            }
        }
    })
}

/// The client's iterator over every item of a paged operation, e.g.
/// `page_all`.
pub(super) fn page_all(cx: &Cx, op: &Operation, op_names: &OperationNames) -> Option<TokenStream> {
    let fields = cx.api.page_fields(op)?;
    let iterator = ident(op_names.iterator.as_deref()?);
    let one_page = op_names.method.trim_start_matches("r#");
    let request = ident(&op_names.request);
    let item = rust_type(cx.names, fields.item, Scope::Service);
    let stop = match &fields.total {
        Some(t) => format!("`{}` items", t.name),
        None => "an empty page or one shorter than the page size".to_owned(),
    };
    let doc = doc_attrs(&format!(
        "Every item of [`{one_page}`](Self::{one_page}), page by page: a stream of `{}` that asks for the next page only when this one is used up, from the request's `{page}` (1 when unset), and stops after {stop} (or at an empty page).\n\n\
         Each page is one call with this handle's options, retried like any other call; a page that fails is the stream's last item, an error. Read it as a `Stream`, or without a stream crate with [`Pages::next`](rt::Pages::next) and [`Pages::try_collect`](rt::Pages::try_collect).",
        fields.items.name,
        page = fields.page.name,
    ));
    Some(quote! {
        #doc
        pub fn #iterator(&self, request: &#request) -> rt::Pages<#item> {
            self.client.page_all(request, &self.options)
        }
    })
}

/// The Rust name of a field of `s`, as an identifier.
fn field_ident(s: &Struct, f: &Field) -> proc_macro2::Ident {
    let rust = s
        .fields
        .iter()
        .zip(names::fields(s))
        .find_map(|(g, rust)| (g.name == f.name).then_some(rust));
    ident(&rust.unwrap_or_else(|| names::field_name(&f.name)))
}

/// An integer field of `owner` as `Option<i64>` (int32 widened, int64 as
/// is).
fn as_i64(f: &Field, name: proc_macro2::Ident, owner: TokenStream) -> TokenStream {
    let value = quote!(#owner.#name);
    let widen = f.ty == Ty::Int32;
    match (optional(f), widen) {
        (true, true) => quote!(#value.map(i64::from)),
        (true, false) => value,
        (false, true) => quote!(Some(i64::from(#value))),
        (false, false) => quote!(Some(#value)),
    }
}

/// Whether a field is an `Option` in Rust.
fn optional(f: &Field) -> bool {
    !f.required || f.nullable
}
