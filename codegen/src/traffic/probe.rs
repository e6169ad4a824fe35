//! `bizgen probe`: a contract test against a live gateway. Every read-only
//! operation (and those `--include` names) is called with its request
//! example (the one the docs and Postman show: [`RequestExample`]), and the
//! answer is checked exactly as `validate --har` checks a capture. Operations whose token was not given are skipped, with the reason.
//!
//! The plan (what to call, with which headers and body) and the verdicts
//! are plain functions of the IR; only [`run`] touches the network.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::Value;

use super::check::{check_response, Body, Exchange};
pub use super::probe_plan::ProbeOptions;
use super::probe_plan::{plan, Call};
use super::report::{has_errors, Finding, Level, Side};
use crate::ir::{Api, Operation};
use crate::{Error, Result};

/// How one operation came out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// The answer conforms to the spec (notes and warnings aside).
    Pass,
    /// The answer breaks the spec: see the error findings.
    Drift,
    /// The gateway answered with a well-formed error envelope. The spec may
    /// be right; the example's data just does not exist there.
    ErrorCode { code: String, msg: String },
    /// Not called.
    Skipped { reason: String },
    /// No answer to check: timeout, connection refused, an HTTP error page.
    Failed { reason: String },
}

impl Outcome {
    /// `pass`, `drift`, `error-code`, `skipped` or `failed`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Drift => "drift",
            Outcome::ErrorCode { .. } => "error-code",
            Outcome::Skipped { .. } => "skipped",
            Outcome::Failed { .. } => "failed",
        }
    }
}

/// One operation's result.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProbeResult {
    /// The bizType.
    pub operation: String,
    pub service: String,
    pub name: String,
    /// The gateway the operation is on (one bizType can be on two).
    pub gateway: String,
    pub path: String,
    /// The spec example whose request was sent (`None`: a body built from
    /// the request's schema, as the docs show it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The HTTP status of the answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// How long the call took.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub millis: Option<u64>,
    pub findings: Vec<Finding>,
}

/// Every probed operation, in spec order.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProbeReport {
    pub base_url: String,
    pub results: Vec<ProbeResult>,
    /// Operations that are not read-only and were not included: never called.
    pub not_called: usize,
}

impl ProbeReport {
    /// How many results have this outcome (`Outcome::as_str`).
    pub fn count(&self, outcome: &str) -> usize {
        self.results
            .iter()
            .filter(|r| r.outcome.as_str() == outcome)
            .count()
    }

    /// Whether the run fails: an operation drifted, or could not be called.
    pub fn failed(&self) -> bool {
        self.results
            .iter()
            .any(|r| matches!(r.outcome, Outcome::Drift | Outcome::Failed { .. }))
    }
}

/// The base URL, checked: `http` or `https`, a host, no query.
pub fn parse_base_url(url: &str) -> Result<reqwest::Url> {
    let bad = |reason: &str| Error::BadBaseUrl {
        url: url.to_owned(),
        reason: reason.to_owned(),
    };
    let parsed = reqwest::Url::parse(url).map_err(|e| bad(&e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(bad("the scheme must be http or https"));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(bad("no host"));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(bad("a base URL has no query or fragment"));
    }
    Ok(parsed)
}

/// The operations to call: the read-only ones and those `include` names,
/// in spec order; and how many others stay uncalled.
pub fn selection<'a>(api: &'a Api, include: &[String]) -> Result<(Vec<&'a Operation>, usize)> {
    let mut included = Vec::new();
    for key in include {
        included.push(api.find_operation(key)?.path.as_str());
    }
    let (chosen, rest): (Vec<&Operation>, Vec<&Operation>) = api
        .operations()
        .map(|(_, o)| o)
        .partition(|o| o.read_only || included.contains(&o.path.as_str()));
    Ok((chosen, rest.len()))
}

/// What came back from one call.
#[derive(Debug)]
struct Answer {
    status: u16,
    body: Body,
    millis: u64,
}

