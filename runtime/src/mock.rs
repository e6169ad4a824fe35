//! A mock server driven by a data table: per operation, its contract (path,
//! access, headers, request schema) and its example answers. Both the
//! generated `*-mock` binary (a table emitted as data) and `bizgen mock` (a
//! table built from the spec at run time) serve through [`router`], which
//! applies the same checks as the generated server ([`crate::server::check`]).
//!
//! Answers are serialized once, when the router is built: a call copies the
//! prepared bytes around its echoed `trace` and `tm`, and parses nothing but
//! its own request body.
//!
//! ```no_run
//! # use bizgen_runtime::mock::{MockOptions, MockTable};
//! # use bizgen_runtime::server::{ServerConfig, StaticTokens};
//! # fn demo(table: MockTable) {
//! // Serve some operations yourself: drop them from the table and merge
//! // your own routes into the mock's router.
//! let mut table = table;
//! table.operations.retain(|op| op.biz_type != "login");
//! let config = ServerConfig::new(StaticTokens::new("c-token", "b-token"));
//! let router = bizgen_runtime::mock::router(&table, config, MockOptions::default());
//! # let _ = router;
//! # }
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::routing::{any, MethodRouter};
use axum::Router;
use serde_json::Value;

use crate::error::{codes, ApiError};
use crate::operation::{Access, OperationInfo, Presence, TokenKind};
use crate::schema::ObjectSchema;
use crate::server::{
    check, elapsed_ms, error_response, json_bytes, trace_within, with_fallback, Contract,
    HttpStatus, Routes, ServerConfig,
};

#[cfg(feature = "mock")]
mod args;
mod site;
#[cfg(feature = "mock")]
pub use args::{parse_http_status, run, serve, MockArgs};

/// Every operation a mock serves.
#[derive(Debug, Clone)]
pub struct MockTable {
    /// The API's name, for the startup banner (`customer-api`).
    pub api_name: String,
    pub operations: Vec<MockOperation>,
}

/// One operation of a mock: what the checks need, and its answers.
#[derive(Debug, Clone)]
pub struct MockOperation {
    pub path: String,
    pub biz_type: String,
    pub access: Access,
    /// Every header with its presence, `token` included.
    pub headers: Vec<(String, Presence)>,
    /// The request body's shape (borrowed from generated code, or built from
    /// the spec at run time).
    pub request: Cow<'static, ObjectSchema>,
    /// The field of `data` that carries the new session token (the spec's
    /// `setsToken`, `token` on login): the mock answers with a token its
    /// authenticator accepts instead of the example's, so that login
    /// followed by a token call works.
    pub sets_token: Option<String>,
    /// The spec's examples, in spec order.
    pub examples: Vec<MockExample>,
}

/// One example answer: the full envelope as the spec writes it.
#[derive(Debug, Clone)]
pub struct MockExample {
    pub name: String,
    pub envelope: Value,
}

/// One row of a table emitted as data by the generator: the operation's
/// descriptor and its examples as `(name, envelope JSON)`.
#[derive(Debug, Clone, Copy)]
pub struct StaticOperation {
    pub info: &'static OperationInfo,
    /// The `setsToken` field of `data`, if the operation hands out a token.
    pub sets_token: Option<&'static str>,
    pub examples: &'static [(&'static str, &'static str)],
}

impl MockTable {
    /// Builds a table from generated data, parsing each example once.
    pub fn from_static(api_name: &str, rows: &[StaticOperation]) -> MockTable {
        MockTable {
            api_name: api_name.to_owned(),
            operations: rows.iter().map(MockOperation::from_static).collect(),
        }
    }

    /// Every example name, per operation path (the startup banner lists them).
    pub fn example_names(&self) -> BTreeMap<&str, Vec<&str>> {
        self.operations
            .iter()
            .map(|op| {
                let names = op.examples.iter().map(|e| e.name.as_str()).collect();
                (op.path.as_str(), names)
            })
            .collect()
    }
}

