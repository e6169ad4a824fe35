//! The Rust names of hostile spec names.

use super::*;

#[test]
fn hostile_names() {
    assert_eq!(field_name("type"), "r#type");
    assert_eq!(field_name("verifyCodeSMS"), "verify_code_sms");
    assert_eq!(field_name("self"), "self_");
    assert_eq!(field_name("businessType1"), "business_type1");
    assert_eq!(type_name("changeEmailV1v1v2"), "ChangeEmailV1v1v2");
    assert_eq!(type_name("self"), "Self_");
    assert_eq!(field_name("X-Forwarded-For"), "x_forwarded_for");
    assert_eq!(field_name("1st"), "_1st");
    assert_eq!(file_module_name("type"), "type_");
    assert_eq!(file_module_name("self"), "self_");
    assert_eq!(file_module_name("copy001_login"), "copy001_login");
}

fn snake_names(spec: &[&str], reserved: &[&str]) -> Vec<String> {
    assign(spec, field_name, reserved, Style::Snake)
}

#[test]
fn names_that_meet_get_numbers_the_rust_spelling_first() {
    assert_eq!(
        snake_names(&["verifyCodeSMS", "verifyCodeEmail", "verifyCodeSms"], &[]),
        ["verify_code_sms", "verify_code_email", "verify_code_sms_2"]
    );
    // Declaration order does not matter; the snake-case spelling wins.
    assert_eq!(
        snake_names(&["bindEmail", "bind_email"], &[]),
        ["bind_email_2", "bind_email"]
    );
    assert_eq!(
        snake_names(&["bind_email", "bindEmail"], &[]),
        ["bind_email", "bind_email_2"]
    );
    // A number never takes a name the spec has.
    assert_eq!(
        snake_names(&["aB", "a_b", "a_b_2"], &[]),
        ["a_b_3", "a_b", "a_b_2"]
    );
}

#[test]
fn one_method_is_named_as_all_are() {
    let names = [
        "bindEmail",
        "bind_email",
        "bindEmail_2",
        "with",
        "type",
        "self",
        "getAPIKey",
        "page2",
    ];
    let ops: String = names
        .iter()
        .map(|n| format!("      {n}: {{summary: x, response: {{type: none}}}}\n"))
        .collect();
    let text = format!(
        "api: {{name: t, title: T, version: 1.0.0}}\n\
         gateways: {{c: {{prefix: /c/, side: c}}}}\n\
         envelope: {{successCode: \"0\", fields: {{code: {{type: string, required: true}}}}}}\n\
         services:\n  Svc:\n    qualifiedName: x.Svc\n    gateway: c\n    access: guest\n    operations:\n{ops}"
    );
    let source = crate::Source {
        path: "api.yaml".into(),
        text,
    };
    let api = crate::load_sources(vec![source]).expect("loads").api;
    let service = &api.services[0];
    let all: Vec<String> = operations_of(service)
        .into_iter()
        .map(|n| n.method)
        .collect();
    let one: Vec<String> = service
        .operations
        .iter()
        .map(|op| method_of(service, op))
        .collect();
    assert_eq!(one, all);
    assert_eq!(
        all,
        [
            "bind_email_2",
            "bind_email",
            "bind_email_2_2",
            "with_",
            "r#type",
            "self_",
            "get_api_key",
            "page2"
        ]
    );
}

#[test]
fn reserved_names_get_a_trailing_underscore() {
    let modules = |spec: &[&str]| {
        assign(
            spec,
            file_module_name,
            TAKEN_MODULES.iter().chain(ROOT_NAMES),
            Style::Snake,
        )
    };
    assert_eq!(
        modules(&["Types", "Mock", "Errors", "type", "Std"]),
        ["types_", "mock_", "errors_", "type_", "std_"]
    );
    assert_eq!(
        assign(
            &["Option", "Client", "apiKey", "ApiKey"],
            type_name,
            TAKEN_TYPES,
            Style::Camel
        ),
        ["Option_", "Client", "ApiKey2", "ApiKey"]
    );
}

#[test]
fn features_stay_clear_of_the_crate_features() {
    let mut features = Namespace::new(CRATE_FEATURES, Style::Kebab);
    let got: Vec<String> = ["types_", "mock_", "client", "login", "login_"]
        .iter()
        .map(|m| features.claim(&feature_of(m)))
        .collect();
    assert_eq!(
        got,
        [
            "types",
            "service-mock",
            "service-client",
            "login",
            "login-2"
        ]
    );
}
