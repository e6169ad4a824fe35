//! Client transport on reqwest: headers, trace ids, the envelope and typed
//! errors. Generated clients call [`Client::call`] once per operation.

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::envelope::Envelope;
use crate::error::ApiError;
use crate::operation::{OperationInfo, Presence, TokenKind};

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
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl ClientConfig {
    pub fn new(base_url: impl Into<String>, company_id: impl Into<String>) -> Self {
        ClientConfig {
            base_url: base_url.into(),
            company_id: company_id.into(),
            lang: "en-US".into(),
            version: None,
            token: None,
            admin_token: None,
            forwarded_for: None,
            timeout: Duration::from_secs(30),
        }
    }
}

/// Per-call options.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// The trace id to send; a fresh one is made when `None`.
    pub trace: Option<String>,
}

/// What can go wrong with a call.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The server answered with an error envelope (`ok: false`).
    #[error("API error {}", .0)]
    Api(ApiError),
    /// The request did not reach the server or the answer did not come back.
    #[error("transport error: {0}")]
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
    /// The operation needs a token that the client was not given.
    #[error("{biz_type} needs a {kind} token; set it in ClientConfig")]
    MissingToken {
        biz_type: &'static str,
        kind: &'static str,
    },
    /// The request body could not be serialized.
    #[error("cannot encode the request of {biz_type}: {message}")]
    Encode {
        biz_type: &'static str,
        message: String,
    },
}

impl Error {
    /// The API error, when the server answered with one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }
}

/// An HTTP client for one platform tenant.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    config: ClientConfig,
}

impl Client {
    pub fn new(config: ClientConfig) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(Error::Transport)?;
        Ok(Client { http, config })
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// Sets or clears the C-side token (e.g. after `login`).
    pub fn set_token(&mut self, token: Option<String>) {
        self.config.token = token;
    }

    pub fn set_admin_token(&mut self, token: Option<String>) {
        self.config.admin_token = token;
    }

    /// Calls one operation: sends `request`, reads the envelope, and decodes
    /// `data` as `T` only when the call succeeded.
    pub async fn call<Q: Serialize, T: DeserializeOwned>(
        &self,
        op: &'static OperationInfo,
        request: &Q,
        options: CallOptions,
    ) -> Result<T, Error> {
        let body = serde_json::to_vec(request).map_err(|e| Error::Encode {
            biz_type: op.biz_type,
            message: e.to_string(),
        })?;
        let url = format!("{}{}", self.config.base_url.trim_end_matches('/'), op.path);
        let trace = options.trace.unwrap_or_else(new_trace);
        let mut req = self
            .http
            .post(url)
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .header("trace", &trace)
            .body(body);
        for h in op.headers {
            let value = match h.name {
                "version" => Some(
                    self.config
                        .version
                        .as_deref()
                        .unwrap_or(op.version)
                        .to_owned(),
                ),
                "companyId" => Some(self.config.company_id.clone()),
                "lang" => Some(self.config.lang.clone()),
                "X-Forwarded-For" => self.config.forwarded_for.clone(),
                "token" => self.token_for(op, h.presence)?,
                _ => None,
            };
            if let Some(v) = value {
                req = req.header(h.name, v);
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
        options: CallOptions,
    ) -> Result<O::Response, Error> {
        let data: serde_json::Value = self.call(O::INFO, request, options).await?;
        // `()` data: the spec says there is nothing to read.
        let data = match data {
            Value::Object(map) if map.is_empty() => Value::Null,
            other => other,
        };
        serde_json::from_value(data.clone()).map_err(|e| Error::Decode {
            biz_type: O::INFO.biz_type,
            status: 200,
            message: format!("`data` does not match the spec: {e}"),
            body: data.to_string().chars().take(512).collect(),
        })
    }

    fn token_for(
        &self,
        op: &'static OperationInfo,
        presence: Presence,
    ) -> Result<Option<String>, Error> {
        let (token, kind) = match op.access.token_kind() {
            Some(TokenKind::Admin) => (&self.config.admin_token, "B-side admin"),
            Some(TokenKind::Customer) => (&self.config.token, "C-side customer"),
            None => return Ok(None),
        };
        match (token, presence) {
            (Some(t), _) => Ok(Some(t.clone())),
            (None, Presence::Optional) => Ok(None),
            (None, Presence::Required) => Err(Error::MissingToken {
                biz_type: op.biz_type,
                kind,
            }),
        }
    }
}

/// Decodes an answer: the envelope first, then `data` on success only.
pub fn decode<T: DeserializeOwned>(
    op: &'static OperationInfo,
    status: u16,
    body: &[u8],
) -> Result<T, Error> {
    let snippet = || String::from_utf8_lossy(&body[..body.len().min(512)]).into_owned();
    let envelope: Envelope<Value> = serde_json::from_slice(body).map_err(|e| Error::Decode {
        biz_type: op.biz_type,
        status,
        message: format!("not a response envelope: {e}"),
        body: snippet(),
    })?;
    if !envelope.ok || envelope.fail {
        return Err(Error::Api(ApiError {
            code: envelope.code,
            msg: envelope.msg,
            data: envelope.data,
            msg_params: envelope.msg_params,
            trace: Some(envelope.trace),
            status: None,
        }));
    }
    let data = envelope.data.unwrap_or(Value::Null);
    serde_json::from_value(data).map_err(|e| Error::Decode {
        biz_type: op.biz_type,
        status,
        message: format!("`data` does not match the spec: {e}"),
        body: snippet(),
    })
}

/// A fresh trace id.
pub fn new_trace() -> String {
    format!("x-{}", uuid::Uuid::new_v4())
}
