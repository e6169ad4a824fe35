//! The expanded API is the generated crate's: services, their clients and
//! server traits, at the same paths.

use macro_user::customer_web_api_service::{CustomerWebApiService, CustomerWebApiServiceClient};
use macro_user::{Client, Server, Unimplemented};

struct Nothing;

impl CustomerWebApiService for Nothing {}

#[test]
fn the_api_is_there() {
    assert_eq!(macro_user::operation_count(), Ok(58));
    assert_eq!(macro_user::OPERATION_COUNT, 58);
    let config = bizgen_runtime::client::ClientConfig::new("http://127.0.0.1:1", "360");
    let client = Client::new(config).expect("client");
    let _: CustomerWebApiServiceClient<'_> = client.customer_web_api_service();
    let config = bizgen_runtime::server::ServerConfig::new(
        bizgen_runtime::server::StaticTokens::new("a", "b"),
    );
    let _router = Server::new(config)
        .customer_web_api_service(Nothing)
        .expect("served once")
        .third_ext(Unimplemented)
        .expect("served once")
        .into_router();
}
