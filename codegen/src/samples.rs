//! The code samples of every operation in every SDK language: the list of
//! the languages' samplers, and what the docs and OpenAPI ask of them
//! without knowing the languages. Each sampler lives in its language's
//! folder (`rust/sample.rs`, ...); the docs' curl in `docs/shell.rs`.

use crate::facts::Facts;
use crate::ir::{Api, Operation, Service};
use crate::lang::Lang;
use crate::target::{CodeSample, Sampler};

/// The writers of every operation's code samples, one per language, in
/// the order the docs' blocks and OpenAPI's `x-codeSamples` list them. A
/// new SDK language adds its sampler here.
pub fn samplers(api: &Api) -> Vec<Box<dyn Sampler>> {
    vec![
        Box::new(crate::docs::shell::CurlSampler),
        Box::new(crate::rust::sample::Sampler::new(api)),
        Box::new(crate::typescript::sample::Sampler::new(api)),
        Box::new(crate::python::sample::Sampler::new(api)),
    ]
}

/// The code samples of every operation, in every language of [`samplers`].
pub struct CodeSamples {
    samplers: Vec<Box<dyn Sampler>>,
}

impl CodeSamples {
    /// Every language's sampler for `api`.
    pub fn new(api: &Api) -> CodeSamples {
        CodeSamples {
            samplers: samplers(api),
        }
    }

    /// The samples of `op`, one per language, in the list's order.
    pub fn of<'a>(
        &self,
        facts: &Facts<'a>,
        service: &'a Service,
        op: &'a Operation,
        lang: Lang,
    ) -> crate::Result<Vec<CodeSample>> {
        self.samplers
            .iter()
            .map(|s| s.sample(facts, service, op, lang))
            .collect()
    }
}
