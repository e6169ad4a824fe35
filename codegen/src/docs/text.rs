//! Spec texts and fixed words in the page's language: descriptions with
//! their Chinese, the words for access levels, presence, sides and
//! example kinds.

use super::frame::Ctx;
use super::lang::{Labels, Lang};
use crate::ir::{Access, ExampleKind, Operation, Presence, Service, Side};

/// A description for a table cell: in English both texts where the spec
/// has Chinese too; in Chinese the Chinese text, else the English.
pub(super) fn cell_text(lang: Lang, en: &str, zh: Option<&str>) -> String {
    match lang {
        Lang::En => with_zh(lang, en, zh),
        Lang::Zh => or_none(lang.labels(), lang.pick(en.trim(), zh)),
    }
}

/// A description paragraph: English with the Chinese appended, or the
/// Chinese alone (English as the fallback).
pub(super) fn with_zh(lang: Lang, en: &str, zh: Option<&str>) -> String {
    let en = en.trim();
    let zh = zh.map(str::trim).filter(|z| !z.is_empty());
    match (lang, zh) {
        (Lang::Zh, Some(zh)) => zh.to_owned(),
        (Lang::En, Some(zh)) if en.is_empty() => zh.to_owned(),
        (Lang::En, Some(zh)) => format!("{en} ({zh})"),
        (_, None) => en.to_owned(),
    }
}

/// The text in `lang`, English as the fallback.
pub(super) fn text_in(lang: Lang, en: &str, zh: Option<&str>) -> String {
    lang.pick(en.trim(), zh).trim().to_owned()
}

pub(super) fn or_none(l: &Labels, s: &str) -> String {
    if s.trim().is_empty() {
        l.none.into()
    } else {
        s.trim().to_owned()
    }
}

pub(super) fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// An operation's one-line summary in `lang` (English as the fallback).
pub(super) fn op_summary(lang: Lang, op: &Operation) -> String {
    text_in(lang, &op.summary, op.summary_zh.as_deref())
}

/// A link to an operation's page: `[Service.op](operations/…)`.
pub(super) fn op_link(cx: &Ctx, s: &Service, o: &Operation, root: &str) -> String {
    format!(
        "[{}.{}]({root}{})",
        s.name,
        o.name,
        cx.pages.operation(s, o)
    )
}

pub(super) fn access_text(l: &Labels, a: Access) -> &'static str {
    match a {
        Access::Guest => l.access_guest,
        Access::Login => l.access_login,
        Access::Admin => l.access_admin,
        Access::Optional => l.access_optional,
    }
}

pub(super) fn presence_name(l: &Labels, p: Presence) -> &'static str {
    match p {
        Presence::Required => l.presence_required,
        Presence::Optional => l.presence_optional,
        Presence::Absent => l.presence_absent,
    }
}

pub(super) fn side_text(l: &Labels, s: Side) -> &'static str {
    match s {
        Side::C => l.side_c,
        Side::B => l.side_b,
    }
}

pub(super) fn kind_name(l: &Labels, k: ExampleKind) -> &'static str {
    match k {
        ExampleKind::Captured => l.captured,
        ExampleKind::Illustrative => l.illustrative,
    }
}

pub(super) fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// Links to the operations that reach a type, or nothing.
pub(super) fn used_by(cx: &Ctx, name: &str) -> String {
    cx.facts
        .users(name)
        .iter()
        .map(|(s, o)| op_link(cx, s, o, ""))
        .collect::<Vec<_>>()
        .join(", ")
}
