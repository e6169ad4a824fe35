//! The task guides under `guides/`: sign-in and tokens, verification codes
//! and MFA, errors; in both languages. Their prose is in [`en`] and [`zh`];
//! `{op:name}` in it becomes a link to the operation's page and `{root}`
//! the way back to the language's root. A section that names an operation
//! the API lacks is left out, and a guide left with no section is not
//! written, so that a guide never links to a page that does not exist.

mod en;
mod zh;

use askama::Template;

use crate::docs::frame::{Ctx, Frame};
use crate::docs::lang::Lang;
use crate::ir::Api;

/// The folder of the guides, under each language's root.
pub(in crate::docs) const DIR: &str = "guides";

/// One guide's prose in one language.
pub(super) struct GuideText {
    /// File name under [`DIR`].
    pub file: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub sections: &'static [(&'static str, &'static str)],
}

fn texts(lang: Lang) -> &'static [GuideText] {
    match lang {
        Lang::En => en::GUIDES,
        Lang::Zh => zh::GUIDES,
    }
}

#[derive(Template)]
#[template(path = "docs/guide.md")]
pub(in crate::docs) struct GuidePage {
    f: Frame,
    title: &'static str,
    intro: String,
    sections: Vec<(&'static str, String)>,
}

/// The guides of this language that the API has operations for: path
/// (relative to the language's root) and page.
pub(in crate::docs) fn pages(cx: &Ctx) -> Vec<(String, GuidePage)> {
    texts(cx.lang)
        .iter()
        .filter_map(|g| {
            let path = format!("{DIR}/{}", g.file);
            let f = Frame::new(cx.lang, &path);
            let resolve = |text: &str| resolve(cx, f.root, text);
            let sections: Vec<(&'static str, String)> = g
                .sections
                .iter()
                .filter_map(|(heading, body)| Some((*heading, resolve(body)?)))
                .collect();
            if sections.is_empty() {
                return None;
            }
            let intro = resolve(g.intro)?;
            Some((
                path,
                GuidePage {
                    f,
                    title: g.title,
                    intro,
                    sections,
                },
            ))
        })
        .collect()
}

/// The index's links to the guides that [`pages`] writes: title and path.
pub(in crate::docs) fn links(cx: &Ctx) -> Vec<(&'static str, String)> {
    let written: Vec<String> = pages(cx).into_iter().map(|(path, _)| path).collect();
    texts(cx.lang)
        .iter()
        .map(|g| (g.title, format!("{DIR}/{}", g.file)))
        .filter(|(_, path)| written.contains(path))
        .collect()
}

/// `text` with `{root}` and every `{op:name}` replaced; `None` when it names
/// an operation the API does not have.
fn resolve(cx: &Ctx, root: &str, text: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{op:") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 4..];
        let end = after.find('}')?;
        let name = &after[..end];
        let (service, op) = find_op(cx.api, name)?;
        out.push_str(&format!(
            "[`{name}`]({root}{})",
            cx.pages.operation(service, op)
        ));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Some(out.replace("{root}", root))
}

/// The first operation of that name (names are unique per service; the
/// guides name operations whose name is unique in the API).
fn find_op<'a>(
    api: &'a Api,
    name: &str,
) -> Option<(&'a crate::ir::Service, &'a crate::ir::Operation)> {
    api.operations().find(|(_, o)| o.name == name)
}
