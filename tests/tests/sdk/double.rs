//! A scriptable test double on loopback: every request is recorded (path,
//! headers, body, arrival time) and answered by the test's closure, given
//! the request and its index among all requests so far. Shared by test
//! binaries that each use a part of it.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::IntoResponse;
use serde_json::{json, Value};

/// One request the double saw.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    pub headers: HeaderMap,
    pub body: Value,
    pub at: Instant,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// What the double answers: status, extra headers, body.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

impl Answer {
    /// HTTP 200 with a success envelope around `data`.
    pub fn ok(data: Value, trace: &str) -> Answer {
        let envelope = json!({
            "code": "0", "msg": "Success", "data": data, "trace": trace, "tm": 3,
            "bizCode": "", "msgParams": null, "ok": true, "fail": false
        });
        Answer::status(200, &envelope.to_string())
    }

    /// HTTP 200 with an error envelope.
    pub fn error(code: &str, trace: &str) -> Answer {
        let envelope = json!({
            "code": code, "msg": "It failed", "data": null, "trace": trace, "tm": 3,
            "bizCode": "", "msgParams": null, "ok": false, "fail": true
        });
        Answer::status(200, &envelope.to_string())
    }

    /// Any status with a plain body (a gateway's error page).
    pub fn status(status: u16, body: &str) -> Answer {
        Answer {
            status,
            headers: vec![("content-type", "application/json".into())],
            body: body.to_owned(),
        }
    }

    pub fn with_header(mut self, name: &'static str, value: &str) -> Answer {
        self.headers.push((name, value.to_owned()));
        self
    }
}

type Script = dyn Fn(&Seen, usize) -> Answer + Send + Sync;

/// The double's address and what it has seen.
#[derive(Clone)]
pub struct Double {
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Double {
    pub async fn start(script: impl Fn(&Seen, usize) -> Answer + Send + Sync + 'static) -> Double {
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let script: Arc<Script> = Arc::new(script);
        let state = (seen.clone(), script);
        let router =
            axum::Router::new().fallback(move |uri: Uri, headers: HeaderMap, body: Bytes| {
                let (seen, script) = state.clone();
                async move {
                    let request = Seen {
                        path: uri.path().to_owned(),
                        headers,
                        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
                        at: Instant::now(),
                    };
                    let index = {
                        let mut seen = seen.lock().expect("lock");
                        seen.push(request.clone());
                        seen.len() - 1
                    };
                    let answer = script(&request, index);
                    let mut response = (
                        StatusCode::from_u16(answer.status).expect("status"),
                        answer.body,
                    )
                        .into_response();
                    for (name, value) in answer.headers {
                        response
                            .headers_mut()
                            .insert(name, value.parse().expect("header value"));
                    }
                    response
                }
            });
        let addr = crate::common::start(router).await;
        Double { addr, seen }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("lock").clone()
    }
}
