//! Markdown reference documentation of the API, from the IR and its facts,
//! in English and in Chinese: one target per language ([`Docs`]).
//!
//! Each language's pages: `README.md` (index with the quick start),
//! `how-to-read.md`, `glossary.md`, `retries-pagination-hooks.md`, the task
//! guides under `guides/`,
//! `envelope.md`, `types.md`, `enums.md`, `errors.md` and `operations/<service>/<operation>.md` (see [`Pages`]);
//! in English only, `maintainers/`: the spec's provenance notes per spec file,
//! kept off the reader pages;
//! English at the root of `docs/`, Chinese under `docs/zh/` with the same
//! layout. Both languages share the templates and view models; only the
//! labels of [`lang`] and the spec's Chinese texts differ.
//!
//! The layout is in askama templates under `codegen/templates/docs/`; each
//! module of [`pages`] prepares the view model of one page kind from the
//! facts ([`crate::facts`]): field descriptions, request examples, error
//! codes and sample values are asked there, never worked out here.
//! Markdown helpers (code spans, anchors) are in [`crate::markdown`].
//!
//! Output is deterministic: the same IR always gives byte-identical files,
//! and it passes markdownlint with the repository's
//! `.markdownlint-cli2.jsonc`.

pub(crate) mod condition;
mod contract;
mod fields;
mod frame;
pub mod lang;
mod pages;
mod paths;
mod quickstart;
pub(crate) mod shell;
mod text;

use std::collections::BTreeMap;
use std::path::PathBuf;

use askama::Template;

pub use contract::{validation_example, validation_request, EXAMPLE_TRACE};
pub use lang::Lang;
pub use paths::Pages;
pub(crate) use quickstart::{body_of, js_literal, typescript_quick_start};

use crate::facts::Facts;
use crate::ir::{Api, Operation, Service};
use crate::markdown::normalize;
use crate::release::changelog;
use crate::target::{Layout, Sink, Target};
use frame::Ctx;

/// The docs in one language: a target of its own, under `docs/` (English)
/// or `docs/zh/` (Chinese).
#[derive(Debug, Clone, Copy)]
pub struct Docs(pub Lang);

impl Target for Docs {
    fn layout(&self) -> Layout {
        Layout {
            name: match self.0 {
                Lang::En => "docs",
                Lang::Zh => "docs-zh",
            },
            root: match self.0 {
                Lang::En => "docs",
                Lang::Zh => "docs/zh",
            },
            // Markdown shows its first line: every file under the root is ours.
            header: None,
            owned: &[""],
            ignored: &[],
        }
    }

    fn emit(&self, facts: &Facts<'_>, sink: Sink<'_>) -> crate::Result<()> {
        let pages = Pages::new(facts.api);
        let cx = Ctx::new(facts, self.0, &pages);
        let put = |file: String, rendered: Result<String, askama::Error>| -> crate::Result<()> {
            let text = rendered.map_err(|source| crate::Error::Render {
                target: self.layout().name,
                file: file.clone(),
                source,
            })?;
            sink(PathBuf::from(file), normalize(&text))
        };
        put("README.md".into(), pages::index::page(&cx).render())?;
        put(
            "how-to-read.md".into(),
            pages::guide::how_to_read(cx.lang).render(),
        )?;
        put(
            "glossary.md".into(),
            pages::guide::glossary(cx.lang).render(),
        )?;
        put(
            pages::behaviour::PAGE.into(),
            pages::behaviour::page(&cx).render(),
        )?;
        for (path, page) in pages::guides::pages(&cx) {
            put(path, page.render())?;
        }
        put("envelope.md".into(), pages::envelope::page(&cx).render())?;
        put("types.md".into(), pages::types::page(&cx).render())?;
        put("enums.md".into(), pages::enums::page(&cx).render())?;
        put("errors.md".into(), pages::errors::page(&cx).render())?;
        if self.0 == Lang::En {
            let maintainers = pages::maintainers::pages(&cx);
            put(
                format!("{}/README.md", pages::maintainers::DIR),
                pages::maintainers::index(&maintainers).render(),
            )?;
            for (path, page) in maintainers {
                put(path, page.render())?;
            }
        }
        put(
            changelog::FILE.into(),
            Ok(changelog::markdown(
                facts.api,
                changelog::Place::docs(self.0),
            )),
        )?;
        let samplers = crate::samples::CodeSamples::new(facts.api);
        for (service, op) in facts.api.operations() {
            let samples = samplers.of(facts, service, op, self.0)?;
            put(
                pages.operation(service, op),
                pages::operation::page(&cx, service, op, samples).render(),
            )?;
        }
        Ok(())
    }
}

/// Renders every docs page in both languages: relative path (always
/// `/`-separated, Chinese under `zh/`) → Markdown.
pub fn render_docs(api: &Api) -> crate::Result<BTreeMap<String, String>> {
    let facts = Facts::new(api);
    let mut out = BTreeMap::new();
    for lang in Lang::ALL {
        for (path, text) in crate::target::render_files(&Docs(lang), &facts)? {
            out.insert(format!("{}{}", lang.dir(), path.display()), text);
        }
    }
    Ok(out)
}

/// The page of an operation, relative to a language's docs directory:
/// `operations/customer-web-api-service/bind-email.md`.
pub fn operation_page_path(api: &Api, service: &Service, op: &Operation) -> String {
    Pages::new(api).operation(service, op)
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
