//! The error codes an operation can answer, and bizgen's own codes.

use std::collections::BTreeSet;

use crate::ir::{Access, Api, ErrorCode, Operation};
pub use bizgen_runtime::error::codes;

/// Why an operation can answer a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// The spec lists it for the operation.
    Spec,
    /// A request that breaks the spec (`BIZGEN_VALIDATION`): every operation.
    Validation,
    /// A missing or unknown token (`BIZGEN_UNAUTHENTICATED`): every
    /// operation that takes one; `optional` ones only for a token given and
    /// not accepted.
    Unauthenticated { optional: bool },
}

/// One code an operation can answer besides success.
#[derive(Debug, Clone, Copy)]
pub struct ErrorAnswer<'a> {
    pub code: &'a str,
    /// The spec's declaration of the code, when it has one.
    pub def: Option<&'a ErrorCode>,
    pub cause: Cause,
}

/// The codes `op` can answer: the spec's, in its order, then those every
/// bizgen server adds (validation; authentication where a token is taken),
/// each code once.
pub fn answers<'a>(api: &'a Api, op: &'a Operation) -> Vec<ErrorAnswer<'a>> {
    let takes_token = op.access != Access::Guest;
    let mut all: Vec<&'a str> = op.errors.iter().map(String::as_str).collect();
    all.push(codes::VALIDATION);
    if takes_token {
        all.push(codes::UNAUTHENTICATED);
    }
    let mut seen = BTreeSet::new();
    all.retain(|c| seen.insert(*c));
    all.into_iter()
        .map(|code| ErrorAnswer {
            code,
            def: api.find_error(code),
            cause: match code {
                codes::VALIDATION => Cause::Validation,
                codes::UNAUTHENTICATED if takes_token => Cause::Unauthenticated {
                    optional: op.access == Access::Optional,
                },
                _ => Cause::Spec,
            },
        })
        .collect()
}

/// Every code of bizgen's own that the spec does not declare, in the
/// runtime's order: an export that lists the codes of the envelope adds them.
pub fn undeclared_bizgen_codes(api: &Api) -> impl Iterator<Item = &'static str> + '_ {
    codes::ALL
        .into_iter()
        .filter(|c| api.find_error(c).is_none())
}
