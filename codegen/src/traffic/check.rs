//! One HTTP exchange (captured or live) checked against its operation with
//! the runtime validator: request headers and body, the response envelope
//! and its `data`; plus what the spec does not know (extra fields, enum
//! codes, error codes).

use bizgen_runtime::validate::{is_unknown_enum_code, Violation};
use serde_json::Value;

use super::report::{Finding, Level, Side};
use crate::ir::{Access, Api, Operation, Presence};
use crate::wire;

/// A body as the capture or the call gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// The capture kept no body.
    Missing,
    Text(String),
    /// The capture holds a body that cannot be read as text (bad base64, not
    /// UTF-8), or one it cut short; the reason says which.
    Unreadable(String),
    /// A body the capture says is longer than the text it kept.
    Truncated {
        text: String,
        size: u64,
    },
}

/// One request and its answer.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// Index of the entry in the capture, or the probe's call number.
    pub entry: usize,
    pub time: Option<String>,
    pub path: String,
    pub request_headers: Vec<(String, String)>,
    pub request_body: Body,
    pub response_body: Body,
}

impl Exchange {
    /// A finding about this exchange.
    pub fn finding(
        &self,
        op: Option<&Operation>,
        level: Level,
        side: Side,
        pointer: impl Into<String>,
        reason: impl Into<String>,
    ) -> Finding {
        Finding {
            level,
            entry: self.entry,
            time: self.time.clone(),
            operation: op.map(|o| o.biz_type.clone()),
            path: self.path.clone(),
            side,
            pointer: pointer.into(),
            reason: reason.into(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.request_headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    }
}

/// Every finding of an exchange with a known operation.
pub fn check_exchange(api: &Api, op: &Operation, x: &Exchange) -> Vec<Finding> {
    let mut out = check_request(api, op, x);
    out.extend(check_response(api, op, x));
    out
}

/// The headers the operation needs, and the body.
pub fn check_request(api: &Api, op: &Operation, x: &Exchange) -> Vec<Finding> {
    let mut out = Vec::new();
    for h in &op.headers {
        let needed = match h.name.as_str() {
            // The token is needed where the access level needs one.
            "token" => {
                h.presence == Presence::Required
                    && matches!(op.access, Access::Login | Access::Admin)
            }
            _ => h.presence == Presence::Required,
        };
        if needed && x.header(&h.name).is_none() {
            out.push(x.finding(
                Some(op),
                Level::Error,
                Side::Request,
                format!("/headers/{}", h.name),
                format!("required header `{}` is missing", h.name),
            ));
        }
    }
    let body = match parse(&x.request_body) {
        // The server reads an absent body as `{}`.
        Parsed::Missing => Value::Object(Default::default()),
        Parsed::Json(v) => v,
        Parsed::Bad(level, reason) => {
            out.push(x.finding(Some(op), level, Side::Request, "", reason));
            return out;
        }
    };
    let lax = wire::check_request(api, op, &body, false);
    let strict = wire::check_request(api, op, &body, true);
    out.extend(classify(x, op, Side::Request, "", &lax, &strict));
    out
}

/// The envelope and its `data`, and error codes the spec lacks.
pub fn check_response(api: &Api, op: &Operation, x: &Exchange) -> Vec<Finding> {
    let mut out = Vec::new();
    let envelope = match parse(&x.response_body) {
        Parsed::Json(v) => v,
        Parsed::Missing => {
            out.push(x.finding(
                Some(op),
                Level::Warn,
                Side::Response,
                "",
                "the capture kept no response body; the answer is not checked",
            ));
            return out;
        }
        Parsed::Bad(level, reason) => {
            out.push(x.finding(Some(op), level, Side::Response, "", reason));
            return out;
        }
    };
    let lax = wire::check_response(api, op, &envelope, false);
    let strict = wire::check_response(api, op, &envelope, true);
    out.extend(classify(x, op, Side::Response, "", &lax, &strict));
    if envelope.get("ok").and_then(Value::as_bool) == Some(false) {
        if let Some(code) = envelope.get("code").and_then(Value::as_str) {
            let known = op.errors.iter().any(|c| c == code) || api.find_error(code).is_some();
            if !known {
                out.push(x.finding(
                    Some(op),
                    Level::Info,
                    Side::Response,
                    "/code",
                    format!("error code {code:?} is not in the spec's `errors`"),
                ));
            }
        }
    }
    out
}

enum Parsed {
    Missing,
    Json(Value),
    Bad(Level, String),
}

fn parse(body: &Body) -> Parsed {
    match body {
        Body::Missing => Parsed::Missing,
        Body::Unreadable(why) => Parsed::Bad(Level::Error, why.clone()),
        Body::Truncated { text, size } => match serde_json::from_str(text) {
            Ok(v) => Parsed::Json(v),
            Err(_) => Parsed::Bad(
                Level::Warn,
                format!(
                    "the capture cut the body short ({} of {size} bytes); not checked",
                    text.len()
                ),
            ),
        },
        Body::Text(text) if text.trim().is_empty() => Parsed::Missing,
        Body::Text(text) => match serde_json::from_str(text) {
            Ok(v) => Parsed::Json(v),
            Err(e) => Parsed::Bad(
                Level::Error,
                format!(
                    "not JSON (line {}, column {}): {e}; starts with {:?}",
                    e.line(),
                    e.column(),
                    text.chars().take(60).collect::<String>()
                ),
            ),
        },
    }
}

/// Lax violations are errors, except codes the spec's enums lack (warn);
/// what only the strict run finds are fields the spec lacks (info).
fn classify(
    x: &Exchange,
    op: &Operation,
    side: Side,
    prefix: &str,
    lax: &[Violation],
    strict: &[Violation],
) -> Vec<Finding> {
    let mut out: Vec<Finding> = lax
        .iter()
        .map(|v| {
            let level = if is_unknown_enum_code(v) {
                Level::Warn
            } else {
                Level::Error
            };
            x.finding(
                Some(op),
                level,
                side,
                format!("{prefix}{}", v.pointer),
                &v.reason,
            )
        })
        .collect();
    out.extend(strict.iter().filter(|v| !lax.contains(v)).map(|v| {
        x.finding(
            Some(op),
            Level::Info,
            side,
            format!("{prefix}{}", v.pointer),
            format!("{}: the spec may be incomplete", v.reason),
        )
    }));
    out
}
