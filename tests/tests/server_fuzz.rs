//! Whatever a client sends, the generated server answers with an envelope:
//! never a panic, never a 5xx. Bounded: a fixed number of cases on loopback.

mod common;

use proptest::prelude::*;
use serde_json::Value;

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-zA-Z0-9+@.\\-]{0,40}".prop_map(Value::String),
        Just(Value::String("x".repeat(60))),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("type".to_owned()),
                    Just("loginName".to_owned()),
                    Just("pwd".to_owned()),
                    Just("thirdServerCode".to_owned()),
                    Just("registerSource".to_owned()),
                    Just("size".to_owned()),
                    "[a-zA-Z]{1,8}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn check(
    rt: &tokio::runtime::Runtime,
    addr: std::net::SocketAddr,
    op: &bizgen::ir::Operation,
    body: &str,
) -> Result<(), TestCaseError> {
    let headers = common::headers_for(op, common::token_for(op));
    let (status, resp) = rt.block_on(common::raw_post(addr, &op.path, &headers, body));
    prop_assert_eq!(status, 200);
    prop_assert!(resp["ok"].is_boolean(), "not an envelope: {}", resp);
    prop_assert_eq!(
        resp["ok"].as_bool(),
        Some(!resp["fail"].as_bool().unwrap_or(true))
    );
    if resp["ok"] == Value::Bool(false) {
        let code = resp["code"].as_str().unwrap_or_default();
        prop_assert!(
            code == "BIZGEN_VALIDATION" || code == "BIZGEN_MALFORMED",
            "unexpected {}",
            resp
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_bodies_get_an_envelope(body in json_value(), which in 0usize..58) {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        let addr = rt.block_on(common::start_mock());
        let api = common::api();
        let op = api.operations().nth(which).map(|(_, o)| o).expect("operation");
        check(&rt, addr, op, &body.to_string())?;
    }

    #[test]
    fn arbitrary_bytes_get_an_envelope(body in "\\PC{0,200}", which in 0usize..58) {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        let addr = rt.block_on(common::start_mock());
        let api = common::api();
        let op = api.operations().nth(which).map(|(_, o)| o).expect("operation");
        check(&rt, addr, op, &body)?;
    }
}
