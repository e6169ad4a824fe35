//! Client transport on reqwest: headers, trace ids, the envelope and typed
//! errors. Generated clients call [`Client::call`] once per operation.

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::envelope::Envelope;
use crate::error::ApiError;
use crate::operation::{HeaderSource, OperationInfo, Presence, TokenKind};

/// How a client talks to the platform; set once, used by every call.
#[derive(Clone)]
pub struct ClientConfig {
    /// Scheme, host and port, e.g. `https://api.example.com`.
    pub base_url: String,
    pub company_id: String,
    pub lang: String,
    /// Overrides each operation's `version` header when set.
    pub version: Option<String>,
    /// C-side customer token (from `login`).
    pub token: Option<String>,
    /// B-side admin token.
    pub admin_token: Option<String>,
    /// Value of `X-Forwarded-For` where an operation takes it.
    pub forwarded_for: Option<String>,
    /// Values of custom headers the spec declares (e.g. `deviceId`), by
    /// name; each is sent to the operations that take it.
    pub headers: BTreeMap<String, String>,
    pub timeout: Duration,
}

impl std::fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientConfig")
            .field("base_url", &self.base_url)
            .field("company_id", &self.company_id)
            .field("lang", &self.lang)
            .field("version", &self.version)
            .field("token", &crate::types::RedactedOption(&self.token))
            .field(
                "admin_token",
                &crate::types::RedactedOption(&self.admin_token),
            )
            .field("forwarded_for", &self.forwarded_for)
            .field("headers", &self.headers)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl ClientConfig {
    /// A configuration with `lang` `en-US`, no tokens and a 30 s timeout.
    pub fn new(base_url: impl Into<String>, company_id: impl Into<String>) -> Self {
        ClientConfig {
            base_url: base_url.into(),
            company_id: company_id.into(),
            lang: "en-US".into(),
            version: None,
            token: None,
            admin_token: None,
            forwarded_for: None,
            headers: BTreeMap::new(),
            timeout: Duration::from_secs(30),
        }
    }

    /// The same configuration with a C-side token to start with.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// The same configuration with a B-side token to start with.
    pub fn with_admin_token(mut self, token: impl Into<String>) -> Self {
        self.admin_token = Some(token.into());
        self
    }

    /// Sets a header for every operation that declares it, e.g.
    /// `ClientConfig::new(url, "1").with_header("deviceId", "d-1")`.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.insert(name.into(), value.into());
        self
    }
}

/// Per-call options: give them to a service handle's `with`, e.g.
/// `client.customer_web_api_service().with(CallOptions::trace("t-1"))`.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// The trace id to send; a fresh one is made when `None`.
    pub trace: Option<String>,
    /// Header values for this call only, by name: they override the
    /// configuration's (custom headers, `lang`, `version`, ...). The token
    /// is not set here.
    pub headers: BTreeMap<String, String>,
}

impl CallOptions {
    /// Sets a header for this call.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.insert(name.into(), value.into());
        self
    }

    fn header(&self, name: &str) -> Option<&String> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
}

impl CallOptions {
    /// Options that send the given trace id.
    pub fn trace(trace: impl Into<String>) -> Self {
        CallOptions {
            trace: Some(trace.into()),
            headers: BTreeMap::new(),
        }
    }
}

/// A successful answer with its envelope's metadata, as returned by a
/// service handle scoped with `with(..)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    /// The decoded `data`.
    pub data: T,
    /// The trace id the server echoed.
    pub trace: String,
    /// The time the server spent, in milliseconds.
    pub tm: i64,
    pub biz_code: Option<String>,
}

/// What a call of a service handle returns: the data alone ([`DataOnly`],
/// the default) or the whole [`Response`] ([`WithMeta`], after `with(..)`).
pub trait CallMode: Send + Sync + 'static {
    type Output<T>;
    fn finish<T>(response: Response<T>) -> Self::Output<T>;
}

/// Calls return `data` only.
#[derive(Debug, Clone, Copy, Default)]
pub struct DataOnly;

impl CallMode for DataOnly {
    type Output<T> = T;
    fn finish<T>(response: Response<T>) -> T {
        response.data
    }
}

/// Calls return a [`Response`] with `trace`, `tm` and `bizCode`.
#[derive(Debug, Clone, Copy, Default)]
pub struct WithMeta;

impl CallMode for WithMeta {
    type Output<T> = Response<T>;
    fn finish<T>(response: Response<T>) -> Response<T> {
        response
    }
}

