//! The registry of targets: everything `bizgen generate` writes. A new
//! language is one folder (its emitter, naming module and templates, with a
//! type implementing [`Target`]) and one line here.

use crate::cache::FormatCache;
use crate::docs::{Docs, Lang};
use crate::rust::CrateOptions;
use crate::target::Target;

/// Every target, in the order their files are listed.
pub fn registry(options: &CrateOptions) -> Vec<Box<dyn Target + '_>> {
    registry_cached(options, None)
}

/// [`registry`], the Rust crate taking unchanged parts from `cache`.
pub fn registry_cached<'a>(
    options: &'a CrateOptions,
    cache: Option<&'a FormatCache>,
) -> Vec<Box<dyn Target + 'a>> {
    vec![
        Box::new(crate::rust::Crate::cached(options, cache)),
        Box::new(Docs(Lang::En)),
        Box::new(Docs(Lang::Zh)),
        Box::new(crate::typescript::Package),
        Box::new(crate::python::Package),
        Box::new(crate::openapi::OpenApi),
        Box::new(crate::postman::Postman),
        Box::new(crate::site::Site),
    ]
}
