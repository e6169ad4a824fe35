//! Client transport on reqwest: headers, trace ids, the envelope and typed
//! errors, retries ([`retry`]), hooks and `tracing` ([`hooks`]) and
//! iterators over paged operations ([`paging`]). Generated clients call
//! [`Client::call_op`] once per operation and [`Client::page_all`] for the
//! iterators.

mod config;
mod error;
pub mod hooks;
pub mod paging;
mod response;
pub mod retry;

use std::sync::{Arc, RwLock};
use std::time::Instant;

use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::envelope::Envelope;
use crate::error::ApiError;
use crate::operation::{HeaderSource, OperationInfo, Presence, TokenKind};

pub use config::{CallOptions, ClientConfig};
pub use error::Error;
pub use hooks::{Hooks, RequestInfo, ResponseInfo};
pub use paging::{Page, Pages, Paginated};
pub use response::{CallMode, DataOnly, Response, WithMeta};
pub use retry::RetryPolicy;

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

/// One attempt's outcome: an answer (any status) or no answer.
type Attempt = Result<(u16, HeaderMap, Vec<u8>), reqwest::Error>;

impl Client {
    pub fn new(config: ClientConfig) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(|source| Error::Transport {
                source,
                attempts: 0,
            })?;
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

    /// Calls one operation: sends `request` (retrying as [`retry`] says),
    /// reads the envelope, and decodes `data` as `T` only when the call
    /// succeeded.
    pub async fn call<Q: Serialize, T: DeserializeOwned>(
        &self,
        op: &'static OperationInfo,
        request: &Q,
        options: &CallOptions,
    ) -> Result<Response<T>, Error> {
        self.execute(op, request, None, options).await
    }

    /// Calls the operation of a request type; `()` results come back as `()`
    /// whether the server sent `null` or `{}`. With feature `tracing`, the
    /// request is logged through its `Debug`, which redacts sensitive fields.
    pub async fn call_op<O: crate::operation::Operation>(
        &self,
        request: &O,
        options: &CallOptions,
    ) -> Result<Response<O::Response>, Error>
    where
        O::Response: DeserializeOwned,
    {
        let response: Response<Value> = self
            .execute(O::INFO, request, Some(request), options)
            .await?;
        // `()` data: the spec says there is nothing to read.
        let data = match response.data {
            Value::Object(map) if map.is_empty() => Value::Null,
            other => other,
        };
        let decoded = O::Response::deserialize(&data).map_err(|e| Error::Decode {
            biz_type: O::INFO.biz_type,
            status: response.status,
            message: format!("`data` does not match the spec: {e}"),
            body: data.to_string().chars().take(512).collect(),
            attempts: response.attempts,
        })?;
        Ok(Response {
            data: decoded,
            trace: response.trace,
            tm: response.tm,
            biz_code: response.biz_code,
            status: response.status,
            headers: response.headers,
            attempts: response.attempts,
        })
    }

    async fn execute<Q: Serialize, T: DeserializeOwned>(
        &self,
        op: &'static OperationInfo,
        request: &Q,
        shown: Option<&(dyn std::fmt::Debug + Sync)>,
        options: &CallOptions,
    ) -> Result<Response<T>, Error> {
        let body = serde_json::to_vec(request).map_err(|e| Error::Encode {
            biz_type: op.biz_type,
            message: e.to_string(),
        })?;
        let trace = options
            .trace
            .clone()
            .or_else(|| options.header("trace").cloned())
            .unwrap_or_else(new_trace);
        let headers = self.headers_for(op, options, &trace)?;
        let call = self.attempts(op, &trace, &headers, body, shown, options);
        #[cfg(feature = "tracing")]
        let call =
            tracing::Instrument::instrument(call, hooks::trace::call_span(op.biz_type, &trace));
        let (last, attempts) = call.await;
        finish(op, last, attempts)
    }

