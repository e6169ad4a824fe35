//! The mock servers' defaults, written once: the flags of both mocks
//! (`bizgen mock` and the generated `*-mock` binary) default to them, and
//! bizgen's docs, Postman environment and OpenAPI server read them from
//! here, so that what they promise is what the mock does.

/// The address the mock listens on.
pub const HOST: &str = "127.0.0.1";
/// The port the mock listens on.
pub const PORT: u16 = 8080;
/// The C-side customer token the mock accepts (and `login` hands out).
pub const TOKEN: &str = "mock-token";
/// The B-side admin token the mock accepts.
pub const ADMIN_TOKEN: &str = "mock-admin-token";

/// `http://127.0.0.1:8080`: where a mock started with the defaults answers.
pub fn base_url() -> String {
    format!("http://{HOST}:{PORT}")
}
