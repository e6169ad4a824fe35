//! One IR → schema mapping: the schemas compiled into generated crates are
//! the ones `bizgen::wire` computes from the spec, for every operation's
//! request (nested types and enums included) of the real spec and of the
//! obstacle course.

use std::path::Path;

use bizgen_runtime::operation::OperationInfo;
use bizgen_runtime::schema::Schema;

fn assert_same_schemas<'a>(spec: &Path, generated: impl Iterator<Item = &'a OperationInfo>) {
    let api = match bizgen::load_dir(spec) {
        Ok(loaded) => loaded.api,
        Err(e) => panic!("{} does not load:\n{e}", spec.display()),
    };
    let mut compared = 0;
    for info in generated {
        let op = api
            .find_operation(info.path)
            .unwrap_or_else(|e| panic!("{}: {e}", info.path));
        let tool = bizgen::wire::request_schema(&api, op);
        let compiled = Schema::Object(std::borrow::Cow::Borrowed((info.request)()));
        assert_eq!(compiled, tool, "request schema of {}", info.path);
        compared += 1;
    }
    assert_eq!(
        compared,
        api.operations().count(),
        "every operation compared"
    );
}

#[test]
fn generated_request_schemas_equal_the_tools() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    assert_same_schemas(&spec, customer_api::operations());
}

#[test]
fn obstacle_request_schemas_equal_the_tools() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("obstacle-spec");
    assert_same_schemas(&spec, bizgen_tests::obstacle::operations());
}
