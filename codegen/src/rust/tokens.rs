//! Token helpers every part of the Rust emitter uses: identifiers (raw
//! where needed) and the runtime's re-export surface.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::names::ServiceNames;

/// The re-export surface by absolute path, for items at the root (which may
/// be a user's module when expanded by the proc-macro, with a `rt` or
/// `Result` of its own).
pub(super) fn rt_abs() -> TokenStream {
    quote!(::bizgen_runtime::codegen)
}

/// The import that opens every generated module: the runtime's surface as
/// `rt`.
pub(super) fn rt_import() -> TokenStream {
    quote!(
        use bizgen_runtime::codegen as rt;
    )
}

/// An identifier, raw (`r#type`) where the name says so.
pub(super) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The import of the shared `types` module into a file of a service
/// module (`src/<service>/<file>.rs`), which names them `types::Account`.
pub(super) fn types_import() -> TokenStream {
    quote!(
        use super::super::types;
    )
}

/// `use super::{BindEmailRequest, ..};`: the request types, sorted.
pub(super) fn request_imports(names: &ServiceNames) -> Option<TokenStream> {
    let mut requests: Vec<&str> = names
        .operations
        .iter()
        .map(|n| n.request.as_str())
        .collect();
    requests.sort_unstable();
    let requests = requests.into_iter().map(ident);
    (!names.operations.is_empty()).then(|| quote!(use super::{#(#requests),*};))
}
