//! The facts' words in docstrings: the description of a field and the type
//! in words ([`crate::facts::field`]) are Markdown, the same text as the
//! Rust docs, TSDoc and OpenAPI say; here they become reST, as Python
//! docstrings write it (``` ``code`` ```, `:class:` roles for the types).

use super::names;
use crate::facts::FieldDoc;
use crate::ir::{Api, Field, Ty};

/// Where a field's docs go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Place {
    /// A model attribute; `keeps_absent` where absent stays apart from null.
    Attribute { keeps_absent: bool },
    /// A keyword argument of a service method.
    Argument,
}

/// The paragraphs of a field's docstring: its description, then the facts
/// (the description fact, word for word), then what Python adds.
pub(super) fn field_doc(api: &Api, f: &Field, place: Place) -> Vec<String> {
    let doc = FieldDoc::new(api, f);
    let mut facts = rest(&doc.facts(&marked), |n| names::type_class(api, n));
    if f.sensitive {
        facts.push_str(" Also masked in ``repr``.");
    }
    let python = match place {
        Place::Attribute { keeps_absent: true } => {
            " ``ABSENT`` leaves it out; ``None`` sends null."
        }
        Place::Attribute { .. } if !f.required && !f.nullable => " ``None``: absent.",
        Place::Argument if !f.required && f.nullable => {
            " Not sent unless given; ``None`` sends null."
        }
        Place::Argument if !f.required => " Not sent unless given.",
        _ => "",
    };
    facts.push_str(python);
    let mut out = vec![
        doc.text.to_owned(),
        doc.text_zh.unwrap_or_default().to_owned(),
        facts,
    ];
    if f.deprecated {
        out.push(format!(".. deprecated:: {}", f.deprecation.details()));
    }
    out
}

/// A type in the facts' words, as reST: ``list of :class:`Account` ``.
pub(super) fn type_words(api: &Api, ty: &Ty) -> String {
    rest(&crate::facts::field::type_words(api, ty, &marked), |n| {
        names::type_class(api, n)
    })
}

/// Marks where the facts link a type (`\u{1}Account\u{1}`), for [`rest`].
fn marked(spec_name: &str) -> String {
    format!("{MARK}{spec_name}{MARK}")
}

const MARK: char = '\u{1}';

/// Markdown of the facts as reST: code spans in double backticks, marked
/// types as `:class:` roles (titled with the spec name where the class
/// name differs, as TSDoc's `{@link X | name}`); `class` names the class
/// of a spec type.
pub(super) fn rest(markdown: &str, class: impl Fn(&str) -> String) -> String {
    let text = code_spans(markdown);
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split(MARK).enumerate() {
        if i % 2 == 0 {
            out.push_str(part);
        } else {
            let class = class(part);
            if class == part {
                out.push_str(&format!(":class:`{class}`"));
            } else {
                out.push_str(&format!(":class:`{part} <{class}>`"));
            }
        }
    }
    out
}

/// `` `x` `` → ``` ``x`` ```: CommonMark code spans (a run of backticks
/// closed by a run of the same length) as reST inline literals.
fn code_spans(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 8);
    let mut rest = markdown;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let from = &rest[start..];
        let n = from.len() - from.trim_start_matches('`').len();
        let body = &from[n..];
        match closing(body, n) {
            Some(at) => {
                let code = &body[..at];
                let code = match code.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
                    Some(inner) if !inner.trim().is_empty() => inner,
                    _ => code,
                };
                out.push_str("``");
                out.push_str(code);
                out.push_str("``");
                rest = &body[at + n..];
            }
            None => {
                out.push_str(&from[..n]);
                rest = body;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where the run of exactly `n` backticks that closes a code span starts.
fn closing(body: &str, n: usize) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = body[from..].find('`') {
        let at = from + i;
        let run = body[at..].len() - body[at..].trim_start_matches('`').len();
        if run == n {
            return Some(at);
        }
        from = at + run;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_code_spans_and_links_become_rest() {
        assert_eq!(
            rest("Wire name `type`, list of \u{1}Account\u{1}.", names::class),
            "Wire name ``type``, list of :class:`Account`."
        );
        assert_eq!(
            rest("enum \u{1}match\u{1}, pattern `` a`b ``, `x", names::class),
            "enum :class:`match <Match>`, pattern ``a`b``, `x"
        );
    }
}
