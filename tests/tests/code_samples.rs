//! The code samples of every operation (curl, Rust, TypeScript, Python),
//! read from OpenAPI's `x-codeSamples` in `generated/openapi/openapi.json`,
//! judged by each language's own tools, as a user's project would build
//! them:
//! - every Rust sample compiles as a function of a crate outside the
//!   workspace that depends on `customer-api` with default features only;
//! - every TypeScript sample passes `tsc --strict` against the package;
//! - every Python sample passes `mypy --strict` against the package;
//! - the `login` and `findCustomerInfo` samples run, in each language,
//!   against the mock on a free loopback port (the one change to their
//!   text: the mock's address);
//! - the operation pages of both docs editions show the same samples
//!   (the Chinese curl differs by its `lang` header only).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

/// The address every sample connects to: the mock's default.
const SAMPLE_URL: &str = "http://127.0.0.1:8080";

/// The operations whose samples run against the mock, in order.
const RUN: [&str; 2] = ["login", "findCustomerInfo"];

/// One operation's samples: its path, its name and each language's source.
struct OpSamples {
    path: String,
    name: String,
    by_lang: BTreeMap<String, String>,
}

/// Every operation's samples, from the OpenAPI 3.1 export.
fn samples() -> Vec<OpSamples> {
    let file = common::repo_root().join("generated/openapi/openapi.json");
    let text = std::fs::read_to_string(&file).expect("read openapi.json");
    let doc: Value = serde_json::from_str(&text).expect("openapi.json is JSON");
    let paths = doc["paths"].as_object().expect("paths");
    paths
        .iter()
        .map(|(path, item)| {
            let op = &item["post"];
            let by_lang: BTreeMap<String, String> = op["x-codeSamples"]
                .as_array()
                .unwrap_or_else(|| panic!("{path}: no x-codeSamples"))
                .iter()
                .map(|s| {
                    (
                        s["lang"].as_str().expect("lang").to_owned(),
                        s["source"].as_str().expect("source").to_owned(),
                    )
                })
                .collect();
            let name = op["operationId"]
                .as_str()
                .and_then(|id| id.rsplit('.').next())
                .expect("operationId")
                .to_owned();
            OpSamples {
                path: path.clone(),
                name,
                by_lang,
            }
        })
        .collect()
}

fn source<'s>(op: &'s OpSamples, lang: &str) -> &'s str {
    op.by_lang
        .get(lang)
        .unwrap_or_else(|| panic!("{}: no {lang} sample", op.path))
}

/// The samples of the operations that run, in [`RUN`]'s order.
fn to_run(all: &[OpSamples]) -> Vec<&OpSamples> {
    RUN.iter()
        .map(|name| {
            let found: Vec<&OpSamples> = all.iter().filter(|o| o.name == *name).collect();
            assert_eq!(found.len(), 1, "one operation {name}");
            found[0]
        })
        .collect()
}

fn output_text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    dir
}

/// The mock with its default tokens (the ones the samples send), on a
/// free loopback port: its base URL.
async fn start_mock() -> String {
    use bizgen_runtime::mock_defaults as defaults;
    use customer_api::{ServerConfig, StaticTokens};
    let config = ServerConfig::new(StaticTokens::new(defaults::TOKEN, defaults::ADMIN_TOKEN));
    let addr = common::start(customer_api::mock::router(config)).await;
    format!("http://{addr}")
}

#[test]
fn every_operation_has_four_samples() {
    let all = samples();
    assert!(all.len() >= 50, "only {} operations", all.len());
    for op in &all {
        let langs: Vec<&str> = op.by_lang.keys().map(String::as_str).collect();
        assert_eq!(
            langs,
            ["Python", "Rust", "Shell", "TypeScript"],
            "{}",
            op.path
        );
    }
    // The 3.0 export carries the same samples.
    let file = common::repo_root().join("generated/openapi/openapi-3.0.json");
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(file).expect("read")).expect("JSON");
    for op in &all {
        let theirs = &doc["paths"][op.path.as_str()]["post"]["x-codeSamples"];
        for (lang, text) in &op.by_lang {
            let found = theirs
                .as_array()
                .into_iter()
                .flatten()
                .any(|s| s["lang"] == lang.as_str() && s["source"] == text.as_str());
            assert!(found, "{}: the 3.0 export's {lang} sample differs", op.path);
        }
    }
}

#[path = "code_samples/docs.rs"]
mod docs;
#[path = "code_samples/python.rs"]
mod python;
#[path = "code_samples/rust.rs"]
mod rust;
#[path = "code_samples/typescript.rs"]
mod typescript;
