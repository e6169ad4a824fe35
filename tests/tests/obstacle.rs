//! The obstacle-course spec: hostile names generate, compile and keep their
//! wire names.

mod common;

use bizgen_tests::obstacle;
use serde_json::json;

#[test]
fn keyword_and_odd_field_names_keep_their_wire_names() {
    let wire = json!({
        "type": "self", "self": "s", "crate": 1, "super": true, "fn": "1.25",
        "match": -1, "async": 1700000000000i64, "await": null,
        "dyn": [{"map": {"a": {"b": [2147483647, -2147483648]}}}],
        "1st": "first", "camelCASE": "c", "snake_case": "s", "with-dash": "d",
        "with.dot": "p", "XMLHttpRequest": "x", "secret": "hunter2"
    });
    let value: obstacle::types::Loop = serde_json::from_value(wire.clone()).expect("decode");
    assert_eq!(value.r#type, obstacle::types::Type::SelfValue);
    assert_eq!(value.self_.as_deref(), Some("s"));
    assert_eq!(value._1st.as_deref(), Some("first"));
    assert_eq!(value.r#match, Some(obstacle::types::Match::Minus));
    let back = serde_json::to_value(&value).expect("encode");
    assert_eq!(common::strip_nulls(&back), common::strip_nulls(&wire));
    let debug = format!("{value:?}");
    assert!(!debug.contains("hunter2"), "{debug}");
}

#[test]
fn extreme_and_empty_enum_codes() {
    use obstacle::types::{Match, Type};
    assert_eq!(Match::from_code(i32::MIN), Match::Min);
    assert_eq!(Match::Max.code(), i32::MAX);
    assert_eq!(Type::from_code(""), Type::Empty);
    assert_eq!(Type::WithSpace.as_str(), "with space");
    assert_eq!(
        serde_json::to_value(Type::Type).expect("encode"),
        json!("type")
    );
}

#[test]
fn same_operation_names_in_two_services_do_not_collide() {
    let alpha = obstacle::alpha::operations::PAGE;
    let beta = obstacle::beta::operations::PAGE;
    assert_eq!(alpha.path, "/c/obstacle.Alpha.page");
    assert_eq!(beta.path, "/b-side/obstacle.Beta.page");
    assert_eq!(
        obstacle::beta::operations::GROUP_LIST.path,
        "/b-side/custom/path"
    );
    // Methods named like keywords, like a constructor and like the client's
    // own `with` exist on the client.
    type Alpha<'a> = obstacle::alpha::AlphaClient<'a>;
    let _ = Alpha::r#type;
    // `new` is deprecated in the obstacle spec: code that calls it gets the
    // warning (the generated code itself builds with `-D warnings`).
    #[allow(deprecated)]
    let _ = Alpha::new;
    let _ = Alpha::with_;
    let _ = Alpha::new_with;
    let _ = Alpha::with;
    type Beta<'a> = obstacle::beta::BetaClient<'a>;
    let _ = Beta::self_;
    let _ = Beta::loops_all;
    assert_eq!(obstacle::OPERATION_COUNT, 14);
}

/// Names that only Rust cannot tell apart load, and the Rust names keep
/// them apart: the one already spelled the Rust way keeps the plain name,
/// the others get numbers; names the generated code uses itself push the
/// spec's aside with a `_`.
#[test]
fn names_that_meet_in_rust_get_names_of_their_own() {
    use obstacle::types::{ApiKey, ApiKey2, Match, Option_};
    // Fields `verifyCodeSMS`, `verifyCodeSms` and `verify_code_sms`.
    let wire = json!({"verifyCodeSMS": "a", "verifyCodeSms": "b", "verify_code_sms": "c"});
    let value: Option_ = serde_json::from_value(wire.clone()).expect("decode");
    assert_eq!(value.verify_code_sms.as_deref(), Some("c"));
    assert_eq!(value.verify_code_sms_2.as_deref(), Some("a"));
    assert_eq!(value.verify_code_sms_3, "b");
    assert_eq!(serde_json::to_value(&value).expect("encode"), wire);
    // Types `ApiKey` and `apiKey`: each with its own fields and wire name.
    let _ = ApiKey { secret: None };
    let _ = ApiKey2 { key: None };
    assert_eq!(ApiKey2::object_schema().name, "apiKey");
    // A value named `Unknown` next to the catch-all of unknown codes.
    assert_eq!(Match::from_code(7), Match::Unknown_);
    assert_eq!(Match::from_code(8), Match::Unknown(8));
    // Operations `bindEmail` and `bind_email`.
    use obstacle::alpha::{operations, AlphaClient, BindEmail2Request, BindEmailRequest};
    assert_eq!(operations::BIND_EMAIL.path, "/c/obstacle.Alpha.bind_email");
    assert_eq!(operations::BIND_EMAIL_2.path, "/c/obstacle.Alpha.bindEmail");
    let _ = (
        BindEmailRequest::new(),
        BindEmail2Request::new().with_option(Option_::default()),
    );
    type Alpha<'a> = AlphaClient<'a>;
    let _ = (Alpha::bind_email, Alpha::bind_email_2);
    // A service named like the `types` module, with an operation named
    // like the list of descriptors.
    assert_eq!(
        obstacle::types_::operations::ALL_.path,
        "/c/obstacle.Types.all"
    );
    assert_eq!(obstacle::types_::operations::ALL.len(), 1);
    type Types<'a> = obstacle::types_::TypesClient<'a>;
    let _ = Types::all;
}

#[test]
fn a_page_of_keyword_fields_with_an_int64_page_and_a_nullable_answer() {
    use bizgen_runtime::client::{Page, Paginated};
    use obstacle::beta::LoopsRequest;
    use obstacle::types::LoopPage;
    let mut request: LoopsRequest =
        serde_json::from_value(json!({"type": 3, "in": 20})).expect("request");
    assert_eq!(
        (request.page_number(), request.page_size()),
        (Some(3), Some(20))
    );
    request.set_page_number(4);
    assert_eq!(
        serde_json::to_value(&request).expect("encode"),
        json!({"type": 4, "in": 20})
    );
    assert_eq!(
        LoopsRequest::into_page(None),
        Page {
            items: Vec::new(),
            total: None
        },
        "a null answer is an empty page"
    );
    let page: LoopPage = serde_json::from_value(json!({"self": [], "crate": 7})).expect("page");
    assert_eq!(LoopsRequest::into_page(Some(page)).total, Some(7));
}

#[tokio::test]
async fn constraints_on_keyword_fields_are_enforced() {
    use bizgen_runtime::server::{ServerConfig, StaticTokens};
    let config = ServerConfig::new(StaticTokens::new("t", "a"));
    let router = obstacle::Server::new(config)
        .alpha(obstacle::Unimplemented)
        .expect("served once")
        .into_router();
    let addr = common::start(router).await;
    let headers = [("content-type", "application/json"), ("trace", "t-1")];
    let (_, resp) =
        common::raw_post(addr, "/c/obstacle.Alpha.page", &headers, r#"{"type": 6}"#).await;
    assert_eq!(resp["code"], "BIZGEN_VALIDATION");
    assert_eq!(resp["data"][0]["pointer"], "/type");
    assert_eq!(resp["data"][0]["reason"], "must be at most 5, got 6");
    let (_, resp) = common::raw_post(
        addr,
        "/c/obstacle.Alpha.changeEmailV1v1v2",
        &headers,
        r#"{"new": "x"}"#,
    )
    .await;
    assert_eq!(resp["data"][0]["pointer"], "/new");
    let (_, resp) = common::raw_post(
        addr,
        "/c/obstacle.Alpha.type",
        &headers,
        r#"{"self": {"type": "bogus"}}"#,
    )
    .await;
    assert_eq!(resp["data"][0]["pointer"], "/self/type");
    let (_, resp) = common::raw_post(addr, "/c/obstacle.Alpha.new", &headers, "{}").await;
    assert_eq!(resp["code"], "BIZGEN_NOT_IMPLEMENTED");
}

/// Deprecations of the obstacle spec reach the generated Rust (as
/// `#[deprecated]` with the sunset and replacement, inside modules that
/// allow their own use of them) and the docs.
#[test]
fn deprecations_reach_the_generated_code_and_docs() {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("obstacle-spec");
    let loaded = bizgen::load_dir(&spec).expect("the obstacle spec loads");
    let files = bizgen::generate::outputs(&loaded.api, &Default::default()).expect("renders");
    let rust: String = files
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "rs"))
        .map(|(_, t)| t.as_str())
        .collect();
    for note in [
        "#[deprecated(note = \"Deprecated: served until 2030-06-30; use `type` instead.\")]",
        "#[deprecated(note = \"Deprecated: use `super` instead.\")]",
        "#[deprecated(note = \"Deprecated: served until 2030-01-01; use `Minus` instead.\")]",
        "#[deprecated(note = \"Deprecated: it may be removed in a later version.\")]",
    ] {
        assert!(rust.contains(note), "missing {note}");
    }
    // Every `allow` says why; deprecated items are allowed only where the
    // generated code uses them: the types, alpha's requests and its server.
    let squeezed = |t: &str| t.split_whitespace().collect::<String>();
    let allowed: Vec<&str> = files
        .iter()
        .filter(|(_, t)| squeezed(t).contains("allow(deprecated,reason="))
        .map(|(p, _)| p.to_str().expect("UTF-8 path"))
        .collect();
    assert_eq!(
        allowed,
        [
            "src/alpha/requests.rs",
            "src/alpha/server.rs",
            "src/types/api.rs"
        ]
    );
    assert!(
        !squeezed(&rust).contains("allow(deprecated)"),
        "an allow without reason"
    );
    let page = files
        .iter()
        .find(|(p, _)| p.ends_with("operations/alpha/new.md"))
        .map(|(_, t)| t)
        .expect("the docs page of Alpha.new");
    assert!(
        page.contains("(served until 2030-06-30; use `type` instead)"),
        "{page}"
    );
}
