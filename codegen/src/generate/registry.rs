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

/// The writers of every operation's code samples, one per language, in
/// the order the docs' blocks and OpenAPI's `x-codeSamples` list them. A
/// new SDK language adds its sampler here.
pub fn samplers(api: &crate::ir::Api) -> Vec<Box<dyn crate::target::Sampler>> {
    vec![
        Box::new(crate::docs::CurlSampler),
        Box::new(crate::rust::Sampler::new(api)),
        Box::new(crate::typescript::Sampler::new(api)),
        Box::new(crate::python::Sampler),
    ]
}
