//! The index page: the API in a paragraph, the quick start, access
//! levels, gateways, headers, the operations by task group, and links to
//! the reference pages.

use askama::Template;

use crate::docs::filters;
use crate::docs::frame::{Ctx, Frame};
use crate::docs::quickstart::{self, QuickStart};
use crate::docs::text::{capitalized, op_summary, or_none, side_text, text_in};
use crate::ir::{Access, Operation, Service};
use crate::markdown::{code, slug};

#[derive(Template)]
#[template(path = "docs/index.md")]
pub(in crate::docs) struct IndexPage {
    f: Frame,
    title: String,
    description: String,
    stats: String,
    quick_start: Option<QuickStart>,
    access_rows: Vec<AccessRow>,
    access_anchor: String,
    gateways: Vec<GatewayRow>,
    headers: Vec<HeaderRow>,
    groups: Vec<GroupView>,
    references: Vec<RefLink>,
    guides: Vec<(&'static str, String)>,
}

struct AccessRow {
    access: &'static str,
    token: &'static str,
    meaning: &'static str,
}

struct GatewayRow {
    name: String,
    prefix: String,
    side: &'static str,
    description: String,
}

struct HeaderRow {
    name: String,
    description: String,
    example: String,
}

struct GroupView {
    title: String,
    description: String,
    ops: Vec<OpRow>,
}

struct OpRow {
    name: String,
    href: String,
    access: &'static str,
    summary: String,
}

struct RefLink {
    text: &'static str,
    href: &'static str,
}

pub(in crate::docs) fn page(cx: &Ctx) -> IndexPage {
    let (api, l) = (cx.api, cx.l);
    let access_rows = [
        (Access::Guest, l.presence_absent, l.access_meanings[0]),
        (Access::Login, l.presence_required, l.access_meanings[1]),
        (Access::Admin, l.presence_required, l.access_meanings[2]),
        (Access::Optional, l.presence_optional, l.access_meanings[3]),
    ]
    .into_iter()
    .map(|(a, token, meaning)| AccessRow {
        access: a.as_str(),
        token,
        meaning,
    })
    .collect();
    let references = [
        (l.how_to_read_title, "how-to-read.md"),
        (l.envelope_title, "envelope.md"),
        (l.types_title, "types.md"),
        (l.enums_title, "enums.md"),
        (l.errors_title, "errors.md"),
        (l.glossary_title, "glossary.md"),
        (super::behaviour::title(cx.lang), super::behaviour::PAGE),
        (
            crate::release::changelog::title(cx.lang),
            crate::release::changelog::FILE,
        ),
    ]
    .into_iter()
    .map(|(text, href)| RefLink { text, href })
    .collect();
    IndexPage {
        title: text_in(cx.lang, &api.title, api.title_zh.as_deref()),
        description: text_in(cx.lang, &api.description, api.description_zh.as_deref()),
        stats: l
            .stats
            .replace("{ops}", &api.operations().count().to_string())
            .replace("{services}", &api.services.len().to_string()),
        quick_start: quickstart::build(cx),
        access_rows,
        access_anchor: slug(l.access_levels),
        gateways: api
            .gateways
            .iter()
            .map(|g| GatewayRow {
                name: code(&g.name),
                prefix: code(&g.prefix),
                side: side_text(l, g.side),
                description: or_none(
                    l,
                    &text_in(cx.lang, &g.description, g.description_zh.as_deref()),
                ),
            })
            .collect(),
        headers: api
            .headers
            .iter()
            .map(|h| HeaderRow {
                name: code(&h.name),
                description: text_in(cx.lang, &h.description, h.description_zh.as_deref()),
                example: match (h.name.as_str(), &h.example) {
                    ("lang", _) => code(cx.lang.header()),
                    (_, Some(e)) => code(e),
                    (_, None) => l.none.into(),
                },
            })
            .collect(),
        groups: groups(cx),
        references,
        guides: super::guides::links(cx),
        f: Frame::new(cx.lang, "README.md"),
    }
}

/// The index's operation tables: one per task group of the spec, then one
/// per service for the operations without a group; operations by name.
fn groups(cx: &Ctx) -> Vec<GroupView> {
    let (api, l) = (cx.api, cx.l);
    let row = |s: &Service, o: &Operation| OpRow {
        name: o.name.clone(),
        href: cx.pages.operation(s, o),
        access: o.access.as_str(),
        summary: {
            let summary = op_summary(cx.lang, o);
            if o.deprecated {
                format!("{}. {summary}", capitalized(l.deprecated))
            } else {
                or_none(l, &summary)
            }
        },
    };
    let sorted = |mut ops: Vec<OpRow>| {
        ops.sort_by(|a, b| (&a.name, &a.href).cmp(&(&b.name, &b.href)));
        ops
    };
    let mut out: Vec<GroupView> = api
        .groups
        .iter()
        .map(|g| GroupView {
            title: text_in(cx.lang, &g.title, g.title_zh.as_deref()),
            description: String::new(),
            ops: sorted(
                api.operations()
                    .filter(|(_, o)| o.group.as_deref() == Some(g.name.as_str()))
                    .map(|(s, o)| row(s, o))
                    .collect(),
            ),
        })
        .collect();
    for s in &api.services {
        let ops: Vec<OpRow> = s
            .operations
            .iter()
            .filter(|o| o.group.is_none())
            .map(|o| row(s, o))
            .collect();
        if !ops.is_empty() {
            out.push(GroupView {
                title: s.name.clone(),
                description: format!(
                    "{}\n\nbizType: `{}.*`",
                    text_in(cx.lang, &s.description, s.description_zh.as_deref()),
                    s.qualified_name
                )
                .trim()
                .to_owned(),
                ops: sorted(ops),
            });
        }
    }
    out
}
