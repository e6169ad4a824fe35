//! The spec's vocabulary: the closed sets of words (access levels, header
//! presence, gateway sides, ...) that the spec format and the IR share. They
//! belong to the model; the parser deserializes them directly.

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
pub enum Presence {
    Required,
    Optional,
    Absent,
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
pub enum Access {
    /// No token.
    Guest,
    /// C-side customer token required.
    Login,
    /// B-side admin token required.
    Admin,
    /// C-side token accepted but not required.
    Optional,
}

impl Access {
    /// The spec spelling: `guest`, `login`, `admin` or `optional`.
    pub fn as_str(self) -> &'static str {
        match self {
            Access::Guest => "guest",
            Access::Login => "login",
            Access::Admin => "admin",
            Access::Optional => "optional",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExampleKind {
    /// Verbatim from the seeds: a real captured exchange.
    Captured,
    /// Written by this project.
    Illustrative,
}
