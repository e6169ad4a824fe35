//! The docstrings of operation methods: summary, description (English and
//! Chinese), access, `Args:`, `Returns:` and `Raises:`.

use super::docstring;
use super::names;
use super::params::ParamView;
use super::rest::{field_doc, type_words, Place};
use crate::ir::{Access, Api, Field, Operation, Session, Side};

pub(super) fn op_doc(api: &Api, op: &Operation, params: &[(ParamView, &Field)]) -> String {
    let access = match op.access {
        Access::Guest => "guest: sends no token",
        Access::Login => "login: sends the C-side customer token (``client.token``)",
        Access::Optional => "optional: sends the C-side customer token when the client has one",
        Access::Admin => "admin: sends the B-side admin token (``client.admin_token``)",
    };
    let side = if op.side == Side::B {
        "admin_token"
    } else {
        "token"
    };
    let session = match &op.session {
        Session::Keeps => String::new(),
        Session::Sets { field, .. } => {
            format!(" On success the client keeps ``data.{field}`` as ``client.{side}``.")
        }
        Session::Clears => format!(" On success the client forgets ``client.{side}``."),
    };
    let summary_zh = op.summary_zh.clone().unwrap_or_default();
    let description_zh = op
        .description_zh
        .clone()
        .filter(|d| d.trim() != summary_zh.trim())
        .unwrap_or_default();
    let mut paragraphs = vec![
        sentence(&op.summary),
        op.description.clone(),
        summary_zh,
        description_zh,
        format!("``POST {}``, access {access}.{session}", op.path),
    ];
    if op.deprecated {
        paragraphs.push(format!(".. deprecated:: {}", op.deprecation.details()));
    }
    let args = args_doc(api, op, params);
    paragraphs.push(args.join("\n"));
    let returns = match &op.response.ty {
        None => "Returns:\n    None: nothing to read on success.".to_owned(),
        Some(ty) => {
            let words = type_words(api, ty);
            let null = if op.response.nullable {
                ", or None"
            } else {
                ""
            };
            let what = op.response.description.trim();
            format!(
                "Returns:\n    {words}{null}{}",
                if what.is_empty() {
                    ".".to_owned()
                } else {
                    format!(": {what}")
                }
            )
        }
    };
    paragraphs.push(returns);
    paragraphs.push(raises_doc(op));
    docstring(&paragraphs, "        ")
}

/// The `Args:` section: the request fields, then the per-call options.
pub(super) fn args_doc(api: &Api, op: &Operation, params: &[(ParamView, &Field)]) -> Vec<String> {
    let mut args = vec!["Args:".to_owned()];
    for (p, f) in params {
        let text: Vec<String> = field_doc(api, f, Place::Argument)
            .into_iter()
            .filter(|t| !t.trim().is_empty() && !t.starts_with(".."))
            .collect();
        let mut first = true;
        for line in text.iter().flat_map(|t| t.lines()) {
            if first {
                args.push(format!("    {}: {}", p.name, line.trim()));
                first = false;
            } else {
                args.push(format!("        {}", line.trim()));
            }
        }
    }
    args.push("    trace: The ``trace`` header; a fresh one per call when not given.".into());
    args.push("    headers: Headers for this call only; they override the client's.".into());
    args.push("    timeout: Seconds one attempt may take (default: the client's).".into());
    args.push(
        "    max_retries: Retries for this call (default: the client's); 0 makes one attempt."
            .into(),
    );
    args.push(if op.read_only {
        "    idempotent: Retry this call like a read-only operation; it is one, so it is retried anyway."
    } else {
        "    idempotent: ``True`` when repeating this call is safe: it is then retried like a read-only operation. By default a write is retried only when its request never reached the server."
    }
    .into());
    args
}

/// The `Raises:` section.
pub(super) fn raises_doc(op: &Operation) -> String {
    let codes: Vec<String> = op
        .errors
        .iter()
        .map(|e| format!("``errors.{}``", names::constant(e, "E")))
        .collect();
    let mut raises = vec!["Raises:".to_owned()];
    raises.push(if codes.is_empty() {
        "    ApiError: the server answered with an error envelope.".to_owned()
    } else {
        format!(
            "    ApiError: the server answered with an error envelope, e.g. {}.",
            codes.join(", ")
        )
    });
    raises.push(
        "    ClientError: no usable answer came back (``kind`` says why, ``attempts`` how many were made), or a token or header is missing."
            .into(),
    );
    raises.join("\n")
}

/// A summary as a docstring's first line: a sentence, with its full stop.
fn sentence(summary: &str) -> String {
    let s = summary.trim();
    if s.is_empty() || s.ends_with(['.', '!', '?', '。']) {
        s.to_owned()
    } else {
        format!("{s}.")
    }
}
