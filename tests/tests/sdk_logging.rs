//! The Rust SDK's `tracing` output (feature `tracing`) against a test
//! double: every attempt is logged with bizType, trace, attempt, status,
//! code and elapsed time, and no line shows a token or a sensitive field.

mod common;
#[path = "sdk/double.rs"]
mod double;

use std::time::Duration;

use customer_api::customer_api_web_service::ApplyApiRequest;
use customer_api::{CallOptions, Client, ClientConfig, RetryPolicy};
use double::{Answer, Double, Seen};
use serde_json::json;

const TOKEN: &str = "tok-3f9a27c1";

fn trace_of(seen: &Seen) -> String {
    seen.header("trace").expect("a trace header").to_owned()
}

/// Everything the client logs through `tracing`, as text.
mod log_capture {
    use std::fmt::Write;
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    #[derive(Clone, Default)]
    pub struct Capture(pub Arc<Mutex<String>>);

    struct Line<'a>(&'a mut String);

    impl Visit for Line<'_> {
        fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
            let _ = write!(self.0, " {}={:?}", field.name(), value);
        }
    }

    impl Subscriber for Capture {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let mut out = self.0.lock().unwrap();
            let _ = write!(out, "span {}", span.metadata().name());
            span.record(&mut Line(&mut out));
            out.push('\n');
            Id::from_u64(1)
        }
        fn record(&self, _: &Id, values: &Record<'_>) {
            let mut out = self.0.lock().unwrap();
            values.record(&mut Line(&mut out));
            out.push('\n');
        }
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, event: &Event<'_>) {
            let mut out = self.0.lock().unwrap();
            out.push_str("event");
            event.record(&mut Line(&mut out));
            out.push('\n');
        }
        fn enter(&self, _: &Id) {}
        fn exit(&self, _: &Id) {}
    }
}

#[tokio::test]
async fn log_lines_never_show_a_token_or_a_sensitive_field() {
    // The only test of this binary: the subscriber is global, so that no
    // other test's thread shares the callsites' interest cache.
    let capture = log_capture::Capture::default();
    tracing::subscriber::set_global_default(capture.clone()).expect("the first subscriber");
    let double = Double::start(|seen, n| match n {
        0 => Answer::status(503, "busy"),
        _ => Answer::ok(json!({"id": 15}), &trace_of(seen)),
    })
    .await;
    let config = ClientConfig::new(double.url(), "360")
        .with_token(TOKEN)
        .with_retry(RetryPolicy::default().with_jitter(|_| Duration::ZERO));
    let client = Client::new(config).expect("client");
    let request = ApplyApiRequest::new("731904", "582216")
        .with_google_code("440127")
        .with_tag("bot");
    // A write, made retryable by the caller, so that two attempts are logged.
    client
        .customer_api_web_service()
        .with(CallOptions::default().idempotent())
        .apply_api(&request)
        .await
        .expect("applyApi");
    let log = capture.0.lock().unwrap().clone();
    for needle in [
        "customer.app.CustomerApiWebService.applyApi",
        "attempt=1",
        "attempt=2",
        "status=503",
        "code=\"0\"",
        "elapsed_ms=",
        "tag: Some(\"bot\")",
        "<redacted>",
    ] {
        assert!(log.contains(needle), "{needle:?} not logged:\n{log}");
    }
    for secret in [TOKEN, "731904", "582216", "440127"] {
        assert!(!log.contains(secret), "{secret:?} was logged:\n{log}");
    }
    // The server got them all.
    let seen = double.seen();
    assert_eq!(seen[1].body["phoneCode"], json!("731904"));
}
