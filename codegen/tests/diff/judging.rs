//! How changes are judged beyond one rule per fixture: the real spec,
//! shared types (listed once, with the operations on the side that
//! matters), renames, wire-compatible type changes, probable field renames.

use bizgen::diff::{diff, Affected, Category, Level, UseSide};

use crate::common::{base_spec, edited_real_spec, load, rules_of, spec_dir};

#[test]
fn the_real_spec_against_itself_has_no_findings() {
    let a = load(&spec_dir());
    let b = load(&spec_dir());
    assert_eq!(diff(&a, &b), Vec::new());
}

#[test]
fn enum_changes_apply_to_every_side_that_uses_the_enum() {
    // ClientSource is sent by register and read back by findCustomerInfo.
    let old = load(&spec_dir());
    let new = edited_real_spec(
        "types.yaml",
        "      - {value: 9, name: Other, description: \"None of the above: other\", descriptionZh: \"不属于以上的:其他\"}\n",
        "      - {value: 9, name: Other, description: \"None of the above: other\", descriptionZh: \"不属于以上的:其他\"}\n      - {value: 10, name: Tv, description: \"Smart TV\"}\n",
    );
    let findings = diff(&old, &new);
    let rules: Vec<(&str, Level)> = findings.iter().map(|f| (f.rule, f.level)).collect();
    assert_eq!(
        rules,
        [
            ("response-enum-value-added", Level::Warn),
            ("request-enum-value-added", Level::Info)
        ]
    );
    // Each lists the operations on its own side only.
    for (f, side) in findings.iter().zip([UseSide::Response, UseSide::Request]) {
        assert_eq!(f.type_name.as_deref(), Some("ClientSource"));
        assert!(!f.affected_operations.is_empty(), "{f:#?}");
        assert!(
            f.affected_operations.iter().all(|a| a.side == Some(side)),
            "{f:#?}"
        );
    }
    // And removing a code breaks senders, while readers only lose a case.
    let rules: Vec<(&str, Level)> = diff(&new, &old).iter().map(|f| (f.rule, f.level)).collect();
    assert_eq!(
        rules,
        [
            ("request-enum-value-removed", Level::Err),
            ("response-enum-value-removed", Level::Info)
        ]
    );
}

#[test]
fn a_new_required_field_in_the_real_spec_is_breaking() {
    let old = load(&spec_dir());
    let new = edited_real_spec(
        "customer_web_profile.yaml",
        "          emailArea: {type: string, description: Email area code.}\n          googleCode: {type: string, sensitive: true, description: Google verification code (MFA).}\n        response: {type: none}\n        errors: [CUSTOMER_API_0000511]\n        examples:\n          - name: wrong-code\n            kind: captured\n            source: \"000#bindEmail\"",
        "          emailArea: {type: string, required: true, description: Email area code.}\n          googleCode: {type: string, sensitive: true, description: Google verification code (MFA).}\n        response: {type: none}\n        errors: [CUSTOMER_API_0000511]\n        examples:\n          - name: wrong-code\n            kind: captured\n            source: \"000#bindEmail\"",
    );
    let findings = diff(&old, &new);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f.rule, "request-field-became-required");
    assert_eq!(
        f.operation.as_deref(),
        Some("/api/global/customer.app.CustomerWebApiService.bindEmail")
    );
    assert_eq!(f.path.as_deref(), Some("request.emailArea"));
    assert!(
        f.location.file.ends_with("customer_web_profile.yaml"),
        "{}",
        f.location
    );
    // The finding's own line is the field's line in the file.
    let text =
        std::fs::read_to_string(spec_dir().join("services/customer_web_profile.yaml")).unwrap();
    let line = text
        .lines()
        .nth(f.location.line as usize - 1)
        .unwrap_or_default();
    assert!(line.trim_start().starts_with("emailArea:"), "{line}");
    assert_eq!(f.location.column, 11);
    assert_eq!(
        (&f.before, &f.after),
        (&Some(false.into()), &Some(true.into()))
    );
    assert!(f.message.contains("`emailArea`"), "{}", f.message);
}

/// An operation that sends a `Profile` (which `getProfile` returns).
const SET_PROFILE: (&str, &str) = (
    "      ping:\n",
    "      setProfile:\n        summary: Set a profile\n        request:\n          profile: {type: Profile, required: true, description: The profile.}\n        response: {type: none}\n      ping:\n",
);