async fn send(
    http: &reqwest::Client,
    call: &Call,
    timeout: Duration,
) -> std::result::Result<Answer, String> {
    let started = Instant::now();
    let mut req = http.post(&call.url).body(call.body.clone());
    for (k, v) in &call.headers {
        req = req.header(k, v);
    }
    let response = req.send().await.map_err(|e| transport(&e, timeout))?;
    let status = response.status().as_u16();
    let bytes = response.bytes().await.map_err(|e| transport(&e, timeout))?;
    let body = match String::from_utf8(bytes.to_vec()) {
        Ok(text) => Body::Text(text),
        Err(_) => Body::Unreadable("the answer is not UTF-8 text".to_owned()),
    };
    Ok(Answer {
        status,
        body,
        millis: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    })
}

/// A transport error in words, the cause chain included (reqwest's own
/// message alone says only "error sending request").
fn transport(e: &reqwest::Error, timeout: Duration) -> String {
    if e.is_timeout() {
        return format!("no answer within {}", show_duration(timeout));
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// `1.5s`, `200ms`.
pub fn show_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 && d.as_secs() > 0 {
        format!("{}s", d.as_secs())
    } else if d.as_secs() == 0 {
        format!("{}ms", d.as_millis())
    } else {
        format!("{}s", d.as_secs_f64())
    }
}

/// Parses `--timeout`: `10s`, `500ms`, `1.5s` or plain seconds (`10`).
pub fn parse_duration(text: &str) -> std::result::Result<Duration, String> {
    let t = text.trim();
    let (number, scale) = if let Some(ms) = t.strip_suffix("ms") {
        (ms, 0.001)
    } else if let Some(s) = t.strip_suffix('s') {
        (s, 1.0)
    } else {
        (t, 1.0)
    };
    match number.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && n > 0.0 => Ok(Duration::from_secs_f64(n * scale)),
        _ => Err(format!(
            "`{text}` is not a duration: say 10s, 500ms or 1.5s"
        )),
    }
}

/// Makes the planned calls, `concurrency` at a time; answers by plan index.
async fn call_all(
    calls: Vec<Option<Call>>,
    options: &ProbeOptions,
) -> Result<Vec<Option<std::result::Result<Answer, String>>>> {
    let http = reqwest::Client::builder()
        .timeout(options.timeout)
        .connect_timeout(options.timeout)
        .build()
        .map_err(Error::HttpClient)?;
    let calls = Arc::new(calls);
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..options.concurrency.clamp(1, calls.len().max(1)) {
        let (calls, next, http, timeout) =
            (calls.clone(), next.clone(), http.clone(), options.timeout);
        workers.spawn(async move {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(slot) = calls.get(i) else { break };
                if let Some(call) = slot {
                    done.push((i, send(&http, call, timeout).await));
                }
            }
            done
        });
    }
    let mut answers: Vec<Option<_>> = (0..calls.len()).map(|_| None).collect();
    while let Some(joined) = workers.join_next().await {
        let done = joined.map_err(|_| Error::Internal("a probe worker panicked"))?;
        for (i, answer) in done {
            answers[i] = Some(answer);
        }
    }
    Ok(answers)
}

/// The verdict on one answer.
fn judge(api: &Api, op: &Operation, index: usize, call: &Call, answer: Answer) -> ProbeResult {
    let x = Exchange {
        entry: index,
        time: None,
        path: op.path.clone(),
        request_headers: call.headers.clone(),
        request_body: Body::Text(call.body.clone()),
        response_body: answer.body,
    };
    let envelope = match &x.response_body {
        Body::Text(text) => serde_json::from_str::<Value>(text).ok(),
        _ => None,
    };
    let mut result = result_of(op, None, Outcome::Pass);
    result.status = Some(answer.status);
    result.millis = Some(answer.millis);
    // An HTTP error page (a proxy's 502, a 404 from a wrong base URL) is
    // not the API answering: the call failed, the spec did not drift.
    if envelope.as_ref().is_none_or(|e| !e.is_object()) && !(200..300).contains(&answer.status) {
        let snippet = match &x.response_body {
            Body::Text(t) => t.chars().take(80).collect::<String>(),
            _ => String::new(),
        };
        result.outcome = Outcome::Failed {
            reason: format!("HTTP {} without an envelope: {snippet:?}", answer.status),
        };
        return result;
    }
    result.findings = check_response(api, op, &x);
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
    if let Some(missing) = envelope
        .as_ref()
        .and_then(|e| unknown_operation(e, index, op))
    {
        result.findings.push(missing);
    }
    result.outcome = match envelope {
        _ if has_errors(&result.findings) => Outcome::Drift,
        Some(e) if e.get("ok").and_then(Value::as_bool) == Some(false) => Outcome::ErrorCode {
            code: text(&e, "code").unwrap_or_default(),
            msg: text(&e, "msg").unwrap_or_default(),
        },
        _ => Outcome::Pass,
    };
    result
}

