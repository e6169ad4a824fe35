//! The maintainers' pages (English only, under `docs/maintainers/`): per
//! spec file, where each operation, type and enum was written from and
//! what is uncertain about it (`source`, `notes`, the kind and origin of
//! each example). Reader pages carry none of this; the index links the
//! list of these pages from its footer.

use askama::Template;

use super::notes_of;
use crate::docs::filters;
use crate::docs::frame::Ctx;
use crate::ir::{Api, ExampleKind};
use crate::markdown::{code, slug};

/// Where the maintainers' pages live, under the English docs root.
pub(in crate::docs) const DIR: &str = "maintainers";

#[derive(Template)]
#[template(path = "docs/maintainers-index.md")]
pub(in crate::docs) struct MaintainersIndex {
    files: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "docs/maintainers.md")]
pub(in crate::docs) struct MaintainersPage {
    spec_file: String,
    /// Relative path from the page to `maintainers/`.
    up: String,
    items: Vec<Item>,
}

/// One operation, type or enum of the file with what the spec records
/// about its origin.
struct Item {
    /// Inline Markdown: the heading, linking to the reader page.
    heading: String,
    lines: Vec<String>,
}

/// The page of each spec file that records provenance: (path under
/// `docs/`, page).
pub(in crate::docs) fn pages(cx: &Ctx) -> Vec<(String, MaintainersPage)> {
    let api = cx.api;
    let mut out = Vec::new();
    for (index, spec_file) in api.spec_files.iter().enumerate() {
        let items = items_of(cx, index);
        if !items.is_empty() {
            let path = page_path(spec_file);
            out.push((
                path.clone(),
                MaintainersPage {
                    spec_file: spec_file.clone(),
                    up: "../".repeat(path.matches('/').count() - 1),
                    items,
                },
            ));
        }
    }
    out
}

/// The list of the maintainers' pages.
pub(in crate::docs) fn index(pages: &[(String, MaintainersPage)]) -> MaintainersIndex {
    MaintainersIndex {
        files: pages
            .iter()
            .map(|(path, p)| {
                let href = path.strip_prefix(&format!("{DIR}/")).unwrap_or(path);
                (p.spec_file.clone(), href.to_owned())
            })
            .collect(),
    }
}

/// `services/login.yaml` → `maintainers/services/login.md`.
fn page_path(spec_file: &str) -> String {
    let stem = spec_file
        .strip_suffix(".yaml")
        .or_else(|| spec_file.strip_suffix(".yml"))
        .unwrap_or(spec_file);
    format!("{DIR}/{stem}.md")
}

fn items_of(cx: &Ctx, file: usize) -> Vec<Item> {
    let api: &Api = cx.api;
    let depth = |path: &str| "../".repeat(path.matches('/').count());
    let root = depth(&page_path(&api.spec_files[file]));
    let mut items = Vec::new();
    for (s, o) in api.operations().filter(|(_, o)| o.pos.file == file) {
        let mut lines = Vec::new();
        if let Some(src) = &o.source {
            lines.push(format!("Source: {}", code(src)));
        }
        lines.extend(notes_of(&o.notes, &o.request.fields));
        for ex in &o.examples {
            let kind = match ex.kind {
                ExampleKind::Captured => "captured (a real answer)",
                ExampleKind::Illustrative => "illustrative",
            };
            let from = ex
                .source
                .as_deref()
                .map_or_else(String::new, |src| format!(", from {}", code(src)));
            lines.push(format!("Example {}: {kind}{from}", code(&ex.name)));
        }
        if !lines.is_empty() {
            items.push(Item {
                heading: format!(
                    "Operation [{}]({root}{})",
                    code(&format!("{}.{}", s.name, o.name)),
                    cx.pages.operation(s, o)
                ),
                lines,
            });
        }
    }
    for t in api.types.iter().filter(|t| t.pos.file == file) {
        let lines = notes_of(&t.notes, &t.fields);
        if !lines.is_empty() {
            items.push(Item {
                heading: format!("Type [{}]({root}types.md#{})", code(&t.name), slug(&t.name)),
                lines,
            });
        }
    }
    for e in api.enums.iter().filter(|e| e.pos.file == file) {
        let mut lines: Vec<String> = e
            .source
            .iter()
            .map(|q| format!("source: “{}”", q.trim()))
            .collect();
        lines.extend(e.values.iter().filter_map(|v| {
            let q = v.source.as_deref()?;
            Some(format!("{}: source: “{}”", code(&v.name), q.trim()))
        }));
        if !lines.is_empty() {
            items.push(Item {
                heading: format!("Enum [{}]({root}enums.md#{})", code(&e.name), slug(&e.name)),
                lines,
            });
        }
    }
    items
}
