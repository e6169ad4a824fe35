//! From diff findings to changelog entries: the Keep a Changelog section of
//! each rule, whether it breaks, and the docs page it links to.

use crate::diff::{Category, Finding, Level};
use crate::docs::Pages;
use crate::ir::{Api, Breaking, Change, ChangeSection};
use crate::markdown::{code, slug};

/// The changelog entries of a release, in the findings' order. Notes for
/// spec maintainers (`notes-changed`) change nothing a user sees: no entry.
/// `old` is the released spec (removed things have their page there).
pub fn entries(findings: &[Finding], old: Option<&Api>, new: &Api) -> Vec<Change> {
    let pages = Links::new(old, new);
    findings
        .iter()
        .filter(|f| f.rule != "notes-changed")
        .map(|f| Change {
            section: section(f),
            rule: f.rule.to_owned(),
            operation: f.operation.clone(),
            type_name: f.type_name.clone(),
            path: f.path.clone(),
            page: pages.of(f),
            breaking: (f.level == Level::Err).then_some(match f.category {
                Category::Sdk => Breaking::Sdk,
                Category::Wire | Category::Security => Breaking::Wire,
            }),
            text: text(f),
        })
        .collect()
}

/// The finding's message; for a change to a shared type, enum or header,
/// the operations it reaches.
fn text(f: &Finding) -> String {
    if f.affected_operations.is_empty() {
        return f.message.clone();
    }
    let mut ops: Vec<String> = f
        .affected_operations
        .iter()
        .map(|a| code(super::changelog::operation_name(&a.operation)))
        .collect();
    ops.dedup();
    const SHOWN: usize = 8;
    let more = ops.len().saturating_sub(SHOWN);
    ops.truncate(SHOWN);
    if more > 0 {
        ops.push(format!("{more} more"));
    }
    format!("{}; operations: {}", f.message, ops.join(", "))
}

/// The section of a finding: by its rule, security findings under Security.
pub fn section(f: &Finding) -> ChangeSection {
    use ChangeSection::*;
    if f.category == Category::Security {
        return Security;
    }
    match f.rule {
        "operation-deprecated" | "field-deprecated" | "enum-value-deprecated" => Deprecated,
        "operation-removed"
        | "request-field-removed"
        | "response-field-removed"
        | "request-enum-value-removed"
        | "response-enum-value-removed"
        | "error-code-removed"
        | "pagination-removed"
        | "deprecated-removed"
        | "removed-after-sunset" => Removed,
        "operation-added"
        | "request-field-added"
        | "response-field-added"
        | "header-added"
        | "error-code-added"
        | "request-enum-value-added"
        | "response-enum-value-added"
        | "extensible-enum-value-added"
        | "pagination-added" => Added,
        _ => Changed,
    }
}

/// Docs pages of both specs: an operation's page, a type's or enum's anchor.
struct Links<'a> {
    specs: Vec<(&'a Api, Pages)>,
}

impl<'a> Links<'a> {
    fn new(old: Option<&'a Api>, new: &'a Api) -> Links<'a> {
        // The new spec first: a page that still exists is where it is now.
        let specs = std::iter::once(new)
            .chain(old)
            .map(|api| (api, Pages::new(api)))
            .collect();
        Links { specs }
    }

    fn of(&self, f: &Finding) -> Option<String> {
        if let Some(path) = &f.operation {
            return self.specs.iter().find_map(|(api, pages)| {
                api.operations()
                    .find(|(_, o)| &o.path == path)
                    .map(|(s, o)| pages.operation(s, o))
            });
        }
        let name = f.type_name.as_ref()?;
        self.specs.iter().find_map(|(api, _)| {
            if api.enums.iter().any(|e| &e.name == name) {
                Some(format!("enums.md#{}", slug(name)))
            } else if api.types.iter().any(|t| &t.name == name) {
                Some(format!("types.md#{}", slug(name)))
            } else {
                None
            }
        })
    }
}
