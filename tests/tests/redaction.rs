//! Sensitive fields never show in `Debug` output.

mod common;

use bizgen::ir::{Api, Code, Ty};
use bizgen_runtime::codegen::{OperationVisitor, SerdeOperation};
use serde_json::{json, Value};

const SECRET: &str = "SECRET-7f3a";

/// A value of the type; sensitive strings carry the secret marker.
fn sample(api: &Api, ty: &Ty, sensitive: bool) -> Value {
    match ty {
        Ty::String if sensitive => json!(SECRET),
        Ty::String => json!("plain"),
        Ty::Int32 | Ty::Int64 | Ty::Timestamp => json!(1),
        Ty::Bool => json!(true),
        Ty::Decimal => json!("1.5"),
        Ty::Json if sensitive => json!(SECRET),
        Ty::Json => json!({}),
        Ty::Enum(n) => match &api.find_enum(n).expect("enum").values[0].code {
            Code::Int(i) => json!(i),
            Code::Str(s) => json!(s),
        },
        Ty::Struct(n) => object(api, &api.find_struct(n).expect("type").fields),
        Ty::List(t) => json!([sample(api, t, sensitive)]),
        Ty::Map(t) => json!({"k": sample(api, t, sensitive)}),
    }
}

fn object(api: &Api, fields: &[bizgen::ir::Field]) -> Value {
    Value::Object(
        fields
            .iter()
            .map(|f| (f.name.clone(), sample(api, &f.ty, f.sensitive)))
            .collect(),
    )
}

struct Check<'a> {
    api: &'a Api,
    with_secrets: usize,
    failures: Vec<String>,
}

impl OperationVisitor for Check<'_> {
    fn visit<O: SerdeOperation>(&mut self) {
        let op = common::op_by_path(self.api, O::INFO.path);
        let body = object(self.api, &op.request.fields);
        let request: O = match serde_json::from_value(body.clone()) {
            Ok(r) => r,
            Err(e) => return self.failures.push(format!("{}: {e}", op.name)),
        };
        let debug = format!("{request:?}");
        if debug.contains(SECRET) {
            self.failures
                .push(format!("{}: secret in {debug}", op.name));
        }
        if op.request.fields.iter().any(|f| f.sensitive) {
            self.with_secrets += 1;
            if !debug.contains("<redacted>") {
                self.failures
                    .push(format!("{}: no redaction marker in {debug}", op.name));
            }
        }
        if let Some(ty) = &op.response.ty {
            let data = sample(self.api, ty, false);
            if let Ok(resp) = serde_json::from_value::<O::Response>(data) {
                let _ = format!("{resp:?}");
            }
        }
    }
}

#[test]
fn every_sensitive_request_field_is_redacted() {
    let api = common::api();
    let mut check = Check {
        api: &api,
        with_secrets: 0,
        failures: Vec::new(),
    };
    customer_api::visit_operations(&mut check);
    assert!(check.failures.is_empty(), "{}", check.failures.join("\n"));
    assert!(
        check.with_secrets >= 25,
        "only {} operations have sensitive fields",
        check.with_secrets
    );
}

#[test]
fn every_sensitive_field_of_shared_types_is_redacted() {
    let api = common::api();
    let mut checked = 0;
    for t in api
        .types
        .iter()
        .filter(|t| t.fields.iter().any(|f| f.sensitive))
    {
        let value = object(&api, &t.fields);
        let debug = match t.name.as_str() {
            "LoginResult" => format!(
                "{:?}",
                serde_json::from_value::<customer_api::types::LoginResult>(value).expect("decode")
            ),
            "ApiKey" => format!(
                "{:?}",
                serde_json::from_value::<customer_api::types::ApiKey>(value).expect("decode")
            ),
            "CustomerInfo" => format!(
                "{:?}",
                serde_json::from_value::<customer_api::types::CustomerInfo>(value).expect("decode")
            ),
            other => panic!("add {other} to this test"),
        };
        assert!(!debug.contains(SECRET), "{}: {debug}", t.name);
        assert!(debug.contains("<redacted>"), "{}: {debug}", t.name);
        checked += 1;
    }
    assert!(checked >= 2);
}

#[test]
fn captured_login_token_does_not_leak() {
    let api = common::api();
    let result: customer_api::types::LoginResult =
        serde_json::from_value(common::captured_login_data(&api)).expect("decode");
    let debug = format!("{result:?}");
    assert!(
        !debug.contains("a541f9d5-2507-42b3-b790-59e1f755c380app"),
        "{debug}"
    );
    assert!(
        !debug.contains("291e08e4e0af86b3d8af85f2947a0212"),
        "{debug}"
    );
}

#[test]
fn client_config_and_principal_redact_tokens() {
    let mut config = bizgen_runtime::client::ClientConfig::new("http://x", "1");
    config.token = Some(SECRET.into());
    config.admin_token = Some(SECRET.into());
    assert!(!format!("{config:?}").contains(SECRET));
    let p = bizgen_runtime::server::Principal::new(
        bizgen_runtime::operation::TokenKind::Customer,
        "c",
        SECRET,
    );
    assert!(!format!("{p:?}").contains(SECRET));
}
