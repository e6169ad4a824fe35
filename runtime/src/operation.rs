//! Static descriptions of operations, shared by the client and the server.
//! `Access` and `Presence` are also the spec's words: bizgen's loader reads
//! them from the YAML (hence `Deserialize`), so there is one definition.

use crate::schema::ObjectSchema;

/// Longest value accepted in a header that an operation declares (`token`
/// included), in characters: header values are visible ASCII, so this is
/// also their length in bytes. Servers answer a longer one with
/// `BIZGEN_VALIDATION` and never echo a longer `trace`; the OpenAPI export
/// states it as the headers' `maxLength`.
pub const DEFAULT_HEADER_LIMIT: usize = 1024;

/// Who may call an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Access {
    /// No token.
    Guest,
    /// A C-side customer token is required.
    Login,
    /// A B-side admin token is required.
    Admin,
    /// A C-side token is accepted but not required.
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

    /// Which token the operation takes, if any.
    pub fn token_kind(self) -> Option<TokenKind> {
        match self {
            Access::Guest => None,
            Access::Login | Access::Optional => Some(TokenKind::Customer),
            Access::Admin => Some(TokenKind::Admin),
        }
    }
}

/// The two token families; a token of one never opens the other's endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// C-side: issued by `login`.
    Customer,
    /// B-side: issued by B-side authentication.
    Admin,
}

/// Whether a header must be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Presence {
    Required,
    Optional,
    /// Not taken: the gateway or operation leaves the header out (generated descriptors list only the headers an operation takes).
    Absent,
}

/// Where the client takes a header's value from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeaderSource {
    /// `version`: the operation's version, unless the configuration overrides it.
    Version,
    /// `companyId`: the tenant of the configuration.
    CompanyId,
    /// `lang`: the language of the configuration.
    Lang,
    /// `trace`: the call's trace id (fresh unless given per call).
    Trace,
    /// `token`: the token the operation's access level asks for.
    Token,
    /// `X-Forwarded-For`: the end user's address, when the configuration has it.
    ForwardedFor,
    /// Any other header the spec declares: set with `ClientConfig::with_header`
    /// or per call with `CallOptions::with_header`.
    Custom,
}

impl HeaderSource {
    /// The source of a header by its wire name (case-insensitive, as HTTP is).
    pub fn of(name: &str) -> HeaderSource {
        const BUILT_IN: [(&str, HeaderSource); 6] = [
            ("version", HeaderSource::Version),
            ("companyId", HeaderSource::CompanyId),
            ("lang", HeaderSource::Lang),
            ("trace", HeaderSource::Trace),
            ("token", HeaderSource::Token),
            ("X-Forwarded-For", HeaderSource::ForwardedFor),
        ];
        BUILT_IN
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map_or(HeaderSource::Custom, |(_, s)| *s)
    }
}

/// One header an operation takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderSpec {
    pub name: &'static str,
    pub presence: Presence,
    pub source: HeaderSource,
}

/// Everything the runtime needs to know about one operation.
#[derive(Debug, Clone, Copy)]
pub struct OperationInfo {
    /// Service (module) name in the spec.
    pub service: &'static str,
    /// Operation name (last part of the bizType).
    pub name: &'static str,
    pub biz_type: &'static str,
    /// Full path, e.g. `/api/global/customer.app.CustomerWebApiService.bindEmail`.
    pub path: &'static str,
    pub access: Access,
    /// Value of the `version` header.
    pub version: &'static str,
    /// Every header, `token` included.
    pub headers: &'static [HeaderSpec],
    /// A pure query (the spec's `readOnly: true`): clients retry it by
    /// default after a connection error, a timeout or a gateway status.
    pub read_only: bool,
    /// The request body's shape.
    pub request: fn() -> &'static ObjectSchema,
}

impl OperationInfo {
    /// The presence of a header, `None` if the operation does not take it.
    pub fn header(&self, name: &str) -> Option<Presence> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.presence)
    }
}

/// A request type that knows its operation: the request body type is the
/// key, `Response` is the type of `data` on success.
///
/// Only what both sides need: the client serializes requests and decodes
/// responses, the server does the reverse, so `Deserialize` is asked where
/// it is used (`Client::call_op` for the response, the
/// server's routes for the request). A generated crate derives it only on
/// the side it compiles. These bounds never depend on the runtime's
/// features: another crate turning on `bizgen-runtime/server` must not
/// break a client-only build of a generated crate.
pub trait Operation: serde::Serialize + std::fmt::Debug + Send + Sync + 'static {
    /// `data` of a successful answer (`()` when the spec says `none`).
    type Response: serde::Serialize + std::fmt::Debug + Send + 'static;
    /// The operation's descriptor.
    const INFO: &'static OperationInfo;
}

/// An operation whose request and response both implement `Deserialize`
/// too: every operation of a generated crate with feature `serde`, or with
/// `client` and `server`. Implemented for every such type.
pub trait SerdeOperation:
    Operation<Response: serde::de::DeserializeOwned> + serde::de::DeserializeOwned
{
}

impl<O> SerdeOperation for O where
    O: Operation<Response: serde::de::DeserializeOwned> + serde::de::DeserializeOwned
{
}

/// Visits every operation of an API by type (see the generated
/// `visit_operations`): generic tooling such as metrics registration or
/// test vectors, which may encode and decode both requests and responses.
pub trait OperationVisitor {
    fn visit<O: SerdeOperation>(&mut self);
}
