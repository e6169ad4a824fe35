// trybuild compiles this in target/tests/trybuild/bizgen-tests, so the spec
// path climbs back to the repository.
bizgen_macros::generate!("../../../../tests/tests/ui/bad-spec");

fn main() {}
