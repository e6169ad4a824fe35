//! How a client is set up ([`ClientConfig`]) and what one call may change
//! ([`CallOptions`]).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use super::hooks::{FnHooks, Hooks, RequestInfo, ResponseInfo};
use super::retry::RetryPolicy;

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
    /// The time one attempt may take, from sending to the end of the body.
    pub timeout: Duration,
    /// When and how calls are retried (default: 2 retries of read-only
    /// operations, see [`RetryPolicy`]).
    pub retry: RetryPolicy,
    /// Called before and after every attempt, in the order given.
    pub hooks: Vec<Arc<dyn Hooks>>,
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
            .field("retry", &self.retry)
            .field("hooks", &self.hooks.len())
            .finish()
    }
}

impl ClientConfig {
    /// A configuration with `lang` `en-US`, no tokens, a 30 s timeout per
    /// attempt and the default [`RetryPolicy`] (2 retries).
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
            retry: RetryPolicy::default(),
            hooks: Vec::new(),
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

    /// The end user's address, sent as `X-Forwarded-For` to the operations
    /// that take it (e.g. `register`).
    pub fn with_forwarded_for(mut self, address: impl Into<String>) -> Self {
        self.forwarded_for = Some(address.into());
        self
    }

    /// Sets a header for every operation that declares it, e.g.
    /// `ClientConfig::new(url, "1").with_header("deviceId", "d-1")`.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.insert(name.into(), value.into());
        self
    }

    /// At most `n` retries per call (0 turns retries off); per call,
    /// [`CallOptions::with_max_retries`] overrides it.
    pub fn with_max_retries(mut self, n: u32) -> Self {
        self.retry.max_retries = n;
        self
    }

    /// Replaces the retry policy (backoff, jitter, the clock's sleep).
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Adds hooks called before and after every attempt.
    pub fn with_hooks(mut self, hooks: impl Hooks) -> Self {
        self.hooks.push(Arc::new(hooks));
        self
    }

    /// Adds a closure called before every attempt is sent.
    pub fn on_request(self, f: impl Fn(&RequestInfo<'_>) + Send + Sync + 'static) -> Self {
        self.with_hooks(FnHooks::request(f))
    }

    /// Adds a closure called after every attempt, answered or failed.
    pub fn on_response(self, f: impl Fn(&ResponseInfo<'_>) + Send + Sync + 'static) -> Self {
        self.with_hooks(FnHooks::response(f))
    }
}

/// Per-call options: give them to a service handle's `with`, e.g.
/// `client.customer_web_api_service().with(CallOptions::trace("t-1"))`.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// The trace id to send; a fresh one is made when `None`. Every attempt
    /// of the call sends the same one.
    pub trace: Option<String>,
    /// Header values for this call only, by name: they override the
    /// configuration's (custom headers, `lang`, `version`, ...). The token
    /// is not set here.
    pub headers: BTreeMap<String, String>,
    /// Overrides the configuration's `retry.max_retries` for this call.
    pub max_retries: Option<u32>,
    /// The caller knows this call is safe to repeat: retry it as if the
    /// operation were read-only.
    pub idempotent: bool,
}

impl CallOptions {
    /// Options that send the given trace id.
    pub fn trace(trace: impl Into<String>) -> Self {
        CallOptions {
            trace: Some(trace.into()),
            ..CallOptions::default()
        }
    }

    /// Sets a header for this call.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.insert(name.into(), value.into());
        self
    }

    /// At most `n` retries for this call (0: one attempt only).
    pub fn with_max_retries(mut self, n: u32) -> Self {
        self.max_retries = Some(n);
        self
    }

    /// Marks the call safe to repeat, so that it is retried like a
    /// read-only operation (e.g. a write the server deduplicates).
    pub fn idempotent(mut self) -> Self {
        self.idempotent = true;
        self
    }

    pub(super) fn header(&self, name: &str) -> Option<&String> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
}