impl MockOperation {
    fn from_static(row: &StaticOperation) -> MockOperation {
        let info = row.info;
        let examples = row
            .examples
            .iter()
            .map(|(name, json)| MockExample {
                name: (*name).to_owned(),
                envelope: parse_example(info.biz_type, name, json),
            })
            .collect();
        MockOperation {
            path: info.path.to_owned(),
            biz_type: info.biz_type.to_owned(),
            access: info.access,
            headers: info
                .headers
                .iter()
                .map(|h| (h.name.to_owned(), h.presence))
                .collect(),
            request: Cow::Borrowed((info.request)()),
            sets_token: row.sets_token.map(str::to_owned),
            examples,
        }
    }
}

/// An example's envelope; one that does not parse (the generator writes
/// valid JSON, so only a hand-edited table gets here) answers
/// `BIZGEN_INTERNAL` saying why, instead of stopping the mock.
fn parse_example(biz_type: &str, name: &str, json: &str) -> Value {
    match serde_json::from_str::<Value>(json) {
        Ok(v) if v.is_object() => v,
        Ok(_) => broken_example(biz_type, name, "is not an envelope object"),
        Err(e) => broken_example(biz_type, name, &format!("is not JSON: {e}")),
    }
}

fn broken_example(biz_type: &str, name: &str, why: &str) -> Value {
    serde_json::json!({
        "code": codes::INTERNAL,
        "msg": format!("{biz_type}: the mock's example `{name}` {why}"),
        "ok": false,
        "fail": true,
    })
}

impl Contract for MockOperation {
    fn path(&self) -> &str {
        &self.path
    }
    fn biz_type(&self) -> &str {
        &self.biz_type
    }
    fn access(&self) -> Access {
        self.access
    }
    fn headers(&self) -> impl Iterator<Item = (&str, Presence)> {
        self.headers.iter().map(|(n, p)| (n.as_str(), *p))
    }
    fn request_schema(&self) -> &ObjectSchema {
        &self.request
    }
}

/// How a mock behaves besides the checks (which [`ServerConfig`] sets).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MockOptions {
    /// Answer CORS preflights and allow every origin, for browser front ends
    /// served from another origin (`localhost:3000`).
    pub cors: bool,
    /// Wait this long before each answer (simulates a slow gateway).
    pub delay: Duration,
}

/// One example serialized for serving: the envelope's bytes before the
/// trace and after `tm`, which change per call.
#[derive(Debug)]
struct Prepared {
    name: String,
    head: Vec<u8>,
    tail: Vec<u8>,
    status: StatusCode,
}

impl Prepared {
    /// `token`: the `setsToken` field of `data` and the token to put there.
    fn new(
        example: &MockExample,
        token: Option<(&str, &str)>,
        http_status: HttpStatus,
    ) -> Prepared {
        let env = &example.envelope;
        let code = env
            .get("code")
            .and_then(Value::as_str)
            .unwrap_or(crate::envelope::SUCCESS_CODE);
        let ok = env
            .get("ok")
            .and_then(Value::as_bool)
            .unwrap_or(code == crate::envelope::SUCCESS_CODE);
        let msg = env
            .get("msg")
            .and_then(Value::as_str)
            .unwrap_or(if ok { "Success" } else { "" });
        let mut data = env.get("data").cloned().unwrap_or(Value::Null);
        if let (true, Some((field, token))) = (ok, token) {
            if let Some(slot) = data.get_mut(field) {
                *slot = Value::String(token.to_owned());
            }
        }
        let biz_code = env
            .get("bizCode")
            .cloned()
            .unwrap_or(Value::String(String::new()));
        let msg_params = env.get("msgParams").cloned().unwrap_or(Value::Null);
        // Field order and spelling of `Envelope`'s serialization.
        let json = |v: &Value| serde_json::to_string(v).unwrap_or_else(|_| "null".into());
        let head = format!(
            r#"{{"code":{},"msg":{},"data":{},"trace":"#,
            json(&Value::String(code.to_owned())),
            json(&Value::String(msg.to_owned())),
            json(&data),
        );
        let tail = format!(
            r#","bizCode":{},"msgParams":{},"ok":{ok},"fail":{}}}"#,
            json(&biz_code),
            json(&msg_params),
            !ok
        );
        let status = if ok {
            StatusCode::OK
        } else {
            http_status.of_error(&ApiError::new(code, msg))
        };
        Prepared {
            name: example.name.clone(),
            head: head.into_bytes(),
            tail: tail.into_bytes(),
            status,
        }
    }

