//! Token helpers every part of the Rust emitter uses: identifiers (raw
//! where needed) and the path of the runtime's re-export surface.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// The re-export surface of the runtime, as named inside generated modules
/// (each starts with `use ::bizgen_runtime::codegen as rt;`).
pub(super) fn rt() -> TokenStream {
    quote!(rt)
}

/// The re-export surface by absolute path, for items at the root (which may
/// be a user's module when expanded by the proc-macro).
pub(super) fn rt_abs() -> TokenStream {
    quote!(::bizgen_runtime::codegen)
}

/// The import that opens every generated module.
pub(super) fn rt_import() -> TokenStream {
    quote!(
        use ::bizgen_runtime::codegen as rt;
    )
}

/// An identifier, raw (`r#type`) where the name says so.
pub(super) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
