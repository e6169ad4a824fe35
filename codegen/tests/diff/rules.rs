//! Every rule fires alone on its own fixture pair, at its level and place.

use bizgen::diff::{rule_info, Level, RULES};

use crate::common::{fixture_findings, fixture_names, fixtures};

/// Each rule's fixture: where its one finding points (`old` for removals).
const CASES: &[(&str, Level, &str)] = &[
    ("operation-removed", Level::Err, "old/service.yaml:55:7"),
    ("operation-added", Level::Info, "new/service.yaml:55:7"),
    ("operation-renamed", Level::Err, "new/service.yaml:50:7"),
    ("path-changed", Level::Err, "new/service.yaml:50:7"),
    ("access-tightened", Level::Err, "new/service.yaml:50:7"),
    ("access-loosened", Level::Warn, "new/service.yaml:38:7"),
    ("version-changed", Level::Warn, "new/service.yaml:50:7"),
    ("operation-deprecated", Level::Info, "new/service.yaml:50:7"),
    ("read-only-changed", Level::Info, "new/service.yaml:38:7"),
    ("pagination-added", Level::Info, "new/service.yaml:65:11"),
    ("pagination-removed", Level::Err, "new/service.yaml:61:7"),
    ("pagination-changed", Level::Warn, "new/service.yaml:65:11"),
    ("header-required-added", Level::Err, "new/service.yaml:50:7"),
    ("header-added", Level::Info, "new/service.yaml:50:7"),
    ("header-relaxed", Level::Info, "new/service.yaml:50:7"),
    ("error-code-added", Level::Info, "new/service.yaml:38:7"),
    ("error-code-removed", Level::Info, "new/service.yaml:38:7"),
    (
        "request-field-added-required",
        Level::Err,
        "new/service.yaml:43:11",
    ),
    ("request-field-added", Level::Info, "new/service.yaml:43:11"),
    (
        "request-field-removed",
        Level::Warn,
        "old/service.yaml:43:11",
    ),
    (
        "request-field-became-required",
        Level::Err,
        "new/service.yaml:43:11",
    ),
    (
        "request-field-became-optional",
        Level::Info,
        "new/service.yaml:42:11",
    ),
    (
        "request-field-became-non-nullable",
        Level::Err,
        "new/service.yaml:46:11",
    ),
    (
        "request-field-became-nullable",
        Level::Info,
        "new/service.yaml:43:11",
    ),
    (
        "request-constraint-narrowed",
        Level::Err,
        "new/service.yaml:43:11",
    ),
    (
        "request-constraint-relaxed",
        Level::Info,
        "new/service.yaml:43:11",
    ),
    (
        "request-default-changed",
        Level::Warn,
        "new/service.yaml:45:11",
    ),
    (
        "request-enum-value-removed",
        Level::Err,
        "old/service.yaml:10:9",
    ),
    (
        "request-enum-value-added",
        Level::Info,
        "new/service.yaml:10:9",
    ),
    (
        "response-field-removed",
        Level::Err,
        "old/service.yaml:27:7",
    ),
    ("response-field-added", Level::Info, "new/service.yaml:27:7"),
    (
        "response-field-became-optional",
        Level::Err,
        "new/service.yaml:26:7",
    ),
    (
        "response-field-became-required",
        Level::Info,
        "new/service.yaml:27:7",
    ),
    (
        "response-field-became-nullable",
        Level::Err,
        "new/service.yaml:27:7",
    ),
    (
        "response-field-became-non-nullable",
        Level::Info,
        "new/service.yaml:29:7",
    ),
    (
        "response-constraint-relaxed",
        Level::Warn,
        "new/service.yaml:27:7",
    ),
    (
        "response-enum-value-added",
        Level::Warn,
        "new/service.yaml:16:9",
    ),
    (
        "response-enum-value-removed",
        Level::Info,
        "old/service.yaml:16:9",
    ),
    ("response-type-changed", Level::Err, "new/service.yaml:50:7"),
    (
        "response-became-nullable",
        Level::Err,
        "new/service.yaml:38:7",
    ),
    (
        "response-became-non-nullable",
        Level::Info,
        "new/service.yaml:38:7",
    ),
    ("field-type-changed", Level::Err, "new/service.yaml:42:11"),
    (
        "field-type-changed-sdk",
        Level::Err,
        "new/service.yaml:44:11",
    ),
    ("service-renamed", Level::Err, "new/service.yaml:38:7"),
    (
        "request-field-renamed",
        Level::Err,
        "new/service.yaml:46:11",
    ),
    (
        "response-constraint-narrowed",
        Level::Info,
        "new/service.yaml:27:7",
    ),
    (
        "response-type-changed-sdk",
        Level::Err,
        "new/service.yaml:55:7",
    ),
    (
        "field-no-longer-sensitive",
        Level::Warn,
        "new/service.yaml:43:11",
    ),
    (
        "field-became-sensitive",
        Level::Info,
        "new/service.yaml:43:11",
    ),
    ("type-renamed", Level::Err, "new/service.yaml:18:3"),
    ("enum-renamed", Level::Err, "new/service.yaml:4:3"),
    (
        "enum-value-code-changed",
        Level::Err,
        "new/service.yaml:15:9",
    ),
    ("deprecated-removed", Level::Warn, "old/service.yaml:55:7"),
    (
        "enum-value-deprecated",
        Level::Info,
        "new/service.yaml:15:9",
    ),
    ("removed-after-sunset", Level::Info, "old/service.yaml:55:7"),
    ("reserved-reused", Level::Err, "new/service.yaml:30:7"),
    (
        "extensible-enum-value-added",
        Level::Info,
        "new/service.yaml:17:9",
    ),
    ("field-deprecated", Level::Info, "new/service.yaml:46:11"),
    ("enum-type-changed", Level::Err, "new/service.yaml:10:3"),
    ("enum-value-renamed", Level::Err, "new/service.yaml:9:9"),
    (
        "envelope-success-code-changed",
        Level::Err,
        "new/common.yaml:23:5",
    ),
    ("docs-changed", Level::Info, "new/service.yaml:38:7"),
    ("notes-changed", Level::Info, "new/service.yaml:43:11"),
    ("assumed-changed", Level::Info, "new/service.yaml:43:11"),
    (
        "request-required-when-added",
        Level::Warn,
        "new/service.yaml:43:11",
    ),
    (
        "request-required-when-changed",
        Level::Warn,
        "new/service.yaml:43:11",
    ),
    (
        "request-required-when-removed",
        Level::Info,
        "new/service.yaml:43:11",
    ),
];

#[test]
fn each_rule_fires_alone_on_its_fixture() {
    let mut failures = Vec::new();
    for &(rule, level, at) in CASES {
        let findings = fixture_findings(rule);
        let (file, line_col) = at.split_once(':').unwrap();
        let mut location = format!("{}:{line_col}", fixtures().join(rule).join(file).display());
        if file.starts_with("old/") {
            location.push_str(" (old)");
        }
        let ok = matches!(findings.as_slice(), [f] if f.rule == rule && f.level == level && f.location.to_string() == location);
        if !ok {
            failures.push(format!(
                "{rule}: want one {level} finding at {location}, got {findings:#?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_rule_has_a_fixture_and_a_case() {
    let dirs = fixture_names();
    let mut rules: Vec<String> = RULES.iter().map(|r| r.id.to_owned()).collect();
    rules.sort();
    assert_eq!(dirs, rules, "fixture directories and RULES differ");
    for r in RULES {
        let case = CASES
            .iter()
            .find(|c| c.0 == r.id)
            .unwrap_or_else(|| panic!("no case for {}", r.id));
        assert_eq!(
            case.1, r.level,
            "{}: the case's level is not the rule's",
            r.id
        );
        assert_eq!(rule_info(r.id), Some(r));
    }
}