fn affected(op: &str, side: UseSide) -> Affected {
    Affected {
        operation: format!("/api/c/demo.Shop.{op}"),
        side: Some(side),
    }
}

#[test]
fn a_request_side_tightening_lists_only_the_senders() {
    let narrower = (
        "nickname: {type: string, maxLength: 30,",
        "nickname: {type: string, maxLength: 20,",
    );
    let old = base_spec(&[SET_PROFILE]);
    let new = base_spec(&[SET_PROFILE, narrower]);
    let findings = diff(&old, &new);
    assert_eq!(
        rules_of(&findings),
        [
            "request-constraint-narrowed",
            "response-constraint-narrowed"
        ]
    );
    assert_eq!(
        findings[0].affected_operations,
        [affected("setProfile", UseSide::Request)]
    );
    assert_eq!(
        findings[1].affected_operations,
        [affected("getProfile", UseSide::Response)]
    );
    assert_eq!(findings[0].type_name.as_deref(), Some("Profile"));
    assert_eq!(findings[0].path.as_deref(), Some("nickname"));
    assert_eq!(
        findings[0].before,
        Some(serde_json::json!({"maxLength": 30}))
    );
    assert_eq!(
        findings[0].after,
        Some(serde_json::json!({"maxLength": 20}))
    );
}

