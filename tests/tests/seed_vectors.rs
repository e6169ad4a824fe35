//! Every example of the spec (the seeds' captured exchanges and the
//! illustrative ones) decodes into the generated types and encodes back to
//! the same JSON; an explicit `null` may come back as an absent field.

mod common;

use bizgen_runtime::codegen::{OperationVisitor, SerdeOperation};
use bizgen_runtime::Envelope;
use serde_json::Value;

struct RoundTrip<'a> {
    api: &'a bizgen::ir::Api,
    checked_requests: usize,
    checked_responses: usize,
    checked_errors: usize,
    failures: Vec<String>,
}

impl OperationVisitor for RoundTrip<'_> {
    fn visit<O: SerdeOperation>(&mut self) {
        let op = common::op_by_path(self.api, O::INFO.path);
        for ex in &op.examples {
            if let Some(req) = &ex.request {
                match serde_json::from_value::<O>(req.clone()) {
                    Ok(typed) => {
                        let back = serde_json::to_value(&typed).expect("encode");
                        if common::strip_nulls(&back) != common::strip_nulls(req) {
                            self.failures.push(format!(
                                "{} {}: request changed:\n{req}\n{back}",
                                op.name, ex.name
                            ));
                        }
                        self.checked_requests += 1;
                    }
                    Err(e) => self.failures.push(format!(
                        "{} {}: request does not decode: {e}",
                        op.name, ex.name
                    )),
                }
            }
            if let Some(resp) = &ex.response {
                let envelope: Envelope<Value> = match serde_json::from_value(resp.clone()) {
                    Ok(e) => e,
                    Err(e) => {
                        self.failures
                            .push(format!("{} {}: not an envelope: {e}", op.name, ex.name));
                        continue;
                    }
                };
                let back = serde_json::to_value(&envelope).expect("encode");
                if common::strip_nulls(&back) != common::strip_nulls(resp) {
                    self.failures.push(format!(
                        "{} {}: envelope changed:\n{resp}\n{back}",
                        op.name, ex.name
                    ));
                }
                if !envelope.ok {
                    // An error envelope becomes a typed API error on the client.
                    let body = serde_json::to_vec(resp).expect("encode");
                    match bizgen_runtime::client::decode::<O::Response>(O::INFO, 200, &body) {
                        Err(bizgen_runtime::client::Error::Api(e)) => {
                            assert_eq!(
                                Some(&e.code),
                                resp.get("code")
                                    .and_then(Value::as_str)
                                    .map(str::to_owned)
                                    .as_ref()
                            );
                            assert_eq!(
                                e.trace.as_deref(),
                                resp.get("trace").and_then(Value::as_str)
                            );
                            self.checked_errors += 1;
                        }
                        other => self.failures.push(format!(
                            "{} {}: error envelope decoded as {other:?}",
                            op.name, ex.name
                        )),
                    }
                    continue;
                }
                let data = envelope.data.clone().unwrap_or(Value::Null);
                match serde_json::from_value::<O::Response>(data.clone()) {
                    Ok(typed) => {
                        let back = serde_json::to_value(&typed).expect("encode");
                        if common::strip_nulls(&back) != common::strip_nulls(&data) {
                            self.failures.push(format!(
                                "{} {}: data changed:\n{data}\n{back}",
                                op.name, ex.name
                            ));
                        }
                        self.checked_responses += 1;
                    }
                    Err(e) => self.failures.push(format!(
                        "{} {}: data does not decode as {}: {e}",
                        op.name,
                        ex.name,
                        std::any::type_name::<O::Response>()
                    )),
                }
            }
        }
    }
}

#[test]
fn every_example_round_trips_through_the_generated_types() {
    let api = common::api();
    let mut v = RoundTrip {
        api: &api,
        checked_requests: 0,
        checked_responses: 0,
        checked_errors: 0,
        failures: Vec::new(),
    };
    customer_api::visit_operations(&mut v);
    assert!(
        v.failures.is_empty(),
        "{} failure(s):\n{}",
        v.failures.len(),
        v.failures.join("\n\n")
    );
    let examples: usize = api.operations().map(|(_, o)| o.examples.len()).sum();
    assert!(
        v.checked_requests >= 58,
        "only {} requests checked",
        v.checked_requests
    );
    assert!(
        v.checked_responses >= 58,
        "only {} responses checked",
        v.checked_responses
    );
    assert!(
        v.checked_errors >= 5,
        "only {} error envelopes checked",
        v.checked_errors
    );
    eprintln!(
        "{examples} examples: {} requests, {} success responses, {} error envelopes",
        v.checked_requests, v.checked_responses, v.checked_errors
    );
}

#[test]
fn captured_decimals_survive_losslessly() {
    let api = common::api();
    let typed: customer_api::types::LoginResult =
        serde_json::from_value(common::captured_login_data(&api)).expect("decode");
    let accounts = typed.account_list.expect("accounts");
    assert_eq!(
        accounts[0].balance.as_ref().map(|d| d.as_str()),
        Some("2904321.4696")
    );
    assert_eq!(
        accounts[1].net_assets.as_ref().map(|d| d.as_str()),
        Some("0.05384909")
    );
}

#[test]
fn unknown_enum_codes_are_kept_by_clients() {
    use customer_api::types::TradeType;
    let t: TradeType = serde_json::from_value(serde_json::json!(42)).expect("decode");
    assert_eq!(t, TradeType::Unknown(42));
    assert_eq!(
        serde_json::to_value(t).expect("encode"),
        serde_json::json!(42)
    );
    assert_eq!(TradeType::from_code(5), TradeType::Match);
    let d: customer_api::types::DetailType =
        serde_json::from_value(serde_json::json!("newKind")).expect("decode");
    assert_eq!(
        d,
        customer_api::types::DetailType::Unknown("newKind".into())
    );
}

#[test]
fn string_enums_display_and_parse_their_wire_values() {
    use customer_api::types::DetailType;
    for d in DetailType::ALL {
        assert_eq!(d.to_string().parse::<DetailType>().as_ref(), Ok(d));
    }
    assert_eq!(DetailType::AllKyc.to_string(), "allKyc");
    // `parse` accepts only listed values (`from_code` keeps others as `Unknown`).
    let err = "newKind".parse::<DetailType>().expect_err("not listed");
    assert_eq!(
        (err.enum_name, err.value.as_str()),
        ("DetailType", "newKind")
    );
    assert_eq!(
        err.to_string(),
        "`newKind` is not a value of enum DetailType (expected one of: baseInfo, tradeAccount, kyc, allKyc, bankList, walletList, otherInfo)"
    );
}
