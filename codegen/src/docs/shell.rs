//! The curl commands of the docs: POSIX shell quoting and the command that
//! calls an operation with its headers and a body.

use serde_json::Value;

use crate::facts::Facts;
use crate::ir::{Api, Operation, Service, Side};
use crate::lang::Lang;
use crate::target::{CodeSample, Sampler};

/// The curl sample of an operation: the request example with the headers
/// the operation sends, the token from `$TOKEN` or, on B-side gateways,
/// `$ADMIN_TOKEN`, and the edition's `lang` header.
#[derive(Debug, Clone, Copy)]
pub struct CurlSampler;

impl Sampler for CurlSampler {
    fn sample<'a>(
        &self,
        facts: &Facts<'a>,
        _service: &'a Service,
        op: &'a Operation,
        lang: Lang,
    ) -> crate::Result<CodeSample> {
        let example = facts.request_example(op);
        Ok(CodeSample {
            lang: "Shell",
            label: "curl",
            fence: "sh",
            source: curl_command(facts.api, op, &example.body, lang, token_var(op), None),
        })
    }
}

/// The shell variable of the token the operation sends: the admin token
/// (the mock's `--admin-token`) on B-side gateways, else the customer's.
pub(super) fn token_var(op: &Operation) -> &'static str {
    match op.side {
        Side::B => "$ADMIN_TOKEN",
        Side::C => "$TOKEN",
    }
}

/// A POSIX shell single-quoted word.
pub(super) fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// A POSIX shell double-quoted word in which `$NAME` expands.
pub(super) fn dq_quote(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        if matches!(c, '"' | '\\' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// A curl command calling `op` with `body`, `token_var` as the token and
/// `trace` as the trace header where given (else the spec's example).
pub(super) fn curl_command(
    api: &Api,
    op: &Operation,
    body: &Value,
    lang: Lang,
    token_var: &str,
    trace: Option<&str>,
) -> String {
    let mut lines = vec![
        format!(
            "curl -s -X POST {}",
            dq_quote(&format!("$BASE_URL{}", op.path))
        ),
        format!("-H {}", sh_quote("Content-Type: application/json")),
    ];
    for h in &op.headers {
        let header = match (h.name.as_str(), trace) {
            ("trace", Some(t)) => sh_quote(&format!("trace: {t}")),
            _ => curl_header(api, op, &h.name, lang, token_var),
        };
        lines.push(format!("-H {header}"));
    }
    lines.push(format!(
        "-d {}",
        sh_quote(&serde_json::to_string(body).unwrap_or_default())
    ));
    lines.join(" \\\n  ")
}

fn curl_header(api: &Api, op: &Operation, name: &str, lang: Lang, token_var: &str) -> String {
    match name {
        "token" => dq_quote(&format!("token: {token_var}")),
        "version" => sh_quote(&format!("version: {}", op.version)),
        "lang" => sh_quote(&format!("lang: {}", lang.header())),
        _ => {
            let value = api
                .headers
                .iter()
                .find(|h| h.name == name)
                .and_then(|h| h.example.clone())
                .unwrap_or_else(|| "VALUE".into());
            sh_quote(&format!("{name}: {value}"))
        }
    }
}