    /// Sends the request until an attempt may not be repeated, or the
    /// retries are used up: the last attempt and the number made.
    async fn attempts(
        &self,
        op: &'static OperationInfo,
        trace: &str,
        headers: &[(&'static str, String)],
        body: Vec<u8>,
        shown: Option<&(dyn std::fmt::Debug + Sync)>,
        options: &CallOptions,
    ) -> (Attempt, u32) {
        let policy = &self.config.retry;
        let max_retries = options.max_retries.unwrap_or(policy.max_retries);
        let safe = op.read_only || options.idempotent;
        let url = format!("{}{}", self.config.base_url.trim_end_matches('/'), op.path);
        let masked = hooks::masked(headers);
        let mut attempt = 1;
        loop {
            let info = RequestInfo {
                operation: op,
                biz_type: op.biz_type,
                trace,
                attempt,
                headers: &masked,
            };
            for h in &self.config.hooks {
                h.on_request(&info);
            }
            #[cfg(feature = "tracing")]
            hooks::trace::sending(&info, shown.filter(|_| attempt == 1).map(|s| s as _));
            #[cfg(not(feature = "tracing"))]
            let _ = shown;
            let started = Instant::now();
            let outcome = self.send(&url, headers, body.clone()).await;
            let elapsed = started.elapsed();
            let retry_in = (attempt <= max_retries)
                .then(|| match &outcome {
                    Err(e) => {
                        retry::transport_retryable(e, safe).then(|| policy.delay(attempt, None))
                    }
                    Ok((status, headers, _)) => retry::status_retryable(*status, safe)
                        .then(|| policy.delay(attempt, retry::retry_after(headers))),
                })
                .flatten();
            let code = match &outcome {
                Ok((_, _, bytes)) => envelope_code(bytes),
                Err(_) => None,
            };
            let info = ResponseInfo {
                operation: op,
                biz_type: op.biz_type,
                trace,
                attempt,
                status: outcome.as_ref().ok().map(|(s, _, _)| *s),
                code: code.as_deref(),
                elapsed,
                error: outcome.as_ref().err().map(|e| e as _),
                retry_in,
            };
            for h in &self.config.hooks {
                h.on_response(&info);
            }
            #[cfg(feature = "tracing")]
            hooks::trace::answered(&info);
            match retry_in {
                Some(wait) => {
                    policy.sleep(wait).await;
                    attempt += 1;
                }
                None => return (outcome, attempt),
            }
        }
    }

    /// One attempt: the whole body of any answer, or why none came.
    async fn send(&self, url: &str, headers: &[(&'static str, String)], body: Vec<u8>) -> Attempt {
        let mut req = self.http.post(url).body(body);
        for (name, value) in headers {
            req = req.header(*name, value);
        }
        let response = req.send().await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await?;
        Ok((status, headers, bytes.to_vec()))
    }

    /// Every header of a call: content type, trace, then the operation's
    /// headers from the call options, the configuration and the tokens.
    fn headers_for(
        &self,
        op: &'static OperationInfo,
        options: &CallOptions,
        trace: &str,
    ) -> Result<Vec<(&'static str, String)>, Error> {
        let mut out = vec![
            ("content-type", "application/json".to_owned()),
            ("accept", "application/json".to_owned()),
            ("trace", trace.to_owned()),
        ];
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
                Some(v) => out.push((h.name, v)),
                None if h.presence == Presence::Required => {
                    return Err(Error::MissingHeader {
                        biz_type: op.biz_type,
                        header: h.name,
                    })
                }
                None => {}
            }
        }
        Ok(out)
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

/// The envelope's `code`, if the body is an envelope (for hooks and logs).
fn envelope_code(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Code {
        code: String,
    }
    serde_json::from_slice::<Code>(body).ok().map(|c| c.code)
}

/// The result of a call from its last attempt.
fn finish<T: DeserializeOwned>(
    op: &'static OperationInfo,
    last: Attempt,
    attempts: u32,
) -> Result<Response<T>, Error> {
    let (status, headers, body) = last.map_err(|source| Error::Transport { source, attempts })?;
    let result = decode_attempt(op, status, &body, attempts);
    if retry::RETRY_STATUSES.contains(&status) && result.is_err() {
        // A gateway's 503 page or throttling answer: an HTTP failure, with
        // the error envelope when the body was one.
        let api = match result {
            Err(Error::Api(e)) => Some(e),
            _ => None,
        };
        return Err(Error::Status {
            biz_type: op.biz_type,
            status,
            attempts,
            body: String::from_utf8_lossy(&body[..body.len().min(512)]).into_owned(),
            api,
        });
    }
    result.map(|response| Response {
        headers,
        ..response
    })
}

/// Decodes an answer: the envelope first, then `data` on success only.
pub fn decode<T: DeserializeOwned>(
    op: &'static OperationInfo,
    status: u16,
    body: &[u8],
) -> Result<Response<T>, Error> {
    decode_attempt(op, status, body, 1)
}

/// Decodes the answer of the last of `attempts` attempts; its errors say
/// how many attempts led to them.
fn decode_attempt<T: DeserializeOwned>(
    op: &'static OperationInfo,
    status: u16,
    body: &[u8],
    attempts: u32,
) -> Result<Response<T>, Error> {
    let snippet = || String::from_utf8_lossy(&body[..body.len().min(512)]).into_owned();
    let envelope: Envelope<Value> = serde_json::from_slice(body).map_err(|e| Error::Decode {
        biz_type: op.biz_type,
        status,
        message: format!("not a response envelope: {e}"),
        body: snippet(),
        attempts,
    })?;
    if !envelope.ok || envelope.fail {
        return Err(Error::Api(Box::new(ApiError {
            code: envelope.code,
            msg: envelope.msg,
            data: envelope.data,
            msg_params: envelope.msg_params,
            trace: Some(envelope.trace),
            status: None,
            attempts: Some(attempts),
        })));
    }
    let data = envelope.data.unwrap_or(Value::Null);
    let data = serde_json::from_value(data).map_err(|e| Error::Decode {
        biz_type: op.biz_type,
        status,
        message: format!("`data` does not match the spec: {e}"),
        body: snippet(),
        attempts,
    })?;
    Ok(Response {
        data,
        trace: envelope.trace,
        tm: envelope.tm,
        biz_code: envelope.biz_code,
        status,
        headers: HeaderMap::new(),
        attempts,
    })
}

/// A fresh trace id.
pub fn new_trace() -> String {
    format!("x-{}", uuid::Uuid::new_v4())
}
