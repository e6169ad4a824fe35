//! The spec's vocabulary: the closed sets of words (gateway sides, origins,
//! ...) that the spec format and the IR share. They belong to the model; the
//! parser deserializes them directly. Access levels and header presence are
//! the runtime's own types (`bizgen_runtime::operation`), re-exported by the
//! IR, so that the generator and the generated code share one definition.

use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// Customer side: tokens come from `login`.
    C,
    /// Business side: tokens come from B-side authentication.
    B,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Documented by the platform.
    Platform,
    /// Added by this project (validation, authentication, ...).
    Bizgen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EnumRepr {
    Int32,
    String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExampleKind {
    /// Verbatim from the seeds: a real captured exchange.
    Captured,
    /// Written by this project.
    Illustrative,
}
