//! The quick start of `generated/docs/README.md` (and of the Chinese
//! edition) runs end to end: every `sh` block that calls curl is executed,
//! in order, in ONE bash session against the mock on 127.0.0.1:0, so the
//! token flows from login exactly as a reader's shell would carry it; each
//! answer must be `ok`. curl is required (present on CI images; the test
//! says how to get it if not). The Rust block is this file's code, run
//! against the mock; the TypeScript block type-checks with tsc against the
//! package and runs with node against the mock.

mod common;

use std::process::Command;

use serde_json::Value;

/// The `sh` code blocks of the quick start section that call curl.
fn curl_blocks(readme: &str, heading: &str) -> Vec<String> {
    let section = readme
        .split(&format!("## {heading}\n"))
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or_else(|| panic!("no section {heading}"));
    section
        .split("```sh\n")
        .skip(1)
        .filter_map(|b| b.split("\n```").next())
        .filter(|b| b.contains("curl "))
        .map(str::to_owned)
        .collect()
}

async fn run_quick_start(page: &str, heading: &str) {
    assert!(
        Command::new("curl").arg("--version").output().is_ok(),
        "curl is not installed: `apt-get install curl`"
    );
    let readme =
        std::fs::read_to_string(common::repo_root().join(page)).expect("read the docs index");
    let blocks = curl_blocks(&readme, heading);
    assert!(
        blocks.len() >= 3,
        "{page}: only {} curl blocks",
        blocks.len()
    );
    assert!(
        blocks[0].contains("export TOKEN="),
        "{page}: login must set TOKEN"
    );

    let addr = common::start_mock().await;
    let dir = std::env::temp_dir().join(format!(
        "bizgen-quickstart-{}-{}",
        std::process::id(),
        page.replace(['/', '.'], "-")
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    // One shell, blocks in order; each block's output to its own file.
    let mut script = String::from("set -e\n");
    for (i, block) in blocks.iter().enumerate() {
        script.push_str(&format!("{{\n{block}\n}} > answer-{i}.json\n"));
    }
    let blocks_owned = blocks.clone();
    let dir_owned = dir.clone();
    let output = tokio::task::spawn_blocking(move || {
        Command::new("bash")
            .arg("-c")
            .arg(&script)
            .current_dir(&dir_owned)
            .env("BASE_URL", format!("http://{addr}"))
            .env("ADMIN_TOKEN", common::ADMIN_TOKEN)
            .env_remove("TOKEN")
            .output()
            .expect("run bash")
    })
    .await
    .expect("join");
    assert!(
        output.status.success(),
        "{page}: the quick start failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    for (i, block) in blocks_owned.iter().enumerate() {
        let text = std::fs::read_to_string(dir.join(format!("answer-{i}.json"))).expect("answer");
        let answer: Value = serde_json::from_str(text.trim())
            .unwrap_or_else(|e| panic!("{page}: block {i} did not print JSON ({e}):\n{text}"));
        assert_eq!(
            answer["ok"], true,
            "{page}: block {i}\n{block}\nanswered {answer}"
        );
        assert_eq!(answer["code"], "0", "{page}: block {i}");
        // The trace of each call is new and echoed back.
        let trace = format!("quickstart-{}", i + 1);
        assert!(block.contains(&format!("trace: {trace}")), "{block}");
        assert_eq!(answer["trace"], trace.as_str());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_english_quick_start_runs_against_the_mock() {
    run_quick_start("generated/docs/README.md", "Quick start").await;
}

#[tokio::test]
async fn the_chinese_quick_start_runs_against_the_mock() {
    run_quick_start("generated/docs/zh/README.md", "快速上手").await;
}

/// The Rust client of the quick start, as the README shows it, run
/// against the mock (the test checks that the README shows this code: its
/// `main` is this function's body, the `use` lines moved in, the mock's
/// address a variable).
#[rustfmt::skip]
async fn rust_quick_start(mock_url: &str) -> Result<(), Box<dyn std::error::Error>> {
    // quickstart:begin
    use customer_api::customer_web_api_service::{BindEmailRequest, FindCustomerInfoRequest, LoginRequest};
    use customer_api::types::{ClientSource, LoginType};
    use customer_api::{Client, ClientConfig};

    // BASE_URL as step 2 sets it, else the mock's address.
    let base_url = std::env::var("BASE_URL").unwrap_or_else(|_| mock_url.to_owned());
    let client = Client::new(ClientConfig::new(base_url, "360"))?;
    let login = LoginRequest::new(LoginType::Phone, ClientSource::H5, "13429837442", false)
        .with_phone_area("+86")
        .with_third_source("")
        .with_bind_third_user_id("")
        .with_login_pwd("dc483e80a7a0bd9ef71d8cf973673924");
    client.customer_web_api_service().login(&login).await?; // the client keeps the token
    let customer_info = client.customer_web_api_service().find_customer_info(&FindCustomerInfoRequest::new()).await?;
    println!("{customer_info:?}");
    let bind_email = BindEmailRequest::new("471093", "alice.chen@example.com", "3e8c1a6f9d2b4f7e8a0c5d3b6f1e9a72")
        .with_email_area("+86");
    client.customer_web_api_service().bind_email(&bind_email).await?;
    // quickstart:end
    Ok(())
}

#[tokio::test]
async fn the_rust_quick_start_runs_and_is_the_one_shown() {
    let addr = common::start_mock().await;
    rust_quick_start(&format!("http://{addr}"))
        .await
        .expect("the Rust quick start");
    // The README's block is this code, but for the address literal and
    // `main`'s own lines; comments are the edition's language.
    let source = include_str!("quickstart.rs");
    let code = |l: &str| l.split(" //").next().unwrap_or(l).trim().to_owned();
    let tested: Vec<String> = source
        .split("// quickstart:begin\n")
        .nth(1)
        .and_then(|s| s.split("    // quickstart:end").next())
        .expect("markers")
        .lines()
        .map(code)
        .filter(|l| !l.starts_with("//"))
        .collect();
    for page in ["generated/docs/README.md", "generated/docs/zh/README.md"] {
        let readme = std::fs::read_to_string(common::repo_root().join(page)).expect("readme");
        let shown: Vec<String> = readme
            .split("```rust\n")
            .nth(1)
            .and_then(|s| s.split("\n```").next())
            .expect("a rust block")
            .lines()
            .filter(|l| {
                !matches!(
                    l.trim(),
                    "#[tokio::main]"
                        | "Ok(())"
                        | "}"
                        | "async fn main() -> Result<(), Box<dyn std::error::Error>> {"
                )
            })
            .map(|l| code(&l.replace("\"http://127.0.0.1:8080\"", "mock_url")))
            .filter(|l| !l.starts_with("//"))
            .collect();
        assert_eq!(shown, tested, "{page}");
    }
}

/// The quick start's `ts` block of a docs index.
fn ts_block(readme: &str) -> String {
    readme
        .split("```ts\n")
        .nth(1)
        .and_then(|s| s.split("\n```").next())
        .expect("a ts block in the quick start")
        .to_owned()
}

/// The TypeScript quick start of both editions: tsc --strict accepts it
/// against the package's source, and, being plain JavaScript apart from the
/// import, node runs it against the mock (login → findCustomerInfo →
/// bindEmail, the token flowing through `setToken`); any error envelope
/// would reject and fail the run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_typescript_quick_start_type_checks_and_runs() {
    let root = common::repo_root();
    let tsc = common::tsc();
    // The package's dist/, which the snippet imports when run.
    let build = Command::new(&tsc)
        .arg("-p")
        .arg(root.join("generated/ts"))
        .output()
        .expect("run tsc");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stdout)
    );
    let dist = root.join("generated/ts/dist/index.js");
    let addr = common::start_mock().await;
    for page in ["generated/docs/README.md", "generated/docs/zh/README.md"] {
        let readme = std::fs::read_to_string(root.join(page)).expect("read the docs index");
        let snippet = ts_block(&readme);
        for call in [
            "login(",
            "findCustomerInfo(",
            "bindEmail(",
            "client.setToken(",
        ] {
            assert!(snippet.contains(call), "{page}: no {call} in\n{snippet}");
        }
        // Type-check (tsconfig.quickstart.json maps `customer-api` to the source).
        let dir = root.join("tests/ts");
        let copy = dir.join("quickstart.stripped.mts");
        std::fs::write(&copy, &snippet).expect("write the copy");
        let checked = Command::new(&tsc)
            .current_dir(&dir)
            .args([
                "--noEmit",
                "--pretty",
                "false",
                "-p",
                "tsconfig.quickstart.json",
            ])
            .output()
            .expect("run tsc");
        let _ = std::fs::remove_file(&copy);
        assert!(
            checked.status.success(),
            "{page}: the TypeScript quick start does not type-check:\n{}",
            String::from_utf8_lossy(&checked.stdout)
        );
        // Run it with node, against the built package and the mock.
        let url = format!("file://{}", dist.display());
        let runnable = snippet
            .replace("from \"customer-api\"", &format!("from {url:?}"))
            .replace("http://127.0.0.1:8080", &format!("http://{addr}"));
        assert_ne!(runnable, snippet, "{page}: nothing to point at the mock");
        let script = std::env::temp_dir().join(format!(
            "bizgen-quickstart-{}-{}.mjs",
            std::process::id(),
            page.replace(['/', '.'], "-")
        ));
        std::fs::write(&script, &runnable).expect("write the script");
        let script_owned = script.clone();
        let out =
            tokio::task::spawn_blocking(move || Command::new("node").arg(&script_owned).output())
                .await
                .expect("join")
                .expect("run node (Node.js >= 20 is required)");
        let _ = std::fs::remove_file(&script);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{page}: node failed:\n{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // findCustomerInfo's answer was printed.
        assert!(stdout.contains("customerNo"), "{page}: printed {stdout}");
    }
}
