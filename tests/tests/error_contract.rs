//! The error contract of the docs is what servers really do: every
//! documented `msg` is the text the server sends (bizgen's codes on a
//! loopback server, the platform's codes in its captured answers), the
//! `BIZGEN_VALIDATION` answer shown on the errors page is the real one,
//! and `optional` operations can answer `BIZGEN_UNAUTHENTICATED`.

mod common;

use std::collections::BTreeMap;

use bizgen::ir::{Access, Origin};
use customer_api::runtime::server::{ServerConfig, StaticTokens};
use serde_json::Value;

/// The spec's message of every error code.
fn documented_messages() -> BTreeMap<String, String> {
    common::api()
        .errors
        .iter()
        .map(|e| (e.code.clone(), e.message.clone()))
        .collect()
}

/// The operations of one access level.
fn op_with(api: &bizgen::ir::Api, access: Access) -> &bizgen::ir::Operation {
    api.operations()
        .map(|(_, o)| o)
        .find(|o| o.access == access)
        .unwrap_or_else(|| panic!("no operation with access {access:?}"))
}

/// A handler with a bug, to see `BIZGEN_INTERNAL`.
struct Panics;

impl customer_api::customer_web_api_service::CustomerWebApiService for Panics {
    async fn destroy(
        &self,
        _ctx: customer_api::AuthContext,
        _request: customer_api::customer_web_api_service::DestroyRequest,
    ) -> Result<(), customer_api::runtime::ApiError> {
        panic!("a bug in the handler")
    }
}

#[tokio::test]
async fn every_bizgen_code_is_sent_with_its_documented_msg() {
    let api = common::api();
    let documented = documented_messages();
    let mock = common::start_mock().await;
    let config = ServerConfig::new(StaticTokens::new(common::TOKEN, common::ADMIN_TOKEN));
    let bare = common::start(
        customer_api::Server::new(config)
            .customer_web_api_service(Panics)
            .expect("served once")
            .into_router(),
    )
    .await;

    let login_op = op_with(&api, Access::Login);
    let optional_op = op_with(&api, Access::Optional);
    let destroy = common::op_by_path(
        &api,
        "/api/global/customer.app.CustomerWebApiService.destroy",
    );
    let find_info = common::op_by_path(
        &api,
        "/api/global/customer.app.CustomerWebApiService.findCustomerInfo",
    );
    let (validation_op, validation_body, _) =
        bizgen::docs::validation_request(&api).expect("a validation example");

    let mut seen: BTreeMap<String, Value> = BTreeMap::new();
    let requests = [
        (
            mock,
            validation_op.path.as_str(),
            common::headers_for(validation_op, common::token_for(validation_op)),
            validation_body.to_string(),
        ),
        (
            mock,
            login_op.path.as_str(),
            common::headers_for(login_op, None),
            common::example_request(login_op).to_string(),
        ),
        (
            mock,
            optional_op.path.as_str(),
            common::headers_for(optional_op, Some("not-a-token")),
            common::example_request(optional_op).to_string(),
        ),
        (
            mock,
            login_op.path.as_str(),
            common::headers_for(login_op, Some(common::TOKEN)),
            "{\"broken\": ".into(),
        ),
        (
            mock,
            "/api/global/no.such.Operation",
            common::headers_for(login_op, Some(common::TOKEN)),
            "{}".into(),
        ),
        (
            bare,
            find_info.path.as_str(),
            common::headers_for(find_info, Some(common::TOKEN)),
            "{}".into(),
        ),
        (
            bare,
            destroy.path.as_str(),
            common::headers_for(destroy, Some(common::TOKEN)),
            r#"{"remark": "bye"}"#.into(),
        ),
    ];
    for (addr, path, headers, body) in requests {
        let (_, answer) = common::raw_post(addr, path, &headers, &body).await;
        let code = answer["code"].as_str().unwrap_or_default().to_owned();
        assert_eq!(answer["ok"], false, "{answer}");
        let want = documented
            .get(&code)
            .unwrap_or_else(|| panic!("{code} is not documented: {answer}"));
        assert_eq!(answer["msg"], want.as_str(), "{answer}");
        seen.insert(code, answer);
    }
    // Every bizgen code of the spec was provoked.
    let bizgen_codes: Vec<&str> = api
        .errors
        .iter()
        .filter(|e| e.origin == Origin::Bizgen)
        .map(|e| e.code.as_str())
        .collect();
    for code in &bizgen_codes {
        assert!(seen.contains_key(*code), "{code} never provoked: {seen:#?}");
    }

    // The validation answer of the errors page is the real one.
    let mut shown =
        bizgen::docs::validation_example(&api).expect("the errors page shows a validation answer");
    let mut real = seen["BIZGEN_VALIDATION"].clone();
    for v in [&mut shown, &mut real] {
        v["trace"] = Value::Null;
        v["tm"] = Value::Null;
    }
    assert_eq!(real, shown);
    let page = std::fs::read_to_string(common::repo_root().join("generated/docs/errors.md"))
        .expect("errors page");
    let shown_text =
        serde_json::to_string_pretty(&bizgen::docs::validation_example(&api).expect("example"))
            .expect("json");
    assert!(
        page.contains(&shown_text),
        "errors.md does not show:\n{shown_text}"
    );
}

#[test]
fn captured_platform_errors_carry_their_documented_msg() {
    let api = common::api();
    let documented = documented_messages();
    let mut checked = 0;
    for (_, op) in api.operations() {
        for ex in &op.examples {
            let Some(resp) = &ex.response else { continue };
            if resp["ok"] != false {
                continue;
            }
            let code = resp["code"].as_str().unwrap_or_default();
            assert_eq!(
                resp["msg"].as_str(),
                documented.get(code).map(String::as_str),
                "{}: example {}",
                op.name,
                ex.name
            );
            checked += 1;
        }
    }
    assert!(checked > 0);
}

#[test]
fn the_docs_list_unauthenticated_on_every_operation_that_takes_a_token() {
    let api = common::api();
    for (s, op) in api.operations() {
        let page = common::repo_root()
            .join("generated/docs")
            .join(bizgen::docs::operation_page_path(&api, s, op));
        let text = std::fs::read_to_string(&page).expect("operation page");
        assert_eq!(
            text.contains("[`BIZGEN_UNAUTHENTICATED`]"),
            op.access != Access::Guest,
            "{}",
            page.display()
        );
    }
}
