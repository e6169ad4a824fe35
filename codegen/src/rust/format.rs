//! Formatting of the generated Rust: prettyplease, then blank lines between
//! items, as a person would write them (and as progenitor's
//! `space_out_items` does). prettyplease prints items back to back; this
//! pass works on its output, whose layout is regular: every member of a
//! module, `impl`, trait, struct or enum starts at its container's
//! indentation plus four spaces, and ends on a line at that indentation.

use proc_macro2::TokenStream;

/// Formats tokens as a Rust file body, items spaced out.
pub fn format(tokens: TokenStream) -> crate::Result<String> {
    Ok(space_out(&unparse(tokens)?))
}

/// prettyplease's text of the tokens, items back to back.
pub(super) fn unparse(tokens: TokenStream) -> crate::Result<String> {
    let file: syn::File = syn::parse2(tokens).map_err(crate::Error::Unparsable)?;
    Ok(prettyplease::unparse(&file))
}

/// One member of a container: its first and last line (indices).
#[derive(Debug, Clone, Copy)]
struct Member {
    /// Which container it belongs to (the container's opening line).
    container: usize,
    start: usize,
    end: usize,
    kind: Kind,
}

/// What tells neighbours apart: inner attributes and docs stay together, a
/// run of `use` lines of one group stays together, then the items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Inner,
    Use(UseGroup),
    Item,
}

/// The groups of imports, apart as rustfmt's `group_imports =
/// "StdExternalCrate"` keeps them: the standard library, other crates, this
/// crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UseGroup {
    Std,
    External,
    Local,
}

/// A container whose members get spaced: the file, a module, an `impl`, a
/// trait, a struct's fields, an enum's variants.
#[derive(Debug)]
struct Container {
    /// Line index of its opening line (`usize::MAX` for the file).
    id: usize,
    /// The indentation of its members.
    indent: usize,
    /// The member being read, if it has not ended.
    open: Option<Member>,
}

/// Puts a blank line between two consecutive members of a container when
/// either spans more than one line (it has docs, attributes or a body), or
/// they are of different kinds (the `use` lines before the items, each
/// group of `use` lines apart, the inner docs before everything). Short members without docs (plain fields,
/// variants, a run of `use` or `mod` lines) stay together. Function bodies
/// and expressions are left as they are.
pub(super) fn space_out(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut members = members(&lines);
    // A container ends after its members: group them, in text order.
    members.sort_by_key(|m| (m.container, m.start));
    let mut blank_before = vec![false; lines.len()];
    for pair in members.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let adjacent = b.start == a.end + 1;
        let both_inner = a.kind == Kind::Inner && b.kind == Kind::Inner;
        let uses = matches!(a.kind, Kind::Use(_)) && matches!(b.kind, Kind::Use(_));
        let spaced = a.kind != b.kind
            || (!uses && a.end > a.start)
            || (!uses && b.end > b.start && b.kind != Kind::Inner);
        if a.container == b.container && adjacent && spaced && !both_inner {
            blank_before[b.start] = true;
        }
    }
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (line, blank) in lines.iter().zip(blank_before) {
        if blank {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The members of every container, in the order they end.
fn members(lines: &[&str]) -> Vec<Member> {
    let mut members = Vec::new();
    let mut stack = vec![Container {
        id: usize::MAX,
        indent: 0,
        open: None,
    }];
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        let indent = line.len() - trimmed.len();
        // The closing line of a container is left of its members.
        while stack.len() > 1 && stack.last().is_some_and(|c| indent < c.indent) {
            stack.pop();
        }
        let Some(top) = stack.last_mut() else {
            break;
        };
        if indent != top.indent {
            // Inside a member: a body, an expression, a long signature.
            continue;
        }
        let member = top.open.get_or_insert(Member {
            container: top.id,
            start: i,
            end: i,
            kind: kind(trimmed),
        });
        member.end = i;
        let comment = trimmed.starts_with("//");
        // An inner doc line is a member; an inner attribute ends with its `]`.
        let inner_ends = trimmed.starts_with("//!") || trimmed.ends_with(']');
        let ends = if member.kind == Kind::Inner {
            inner_ends
        } else {
            !comment && ends_member(trimmed)
        };
        if ends {
            members.push(*member);
            top.open = None;
        } else if !comment && trimmed.ends_with('{') && opens_container(lines, member.start, i) {
            let indent = top.indent + 4;
            stack.push(Container {
                id: i,
                indent,
                open: None,
            });
        }
    }
    members
}

fn kind(first_line: &str) -> Kind {
    if first_line.starts_with("//!") || first_line.starts_with("#![") {
        Kind::Inner
    } else if let Some(path) = strip_visibility(first_line).strip_prefix("use ") {
        let root = path.trim_start_matches("::");
        let group = if ["std::", "core::", "alloc::"]
            .iter()
            .any(|s| root.starts_with(s))
        {
            UseGroup::Std
        } else if ["super::", "self::", "crate::"]
            .iter()
            .any(|s| root.starts_with(s))
            || !root.contains("::")
        {
            UseGroup::Local
        } else {
            UseGroup::External
        };
        Kind::Use(group)
    } else {
        Kind::Item
    }
}

/// A member's last line: `;` (a declaration), `,` (a field or variant),
/// `}` (a body), at the member's own indentation.
fn ends_member(trimmed: &str) -> bool {
    trimmed.ends_with(';') || trimmed.ends_with(',') || trimmed.ends_with('}')
}

/// Whether the `{` that ends line `open` starts a container of members: the
/// member's signature (its first line that is not a doc or attribute) is a
/// module, `impl`, trait, struct, enum or union.
fn opens_container(lines: &[&str], start: usize, open: usize) -> bool {
    let Some(signature) = lines[start..=open]
        .iter()
        .map(|l| l.trim_start())
        .find(|l| !l.starts_with("//") && !l.starts_with("#["))
    else {
        return false;
    };
    let mut rest = strip_visibility(signature);
    for qualifier in ["unsafe ", "auto "] {
        rest = rest.strip_prefix(qualifier).unwrap_or(rest);
    }
    [
        "mod ", "impl ", "impl<", "trait ", "struct ", "enum ", "union ",
    ]
    .iter()
    .any(|k| rest.starts_with(k))
}

/// The line without a leading `pub`, `pub(crate)`, `pub(super)`, ...
fn strip_visibility(line: &str) -> &str {
    let Some(rest) = line.strip_prefix("pub") else {
        return line;
    };
    let rest = match rest.strip_prefix('(') {
        Some(inner) => inner.split_once(')').map_or(rest, |(_, after)| after),
        None => rest,
    };
    rest.strip_prefix(' ').unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::space_out;

    #[test]
    fn spaces_items_members_and_documented_fields() {
        let expected = "\
//! Module doc.
#![allow(deprecated)]
#![allow(
    unused,
    reason = \"a long reason\",
)]

use std::sync::Arc;

use a::b;
use c::{
    d,
    e,
};

use super::f;

/// A struct.
pub struct S {
    a: u8,
    b: u8,

    /// Documented.
    c: u8,

    d: u8,
}

impl S {
    pub fn new() -> Self {
        let x = 1;
        let y = 2;
        S { a: x, b: y, c: 0, d: 0 }
    }

    pub fn f(
        &self,
    ) -> u8 {
        self.a
    }
}

pub mod m;
pub mod n;
pub const X: u8 = 1;
";
        // prettyplease's output: the same without blank lines.
        let text = expected.replace("\n\n", "\n");
        assert_eq!(space_out(&text), expected);
        assert_eq!(
            space_out(expected),
            expected,
            "spacing twice changes nothing"
        );
    }
}
