//! The registry of targets: everything `bizgen generate` writes. A new
//! language is one folder (its emitter, naming module and templates, with a
//! type implementing [`Target`]) and one line here.

use crate::docs::{Docs, Lang};
use crate::rust::CrateOptions;
use crate::target::Target;

/// Every target, in the order their files are listed.
pub fn registry(options: &CrateOptions) -> Vec<Box<dyn Target + '_>> {
    vec![
        Box::new(crate::rust::Crate::new(options)),
        Box::new(Docs(Lang::En)),
        Box::new(Docs(Lang::Zh)),
        Box::new(crate::typescript::Package),
        Box::new(crate::python::Package),
        Box::new(crate::openapi::OpenApi),
        Box::new(crate::postman::Postman),
        Box::new(crate::site::Site),
    ]
}
