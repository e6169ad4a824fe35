//! The Rust SDK's retries, hooks, logging and pagination against a test
//! double on loopback (not the mock: the double answers 503s, Retry-After
//! and pages on demand). Waits are instant unless a test measures them.

mod common;
#[path = "sdk/double.rs"]
mod double;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use customer_api::customer_api_web_service::{DelApiRequest, PageRequest, QueryApiRequest};
use customer_api::{CallOptions, Client, ClientConfig, ClientError, RetryPolicy};
use double::{Answer, Double, Seen};
use serde_json::json;

const TOKEN: &str = "tok-3f9a27c1";

/// A client of the double with the C-side token; retries wait nothing.
fn client(double: &Double, config: impl FnOnce(ClientConfig) -> ClientConfig) -> Client {
    let base = ClientConfig::new(double.url(), "360")
        .with_token(TOKEN)
        .with_retry(RetryPolicy::default().with_jitter(|_| Duration::ZERO));
    Client::new(config(base)).expect("client")
}

fn trace_of(seen: &Seen) -> String {
    seen.header("trace").expect("a trace header").to_owned()
}

fn api_key(id: usize) -> serde_json::Value {
    json!({"id": id, "tag": format!("key-{id}")})
}

#[tokio::test]
async fn a_read_only_call_succeeds_on_the_third_attempt_with_one_trace() {
    let double = Double::start(|seen, n| match n {
        0 | 1 => Answer::status(503, "<html>503 Service Unavailable</html>"),
        _ => Answer::ok(api_key(14), &trace_of(seen)),
    })
    .await;
    // The waits are recorded rather than slept: full jitter at its bound.
    let waits = Arc::new(Mutex::new(Vec::new()));
    let recorded = waits.clone();
    let policy = RetryPolicy::default()
        .with_jitter(|bound| bound)
        .with_sleep(move |d| {
            recorded.lock().unwrap().push(d);
            async {}
        });
    let client = client(&double, |c| c.with_retry(policy));
    let answer = client
        .customer_api_web_service()
        .with(CallOptions::default())
        .query_api(&QueryApiRequest::new(14))
        .await
        .expect("the third attempt succeeds");
    assert_eq!(answer.data.id, Some(14));
    assert_eq!(answer.attempts, 3);
    assert_eq!(answer.status, 200);
    let seen = double.seen();
    assert_eq!(seen.len(), 3);
    let traces: Vec<String> = seen.iter().map(trace_of).collect();
    assert!(traces.iter().all(|t| *t == traces[0]), "{traces:?}");
    assert_eq!(answer.trace, traces[0]);
    // Exponential backoff from 0.5 s.
    assert_eq!(
        *waits.lock().unwrap(),
        [Duration::from_millis(500), Duration::from_millis(1000)]
    );
}

