//! The generated API, included from the build script's output.

pub mod api {
    include!(concat!(env!("OUT_DIR"), "/customer_api.rs"));
}