/// What can go wrong with a call.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The server answered with an error envelope (`ok: false`); for a
    /// validation failure the message lists the violated pointers (see
    /// [`ApiError`]'s `Display`). Boxed, so that `Result<T, Error>` stays
    /// small (clippy's `result_large_err` in the caller's code).
    #[error("API error {}", .0)]
    Api(Box<ApiError>),
    /// The request did not reach the server or the answer did not come back.
    #[error("transport error: {}", source_chain(.0))]
    Transport(#[source] reqwest::Error),
    /// The answer was not an envelope, or `data` did not have the expected shape.
    #[error("cannot decode the response of {biz_type} (HTTP {status}): {message}")]
    Decode {
        biz_type: &'static str,
        status: u16,
        message: String,
        /// The start of the body, for diagnosis.
        body: String,
    },
    /// The operation needs a token that the client does not hold.
    #[error("{biz_type} needs a {kind} token: log in through this client first, or give it one with `client.{setter}(Some(..))` or `ClientConfig::with_{setter_stem}(..)`")]
    MissingToken {
        biz_type: &'static str,
        kind: &'static str,
        /// The client method that stores it: `set_token` or `set_admin_token`.
        setter: &'static str,
        /// `token` or `admin_token`.
        setter_stem: &'static str,
    },
    /// The operation requires a header that neither the configuration nor
    /// the call options give.
    #[error("{biz_type} requires the `{header}` header; set it with ClientConfig::with_header or CallOptions::with_header")]
    MissingHeader {
        biz_type: &'static str,
        header: &'static str,
    },
    /// The request body could not be serialized.
    #[error("cannot encode the request of {biz_type}: {message}")]
    Encode {
        biz_type: &'static str,
        message: String,
    },
}

/// An error and its sources, `: `-separated (reqwest puts the useful part,
/// such as "invalid URL, scheme is not http", in a source).
fn source_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        let part = s.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = s.source();
    }
    text
}

impl Error {
    /// The API error, when the server answered with one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e.as_ref()),
            _ => None,
        }
    }

    /// Whether the server answered with this error code (a string or a
    /// generated `errors::` constant).
    pub fn is(&self, code: impl AsRef<str>) -> bool {
        self.api().is_some_and(|e| e.is(code))
    }
}

/// The tokens a client holds; shared by the clones of a client.
#[derive(Debug, Default)]
struct Tokens {
    customer: Option<String>,
    admin: Option<String>,
}

