//! When a call is retried and how long it waits (see the docs page
//! "Retries, pagination and hooks" for the rules every SDK follows).
//!
//! Retried: connection errors and timeouts, and HTTP 408, 429, 502, 503
//! and 504, for read-only operations or calls marked idempotent; any other
//! operation only when the request provably never left (connection refused,
//! DNS failure). An envelope is never retried by its code. Before retry `n`
//! (1-based) the client waits a random time in `[0, min(max_backoff,
//! initial_backoff × 2^(n-1))]` (full jitter), or what `Retry-After` asks
//! (seconds or an HTTP date), capped at `max_backoff`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};

/// The HTTP statuses worth another attempt: the gateway timed out, was
/// overloaded, or the request was throttled.
pub const RETRY_STATUSES: [u16; 5] = [408, 429, 502, 503, 504];

type SleepFuture = Pin<Box<dyn Future<Output = ()> + Send>>;
type Jitter = Arc<dyn Fn(Duration) -> Duration + Send + Sync>;
type Sleep = Arc<dyn Fn(Duration) -> SleepFuture + Send + Sync>;

/// How many times a call is retried and how long it waits in between.
///
/// The jitter and the sleep are injectable, so that tests can make the
/// waits deterministic (`with_jitter(|bound| bound)`) or instant, and
/// record them (`with_sleep`).
#[derive(Clone)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2; 0 turns retries off).
    pub max_retries: u32,
    /// The bound of the first retry's wait (default 0.5 s); it doubles for
    /// each further retry.
    pub initial_backoff: Duration,
    /// The longest wait, also for `Retry-After` (default 8 s).
    pub max_backoff: Duration,
    jitter: Jitter,
    sleep: Sleep,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            jitter: Arc::new(full_jitter),
            sleep: Arc::new(|d| Box::pin(tokio::time::sleep(d))),
        }
    }
}

impl std::fmt::Debug for RetryPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RetryPolicy")
            .field("max_retries", &self.max_retries)
            .field("initial_backoff", &self.initial_backoff)
            .field("max_backoff", &self.max_backoff)
            .finish_non_exhaustive()
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// The same policy with at most `n` retries.
    pub fn with_max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }

    /// The same policy with other backoff bounds.
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max;
        self
    }

    /// Picks each wait from its bound (default: uniformly in `[0, bound]`).
    /// `|bound| bound` makes waits deterministic, `|_| Duration::ZERO`
    /// instant.
    pub fn with_jitter(mut self, f: impl Fn(Duration) -> Duration + Send + Sync + 'static) -> Self {
        self.jitter = Arc::new(f);
        self
    }

    /// Waits with another clock (default `tokio::time::sleep`), e.g. one
    /// that records the waits and returns at once.
    pub fn with_sleep<F>(mut self, f: impl Fn(Duration) -> F + Send + Sync + 'static) -> Self
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.sleep = Arc::new(move |d| Box::pin(f(d)));
        self
    }

    /// The bound of the wait before retry `n` (1-based):
    /// `min(max_backoff, initial_backoff × 2^(n-1))`.
    pub fn backoff_bound(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }

    /// The wait before retry `n`: `Retry-After` (capped) when the answer
    /// gave one, else the jittered backoff.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        match retry_after {
            Some(wait) => wait.min(self.max_backoff),
            None => (self.jitter)(self.backoff_bound(retry)).min(self.max_backoff),
        }
    }

    pub(super) fn sleep(&self, d: Duration) -> SleepFuture {
        (self.sleep)(d)
    }
}

/// A uniformly random duration in `[0, bound]`.
fn full_jitter(bound: Duration) -> Duration {
    // 53 random bits make an f64 in [0, 1); uuid's generator is already a
    // dependency of the client.
    let bits = (uuid::Uuid::new_v4().as_u128() >> 75) as u64;
    bound.mul_f64(bits as f64 / (1u64 << 53) as f64)
}

/// `Retry-After`: whole seconds, or an HTTP date (the wait until then; zero
/// when it has passed). `None` when absent or unreadable.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// Whether a failed attempt may be repeated: `safe` is a read-only
/// operation or a call marked idempotent. Anything else only when the
/// request never left: no connection was made (refused, DNS, TLS).
pub(super) fn transport_retryable(error: &reqwest::Error, safe: bool) -> bool {
    if error.is_builder() || error.is_redirect() {
        return false;
    }
    error.is_connect() || (safe && (error.is_timeout() || error.is_request() || error.is_body()))
}

/// Whether an answer with this status may be repeated (only when `safe`:
/// the server may have acted on the request).
pub(super) fn status_retryable(status: u16, safe: bool) -> bool {
    safe && RETRY_STATUSES.contains(&status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_half_a_second_up_to_eight() {
        let p = RetryPolicy::default();
        let bounds: Vec<u64> = (1..=7)
            .map(|n| p.backoff_bound(n).as_millis() as u64)
            .collect();
        assert_eq!(bounds, [500, 1000, 2000, 4000, 8000, 8000, 8000]);
        assert_eq!(p.backoff_bound(100), Duration::from_secs(8), "no overflow");
    }

    #[test]
    fn full_jitter_stays_within_the_bound() {
        let p = RetryPolicy::default();
        for n in 1..50 {
            let d = p.delay(n % 6 + 1, None);
            assert!(d <= p.backoff_bound(n % 6 + 1), "{d:?}");
        }
        let fixed = RetryPolicy::default().with_jitter(|b| b);
        assert_eq!(fixed.delay(2, None), Duration::from_secs(1));
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_cap() {
        let p = RetryPolicy::default().with_jitter(|_| Duration::ZERO);
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(3))),
            Duration::from_secs(3)
        );
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(60))),
            Duration::from_secs(8)
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let mut h = HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        h.insert(RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        let later = SystemTime::now() + Duration::from_secs(120);
        h.insert(RETRY_AFTER, httpdate::fmt_http_date(later).parse().unwrap());
        let wait = retry_after(&h).unwrap();
        assert!(
            wait > Duration::from_secs(100) && wait <= Duration::from_secs(120),
            "{wait:?}"
        );
        h.insert(
            RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO), "a date in the past");
        h.insert(RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn only_safe_calls_retry_statuses() {
        for s in RETRY_STATUSES {
            assert!(status_retryable(s, true));
            assert!(!status_retryable(s, false));
        }
        for s in [200, 400, 401, 404, 422, 500, 501] {
            assert!(!status_retryable(s, true), "{s}");
        }
    }
}
