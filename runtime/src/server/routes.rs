//! Putting a server together: one route per operation ([`Routes::add`]),
//! each running the checks, then its handler, then answering with the
//! envelope; unknown paths answer `BIZGEN_NOT_FOUND`.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::extract::Request;
use axum::response::Response;
use axum::routing::{any, MethodRouter};
use axum::Router;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::checks::check;
use super::config::ServerConfig;
use super::context::{FromContext, RequestContext};
use super::response::{elapsed_ms, error_response, success_response, trace_within};
use crate::error::ApiError;
use crate::operation::OperationInfo;
use crate::validate::Violation;

/// A mistake in putting a server together (reported, never a panic).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServerError {
    /// Two implementations for one operation, e.g. a service mounted twice.
    #[error("{biz_type} ({path}) is already served; each service can be given once")]
    AlreadyServed {
        biz_type: &'static str,
        path: &'static str,
    },
}

/// The operations of a server being put together: the generated `Server`
/// adds one route per operation with [`Routes::add`], and [`Routes::fill`]
/// lets a fallback implementation (the mock) take the operations left over.
pub struct Routes {
    config: ServerConfig,
    routes: BTreeMap<String, MethodRouter>,
    /// While filling, operations already served are skipped, not errors.
    filling: bool,
}

impl std::fmt::Debug for Routes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Routes")
            .field("config", &self.config)
            .field("paths", &self.routes.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Routes {
    pub fn new(config: ServerConfig) -> Self {
        Routes {
            config,
            routes: BTreeMap::new(),
            filling: false,
        }
    }

    pub fn config(&self) -> &ServerConfig {
        &self.config
    }

    /// Whether an operation is served.
    pub fn serves(&self, op: &OperationInfo) -> bool {
        self.routes.contains_key(op.path)
    }

    /// Reserves the operations of a service before it is added: an error if
    /// one is already served (outside [`Routes::fill`]).
    pub fn claim(&self, ops: &[&'static OperationInfo]) -> Result<(), ServerError> {
        if self.filling {
            return Ok(());
        }
        match ops.iter().find(|op| self.serves(op)) {
            Some(op) => Err(ServerError::AlreadyServed {
                biz_type: op.biz_type,
                path: op.path,
            }),
            None => Ok(()),
        }
    }

    /// Adds one operation: `handler` gets the service, a context and a
    /// request that has passed every check of the spec.
    pub fn add<S, C, Q, T, F, Fut>(
        &mut self,
        op: &'static OperationInfo,
        service: &Arc<S>,
        handler: F,
    ) where
        S: Send + Sync + 'static,
        C: FromContext,
        Q: DeserializeOwned + Send + 'static,
        T: Serialize + Send + 'static,
        F: Fn(Arc<S>, C, Q) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<T, ApiError>> + Send + 'static,
    {
        if self.filling && self.serves(op) {
            return;
        }
        let config = self.config.clone();
        let service = service.clone();
        let route = any(move |request: Request| {
            let config = config.clone();
            let service = service.clone();
            let handler = handler.clone();
            async move {
                serve(op, &config, request, move |ctx, body| async move {
                    handler(service, C::from_context(ctx)?, body).await
                })
                .await
            }
        });
        self.routes.insert(op.path.to_owned(), route);
    }

    /// Runs `add` calls that only take the operations not served yet.
    pub fn fill(&mut self, add: impl FnOnce(&mut Routes)) {
        self.filling = true;
        add(self);
        self.filling = false;
    }

    /// Serves `path` with the route `make` builds from the config, unless
    /// the path is served already (how a fallback such as the mock fills
    /// the operations left over).
    pub fn insert_missing(&mut self, path: &str, make: impl FnOnce(&ServerConfig) -> MethodRouter) {
        if !self.routes.contains_key(path) {
            let route = make(&self.config);
            self.routes.insert(path.to_owned(), route);
        }
    }

    /// The finished router, answering unknown paths with an error envelope.
    pub fn into_router(self) -> Router {
        let router = self
            .routes
            .into_iter()
            .fold(Router::new(), |router, (path, route)| {
                router.route(&path, route)
            });
        with_fallback(router, &self.config)
    }
}

/// Adds the answer for unknown paths: an error envelope, not a bare 404.
pub fn with_fallback(router: Router, config: &ServerConfig) -> Router {
    let (http_status, header_limit) = (config.http_status, config.header_limit);
    router.fallback(move |request: Request| async move {
        let trace = trace_within(request.headers(), header_limit);
        let err = ApiError::not_found(request.uri().path());
        error_response(err, trace, 0, http_status)
    })
}

async fn serve<Q, T, F, Fut>(
    op: &'static OperationInfo,
    config: &ServerConfig,
    request: Request,
    handler: F,
) -> Response
where
    Q: DeserializeOwned,
    T: Serialize,
    F: FnOnce(RequestContext, Q) -> Fut,
    Fut: Future<Output = Result<T, ApiError>>,
{
    let started = std::time::Instant::now();
    let trace = trace_within(request.headers(), config.header_limit);
    let result = match prepare::<Q>(op, config, request, trace.clone()).await {
        Ok((ctx, body)) => match CatchUnwind(Box::pin(handler(ctx, body))).await {
            Ok(result) => result.and_then(|data| {
                serde_json::to_value(&data)
                    .map_err(|e| ApiError::internal(format!("cannot encode the response: {e}")))
            }),
            Err(()) => Err(ApiError::internal(format!(
                "the handler of {} panicked",
                op.biz_type
            ))),
        },
        Err(e) => Err(e),
    };
    let tm = elapsed_ms(started);
    match result {
        Ok(value) => success_response(value, trace, tm),
        Err(e) => error_response(e, trace, tm, config.http_status),
    }
}

/// Polls a handler's future, turning a panic into `Err(())` so that a bug in
/// one handler answers with an error envelope instead of a dropped connection.
struct CatchUnwind<F>(Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, ()>;

    fn poll(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let inner = self.0.as_mut();
        // The future is not polled again after a panic, so no broken state is observed.
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(std::task::Poll::Ready(output)) => std::task::Poll::Ready(Ok(output)),
            Ok(std::task::Poll::Pending) => std::task::Poll::Pending,
            Err(_) => std::task::Poll::Ready(Err(())),
        }
    }
}

/// [`check`], then the body decoded into the handler's request type.
async fn prepare<Q: DeserializeOwned>(
    op: &'static OperationInfo,
    config: &ServerConfig,
    request: Request,
    trace: String,
) -> Result<(RequestContext, Q), ApiError> {
    let checked = check(op, config, request).await?;
    let body: Q = serde_json::from_value(checked.body).map_err(|e| {
        ApiError::validation(&[Violation {
            pointer: String::new(),
            reason: e.to_string(),
        }])
    })?;
    let ctx = RequestContext::new(op, trace, checked.principal, checked.headers);
    Ok((ctx, body))
}