    fn respond(&self, trace: &str, tm: i64) -> Response {
        let trace = serde_json::to_string(trace).unwrap_or_else(|_| "\"\"".into());
        let tm = tm.to_string();
        let mut body =
            Vec::with_capacity(self.head.len() + trace.len() + 6 + tm.len() + self.tail.len());
        body.extend_from_slice(&self.head);
        body.extend_from_slice(trace.as_bytes());
        body.extend_from_slice(b",\"tm\":");
        body.extend_from_slice(tm.as_bytes());
        body.extend_from_slice(&self.tail);
        json_bytes(self.status, body)
    }
}

/// An operation ready to serve: its contract and prepared answers.
#[derive(Debug)]
struct Served {
    operation: MockOperation,
    answers: Vec<Prepared>,
    /// The answer without `Prefer`: the first success, else the first error,
    /// else (no example) an empty success.
    default: Prepared,
}

impl Served {
    fn new(operation: MockOperation, config: &ServerConfig) -> Served {
        let token = operation.sets_token.as_deref().and_then(|field| {
            config
                .issue(TokenKind::Customer)
                .map(|token| (field, token))
        });
        let token = token
            .as_ref()
            .map(|(field, token)| (*field, token.as_str()));
        let prepare = |e: &MockExample| Prepared::new(e, token, config.http_status);
        let answers: Vec<Prepared> = operation.examples.iter().map(prepare).collect();
        let is_ok = |e: &&MockExample| e.envelope.get("ok").and_then(Value::as_bool) == Some(true);
        let default = operation
            .examples
            .iter()
            .find(is_ok)
            .or(operation.examples.first())
            .map(prepare)
            .unwrap_or_else(|| {
                let empty = MockExample {
                    name: String::new(),
                    envelope: serde_json::json!({"code": crate::envelope::SUCCESS_CODE, "ok": true}),
                };
                prepare(&empty)
            });
        Served {
            operation,
            answers,
            default,
        }
    }

    /// The answer the request asks for with `Prefer: example=NAME`.
    fn pick(&self, headers: &HeaderMap) -> Result<&Prepared, ApiError> {
        let Some(name) = preferred_example(headers) else {
            return Ok(&self.default);
        };
        self.answers.iter().find(|a| a.name == name).ok_or_else(|| {
            let known: Vec<&str> = self.answers.iter().map(|a| a.name.as_str()).collect();
            ApiError::malformed(format!(
                "{} has no example `{name}` (Prefer: example=NAME); it has: {}",
                self.operation.biz_type,
                known.join(", ")
            ))
        })
    }
}

/// The `example=NAME` preference of a `Prefer` header (RFC 7240), if any.
fn preferred_example(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all("prefer")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split([',', ';']))
        .find_map(|pref| {
            let (key, value) = pref.split_once('=')?;
            (key.trim().eq_ignore_ascii_case("example"))
                .then(|| value.trim().trim_matches('"').to_owned())
        })
}

/// The router of a mock: every operation of `table` at its path, unknown
/// paths answered with `BIZGEN_NOT_FOUND`. Merge other routes into it to
/// serve some operations yourself (remove those from the table first).
pub fn router(table: &MockTable, config: ServerConfig, options: MockOptions) -> Router {
    router_with_site(table, config, options, None)
}

/// [`router`] that also serves the static files of `site` (the docs site)
/// on `GET` for the paths no operation takes: `/` is `site/index.html`.
/// The site's try-it then calls the mock from the same origin.
pub fn router_with_site(
    table: &MockTable,
    config: ServerConfig,
    options: MockOptions,
    site: Option<std::path::PathBuf>,
) -> Router {
    let mut router = Router::new();
    for op in &table.operations {
        router = router.route(&op.path, route(op, &config, options));
    }
    let router = match site {
        Some(dir) => site::with_site(router, dir, &config),
        None => with_fallback(router, &config),
    };
    if options.cors {
        router.layer(axum::middleware::map_response(allow_origin))
    } else {
        router
    }
}

/// The route of one mock operation (the generated `Server::mock_rest` adds
/// those of the operations it does not serve itself).
pub fn route(op: &MockOperation, config: &ServerConfig, options: MockOptions) -> MethodRouter {
    let served = Arc::new(Served::new(op.clone(), config));
    let config = config.clone();
    any(move |request: Request| {
        let served = Arc::clone(&served);
        let config = config.clone();
        async move { answer(&served, &config, options, request).await }
    })
}

