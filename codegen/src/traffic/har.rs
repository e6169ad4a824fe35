//! HAR 1.2 captures (browser devtools, Charles, mitmproxy, Postman) read
//! into exchanges, and `bizgen validate --har`: every entry whose URL path
//! is an operation (after an optional gateway prefix) is checked against
//! the spec. A capture that is not JSON or not HAR is an error that says
//! where; odd entries (base64, truncated or missing bodies) are findings.

use serde_json::Value;

use super::check::{check_exchange, Body, Exchange};
use super::report::{Finding, Level, Side};
use crate::ir::{Api, Operation};

/// A capture that cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum HarError {
    #[error("not JSON (line {line}, column {column}): {message}")]
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("not a HAR file: {pointer}: {reason}")]
    NotHar { pointer: String, reason: String },
}

fn not_har(pointer: impl Into<String>, reason: impl Into<String>) -> HarError {
    HarError::NotHar {
        pointer: pointer.into(),
        reason: reason.into(),
    }
}

/// One entry of a capture: its method and URL path, and the exchange.
#[derive(Debug, Clone)]
pub struct Entry {
    pub method: String,
    pub exchange: Exchange,
}

/// Reads the entries of a HAR document (`{"log": {"entries": [...]}}`).
/// A UTF-8 byte order mark is allowed, as HAR 1.2 requires.
pub fn parse(text: &str) -> Result<Vec<Entry>, HarError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc: Value = serde_json::from_str(text).map_err(|e| HarError::NotJson {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let log = doc.get("log").ok_or_else(|| {
        not_har(
            "/log",
            "missing; a HAR file is {\"log\": {\"entries\": [...]}}",
        )
    })?;
    let entries = log
        .get("entries")
        .and_then(Value::as_array)
        .ok_or_else(|| not_har("/log/entries", "missing or not an array"))?;
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| entry(i, e))
        .collect()
}

fn entry(index: usize, e: &Value) -> Result<Entry, HarError> {
    let at = |p: &str| format!("/log/entries/{index}{p}");
    let request = e
        .get("request")
        .filter(|r| r.is_object())
        .ok_or_else(|| not_har(at("/request"), "missing or not an object"))?;
    let url = request
        .get("url")
        .and_then(Value::as_str)
        .ok_or_else(|| not_har(at("/request/url"), "missing or not a string"))?;
    let method = request
        .get("method")
        .and_then(Value::as_str)
        .unwrap_or("POST")
        .to_owned();
    let request_headers = headers(request.get("headers"));
    let request_body = match request.get("postData") {
        None | Some(Value::Null) => Body::Missing,
        Some(post) => body_of(post, None),
    };
    let response_body = match e.get("response").and_then(|r| r.get("content")) {
        None | Some(Value::Null) => Body::Missing,
        Some(content) => body_of(content, content.get("size").and_then(Value::as_u64)),
    };
    Ok(Entry {
        method,
        exchange: Exchange {
            entry: index,
            time: e
                .get("startedDateTime")
                .and_then(Value::as_str)
                .map(str::to_owned),
            path: url_path(url),
            request_headers,
            request_body,
            response_body,
        },
    })
}

/// `[{name, value}]`; entries of another shape are skipped.
fn headers(v: Option<&Value>) -> Vec<(String, String)> {
    v.and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|h| {
                    let name = h.get("name")?.as_str()?;
                    let value = h.get("value")?.as_str()?;
                    Some((name.to_owned(), value.to_owned()))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `postData` or `content`: `text`, maybe base64 (`encoding`), maybe cut
/// short (`size` larger than the text).
fn body_of(v: &Value, size: Option<u64>) -> Body {
    let Some(text) = v.get("text").and_then(Value::as_str) else {
        return Body::Missing;
    };
    let text = match v.get("encoding").and_then(Value::as_str) {
        None | Some("") => text.to_owned(),
        Some(enc) if enc.eq_ignore_ascii_case("base64") => match decode_base64(text) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(_) => return Body::Unreadable("the base64 body is not UTF-8 text".into()),
            },
            Err(why) => return Body::Unreadable(format!("the base64 body does not decode: {why}")),
        },
        Some(other) => return Body::Unreadable(format!("unknown body encoding {other:?}")),
    };
    match size {
        Some(size) if size > text.len() as u64 => Body::Truncated { text, size },
        _ => Body::Text(text),
    }
}