/// The gateway's "no such operation" answer (bizgen's `BIZGEN_NOT_FOUND`,
/// or the platform's "Unknown operation" message): the spec has an
/// operation the gateway lacks, which is drift, not an error code to shrug at.
fn unknown_operation(envelope: &Value, index: usize, op: &Operation) -> Option<Finding> {
    let field = |key: &str| envelope.get(key).and_then(Value::as_str).unwrap_or("");
    let (code, msg) = (field("code"), field("msg"));
    let unknown = code == bizgen_runtime::error::codes::NOT_FOUND
        || msg.eq_ignore_ascii_case(bizgen_runtime::error::messages::NOT_FOUND);
    (envelope.get("ok").and_then(Value::as_bool) != Some(true) && unknown).then(|| Finding {
        level: Level::Error,
        entry: index,
        time: None,
        operation: Some(op.biz_type.clone()),
        path: op.path.clone(),
        side: Side::Response,
        pointer: "/code".to_owned(),
        reason: format!(
            "the gateway does not know this operation ({code}: {msg:?}): it is in the spec but not on gateway `{}`",
            op.gateway
        ),
    })
}

fn result_of(op: &Operation, example: Option<String>, outcome: Outcome) -> ProbeResult {
    ProbeResult {
        operation: op.biz_type.clone(),
        service: op.service.clone(),
        name: op.name.clone(),
        gateway: op.gateway.clone(),
        path: op.path.clone(),
        example,
        outcome,
        status: None,
        millis: None,
        findings: Vec::new(),
    }
}

/// Probes the gateway: plans, calls and judges every selected operation.
pub async fn run(api: &Api, options: &ProbeOptions) -> Result<ProbeReport> {
    let base = parse_base_url(&options.base_url)?;
    let (ops, not_called) = selection(api, &options.include)?;
    let planned = plan(api, &ops, base.as_str(), options);
    let calls = planned.iter().map(|p| p.call.clone().ok()).collect();
    let answers = call_all(calls, options).await?;
    let results = planned
        .into_iter()
        .zip(answers)
        .enumerate()
        .map(|(i, (p, answer))| match (p.call, answer) {
            (Err(reason), _) => result_of(p.op, p.example, Outcome::Skipped { reason }),
            (Ok(call), Some(Ok(answer))) => ProbeResult {
                example: p.example,
                ..judge(api, p.op, i, &call, answer)
            },
            (Ok(_), Some(Err(reason))) => result_of(p.op, p.example, Outcome::Failed { reason }),
            (Ok(_), None) => result_of(
                p.op,
                p.example,
                Outcome::Failed {
                    reason: "not called (internal error)".to_owned(),
                },
            ),
        })
        .collect();
    Ok(ProbeReport {
        base_url: options.base_url.clone(),
        results,
        not_called,
    })
}

/// [`run`] on a runtime of its own, for callers that are not async (the CLI).
pub fn probe(api: &Api, options: &ProbeOptions) -> Result<ProbeReport> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(Error::AsyncRuntime)?
        .block_on(run(api, options))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert!(parse_base_url("http://127.0.0.1:8080").is_ok());
        assert!(parse_base_url("https://gw.example/mount/").is_ok());
        for (bad, why) in [
            ("not a url", "relative URL without a base"),
            ("ftp://h.example", "the scheme must be http or https"),
            ("http://h.example/?a=1", "no query"),
        ] {
            let e = parse_base_url(bad).expect_err(bad).to_string();
            assert!(e.contains(why) && e.contains(bad), "{e}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("soon").is_err());
        assert_eq!(show_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(show_duration(Duration::from_millis(200)), "200ms");
        assert_eq!(show_duration(Duration::from_secs(10)), "10s");
    }
}
