//! The surface that generated code uses. Everything generated code names is
//! reached as `::bizgen_runtime::codegen::...`, so that a generated crate
//! depends on this crate alone.

pub use serde;
pub use serde_json;

pub use crate::envelope::Envelope;
pub use crate::error::{ApiError, ErrorCode};
pub use crate::operation::{
    Access, HeaderSource, HeaderSpec, Operation, OperationInfo, OperationVisitor, Presence,
    SerdeOperation, TokenKind,
};
pub use crate::schema::{
    EnumCodes, EnumSchema, FieldSchema, Format, IntRules, Node, ObjectSchema, RequiredWhen, Schema,
    StringRules,
};
pub use crate::types::{Decimal, Empty, EpochMillis, Redacted, RedactedOption, UnknownEnumValue};

pub use std::borrow::Cow;
pub use std::collections::BTreeMap;
pub use std::sync::OnceLock;

#[cfg(feature = "client")]
pub use crate::client::{
    CallMode, CallOptions, Client, ClientConfig, DataOnly, Error as ClientError, Page, Pages,
    Paginated, Response, WithMeta,
};

#[cfg(feature = "server")]
pub use crate::mock::{MockTable, StaticOperation};
#[cfg(feature = "server")]
pub use crate::server::{AuthContext, RequestContext, Routes, ServerConfig, ServerError};
#[cfg(feature = "server")]
pub use axum::Router;

/// Generated code calls `requires_client!()` (and `requires_server!()`)
/// first: nothing when the runtime has the feature, else a compile error that
/// names it, rather than a page of unresolved names.
pub use crate::{__requires_client as requires_client, __requires_server as requires_server};

#[cfg(feature = "client")]
#[doc(hidden)]
#[macro_export]
macro_rules! __requires_client {
    () => {};
}

#[cfg(not(feature = "client"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __requires_client {
    () => {
        ::core::compile_error!(
            "bizgen-generated code needs feature `client` of bizgen-runtime: \
             bizgen-runtime = { version = \"0.1\", features = [\"client\", \"server\"] } \
             (add \"tls\" for HTTPS)"
        );
    };
}

#[cfg(feature = "server")]
#[doc(hidden)]
#[macro_export]
macro_rules! __requires_server {
    () => {};
}

#[cfg(not(feature = "server"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __requires_server {
    () => {
        ::core::compile_error!(
            "bizgen-generated code needs feature `server` of bizgen-runtime: \
             bizgen-runtime = { version = \"0.1\", features = [\"client\", \"server\"] }"
        );
    };
}

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
pub use crate::mock;
#[cfg(feature = "server")]
pub use crate::server;
#[cfg(feature = "server")]
pub use axum;
#[cfg(feature = "server")]
pub use tokio;
