//! Markdown reference documentation of the API, from the IR alone, in
//! English and in Chinese.
//!
//! [`render_docs`] turns an [`Api`] into a set of Markdown files (relative
//! path → content): an index with a quick start, one page per operation,
//! pages for the shared types, enums, error codes and the response
//! envelope, a how-to-read page and a glossary; the same again under `zh/`.
//! Both languages share the templates and view models; only the labels of
//! [`lang`] and the spec's Chinese texts differ. The layout is
//! in askama templates under `codegen/templates/docs/`; this module only
//! prepares the values they show (view models) and the template filters;
//! Markdown helpers (code spans, anchors) are in [`crate::markdown`].
//!
//! Output is deterministic: the same IR always gives byte-identical files,
//! and it passes markdownlint with the repository's
//! `.markdownlint-cli2.jsonc`.

mod behaviour;
mod behaviour_text;
mod condition;
mod contract;
mod guide;
pub mod lang;
mod model;
mod quickstart;
pub(crate) mod sample;

use std::collections::BTreeMap;

use askama::Template;

pub use contract::{validation_example, validation_request, EXAMPLE_TRACE};
pub use lang::Lang;

use crate::ir::{Api, Operation, Service};
use crate::markdown::normalize;

/// Renders every docs page in both languages: relative path (always
/// `/`-separated) → Markdown.
///
/// English pages are at the root, the Chinese edition under `zh/` with the
/// same layout: `README.md` (index with the quick start), `how-to-read.md`,
/// `glossary.md`, `envelope.md`, `types.md`, `enums.md`, `errors.md` and
/// `operations/<service>/<operation>.md` (see [`operation_page_path`]).
pub fn render_docs(api: &Api) -> crate::Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for lang in Lang::ALL {
        let dir = lang.dir();
        let mut put =
            |file: String, rendered: Result<String, askama::Error>| -> crate::Result<()> {
                let page = format!("{dir}{file}");
                let text = rendered.map_err(|source| crate::Error::Template {
                    page: page.clone(),
                    source,
                })?;
                out.insert(page, normalize(&text));
                Ok(())
            };
        put("README.md".into(), model::index(api, lang).render())?;
        put("how-to-read.md".into(), guide::how_to_read(lang).render())?;
        put("glossary.md".into(), guide::glossary(lang).render())?;
        put(behaviour::PAGE.into(), behaviour::page(api, lang).render())?;
        put("envelope.md".into(), model::envelope(api, lang).render())?;
        put("types.md".into(), model::types(api, lang).render())?;
        put("enums.md".into(), model::enums(api, lang).render())?;
        put("errors.md".into(), model::errors(api, lang).render())?;
        for service in &api.services {
            for op in &service.operations {
                put(
                    operation_page_path(service, op),
                    model::operation(api, service, op, lang).render(),
                )?;
            }
        }
    }
    Ok(out)
}

/// The page of an operation, relative to the docs directory:
/// `operations/customer-web-api-service/bind-email.md`: the service's and
/// the operation's names in Rust (which tell apart operations whose names
/// meet after casing), in kebab case.
pub fn operation_page_path(service: &Service, op: &Operation) -> String {
    format!(
        "operations/{}/{}.md",
        kebab(&crate::rust::names::file_module_name(&service.name)),
        kebab(&crate::rust::names::method_of(service, op))
    )
}

fn kebab(snake: &str) -> String {
    snake
        .trim_start_matches("r#")
        .trim_end_matches('_')
        .replace('_', "-")
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
        Ok(crate::markdown::escape_lt(&one_line).replace('|', "\\|"))
    }

    /// Free text for a paragraph: HTML-like `<` neutralised outside code
    /// spans, lines kept.
    #[askama::filter_fn]
    pub fn text(s: impl std::fmt::Display, _: &dyn Values) -> askama::Result<String> {
        let s = s.to_string();
        let lines: Vec<String> = s
            .lines()
            .map(|l| crate::markdown::escape_lt(l.trim_end()))
            .collect();
        Ok(lines.join("\n").trim().to_owned())
    }
}
