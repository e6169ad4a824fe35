//! The surface that generated code uses. Everything generated code names is
//! reached as `::bizgen_runtime::codegen::...`, so that a generated crate
//! depends on this crate alone.

pub use serde;
pub use serde_json;

pub use crate::envelope::Envelope;
pub use crate::error::ApiError;
pub use crate::operation::{
    Access, HeaderSpec, Operation, OperationInfo, OperationVisitor, Presence, TokenKind,
};
pub use crate::schema::{
    EnumCodes, EnumSchema, FieldSchema, Format, IntRules, Node, ObjectSchema, Schema, StringRules,
};
pub use crate::types::{Decimal, Empty, EpochMillis, Redacted, RedactedOption};

pub use std::borrow::Cow;
pub use std::collections::BTreeMap;
pub use std::sync::OnceLock;

#[cfg(feature = "client")]
pub use crate::client::{CallOptions, Client, ClientConfig, Error as ClientError};

#[cfg(feature = "server")]
pub use crate::server::{mount, with_fallback, RequestContext, ServerConfig};
#[cfg(feature = "server")]
pub use axum::Router;

/// Builds an enum schema for a generated enum.
pub fn int_enum_schema(name: &'static str, codes: &'static [i64]) -> EnumSchema {
    EnumSchema {
        name: Cow::Borrowed(name),
        codes: EnumCodes::Int(Cow::Borrowed(codes)),
    }
}

/// Builds a string enum schema for a generated enum.
pub fn str_enum_schema(name: &'static str, codes: &'static [&'static str]) -> EnumSchema {
    EnumSchema {
        name: Cow::Borrowed(name),
        codes: EnumCodes::Str(Cow::Owned(
            codes.iter().map(|c| Cow::Borrowed(*c)).collect(),
        )),
    }
}

#[cfg(feature = "server")]
pub use crate::server;
#[cfg(feature = "server")]
pub use axum;
#[cfg(feature = "server")]
pub use tokio;

/// The answer of a mock operation: `data` decoded from the spec's example.
pub fn mock_data<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, ApiError> {
    serde_json::from_str(json)
        .map_err(|e| ApiError::internal(format!("the spec's example does not decode: {e}")))
}

/// The answer of a mock operation that issues the session token: `data`
/// from the spec's example with its `token` field replaced by `token`, the
/// token the mock's authenticator accepts.
pub fn mock_login_data<T: serde::de::DeserializeOwned>(
    json: &str,
    token: Option<&str>,
) -> Result<T, ApiError> {
    let mut data: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| ApiError::internal(format!("the spec's example does not decode: {e}")))?;
    if let (Some(token), Some(slot)) = (token, data.get_mut("token")) {
        *slot = serde_json::Value::String(token.to_owned());
    }
    serde_json::from_value(data)
        .map_err(|e| ApiError::internal(format!("the spec's example does not decode: {e}")))
}

/// The answer of a mock operation whose only example is an error.
pub fn mock_error<T>(code: &str, msg: &str, data_json: &str) -> Result<T, ApiError> {
    let data = serde_json::from_str(data_json).ok();
    Err(ApiError {
        code: code.to_owned(),
        msg: msg.to_owned(),
        data,
        msg_params: None,
        trace: None,
    })
}