#[test]
fn a_renamed_type_is_reported_once_however_often_it_is_used() {
    let search = (
        "      ping:\n",
        "      search:\n        summary: Search\n        request:\n          filter: {type: Filter, description: Filter.}\n        response: {type: none}\n      ping:\n",
    );
    let old = base_spec(&[search]);
    let new = base_spec(&[
        (
            "      ping:\n",
            "      search:\n        summary: Search\n        request:\n          filter: {type: SearchFilter, description: Filter.}\n        response: {type: none}\n      ping:\n",
        ),
        ("  Filter:\n", "  SearchFilter:\n"),
        ("filter: {type: Filter,", "filter: {type: SearchFilter,"),
    ]);
    let findings = diff(&old, &new);
    assert_eq!(rules_of(&findings), ["type-renamed"], "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f.category, Category::Sdk);
    assert_eq!(
        f.affected_operations,
        [
            affected("getProfile", UseSide::Request),
            affected("search", UseSide::Request)
        ]
    );
    assert_eq!(f.before, Some("Filter".into()));
    assert_eq!(f.after, Some("SearchFilter".into()));
}

#[test]
fn widening_is_judged_by_the_side() {
    let cases: &[(&str, &str, &str, &str)] = &[
        // Request int32 → int64: the server accepts every old value.
        (
            "count: {type: int32,",
            "count: {type: int64,",
            "field-type-changed-sdk",
            "int32 → int64 in a request",
        ),
        // Request int64 → int32: old values may not fit.
        (
            "id: {type: int64, required: true, description: Id.}",
            "id: {type: int32, required: true, description: Id.}",
            "field-type-changed",
            "int64 → int32 in a request",
        ),
        // Response string → decimal: still a string on the wire.
        (
            "nickname: {type: string, maxLength: 30,",
            "nickname: {type: decimal,",
            "field-type-changed-sdk",
            "string → decimal in a response",
        ),
        // Response int64 → int32: old clients read every new value.
        (
            "id: {type: int64, required: true, description: Profile id.}",
            "id: {type: int32, required: true, description: Profile id.}",
            "field-type-changed-sdk",
            "int64 → int32 in a response",
        ),
    ];
    for &(from, to, rule, what) in cases {
        let findings = diff(&base_spec(&[]), &base_spec(&[(from, to)]));
        assert_eq!(rules_of(&findings), [rule], "{what}: {findings:#?}");
    }
    // Response int32 → enum (int32 codes): the wire is the same.
    let level = (
        "      bio: {type: string, nullable: true, required: true, description: Bio.}\n",
        "      bio: {type: string, nullable: true, required: true, description: Bio.}\n      level: {type: int32, description: Level.}\n",
    );
    let as_enum = (
        "      level: {type: int32, description: Level.}\n",
        "      level: {type: Status, description: Level.}\n",
    );
    let old = base_spec(&[level]);
    let findings = diff(&old, &base_spec(&[level, as_enum]));
    assert_eq!(
        rules_of(&findings),
        ["field-type-changed-sdk"],
        "{findings:#?}"
    );
    // But enum → int32 lets new codes through to old clients.
    let findings = diff(&base_spec(&[level, as_enum]), &old);
    assert_eq!(rules_of(&findings), ["field-type-changed"], "{findings:#?}");
    // Response int32 → int64: old clients may not hold new values.
    let wider = ("level: {type: int32,", "level: {type: int64,");
    let findings = diff(&old, &base_spec(&[level, wider]));
    assert_eq!(rules_of(&findings), ["field-type-changed"], "{findings:#?}");
}

#[test]
fn a_required_field_swapped_for_another_is_no_probable_rename() {
    let new = base_spec(&[(
        "id: {type: int64, required: true, description: Id.}",
        "key: {type: int64, required: true, description: Id.}",
    )]);
    let findings = diff(&base_spec(&[]), &new);
    assert_eq!(
        rules_of(&findings),
        ["request-field-added-required", "request-field-removed"]
    );
}

#[test]
fn removing_a_deprecated_response_field_is_a_warning() {
    let deprecated = (
        "nickname: {type: string, maxLength: 30,",
        "nickname: {type: string, deprecated: true, maxLength: 30,",
    );
    let old = base_spec(&[deprecated]);
    let new = base_spec(&[(
        "      nickname: {type: string, maxLength: 30, description: Nickname.}\n",
        "",
    )]);
    let findings = diff(&old, &new);
    assert_eq!(rules_of(&findings), ["deprecated-removed"], "{findings:#?}");
    assert_eq!(findings[0].level, Level::Warn);
    assert_eq!(
        findings[0].affected_operations,
        [affected("getProfile", UseSide::Response)]
    );
}

#[test]
fn a_gateway_header_change_is_one_finding_at_its_line() {
    let old = base_spec(&[]);
    let new = base_spec(&[(
        "headers: {version: required, trace: required}",
        "headers: {version: required, trace: required, lang: required}",
    )]);
    let findings = diff(&old, &new);
    assert_eq!(
        rules_of(&findings),
        ["header-required-added"],
        "{findings:#?}"
    );
    let f = &findings[0];
    assert_eq!(f.location.to_string(), "spec/common.yaml:11:51");
    assert_eq!(f.path.as_deref(), Some("gateways.c.headers.lang"));
    let ops: Vec<&str> = f
        .affected_operations
        .iter()
        .map(|a| a.operation.as_str())
        .collect();
    assert_eq!(
        ops,
        [
            "/api/c/demo.Shop.extra",
            "/api/c/demo.Shop.getProfile",
            "/api/c/demo.Shop.ping"
        ]
    );
    // An operation that overrides the header keeps its own finding.
    let own = (
        "        access: guest\n",
        "        access: guest\n        headers: {lang: optional}\n",
    );
    let findings = diff(
        &base_spec(&[own]),
        &base_spec(&[
            own,
            (
                "headers: {version: required, trace: required}",
                "headers: {version: required, trace: required, lang: required}",
            ),
        ]),
    );
    assert_eq!(
        rules_of(&findings),
        ["header-required-added"],
        "{findings:#?}"
    );
    assert_eq!(findings[0].affected_operations.len(), 2);
}

#[test]
fn an_api_version_change_is_one_finding_for_the_operations_that_send_it() {
    let old = base_spec(&[(
        "        access: guest\n",
        "        access: guest\n        headers: {version: absent}\n",
    )]);
    let new = base_spec(&[
        (
            "        access: guest\n",
            "        access: guest\n        headers: {version: absent}\n",
        ),
        ("  version: 0.0.1\n", "  version: 0.0.2\n"),
    ]);
    let findings = diff(&old, &new);
    assert_eq!(rules_of(&findings), ["version-changed"], "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f.location.to_string(), "spec/common.yaml:5:12");
    // `ping` sends no `version` header: it is not affected.
    let ops: Vec<&str> = f
        .affected_operations
        .iter()
        .map(|a| a.operation.as_str())
        .collect();
    assert_eq!(
        ops,
        ["/api/c/demo.Shop.extra", "/api/c/demo.Shop.getProfile"]
    );
    assert_eq!(
        (&f.before, &f.after),
        (&Some("0.0.1".into()), &Some("0.0.2".into()))
    );
}