#[tokio::test]
async fn a_write_answered_503_is_sent_once() {
    let double = Double::start(|_, _| Answer::status(503, "busy")).await;
    let err = client(&double, |c| c)
        .customer_api_web_service()
        .del_api(&DelApiRequest::new(14))
        .await
        .expect_err("503");
    assert_eq!(double.seen().len(), 1);
    assert!(
        matches!(
            err,
            ClientError::Status {
                status: 503,
                attempts: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.attempts(), Some(1));
}

#[tokio::test]
async fn a_write_is_retried_when_the_caller_says_it_is_idempotent() {
    let double = Double::start(|seen, n| match n {
        0 => Answer::status(502, "bad gateway"),
        _ => Answer::ok(json!(null), &trace_of(seen)),
    })
    .await;
    let answer = client(&double, |c| c)
        .customer_api_web_service()
        .with(CallOptions::default().idempotent())
        .del_api(&DelApiRequest::new(14))
        .await
        .expect("the retry succeeds");
    assert_eq!(answer.attempts, 2);
    assert_eq!(double.seen().len(), 2);
}

#[tokio::test]
async fn a_write_that_never_left_is_retried_and_the_error_counts_the_attempts() {
    // Nothing listens here: the connection is refused, so the request
    // provably never reached a server.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let config = ClientConfig::new(format!("http://{addr}"), "360")
        .with_token(TOKEN)
        .with_retry(RetryPolicy::default().with_jitter(|_| Duration::ZERO));
    let err = Client::new(config)
        .expect("client")
        .customer_api_web_service()
        .del_api(&DelApiRequest::new(14))
        .await
        .expect_err("refused");
    assert!(
        matches!(err, ClientError::Transport { attempts: 3, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("after 3 attempts"), "{err}");
}

#[tokio::test]
async fn retry_after_is_waited_for() {
    let double = Double::start(|seen, n| match n {
        0 => Answer::status(503, "slow down").with_header("retry-after", "1"),
        _ => Answer::ok(api_key(14), &trace_of(seen)),
    })
    .await;
    // The real clock this time; the jitter would not wait at all.
    let started = Instant::now();
    client(&double, |c| c)
        .customer_api_web_service()
        .query_api(&QueryApiRequest::new(14))
        .await
        .expect("the retry succeeds");
    let seen = double.seen();
    assert_eq!(seen.len(), 2);
    let gap = seen[1].at - seen[0].at;
    assert!(gap >= Duration::from_millis(900), "waited {gap:?}");
    assert!(started.elapsed() >= Duration::from_millis(900));
}

#[tokio::test]
async fn max_retries_zero_makes_one_attempt() {
    let double = Double::start(|_, _| Answer::status(503, "busy")).await;
    let on_client = client(&double, |c| c.with_max_retries(0));
    let err = on_client
        .customer_api_web_service()
        .query_api(&QueryApiRequest::new(14))
        .await
        .expect_err("503");
    assert_eq!(err.attempts(), Some(1));
    assert_eq!(double.seen().len(), 1);
    // Per call, over a client that would retry.
    let err = client(&double, |c| c)
        .customer_api_web_service()
        .with(CallOptions::default().with_max_retries(0))
        .query_api(&QueryApiRequest::new(14))
        .await
        .expect_err("503");
    assert_eq!(err.attempts(), Some(1));
    assert_eq!(double.seen().len(), 2);
    // And the default: 2 retries, 3 attempts.
    let err = client(&double, |c| c)
        .customer_api_web_service()
        .query_api(&QueryApiRequest::new(14))
        .await
        .expect_err("503");
    assert_eq!(err.attempts(), Some(3));
    assert!(
        err.to_string().contains("HTTP 503 after 3 attempts"),
        "{err}"
    );
    assert_eq!(double.seen().len(), 5);
}

#[tokio::test]
async fn an_error_envelope_is_not_retried() {
    let double =
        Double::start(|seen, _| Answer::error("CUSTOMER_API_0000404", &trace_of(seen))).await;
    let err = client(&double, |c| c)
        .customer_api_web_service()
        .query_api(&QueryApiRequest::new(14))
        .await
        .expect_err("error envelope");
    assert!(err.is("CUSTOMER_API_0000404"), "{err:?}");
    assert_eq!(err.attempts(), Some(1));
    assert_eq!(double.seen().len(), 1);
}

#[tokio::test]
async fn an_error_envelope_after_a_retry_says_how_many_attempts_were_made() {
    let double = Double::start(|seen, n| match n {
        0 => Answer::status(503, "<html>busy</html>"),
        _ => Answer::error("CUSTOMER_API_0000404", &trace_of(seen)),
    })
    .await;
    let err = client(&double, |c| c)
        .customer_api_web_service()
        .query_api(&QueryApiRequest::new(14))
        .await
        .expect_err("error envelope");
    assert_eq!(double.seen().len(), 2);
    match &err {
        ClientError::Api(api) => {
            assert_eq!(api.code, "CUSTOMER_API_0000404");
            assert_eq!(api.attempts, Some(2));
        }
        other => panic!("not an API error: {other:?}"),
    }
    assert_eq!(err.attempts(), Some(2));
    assert!(err.to_string().contains("after 2 attempts"), "{err}");
    // A body that does not decode after a retry counts them too.
    let double = Double::start(|_, n| match n {
        0 => Answer::status(502, "bad gateway"),
        _ => Answer::status(200, "{\"not\": \"an envelope\"}"),
    })
    .await;
    let err = client(&double, |c| c)
        .customer_api_web_service()
        .query_api(&QueryApiRequest::new(14))
        .await
        .expect_err("not an envelope");
    assert!(
        matches!(err, ClientError::Decode { attempts: 2, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("after 2 attempts"), "{err}");
}

/// 25 API keys served 10 a page, from the request's `current` and `size`;
/// page 2 fails when `fail_page_2`.
async fn paged_double(fail_page_2: bool) -> Double {
    Double::start(move |seen, _| {
        let page = seen.body["current"].as_u64().unwrap_or(1) as usize;
        let size = seen.body["size"].as_u64().unwrap_or(10) as usize;
        if fail_page_2 && page == 2 {
            return Answer::error("CUSTOMER_API_0000500", &trace_of(seen));
        }
        let records: Vec<_> = ((page - 1) * size + 1..=(page * size).min(25))
            .map(api_key)
            .collect();
        let data = json!({"total": 25, "current": page, "size": size, "records": records});
        Answer::ok(data, &trace_of(seen))
    })
    .await
}

#[tokio::test]
async fn page_all_walks_three_pages_lazily() {
    let double = paged_double(false).await;
    let client = client(&double, |c| c);
    let mut keys = client
        .customer_api_web_service()
        .page_all(&PageRequest::new().with_size(10).with_tag("t"));
    assert_eq!(
        double.seen().len(),
        0,
        "nothing is fetched before it is asked for"
    );
    let first = keys.next().await.expect("an item").expect("page 1");
    assert_eq!(first.id, Some(1));
    assert_eq!(double.seen().len(), 1, "one page per ten items");
    let mut ids = vec![first.id];
    for _ in 1..10 {
        ids.push(keys.next().await.expect("an item").expect("page 1").id);
    }
    assert_eq!(
        double.seen().len(),
        1,
        "page 2 waits until page 1 is used up"
    );
    let rest = keys.try_collect().await.expect("pages 2 and 3");
    ids.extend(rest.iter().map(|k| k.id));
    let want: Vec<Option<i64>> = (1..=25).map(Some).collect();
    assert_eq!(ids, want);
    let seen = double.seen();
    assert_eq!(seen.len(), 3, "no request after the total");
    for (i, s) in seen.iter().enumerate() {
        assert_eq!(
            s.path,
            "/api/global/customer.app.CustomerApiWebService.page"
        );
        assert_eq!(s.body["current"], json!(i + 1));
        assert_eq!(s.body["size"], json!(10));
        assert_eq!(s.body["tag"], json!("t"), "the other fields are kept");
    }
}

#[tokio::test]
async fn page_all_yields_page_one_then_the_error_of_page_two() {
    let double = paged_double(true).await;
    let client = client(&double, |c| c);
    let mut keys = client
        .customer_api_web_service()
        .page_all(&PageRequest::new().with_size(10));
    let mut items = 0;
    let err = loop {
        match keys
            .next()
            .await
            .expect("the stream does not end before the error")
        {
            Ok(_) => items += 1,
            Err(e) => break e,
        }
    };
    assert_eq!(items, 10);
    assert!(err.is("CUSTOMER_API_0000500"), "{err:?}");
    assert!(
        keys.next().await.is_none(),
        "the stream ends after the error"
    );
    assert_eq!(double.seen().len(), 2);
}

#[tokio::test]
async fn page_all_is_a_stream() {
    use futures_util::TryStreamExt;
    let double = paged_double(false).await;
    let client = client(&double, |c| c);
    // `map_ok` and `try_collect` of the `TryStreamExt` combinators.
    let stream = client
        .customer_api_web_service()
        .page_all(&PageRequest::new().with_size(10))
        .map_ok(|key| key.id);
    let ids: Vec<Option<i64>> = TryStreamExt::try_collect(stream).await.expect("25 keys");
    assert_eq!(ids.len(), 25);
}

#[tokio::test]
async fn hooks_see_every_attempt_with_the_token_masked() {
    let double = Double::start(|seen, n| match n {
        0 | 1 => Answer::status(503, "busy"),
        _ => Answer::ok(api_key(14), &trace_of(seen)),
    })
    .await;
    let requests = Arc::new(Mutex::new(Vec::new()));
    let responses = Arc::new(Mutex::new(Vec::new()));
    let (rq, rs) = (requests.clone(), responses.clone());
    let client = client(&double, |c| {
        c.on_request(move |r| {
            let token = r
                .headers
                .iter()
                .find(|(n, _)| *n == "token")
                .map(|(_, v)| v.clone());
            rq.lock()
                .unwrap()
                .push((r.biz_type, r.attempt, r.trace.to_owned(), token));
        })
        .on_response(move |r| {
            rs.lock().unwrap().push((
                r.attempt,
                r.status,
                r.code.map(str::to_owned),
                r.retry_in.is_some(),
                r.elapsed,
            ));
        })
    });
    client
        .customer_api_web_service()
        .query_api(&QueryApiRequest::new(14))
        .await
        .expect("the third attempt succeeds");
    let requests = requests.lock().unwrap().clone();
    assert_eq!(requests.len(), 3);
    for (i, (biz_type, attempt, trace, token)) in requests.iter().enumerate() {
        assert_eq!(*biz_type, "customer.app.CustomerApiWebService.queryApi");
        assert_eq!(*attempt, i as u32 + 1);
        assert_eq!(*trace, trace_of(&double.seen()[i]));
        assert_eq!(token.as_deref(), Some("<redacted>"));
    }
    let responses = responses.lock().unwrap().clone();
    let summary: Vec<_> = responses
        .iter()
        .map(|(a, s, c, retry, _)| (*a, *s, c.clone(), *retry))
        .collect();
    assert_eq!(
        summary,
        [
            (1, Some(503), None, true),
            (2, Some(503), None, true),
            (3, Some(200), Some("0".to_owned()), false)
        ]
    );
    assert!(responses.iter().all(|r| r.4 < Duration::from_secs(5)));
    // The server still got the real token.
    assert!(double
        .seen()
        .iter()
        .all(|s| s.header("token") == Some(TOKEN)));
}
