//! Feature gates of the generated crate: `client`, `server`, `mock`,
//! `serde` and one feature per service. The crate written by `bizgen
//! generate` has them; the build-script and proc-macro front-ends emit
//! every item ungated, as the features of the user's crate mean something
//! else.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::RustNames;
use crate::ir::Sides;

/// Whether items carry the generated crate's feature gates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gates {
    None,
    Features,
}

impl Gates {
    /// `#[cfg(feature = "...")]`, or nothing without gates.
    pub(crate) fn on(self, feature: &str) -> TokenStream {
        match self {
            Gates::None => TokenStream::new(),
            Gates::Features => quote!(#[cfg(feature = #feature)]),
        }
    }

    /// A doc paragraph of one line shown only with `feature` (always,
    /// without gates): for links to items that exist only under that
    /// feature. The blank line before it is gated too, so that no doc ends
    /// on an empty line.
    pub(crate) fn doc_paragraph_on(self, feature: &str, line: &str) -> TokenStream {
        let line = format!(" {line}");
        match self {
            Gates::None => quote!(#[doc = ""] #[doc = #line]),
            Gates::Features => quote!(#[cfg_attr(feature = #feature, doc = "", doc = #line)]),
        }
    }

    /// The gate of a shared type's items: compiled with any of the services
    /// whose operations reach it (`services`: their spec names), so that a
    /// build of some services compiles only their types. A type no operation
    /// uses is not gated.
    pub(crate) fn services(self, names: &RustNames, services: &[String]) -> TokenStream {
        if self == Gates::None || services.is_empty() {
            return TokenStream::new();
        }
        let features: Vec<&str> = services
            .iter()
            .filter_map(|s| names.service_named(s))
            .map(|s| s.feature.as_str())
            .collect();
        match features.as_slice() {
            [one] => quote!(#[cfg(feature = #one)]),
            many => quote!(#[cfg(any(#(feature = #many),*))]),
        }
    }

    /// The gate of items that need `Deserialize` on every request and
    /// response type (`visit_operations`, whose visitors round-trip through
    /// serde): feature `serde`, or client and server together.
    pub(crate) fn round_trip(self) -> TokenStream {
        match self {
            Gates::None => TokenStream::new(),
            Gates::Features => {
                quote!(#[cfg(any(feature = "serde", all(feature = "client", feature = "server")))])
            }
        }
    }

    /// `derive(Deserialize)` on a struct that travels on `sides`: gated by
    /// [`deserialize_cfg`] with features, plain without. An attribute of its
    /// own, so that every front-end emits the same items up to the gates.
    pub(crate) fn derive_deserialize(self, sides: Sides) -> TokenStream {
        match self {
            Gates::None => quote!(#[derive(rt::serde::Deserialize)]),
            Gates::Features => {
                let cfg = deserialize_cfg(sides);
                quote!(#[cfg_attr(#cfg, derive(rt::serde::Deserialize))])
            }
        }
    }

    /// The gate of a hand-written `Deserialize` impl for a type of `sides`.
    pub(crate) fn deserialize(self, sides: Sides) -> TokenStream {
        match self {
            Gates::None => TokenStream::new(),
            Gates::Features => {
                let cfg = deserialize_cfg(sides);
                quote!(#[cfg(#cfg)])
            }
        }
    }
}

/// The features under which a type of `sides` implements `Deserialize` in
/// the generated crate: the side that reads it (`server` for requests,
/// `client` for responses), or `serde` for every type. A type no operation
/// uses counts as both sides. `Serialize` is always implemented: it is
/// cheap, and keeps the `#[serde(..)]` attributes valid whatever the
/// features. `Deserialize` is most of the crate's compile time.
fn deserialize_cfg(sides: Sides) -> TokenStream {
    match (sides.request, sides.response) {
        (true, false) => quote!(any(feature = "server", feature = "serde")),
        (false, true) => quote!(any(feature = "client", feature = "serde")),
        _ => quote!(any(
            feature = "client",
            feature = "server",
            feature = "serde"
        )),
    }
}
