//! The description of a field, once for every output: its text (English
//! and Chinese), wire name, type in words, whether it is required (or when),
//! constraints (an enum field's `allowed` codes among them), the
//! constraints only assumed, default, nullability and sensitivity.
//!
//! Outputs only format it. Those that carry prose (Rust doc comments,
//! TSDoc, OpenAPI descriptions) write [`FieldDoc::facts`] word for word,
//! with their own way of linking a named type; the Markdown docs lay the
//! same parts out as table cells in the page's language.

use serde_json::Value;

use crate::ir::{Api, Code, Condition, Constraint, Field, Ty};

/// Turns the spec name of a struct or enum into a target's link to it
/// (`[`Account`](super::types::Account)`, `{@link types.Account}`, ...).
pub type Link<'l> = &'l dyn Fn(&str) -> String;

/// A link as plain inline code: `` `Account` ``. The form outputs without
/// links (OpenAPI descriptions) use, and the one the others reduce to.
pub fn code_link(name: &str) -> String {
    crate::markdown::code(name)
}

/// Whether the field must be sent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Required<'a> {
    Always,
    /// Optional, but required under this condition (`requiredWhen`).
    When(&'a Condition),
    Optional,
}

/// Everything a description of a field says.
#[derive(Debug, Clone, Copy)]
pub struct FieldDoc<'a> {
    api: &'a Api,
    /// The IR field, for what outputs lay out themselves (the type, in
    /// their own words and links).
    pub field: &'a Field,
    /// The wire name.
    pub name: &'a str,
    /// The English description, trimmed.
    pub text: &'a str,
    /// The Chinese description, trimmed; `None` when the spec has none.
    pub text_zh: Option<&'a str>,
    pub required: Required<'a>,
    pub nullable: bool,
    pub default: Option<&'a Value>,
    pub sensitive: bool,
}

impl<'a> FieldDoc<'a> {
    pub fn new(api: &'a Api, field: &'a Field) -> FieldDoc<'a> {
        FieldDoc {
            api,
            field,
            name: &field.name,
            text: field.description.trim(),
            text_zh: field
                .description_zh
                .as_deref()
                .map(str::trim)
                .filter(|z| !z.is_empty()),
            required: match (&field.required_when, field.required) {
                (_, true) => Required::Always,
                (Some(c), false) => Required::When(c),
                (None, false) => Required::Optional,
            },
            nullable: field.nullable,
            default: field.default.as_ref(),
            sensitive: field.sensitive,
        }
    }

    /// The constraints, in the one wording of [`Constraint`]; an enum
    /// field's `allowed` codes are one of them.
    pub fn constraints(&self) -> Vec<Constraint<'a>> {
        self.field.constraints.list()
    }

    /// The constraints the spec marks `assumed`: presumed, shown as such,
    /// never checked by servers.
    pub fn assumed(&self) -> Vec<Constraint<'a>> {
        self.field.assumed.list()
    }

    /// The enum codes the field takes: its `allowed` subset, else `None`
    /// (every code of the enum).
    pub fn allowed(&self) -> Option<&'a [Code]> {
        self.field.constraints.allowed.as_deref()
    }

    /// The type in words: `` `string` ``, `epoch milliseconds`, ``enum
    /// `LoginType` (1 = Email, 2 = Phone)``, ``list of object `Account` ``.
    pub fn type_words(&self, link: Link<'_>) -> String {
        type_words(self.api, &self.field.ty, link)
    }

    /// The sentences of facts, the same in every output but for `link`:
    /// ``Wire name `type`, enum `LoginType` (1 = Email, 2 = Phone).
    /// Required. Constraints: minLength 1. Assumed, not checked by servers:
    /// minimum 1. Default: `2`. May be `null`. Sensitive: …``
    pub fn facts(&self, link: Link<'_>) -> String {
        let mut out = vec![format!(
            "Wire name `{}`, {}.",
            self.name,
            self.type_words(link)
        )];
        match self.required {
            Required::Always => out.push("Required.".into()),
            Required::When(c) => out.push(format!("Required when {c}.")),
            Required::Optional => {}
        }
        let constraints: Vec<String> = self.constraints().iter().map(|c| c.to_string()).collect();
        if !constraints.is_empty() {
            out.push(format!("Constraints: {}.", constraints.join("; ")));
        }
        out.extend(self.field.assumed.assumed_text());
        if let Some(d) = self.default {
            out.push(format!("Default: `{d}`."));
        }
        if self.nullable {
            out.push("May be `null`.".into());
        }
        if self.sensitive {
            out.push(SENSITIVE.into());
        }
        out.join(" ")
    }

    /// The whole description in English: the text, then the facts.
    /// Outputs with a place of their own for Chinese (OpenAPI's
    /// `x-description-zh`) use this.
    pub fn describe(&self, link: Link<'_>) -> String {
        paragraphs(&[self.text, &self.facts(link)])
    }

    /// The text, the Chinese text, then the facts: doc comments.
    pub fn describe_with_zh(&self, link: Link<'_>) -> String {
        paragraphs(&[
            self.text,
            self.text_zh.unwrap_or_default(),
            &self.facts(link),
        ])
    }
}

/// What every description says of a sensitive field.
pub const SENSITIVE: &str = "Sensitive: a secret, masked in logs.";

/// The non-empty parts, trimmed, a blank line apart.
pub fn paragraphs(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A type in words, the same in every output that describes types in
/// prose: `` `string` ``, `epoch milliseconds`, ``enum `LoginType` (1 =
/// Email, 2 = Phone)``, ``list of object `Account` ``; named types through
/// `link`.
pub fn type_words(api: &Api, ty: &Ty, link: Link<'_>) -> String {
    match ty {
        Ty::Decimal => "decimal number in a string".into(),
        Ty::Timestamp => "epoch milliseconds".into(),
        Ty::Struct(name) => format!("object {}", link(name)),
        Ty::Enum(name) => match api.find_enum(name) {
            Some(e) => {
                let values: Vec<String> = e
                    .values
                    .iter()
                    .map(|v| {
                        let text = v.description.trim();
                        let text = if text.is_empty() {
                            v.name.as_str()
                        } else {
                            text
                        };
                        let code = match &v.code {
                            Code::Str(s) if s.is_empty() => "\"\"".to_owned(),
                            other => other.to_string(),
                        };
                        format!("{code} = {text}")
                    })
                    .collect();
                format!("enum {} ({})", link(name), values.join(", "))
            }
            None => format!("enum {}", link(name)),
        },
        Ty::List(item) => format!("list of {}", type_words(api, item, link)),
        Ty::Map(item) => format!("map of string to {}", type_words(api, item, link)),
        other => format!("`{other}`"),
    }
}