/// Standard base64 (RFC 4648, padding optional, whitespace ignored).
fn decode_base64(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for (i, c) in text.bytes().enumerate() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            c if c.is_ascii_whitespace() => continue,
            _ => return Err(format!("byte {i} ({:?}) is not base64", c as char)),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

/// The path of a URL (no scheme, host, query or fragment); a bare path
/// stays as it is.
pub fn url_path(url: &str) -> String {
    let rest = match url.find("://") {
        Some(i) => {
            let after = &url[i + 3..];
            after.find('/').map_or("/", |j| &after[j..])
        }
        None => url,
    };
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    rest[..end].to_owned()
}

/// The operation at a path, after removing `prefix` (a reverse proxy's
/// mount point such as `/gateway`).
pub fn operation_at<'a>(api: &'a Api, path: &str, prefix: &str) -> Option<&'a Operation> {
    let path = path
        .strip_prefix(prefix.trim_end_matches('/'))
        .unwrap_or(path);
    api.operations().map(|(_, o)| o).find(|o| o.path == path)
}

/// Whether a path lies under a gateway of the spec (so an unknown path is
/// an operation the spec lacks, not some unrelated asset of the page).
fn on_gateway(api: &Api, path: &str, prefix: &str) -> bool {
    let path = path
        .strip_prefix(prefix.trim_end_matches('/'))
        .unwrap_or(path);
    api.gateways.iter().any(|g| {
        let p = g.prefix.trim_end_matches('/');
        path.strip_prefix(p)
            .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// What `validate --har` found, and how many entries were operations.
#[derive(Debug, Clone)]
pub struct HarReport {
    pub findings: Vec<Finding>,
    /// Entries checked against an operation.
    pub checked: usize,
    /// Entries in the capture.
    pub entries: usize,
}

/// Checks every entry of a capture against the spec.
pub fn validate_har(api: &Api, text: &str, prefix: &str) -> Result<HarReport, HarError> {
    let entries = parse(text)?;
    let mut findings = Vec::new();
    let mut checked = 0;
    for e in &entries {
        let x = &e.exchange;
        match operation_at(api, &x.path, prefix) {
            Some(op) => {
                checked += 1;
                if !e.method.eq_ignore_ascii_case("POST") {
                    // A browser's CORS preflight is not a call of the operation.
                    if !e.method.eq_ignore_ascii_case("OPTIONS") {
                        findings.push(x.finding(
                            Some(op),
                            Level::Error,
                            Side::Request,
                            "/method",
                            format!("{} takes POST, not {}", op.biz_type, e.method),
                        ));
                    }
                    continue;
                }
                findings.extend(check_exchange(api, op, x));
            }
            None if on_gateway(api, &x.path, prefix) => findings.push(x.finding(
                None,
                Level::Error,
                Side::Entry,
                "",
                format!("no operation of the spec at {}", x.path),
            )),
            None => {}
        }
    }
    Ok(HarReport {
        findings,
        checked,
        entries: entries.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_base64() {
        assert_eq!(url_path("https://h.example:8443/api/x.y?a=1#f"), "/api/x.y");
        assert_eq!(url_path("http://h"), "/");
        assert_eq!(url_path("/api/x"), "/api/x");
        assert_eq!(
            decode_base64("eyJvayI6dHJ1ZX0=").expect("decodes"),
            br#"{"ok":true}"#
        );
        assert!(decode_base64("e*").is_err());
    }

    #[test]
    fn not_har_says_where() {
        let e = parse(r#"{"log": {"entries": [{"request": {}}]}}"#).expect_err("no url");
        assert_eq!(
            e.to_string(),
            "not a HAR file: /log/entries/0/request/url: missing or not a string"
        );
        assert!(matches!(parse("{\"log\""), Err(HarError::NotJson { .. })));
        assert!(matches!(parse("[]"), Err(HarError::NotHar { .. })));
    }
}
