//! Serves the three servers of the mock benchmark (`scripts/bench-mock`) on
//! loopback: `bizgen mock`'s table built from the spec at run time, the
//! generated `customer-api-mock` table, and a minimal hand-written axum
//! handler that does the same header checks and returns the same bytes for
//! the hot operation (`switchAccount`). Prints the three addresses.

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use bizgen_runtime::mock::{router, MockOptions};
use bizgen_runtime::server::{ServerConfig, StaticTokens};

const TOKEN: &str = "bench-token";
const PATH: &str = "/api/thirdExt/switchAccount";

/// The baseline: header checks of the thirdExt gateway and the token, then
/// the envelope bytes the mocks send, with the trace echoed.
async fn handwritten(headers: HeaderMap, body: Bytes) -> (StatusCode, HeaderMap, Vec<u8>) {
    let header = |n: &str| headers.get(n).and_then(|v| v.to_str().ok()).unwrap_or("");
    let mut out = HeaderMap::new();
    out.insert("content-type", "application/json".parse().expect("static"));
    let ok = header("content-type").starts_with("application/json")
        && !header("companyId").is_empty()
        && !header("lang").is_empty()
        && header("token") == TOKEN
        && body.len() < 256 * 1024;
    let trace = serde_json::to_string(header("trace")).unwrap_or_default();
    let body = if ok {
        format!(
            r#"{{"code":"0","msg":"Success","data":null,"trace":{trace},"tm":0,"bizCode":"","msgParams":null,"ok":true,"fail":false}}"#
        )
    } else {
        format!(
            r#"{{"code":"BIZGEN_UNAUTHENTICATED","msg":"no","data":null,"trace":{trace},"tm":0,"bizCode":"","msgParams":null,"ok":false,"fail":true}}"#
        )
    };
    (StatusCode::OK, out, body.into_bytes())
}

async fn serve(app: Router) -> std::io::Result<String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?.to_string();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(addr)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let api = match bizgen::load_dir(&spec) {
        Ok(loaded) => loaded.api,
        Err(e) => {
            eprintln!("the spec does not load:\n{e}");
            std::process::exit(1);
        }
    };
    let config = || ServerConfig::new(StaticTokens::new(TOKEN, "bench-admin"));
    let from_spec = bizgen::traffic::mock::mock_table(&api);
    let compiled = customer_api::mock::table();
    let a = serve(router(&from_spec, config(), MockOptions::default())).await?;
    let b = serve(router(&compiled, config(), MockOptions::default())).await?;
    let c = serve(Router::new().route(PATH, post(handwritten))).await?;
    println!("bizgen-mock {a}\ncustomer-api-mock {b}\nhandwritten {c}");
    // Bounded: the script stops it; it never outlives ten minutes.
    tokio::time::sleep(std::time::Duration::from_secs(600)).await;
    Ok(())
}
