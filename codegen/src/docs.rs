//! Markdown reference documentation of the API, from the IR alone.
//!
//! [`render_docs`] turns an [`Api`] into a set of Markdown files (relative
//! path → content): an index, one page per operation, and pages for the
//! shared types, enums, error codes and the response envelope. The layout is
//! in askama templates under `codegen/templates/docs/`; this module only
//! prepares the values they show (view models) plus a few small Markdown
//! helpers (code spans, links, cell escaping).
//!
//! Output is deterministic: the same IR always gives byte-identical files,
//! and it passes markdownlint with the repository's
//! `.markdownlint-cli2.jsonc`.

mod model;
pub(crate) mod sample;

use std::collections::BTreeMap;

use askama::Template;

use crate::ir::{Api, Operation, Service};

/// The error code of the request validation that bizgen servers perform.
pub const VALIDATION_ERROR: &str = "BIZGEN_VALIDATION";
/// The error code of a missing or invalid token.
pub const UNAUTHENTICATED_ERROR: &str = "BIZGEN_UNAUTHENTICATED";

/// Rendering the docs failed (a template error: a bug, not a spec problem).
#[derive(Debug, thiserror::Error)]
#[error("cannot render the docs page {file}: {source}")]
pub struct DocsError {
    /// The page being rendered, relative to the docs directory.
    pub file: String,
    #[source]
    pub source: askama::Error,
}

/// Renders every docs page: relative path (always `/`-separated) → Markdown.
///
/// Pages: `README.md` (index), `envelope.md`, `types.md`, `enums.md`,
/// `errors.md` and `operations/<service>/<operation>.md` (see
/// [`operation_page_path`]).
pub fn render_docs(api: &Api) -> Result<BTreeMap<String, String>, DocsError> {
    let mut out = BTreeMap::new();
    let mut put =
        |file: String, rendered: Result<String, askama::Error>| -> Result<(), DocsError> {
            let text = rendered.map_err(|source| DocsError {
                file: file.clone(),
                source,
            })?;
            out.insert(file, normalize(&text));
            Ok(())
        };
    put("README.md".into(), model::index(api).render())?;
    put("envelope.md".into(), model::envelope(api).render())?;
    put("types.md".into(), model::types(api).render())?;
    put("enums.md".into(), model::enums(api).render())?;
    put("errors.md".into(), model::errors(api).render())?;
    for service in &api.services {
        for op in &service.operations {
            put(
                operation_page_path(service, op),
                model::operation(api, service, op).render(),
            )?;
        }
    }
    Ok(out)
}

/// The page of an operation, relative to the docs directory:
/// `operations/customer-web-api-service/bind-email.md`. Unique because the
/// loader rejects services and operations whose Rust names collide.
pub fn operation_page_path(service: &Service, op: &Operation) -> String {
    format!(
        "operations/{}/{}.md",
        kebab(&service.module),
        kebab(op.rust_name.trim_start_matches("r#"))
    )
}

fn kebab(snake: &str) -> String {
    snake.trim_start_matches("r#").replace('_', "-")
}

/// The anchor GitHub gives a heading with this text: lower case, spaces to
/// `-`, punctuation other than `-` and `_` dropped (Markdown code ticks
/// included).
pub fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Tidies template output: no trailing spaces, at most one blank line in a
/// row outside code fences, no blank lines at the start, one final newline.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_fence = false;
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.starts_with("```") {
            in_fence = !in_fence;
        }
        if line.is_empty() && !in_fence {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Filters used by the templates.
mod filters {
    use askama::Values;

    /// Text for a table cell: one line, `|` escaped (also inside code spans,
    /// as GitHub-flavoured Markdown requires), HTML-like `<` neutralised.
    #[askama::filter_fn]
    pub fn cell(s: impl std::fmt::Display, _: &dyn Values) -> askama::Result<String> {
        let one_line = s
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        Ok(super::escape_lt(&one_line).replace('|', "\\|"))
    }

    /// Free text for a paragraph: HTML-like `<` neutralised outside code
    /// spans, lines kept.
    #[askama::filter_fn]
    pub fn text(s: impl std::fmt::Display, _: &dyn Values) -> askama::Result<String> {
        let s = s.to_string();
        let lines: Vec<String> = s.lines().map(|l| super::escape_lt(l.trim_end())).collect();
        Ok(lines.join("\n").trim().to_owned())
    }
}

/// Replaces `<` by `&lt;` outside code spans so that text such as
/// `map<Account>` is not taken for HTML.
fn escape_lt(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_code = false;
    for c in s.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '<' if !in_code => out.push_str("&lt;"),
            _ => out.push(c),
        }
    }
    out
}

/// A Markdown code span holding `s` verbatim.
pub(crate) fn code(s: &str) -> String {
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_like_github() {
        assert_eq!(slug("CheckStatusResult"), "checkstatusresult");
        assert_eq!(slug("Access levels"), "access-levels");
        assert_eq!(slug("`wrong-code` (captured)"), "wrong-code-captured");
        assert_eq!(slug("CUSTOMER_API_0000511"), "customer_api_0000511");
    }

    #[test]
    fn normalize_collapses_blank_lines_outside_fences() {
        assert_eq!(
            normalize("\n# a\n\n\n\nb  \n```\n\n\n```\n\n"),
            "# a\n\nb\n```\n\n\n```\n"
        );
    }

    #[test]
    fn escapes_lt_outside_code() {
        assert_eq!(escape_lt("a <b> `map<X>`"), "a &lt;b> `map<X>`");
    }
}
