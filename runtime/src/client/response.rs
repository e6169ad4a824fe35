//! A successful answer with its metadata, and the two ways a service
//! handle returns it.

use reqwest::header::HeaderMap;

/// A successful answer with its envelope's and the HTTP exchange's
/// metadata, as returned by a service handle scoped with `with(..)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    /// The decoded `data`.
    pub data: T,
    /// The trace id the server echoed.
    pub trace: String,
    /// The time the server spent, in milliseconds.
    pub tm: i64,
    pub biz_code: Option<String>,
    /// The HTTP status of the answer (200 on the platform's gateways).
    pub status: u16,
    /// The HTTP headers of the answer.
    pub headers: HeaderMap,
    /// How many attempts the call took (1 unless it was retried).
    pub attempts: u32,
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

/// Calls return a [`Response`]: `data` with `trace`, `tm`, `bizCode`, the
/// HTTP status and headers, and the number of attempts.
#[derive(Debug, Clone, Copy, Default)]
pub struct WithMeta;

impl CallMode for WithMeta {
    type Output<T> = Response<T>;
    fn finish<T>(response: Response<T>) -> Response<T> {
        response
    }
}
