//! What every page is rendered with: the facts of the API, the page's
//! language, the page paths, and where the page sits (for relative links).

use super::lang::{Labels, Lang};
use super::paths::Pages;
use crate::facts::Facts;
use crate::ir::Api;
use crate::rust::RustNames;

/// The docs of one language: what every page builder takes.
pub(super) struct Ctx<'f, 'a> {
    pub(super) facts: &'f Facts<'a>,
    pub(super) api: &'a Api,
    pub(super) lang: Lang,
    pub(super) l: &'static Labels,
    pub(super) pages: &'f Pages,
    /// The Rust names of the API, for the pages' Rust examples: built once
    /// (over every operation), on first use.
    rust_names: std::sync::OnceLock<RustNames>,
    /// The Python client's paths to each operation, likewise.
    python_paths: std::sync::OnceLock<crate::python::values::Paths>,
}

impl<'f, 'a> Ctx<'f, 'a> {
    pub(super) fn new(facts: &'f Facts<'a>, lang: Lang, pages: &'f Pages) -> Ctx<'f, 'a> {
        Ctx {
            facts,
            api: facts.api,
            lang,
            l: lang.labels(),
            pages,
            rust_names: std::sync::OnceLock::new(),
            python_paths: std::sync::OnceLock::new(),
        }
    }

    pub(super) fn rust_names(&self) -> &RustNames {
        self.rust_names.get_or_init(|| RustNames::new(self.api))
    }

    pub(super) fn python_paths(&self) -> &crate::python::values::Paths {
        self.python_paths
            .get_or_init(|| crate::python::values::Paths::new(self.api))
    }
}

/// What every page template knows: its language's labels and where it sits.
pub(super) struct Frame {
    pub(super) l: &'static Labels,
    /// Relative path from the page to its language's root (`../../`).
    pub(super) root: &'static str,
    /// Relative link to the same page in the other language.
    pub(super) other: String,
}

impl Frame {
    pub(super) fn new(lang: Lang, page: &str) -> Frame {
        let depth = page.matches('/').count();
        let root: &'static str = match depth {
            0 => "",
            1 => "../",
            2 => "../../",
            _ => "../../../",
        };
        let other = match lang {
            Lang::En => format!("{root}zh/{page}"),
            Lang::Zh => format!("{root}../{page}"),
        };
        Frame {
            l: lang.labels(),
            root,
            other,
        }
    }
}
