//! `bizgen_macros::generate!("spec")`: the same items that `bizgen generate`
//! writes, expanded at compile time from a spec directory relative to
//! `CARGO_MANIFEST_DIR`. The crate needs `bizgen-runtime` (features
//! `client`, `server`) as a dependency.
//!
//! A spec error becomes a compile error that names the spec's
//! file:line:column. Editing a spec file triggers a rebuild (each file is
//! tracked through `include_bytes!`); adding a new file needs a touch of the
//! crate, as proc-macros cannot watch directories on stable Rust. A rebuild
//! with the spec unchanged reads the items from bizgen's cache in the
//! target directory (`BIZGEN_CACHE_DIR=off` turns it off).

use bizgen::expand::Items;
use proc_macro::TokenStream;
use quote::quote;

/// Expands to the generated API for the spec directory given as a string
/// literal, e.g. `bizgen_macros::generate!("../spec");`.
#[proc_macro]
pub fn generate(input: TokenStream) -> TokenStream {
    let lit = match syn::parse::<syn::LitStr>(input) {
        Ok(lit) => lit,
        Err(e) => {
            let msg = format!(
                "{e}; expected the spec directory as a string literal, e.g. generate!(\"spec\")"
            );
            return syn::Error::new(e.span(), msg).to_compile_error().into();
        }
    };
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_default();
    let (items, files) = match bizgen::expand::macro_expansion(&manifest_dir, &lit.value()) {
        Ok(expansion) => expansion,
        Err(message) => {
            let message = format!("bizgen: the spec has errors:\n{message}");
            return syn::Error::new(lit.span(), message)
                .to_compile_error()
                .into();
        }
    };
    let items: TokenStream = match items {
        Items::Tokens(tokens) => tokens.into(),
        Items::Text { text, file } => match text.parse() {
            Ok(tokens) => tokens,
            Err(_) => {
                return syn::Error::new(lit.span(), Items::unreadable(&file))
                    .to_compile_error()
                    .into()
            }
        },
    };
    let tracked = files.iter().map(|p| {
        let p = p.display().to_string();
        quote!(
            const _: &[u8] = include_bytes!(#p);
        )
    });
    let mut out: TokenStream = quote!(#(#tracked)*).into();
    out.extend(items);
    out
}
