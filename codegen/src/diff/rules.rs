//! The rule catalogue: every change `bizgen diff` reports, with its stable
//! id, default level and category. A new rule is one line here plus the
//! comparison that emits it (in `compare/`) and a fixture pair under
//! `codegen/tests/fixtures/diff/<id>/`.

use serde::Serialize;

/// How much a change matters. Ordered: `Info < Warn < Err`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Compatible: additions, relaxations, documentation.
    #[value(alias = "notice")]
    Info,
    /// May break some clients, or changes behaviour.
    #[value(alias = "warning")]
    Warn,
    /// Breaks existing clients (wire) or code built on the SDK (sdk).
    #[value(alias = "error")]
    Err,
}

impl Level {
    /// `err`, `warn` or `info`, as on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Err => "err",
        }
    }

    /// Parses `err`/`error`, `warn`/`warning`, `info`/`notice`.
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "err" | "error" => Some(Level::Err),
            "warn" | "warning" => Some(Level::Warn),
            "info" | "notice" => Some(Level::Info),
            _ => None,
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who a change is a problem for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// What an already deployed client or server sees on the wire.
    Wire,
    /// Code compiled against the generated SDKs (names, Rust types); the
    /// bytes on the wire are unchanged.
    Sdk,
    /// Who may call what, and what is redacted: a wire change that needs a
    /// security review rather than a client fix.
    Security,
}

impl Category {
    /// `wire`, `sdk` or `security`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Wire => "wire",
            Category::Sdk => "sdk",
            Category::Security => "security",
        }
    }
}

/// One rule of the diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable kebab-case id.
    pub id: &'static str,
    /// The default level (`--severity-levels` overrides it).
    pub level: Level,
    pub category: Category,
    /// One line: what the rule reports.
    pub description: &'static str,
}

const fn rule(
    id: &'static str,
    level: Level,
    category: Category,
    description: &'static str,
) -> Rule {
    Rule {
        id,
        level,
        category,
        description,
    }
}

use Category::{Sdk, Security, Wire};
use Level::{Err, Info, Warn};