/// An HTTP client for one platform tenant.
///
/// Cheap to clone; clones share the connection pool and the tokens, so a
/// token stored after `login` (by the client itself where the spec says the
/// operation issues one, or with [`Client::set_token`]) is seen through
/// every clone and through an `Arc<Client>`. [`Client::with_token`] makes a
/// client with tokens of its own.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    config: Arc<ClientConfig>,
    tokens: Arc<RwLock<Tokens>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Client {
    pub fn new(config: ClientConfig) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(Error::Transport)?;
        let tokens = Tokens {
            customer: config.token.clone(),
            admin: config.admin_token.clone(),
        };
        Ok(Client {
            http,
            config: Arc::new(config),
            tokens: Arc::new(RwLock::new(tokens)),
        })
    }

    /// The configuration the client was made with (its `token` fields are
    /// the initial tokens; [`Client::token`] is the current one).
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    fn tokens(&self) -> std::sync::RwLockReadGuard<'_, Tokens> {
        // A panic while holding the lock cannot leave two strings half-set.
        self.tokens.read().unwrap_or_else(|e| e.into_inner())
    }

    fn tokens_mut(&self) -> std::sync::RwLockWriteGuard<'_, Tokens> {
        self.tokens.write().unwrap_or_else(|e| e.into_inner())
    }

    /// The current C-side token.
    pub fn token(&self) -> Option<String> {
        self.tokens().customer.clone()
    }

    /// The current B-side token.
    pub fn admin_token(&self) -> Option<String> {
        self.tokens().admin.clone()
    }

    /// Sets or clears the C-side token, for this client and its clones.
    pub fn set_token(&self, token: Option<String>) {
        self.tokens_mut().customer = token;
    }

    /// Sets or clears the B-side token, for this client and its clones.
    pub fn set_admin_token(&self, token: Option<String>) {
        self.tokens_mut().admin = token;
    }

    /// Sets or clears the token of one kind.
    pub fn set_token_of(&self, kind: TokenKind, token: Option<String>) {
        match kind {
            TokenKind::Customer => self.set_token(token),
            TokenKind::Admin => self.set_admin_token(token),
        }
    }

    /// A client sharing this one's connections and configuration, with
    /// tokens of its own: the given C-side token and this one's B-side token.
    pub fn with_token(&self, token: impl Into<String>) -> Client {
        let tokens = Tokens {
            customer: Some(token.into()),
            admin: self.admin_token(),
        };
        Client {
            http: self.http.clone(),
            config: self.config.clone(),
            tokens: Arc::new(RwLock::new(tokens)),
        }
    }

    /// Calls one operation: sends `request`, reads the envelope, and decodes
    /// `data` as `T` only when the call succeeded.
    pub async fn call<Q: Serialize, T: DeserializeOwned>(
        &self,
        op: &'static OperationInfo,
        request: &Q,
        options: &CallOptions,
    ) -> Result<Response<T>, Error> {
        let body = serde_json::to_vec(request).map_err(|e| Error::Encode {
            biz_type: op.biz_type,
            message: e.to_string(),
        })?;
        let url = format!("{}{}", self.config.base_url.trim_end_matches('/'), op.path);
        let trace = options
            .trace
            .clone()
            .or_else(|| options.header("trace").cloned())
            .unwrap_or_else(new_trace);
        let mut req = self
            .http
            .post(url)
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .header("trace", &trace)
            .body(body);
        for h in op.headers {
            let value = match (h.source, options.header(h.name)) {
                (HeaderSource::Trace, _) => continue,
                (HeaderSource::Token, _) => self.token_for(op, h.presence)?,
                (_, Some(v)) => Some(v.clone()),
                (HeaderSource::Version, None) => Some(
                    self.config
                        .version
                        .as_deref()
                        .unwrap_or(op.version)
                        .to_owned(),
                ),
                (HeaderSource::CompanyId, None) => Some(self.config.company_id.clone()),
                (HeaderSource::Lang, None) => Some(self.config.lang.clone()),
                (HeaderSource::ForwardedFor, None) => self.config.forwarded_for.clone(),
                (HeaderSource::Custom, None) => self
                    .config
                    .headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(h.name))
                    .map(|(_, v)| v.clone()),
            };
            match value {
                Some(v) => req = req.header(h.name, v),
                None if h.presence == Presence::Required => {
                    return Err(Error::MissingHeader {
                        biz_type: op.biz_type,
                        header: h.name,
                    })
                }
                None => {}
            }
        }
        let response = req.send().await.map_err(Error::Transport)?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(Error::Transport)?;
        decode(op, status, &bytes)
    }

    /// Calls the operation of a request type; `()` results come back as `()`
    /// whether the server sent `null` or `{}`.
    pub async fn call_op<O: crate::operation::Operation>(
        &self,
        request: &O,
        options: &CallOptions,
    ) -> Result<Response<O::Response>, Error>
    where
        O::Response: DeserializeOwned,
    {
        let response: Response<Value> = self.call(O::INFO, request, options).await?;
        // `()` data: the spec says there is nothing to read.
        let data = match response.data {
            Value::Object(map) if map.is_empty() => Value::Null,
            other => other,
        };
        let decoded = O::Response::deserialize(&data).map_err(|e| Error::Decode {
            biz_type: O::INFO.biz_type,
            status: 200,
            message: format!("`data` does not match the spec: {e}"),
            body: data.to_string().chars().take(512).collect(),
        })?;
        Ok(Response {
            data: decoded,
            trace: response.trace,
            tm: response.tm,
            biz_code: response.biz_code,
        })
    }

    fn token_for(
        &self,
        op: &'static OperationInfo,
        presence: Presence,
    ) -> Result<Option<String>, Error> {
        let tokens = self.tokens();
        let (token, kind, setter_stem) = match op.access.token_kind() {
            Some(TokenKind::Admin) => (&tokens.admin, "B-side admin", "admin_token"),
            Some(TokenKind::Customer) => (&tokens.customer, "C-side customer", "token"),
            None => return Ok(None),
        };
        match (token, presence) {
            (Some(t), _) => Ok(Some(t.clone())),
            (None, Presence::Optional | Presence::Absent) => Ok(None),
            (None, Presence::Required) => Err(Error::MissingToken {
                biz_type: op.biz_type,
                kind,
                setter: if setter_stem == "token" {
                    "set_token"
                } else {
                    "set_admin_token"
                },
                setter_stem,
            }),
        }
    }
}

/// Decodes an answer: the envelope first, then `data` on success only.
pub fn decode<T: DeserializeOwned>(
    op: &'static OperationInfo,
    status: u16,
    body: &[u8],
) -> Result<Response<T>, Error> {
    let snippet = || String::from_utf8_lossy(&body[..body.len().min(512)]).into_owned();
    let envelope: Envelope<Value> = serde_json::from_slice(body).map_err(|e| Error::Decode {
        biz_type: op.biz_type,
        status,
        message: format!("not a response envelope: {e}"),
        body: snippet(),
    })?;
    if !envelope.ok || envelope.fail {
        return Err(Error::Api(Box::new(ApiError {
            code: envelope.code,
            msg: envelope.msg,
            data: envelope.data,
            msg_params: envelope.msg_params,
            trace: Some(envelope.trace),
            status: None,
        })));
    }
    let data = envelope.data.unwrap_or(Value::Null);
    let data = serde_json::from_value(data).map_err(|e| Error::Decode {
        biz_type: op.biz_type,
        status,
        message: format!("`data` does not match the spec: {e}"),
        body: snippet(),
    })?;
    Ok(Response {
        data,
        trace: envelope.trace,
        tm: envelope.tm,
        biz_code: envelope.biz_code,
    })
}

/// A fresh trace id.
pub fn new_trace() -> String {
    format!("x-{}", uuid::Uuid::new_v4())
}
