//! Tokens: who made a call ([`Principal`]) and how tokens are checked
//! ([`Authenticator`], [`StaticTokens`]). The check of an operation's
//! `token` header against its access level is one of the [`super::checks`].

use std::future::Future;
use std::pin::Pin;

use crate::operation::TokenKind;

/// Who made an authenticated call.
#[derive(Clone, PartialEq, Eq)]
pub struct Principal {
    pub kind: TokenKind,
    /// Customer number or admin id, as the authenticator knows it.
    pub subject: String,
    token: String,
}

impl Principal {
    pub fn new(kind: TokenKind, subject: impl Into<String>, token: impl Into<String>) -> Self {
        Principal {
            kind,
            subject: subject.into(),
            token: token.into(),
        }
    }
    /// The token that authenticated the call.
    pub fn token(&self) -> &str {
        &self.token
    }
}

impl std::fmt::Debug for Principal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Principal")
            .field("kind", &self.kind)
            .field("subject", &self.subject)
            .field("token", &crate::types::Redacted(&self.token))
            .finish()
    }
}

/// A boxed future, so that authenticators can be stored as trait objects.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Checks tokens. C-side and B-side tokens are distinct: an implementation
/// must only accept a token for the kind it was issued for.
///
/// Implement it with a plain `async fn`:
///
/// ```
/// use bizgen_runtime::server::{Authenticator, Principal};
/// use bizgen_runtime::operation::TokenKind;
///
/// struct Sessions;
///
/// impl Authenticator for Sessions {
///     async fn authenticate(&self, kind: TokenKind, token: &str) -> Option<Principal> {
///         (kind == TokenKind::Customer && token == "t-1")
///             .then(|| Principal::new(kind, "customer-1", token))
///     }
/// }
/// ```
///
/// or, for the simple case, with a closure
/// `|kind: TokenKind, token: &str| -> Option<Principal> { .. }`.
pub trait Authenticator: Send + Sync + 'static {
    fn authenticate(
        &self,
        kind: TokenKind,
        token: &str,
    ) -> impl Future<Output = Option<Principal>> + Send;

    /// A token this authenticator accepts for `kind`, if it can name one.
    /// Mocks hand it out where the spec's login answers with a session
    /// token, so that login followed by a token call works.
    fn issue(&self, kind: TokenKind) -> Option<String> {
        let _ = kind;
        None
    }
}

impl<F> Authenticator for F
where
    F: Fn(TokenKind, &str) -> Option<Principal> + Send + Sync + 'static,
{
    async fn authenticate(&self, kind: TokenKind, token: &str) -> Option<Principal> {
        self(kind, token)
    }
}

/// The object-safe form of [`Authenticator`] that [`ServerConfig`] stores.
pub(super) trait DynAuthenticator: Send + Sync + 'static {
    fn authenticate_boxed<'a>(
        &'a self,
        kind: TokenKind,
        token: &'a str,
    ) -> BoxFuture<'a, Option<Principal>>;

    fn issue_token(&self, kind: TokenKind) -> Option<String>;
}

impl<A: Authenticator> DynAuthenticator for A {
    fn authenticate_boxed<'a>(
        &'a self,
        kind: TokenKind,
        token: &'a str,
    ) -> BoxFuture<'a, Option<Principal>> {
        Box::pin(self.authenticate(kind, token))
    }

    fn issue_token(&self, kind: TokenKind) -> Option<String> {
        self.issue(kind)
    }
}

/// An authenticator with fixed token lists (tests, mocks, development).
#[derive(Debug, Clone, Default)]
pub struct StaticTokens {
    pub customer: Vec<(String, String)>,
    pub admin: Vec<(String, String)>,
}

impl StaticTokens {
    /// One customer token and one admin token, with subjects "customer" and "admin".
    pub fn new(customer_token: impl Into<String>, admin_token: impl Into<String>) -> Self {
        StaticTokens {
            customer: vec![(customer_token.into(), "customer".into())],
            admin: vec![(admin_token.into(), "admin".into())],
        }
    }

    fn list(&self, kind: TokenKind) -> &[(String, String)] {
        match kind {
            TokenKind::Customer => &self.customer,
            TokenKind::Admin => &self.admin,
        }
    }
}

impl Authenticator for StaticTokens {
    async fn authenticate(&self, kind: TokenKind, token: &str) -> Option<Principal> {
        self.list(kind)
            .iter()
            .find(|(t, _)| t == token)
            .map(|(t, subject)| Principal::new(kind, subject.clone(), t.clone()))
    }

    fn issue(&self, kind: TokenKind) -> Option<String> {
        self.list(kind).first().map(|(t, _)| t.clone())
    }
}