async fn answer(
    served: &Served,
    config: &ServerConfig,
    options: MockOptions,
    request: Request,
) -> Response {
    let started = std::time::Instant::now();
    if options.cors && request.method() == Method::OPTIONS {
        return preflight(request.headers());
    }
    let trace = trace_within(request.headers(), config.header_limit);
    let picked = match check(&served.operation, config, request).await {
        Ok(checked) => served.pick(&checked.headers),
        Err(e) => Err(e),
    };
    if !options.delay.is_zero() {
        tokio::time::sleep(options.delay).await;
    }
    match picked {
        Ok(prepared) => prepared.respond(&trace, elapsed_ms(started)),
        Err(e) => error_response(e, trace, elapsed_ms(started), config.http_status),
    }
}

/// The answer to a CORS preflight: every origin, `POST`, and the headers
/// the browser asks for.
fn preflight(request: &HeaderMap) -> Response {
    let mut response = json_bytes(StatusCode::NO_CONTENT, Vec::new());
    let headers = response.headers_mut();
    headers.remove(header::CONTENT_TYPE);
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST, OPTIONS"),
    );
    let asked = request
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned()
        .unwrap_or(HeaderValue::from_static(
            "content-type, token, trace, version, companyid, lang, prefer",
        ));
    headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, asked);
    headers.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    response
}

/// Adds `Access-Control-Allow-Origin: *` to every answer.
async fn allow_origin(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("content-type"),
    );
    headers.insert(
        HeaderName::from_static("vary"),
        HeaderValue::from_static("origin"),
    );
    response
}

impl Routes {
    /// Serves every operation of `table` that is not served yet with the
    /// mock's answers (the generated `Server::mock_rest`).
    pub fn fill_with_mock(&mut self, table: &MockTable) {
        for op in &table.operations {
            self.insert_missing(&op.path, |config| route(op, config, MockOptions::default()));
        }
    }
}

/// The startup banner: where the mock listens and every example name.
pub fn banner(table: &MockTable, address: &str) -> String {
    let mut out = format!(
        "{} mock: {} operations on http://{address}\n\
         pick an answer with the request header `Prefer: example=NAME`:\n",
        table.api_name,
        table.operations.len()
    );
    for (path, names) in table.example_names() {
        out.push_str(&format!("  {path}: {}\n", names.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefer_header() {
        let mut h = HeaderMap::new();
        assert_eq!(preferred_example(&h), None);
        h.insert(
            "prefer",
            HeaderValue::from_static("respond-async, example=\"notFound\""),
        );
        assert_eq!(preferred_example(&h).as_deref(), Some("notFound"));
    }

    #[test]
    fn prepared_envelope_is_the_envelope_serialization() {
        let example = MockExample {
            name: "e".into(),
            envelope: serde_json::json!({
                "code": "0", "msg": "Success", "data": {"token": "x", "n": 1},
                "bizCode": "", "msgParams": null, "ok": true, "fail": false
            }),
        };
        let prepared = Prepared::new(&example, Some(("token", "T")), HttpStatus::Platform);
        let mut body = prepared.head.clone();
        body.extend_from_slice(b"\"tr\",\"tm\":3");
        body.extend_from_slice(&prepared.tail);
        let got: crate::Envelope = serde_json::from_slice(&body).expect("an envelope");
        let want = crate::Envelope::success(
            Some(serde_json::json!({"token": "T", "n": 1})),
            "tr".into(),
            3,
        );
        assert_eq!(got, want);
        assert_eq!(body, serde_json::to_vec(&want).expect("serializes"));
    }

    #[test]
    fn the_token_goes_into_the_sets_token_field() {
        let example = MockExample {
            name: "e".into(),
            envelope: serde_json::json!({
                "code": "0", "data": {"token": "x", "accessToken": "y"}, "ok": true
            }),
        };
        let prepared = Prepared::new(&example, Some(("accessToken", "T")), HttpStatus::Platform);
        let head = String::from_utf8(prepared.head).expect("UTF-8");
        assert!(
            head.contains(r#""data":{"token":"x","accessToken":"T"}"#),
            "{head}"
        );
    }
}
