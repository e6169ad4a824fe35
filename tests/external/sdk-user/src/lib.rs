//! A user's crate: a partial server that serves one operation itself and
//! leaves the rest to the mock, written against `customer-api`'s public API.

use customer_api::customer_web_api_service::{BindEmailRequest, CustomerWebApiService};
use customer_api::{errors, ApiError, AuthContext, Principal, Server, ServerConfig, TokenKind};

/// The only token this server accepts.
pub const TOKEN: &str = "user-token";

/// The verification code `bindEmail` accepts.
pub const GOOD_CODE: &str = "471093";

/// Serves `bindEmail` with a real check; every other operation of the
/// service keeps its default.
pub struct Profiles;

impl CustomerWebApiService for Profiles {
    async fn bind_email(&self, ctx: AuthContext, req: BindEmailRequest) -> Result<(), ApiError> {
        // A login operation's context always has its caller.
        if ctx.principal.subject != "customer-1" {
            return Err(errors::BIZGEN_UNAUTHENTICATED.into());
        }
        if req.verify_code != GOOD_CODE {
            return Err(errors::CUSTOMER_API_0000511.into());
        }
        Ok(())
    }
}

/// The router: `Profiles` for its service, the mock for everything else.
pub fn router() -> Result<customer_api::axum::Router, customer_api::ServerError> {
    let auth = |kind: TokenKind, token: &str| {
        (token == TOKEN).then(|| Principal::new(kind, "customer-1", token))
    };
    Ok(Server::new(ServerConfig::new(auth))
        .customer_web_api_service(Profiles)?
        .mock_rest()
        .into_router())
}