/// Every rule.
#[rustfmt::skip]
pub const RULES: &[Rule] = &[
    // Operations.
    rule("operation-removed", Err, Wire, "An operation was removed without being deprecated first."),
    rule("operation-added", Info, Wire, "An operation was added."),
    rule("operation-renamed", Err, Sdk, "An operation keeps its path but its name or service changed: the wire is the same, generated method names change."),
    rule("service-renamed", Err, Sdk, "A service was renamed and its operations kept their paths: generated module and trait names change."),
    rule("path-changed", Err, Wire, "An operation (same service and name) moved to another path."),
    rule("access-tightened", Err, Wire, "An operation needs more of a token than before (guest → login, optional → login, login → admin, ...)."),
    rule("access-loosened", Warn, Security, "An operation needs less of a token than before (login → guest, admin → login, ...): review who may now call it."),
    rule("version-changed", Warn, Wire, "The value of the `version` header changed."),
    rule("header-required-added", Err, Wire, "A header is now required."),
    rule("header-added", Info, Wire, "A new optional header is accepted."),
    rule("header-relaxed", Info, Wire, "A header is no longer required, or no longer taken."),
    rule("error-code-added", Info, Wire, "An operation documents a new error code."),
    rule("error-code-removed", Info, Wire, "An operation no longer documents an error code."),
    // Requests: tightening breaks clients.
    rule("request-field-added-required", Err, Wire, "A required request field was added."),
    rule("request-field-added", Info, Wire, "An optional request field was added."),
    rule("request-field-removed", Warn, Wire, "A request field was removed (clients that send it may be rejected)."),
    rule("request-field-renamed", Err, Wire, "Probably a rename: an optional request field was removed and one of the same type added; old clients' values are dropped silently."),
    rule("request-field-became-required", Err, Wire, "An optional request field became required."),
    rule("request-field-became-optional", Info, Wire, "A required request field became optional."),
    rule("request-field-became-non-nullable", Err, Wire, "A request field that accepted null no longer does."),
    rule("request-field-became-nullable", Info, Wire, "A request field now accepts null."),
    rule("request-constraint-narrowed", Err, Wire, "A request field's constraint got stricter (minLength/minimum raised, maxLength/maximum lowered, pattern or format added or changed)."),
    rule("request-constraint-relaxed", Info, Wire, "A request field's constraint got looser or was removed."),
    rule("request-default-changed", Warn, Wire, "The documented default of a request field changed (the server behaves differently when it is omitted)."),
    rule("request-enum-value-removed", Err, Wire, "A code was removed from an enum used in requests."),
    rule("request-enum-value-added", Info, Wire, "A code was added to an enum used in requests."),
    rule("request-required-when-added", Warn, Wire, "A request field got a `requiredWhen` condition: clients that leave it out when the condition holds are rejected."),
    rule("request-required-when-changed", Warn, Wire, "The `requiredWhen` condition of a request field changed (it may now hold for requests that passed before)."),
    rule("request-required-when-removed", Info, Wire, "A request field lost its `requiredWhen` condition."),
    // Responses: loosening breaks clients.
    rule("response-field-removed", Err, Wire, "A response field was removed without being deprecated first."),
    rule("response-field-added", Info, Wire, "A response field was added."),
    rule("response-field-became-optional", Err, Wire, "A required response field became optional (it may be missing)."),
    rule("response-field-became-required", Info, Wire, "An optional response field became required."),
    rule("response-field-became-nullable", Err, Wire, "A response field may now be null."),
    rule("response-field-became-non-nullable", Info, Wire, "A response field can no longer be null."),
    rule("response-constraint-relaxed", Warn, Wire, "A response field's constraint got looser or was removed (clients may rely on it)."),
    rule("response-constraint-narrowed", Info, Wire, "A response field's constraint got stricter or was added."),
    rule("response-enum-value-added", Warn, Wire, "A code was added to an enum used in responses (clients see `Unknown`)."),
    rule("extensible-enum-value-added", Info, Wire, "A code was added to an `extensible: true` enum used in responses: clients were told to expect new codes."),
    rule("response-enum-value-removed", Info, Wire, "A code was removed from an enum used in responses."),
    rule("response-type-changed", Err, Wire, "The type of an operation's `data` changed incompatibly."),
    rule("response-type-changed-sdk", Err, Sdk, "The type of an operation's `data` changed, compatibly on the wire (a wider or renamed type): generated code changes."),
    rule("response-became-nullable", Err, Wire, "An operation's `data` may now be null."),
    rule("response-became-non-nullable", Info, Wire, "An operation's `data` can no longer be null."),
    // Both directions.
    rule("field-type-changed", Err, Wire, "The type of a field changed incompatibly on the wire."),
    rule("field-type-changed-sdk", Err, Sdk, "The type of a field changed, compatibly on the wire (request int32 → int64, response string → decimal, int32 → enum): generated code changes."),
    rule("field-no-longer-sensitive", Warn, Security, "A field lost `sensitive: true`: it is no longer redacted in logs."),
    rule("field-became-sensitive", Info, Security, "A field became `sensitive: true`: it is now redacted in logs."),
    rule("type-renamed", Err, Sdk, "A type was renamed and kept its shape: the wire is the same, generated type names change."),
    rule("enum-renamed", Err, Sdk, "An enum was renamed and kept its codes: the wire is the same, generated type names change."),
    rule("enum-type-changed", Err, Wire, "An enum changed between integer and string codes."),
    rule("enum-value-renamed", Err, Sdk, "An enum code keeps its value but its name changed: the wire is the same, generated variant names change."),
    rule("enum-value-code-changed", Err, Wire, "An enum value keeps its name but its code changed."),
    rule("envelope-success-code-changed", Err, Wire, "The envelope's success code changed."),
    // Deprecation lifecycle.
    rule("operation-deprecated", Info, Wire, "An operation became deprecated."),
    rule("read-only-changed", Info, Wire, "An operation became read-only (`readOnly: true`, a pure query that `bizgen probe` calls on live gateways and SDKs retry by default), or is no longer read-only."),
    // Pagination: the iterators of the SDKs.
    rule("pagination-added", Info, Sdk, "An operation now pages (`paginate:`): SDKs add an iterator over every item."),
    rule("pagination-removed", Err, Sdk, "An operation no longer pages: the iterator over every item leaves the SDKs."),
    rule("pagination-changed", Warn, Sdk, "An operation pages by other fields (page, size, items or total): iterators of SDKs built before read the old ones."),
    rule("field-deprecated", Info, Wire, "A field became deprecated."),
    rule("enum-value-deprecated", Info, Wire, "An enum value became deprecated."),
    rule("deprecated-removed", Warn, Wire, "A deprecated operation, field or enum value was removed (before its sunset date, or it had none)."),
    rule("removed-after-sunset", Info, Wire, "A deprecated operation, field or enum value was removed after its sunset date."),
    rule("reserved-reused", Err, Wire, "A code or field name that the old spec listed in `reserved:` is used again."),
    rule("docs-changed", Info, Wire, "A summary or description changed."),
    rule("assumed-changed", Info, Wire, "The `assumed` constraints of a field changed: they are documented as assumptions and never checked, so no call is affected."),
    rule("notes-changed", Info, Wire, "The source notes (`notes` and `source` quotes, for spec maintainers) of an operation, type, field, enum or enum value changed."),
];

/// The rule with this id.
pub fn rule_info(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn rule_ids_are_unique_kebab_case() {
        let mut seen = BTreeSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate rule {}", r.id);
            assert!(
                r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.id
            );
            assert!(!r.description.is_empty());
        }
    }

    #[test]
    fn levels_are_ordered_and_parse() {
        assert!(Level::Info < Level::Warn && Level::Warn < Level::Err);
        assert_eq!(Level::parse("warning"), Some(Level::Warn));
        assert_eq!(Level::parse("fatal"), None);
    }
}
