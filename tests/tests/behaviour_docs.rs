//! The page "Retries, pagination and hooks" and the iterator sections of
//! paged operations' pages are executable: every Rust block is code of this
//! file (compiled here, run against the mock), every TypeScript block
//! type-checks (`tsc --strict`) and runs with node against the mock, and
//! every Python block type-checks (`mypy --strict`) and runs against the
//! mock.

mod common;

use std::path::Path;
use std::process::Command;

use customer_api::runtime::client::ClientConfig;

const PAGE: &str = "retries-pagination-hooks.md";
const PAGED: [&str; 3] = [
    "operations/customer-api-web-service/page.md",
    "operations/customer-web-api-service/query-liabilities-water-by-page.md",
    "operations/white-customer-admin-api-service/page.md",
];

fn read(page: &str) -> String {
    std::fs::read_to_string(common::repo_root().join("generated/docs").join(page))
        .unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// Every block fenced as `lang` in a page, in order.
fn blocks(text: &str, lang: &str) -> Vec<String> {
    // An operation page's code samples (each operation's call, tested by
    // `code_samples.rs`) are not this page's examples.
    let text = ["\n## Code samples\n", "\n## 调用示例\n"]
        .iter()
        .find_map(|h| text.split_once(h).map(|(head, _)| head))
        .unwrap_or(text);
    text.split(&format!("```{lang}\n"))
        .skip(1)
        .filter_map(|b| b.split("\n```").next())
        .map(str::to_owned)
        .collect()
}

/// The lines between `// <name>:begin` and `// <name>:end` of this file,
/// trimmed: the code a page must show.
fn tested(name: &str) -> Vec<String> {
    include_str!("behaviour_docs.rs")
        .split(&format!("// {name}:begin\n"))
        .nth(1)
        .and_then(|s| s.split(&format!("// {name}:end")).next())
        .unwrap_or_else(|| panic!("no markers {name}"))
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

/// A page's block as the test runs it: the mock's address and token are
/// variables here.
fn shown(block: &str) -> Vec<String> {
    block
        .lines()
        .map(|l| {
            l.trim()
                .replace("\"http://127.0.0.1:8080\"", "base_url.as_str()")
                .replace("\"mock-token\"", "token")
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// The page's Rust example, run against the mock.
#[rustfmt::skip]
async fn rust_example(base_url: &str, token: &str) -> Result<(), Box<dyn std::error::Error>> {
    let base_url = base_url.to_owned();
    // example:begin
    use customer_api::customer_api_web_service::PageRequest;
    use customer_api::{CallOptions, Client, ClientConfig};

    let config = ClientConfig::new(base_url.as_str(), "360")
        .with_token(token)
        .with_max_retries(3) // 0 turns retries off
        .on_request(|r| println!("-> {} attempt {} trace {}", r.biz_type, r.attempt, r.trace))
        .on_response(|r| println!("<- {:?} {:?} in {:?}", r.status, r.code, r.elapsed));
    let client = Client::new(config)?;

    // Every item, one page at a time.
    let mut items = client.customer_api_web_service().page_all(&PageRequest::new().with_size(50));
    while let Some(item) = items.next().await {
        println!("{:?}", item?);
    }

    // One page, with the HTTP status, headers and attempts.
    let answer = client
        .customer_api_web_service()
        .with(CallOptions::default().with_max_retries(5))
        .page(&PageRequest::new().with_current(2))
        .await?;
    println!("HTTP {} after {} attempt(s)", answer.status, answer.attempts);
    // example:end
    assert_eq!((answer.status, answer.attempts), (200, 1));
    Ok(())
}

/// The iterator sections of the three paged operations, run against the mock.
#[rustfmt::skip]
async fn rust_iterators(client: &customer_api::Client) -> Result<usize, Box<dyn std::error::Error>> {
    let mut count = 0;
    {
        // api-key-page:begin
        let request: customer_api::customer_api_web_service::PageRequest = serde_json::from_str(r#"{"size":20,"tag":"3243"}"#)?;
        let mut items = client.customer_api_web_service().page_all(&request);
        while let Some(item) = items.next().await {
            println!("{:?}", item?);
        // api-key-page:end
            count += 1;
        }
    }
    {
        // liabilities:begin
        let request: customer_api::customer_web_api_service::QueryLiabilitiesWaterByPageRequest = serde_json::from_str(r#"{"size":10,"tradeType":3,"liabilitiesType":1,"startTime":1677600000000,"endTime":1677686399999,"accountId":1031752,"assetsId":29}"#)?;
        let mut items = client.customer_web_api_service().query_liabilities_water_by_page_all(&request);
        while let Some(item) = items.next().await {
            println!("{:?}", item?);
        // liabilities:end
            count += 1;
        }
    }
    {
        // b-side-page:begin
        let request: customer_api::white_customer_admin_api_service::PageRequest = serde_json::from_str(r#"{"customerNo":null,"size":20}"#)?;
        let mut items = client.white_customer_admin_api_service().page_all(&request);
        while let Some(item) = items.next().await {
            println!("{:?}", item?);
        // b-side-page:end
            count += 1;
        }
    }
    Ok(count)
}

#[tokio::test]
async fn the_rust_example_runs_and_is_the_one_shown() {
    let addr = common::start_mock().await;
    rust_example(&format!("http://{addr}"), common::TOKEN)
        .await
        .expect("the Rust example");
    for page in [PAGE.to_owned(), format!("zh/{PAGE}")] {
        let rust = blocks(&read(&page), "rust");
        assert_eq!(rust.len(), 1, "{page}");
        assert_eq!(shown(&rust[0]), tested("example"), "{page}");
    }
}

#[tokio::test]
async fn the_rust_iterators_of_paged_operations_run_and_are_the_ones_shown() {
    let addr = common::start_mock().await;
    let config = ClientConfig::new(format!("http://{addr}"), "360")
        .with_token(common::TOKEN)
        .with_admin_token(common::ADMIN_TOKEN);
    let client = customer_api::Client::new(config).expect("client");
    let count = rust_iterators(&client).await.expect("the iterators");
    assert_eq!(count, 3, "one item in each example page");
    for (page, name) in PAGED
        .iter()
        .zip(["api-key-page", "liabilities", "b-side-page"])
    {
        for page in [page.to_string(), format!("zh/{page}")] {
            let rust = blocks(&read(&page), "rust");
            assert_eq!(rust.len(), 1, "{page}");
            // The block ends with the loop's closing brace, the test counts inside it.
            let mut want = tested(name);
            want.push("}".into());
            assert_eq!(shown(&rust[0]), want, "{page}");
        }
    }
}

/// The TypeScript blocks: the page's example as it is, each iterator
/// section with a client made first; all type-checked at once, then run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_typescript_blocks_type_check_and_run() {
    let root = common::repo_root();
    let tsc = common::tsc();
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
    let mut scripts = Vec::new();
    for lang in ["", "zh/"] {
        let ts = blocks(&read(&format!("{lang}{PAGE}")), "ts");
        assert_eq!(ts.len(), 1, "{lang}{PAGE}");
        scripts.push((format!("{lang}{PAGE}"), ts[0].clone()));
        for page in PAGED {
            let ts = blocks(&read(&format!("{lang}{page}")), "ts");
            assert_eq!(ts.len(), 1, "{lang}{page}");
            let client = "import { Client } from \"customer-api\";\n\n\
                const client = new Client({ baseUrl: \"http://127.0.0.1:8080\", companyId: \"360\", token: \"mock-token\", adminToken: \"mock-admin-token\" });\n";
            scripts.push((format!("{lang}{page}"), format!("{client}{}", ts[0])));
        }
    }
    let dir = root.join("tests/ts");
    let copies: Vec<_> = scripts
        .iter()
        .enumerate()
        .map(|(i, (_, text))| {
            let path = dir.join(format!("behaviour-{i}.stripped.mts"));
            std::fs::write(&path, text).expect("write the copy");
            path
        })
        .collect();
    let checked = Command::new(&tsc)
        .current_dir(&dir)
        .args([
            "--noEmit",
            "--pretty",
            "false",
            "-p",
            "tsconfig.behaviour.json",
        ])
        .output()
        .expect("run tsc");
    for path in &copies {
        let _ = std::fs::remove_file(path);
    }
    assert!(
        checked.status.success(),
        "the TypeScript blocks do not type-check:\n{}",
        String::from_utf8_lossy(&checked.stdout)
    );
    let addr = common::start_mock().await;
    let dist = format!(
        "file://{}",
        root.join("generated/ts/dist/index.js").display()
    );
    for (page, text) in scripts {
        let runnable = text
            .replace("from \"customer-api\"", &format!("from {dist:?}"))
            .replace("http://127.0.0.1:8080", &format!("http://{addr}"))
            .replace("\"mock-token\"", &format!("{:?}", common::TOKEN))
            .replace(
                "\"mock-admin-token\"",
                &format!("{:?}", common::ADMIN_TOKEN),
            );
        let script = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("behaviour-{}.mjs", page.replace(['/', '.'], "-")));
        std::fs::write(&script, &runnable).expect("write the script");
        let out = tokio::task::spawn_blocking(move || Command::new("node").arg(&script).output())
            .await
            .expect("join")
            .expect("run node (Node.js >= 20 is required)");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{page}: node failed:\n{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // An item of the mock's one example page was printed.
        assert!(
            stdout.contains("id:") || stdout.contains("customerNo"),
            "{page}: printed {stdout}"
        );
    }
}

/// The Python blocks: the page's example as it is, each iterator section
/// with a client made first; type-checked (`mypy --strict`), then run
/// against the mock.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_python_blocks_type_check_and_run() {
    let root = common::repo_root();
    let client = "from customer_api import Client\n\n\
        client = Client(\"http://127.0.0.1:8080\", company_id=\"360\", token=\"mock-token\", admin_token=\"mock-admin-token\")\n";
    let mut scripts = Vec::new();
    for lang in ["", "zh/"] {
        let py = blocks(&read(&format!("{lang}{PAGE}")), "python");
        assert_eq!(py.len(), 1, "{lang}{PAGE}");
        scripts.push((format!("{lang}{PAGE}"), py[0].clone()));
        for page in PAGED {
            let py = blocks(&read(&format!("{lang}{page}")), "python");
            assert_eq!(py.len(), 1, "{lang}{page}");
            // The block's imports first, then the client, then the loop.
            let (imports, walk) = match py[0].split_once("\n\n") {
                Some((head, rest)) if head.starts_with("from ") => (format!("{head}\n"), rest),
                _ => (String::new(), py[0].as_str()),
            };
            scripts.push((
                format!("{lang}{page}"),
                format!("{imports}{client}{walk}\n"),
            ));
        }
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("behaviour-python");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let files: Vec<_> = scripts
        .iter()
        .enumerate()
        .map(|(i, (_, text))| {
            let path = dir.join(format!("block_{i}.py"));
            std::fs::write(&path, text).expect("write the block");
            path
        })
        .collect();
    let package = root.join("generated/python/src");
    let checked = Command::new(common::tool("py:mypy"))
        .env("MYPYPATH", &package)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .arg("--strict")
        .arg("--cache-dir")
        .arg(Path::new(env!("CARGO_TARGET_TMPDIR")).join("mypy-cache-behaviour"))
        .args(&files)
        .output()
        .expect("run mypy");
    assert!(
        checked.status.success(),
        "the Python blocks do not type-check:\n{}",
        String::from_utf8_lossy(&checked.stdout)
    );
    let addr = common::start_mock().await;
    for (page, text) in scripts {
        let runnable = text
            .replace("http://127.0.0.1:8080", &format!("http://{addr}"))
            .replace("\"mock-token\"", &format!("{:?}", common::TOKEN))
            .replace(
                "\"mock-admin-token\"",
                &format!("{:?}", common::ADMIN_TOKEN),
            );
        let package = package.clone();
        let out = tokio::task::spawn_blocking(move || {
            Command::new(common::tool("py:python"))
                .env("PYTHONPATH", package)
                .env("PYTHONDONTWRITEBYTECODE", "1")
                .args(["-c", &runnable])
                .output()
        })
        .await
        .expect("join")
        .expect("run python");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{page}: python failed:\n{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // One item of the mock's example page was printed (a model's repr).
        assert!(
            stdout.contains("(id=") || stdout.contains("customer_no="),
            "{page}: printed {stdout}"
        );
        if page.ends_with(PAGE) {
            assert!(
                stdout.contains("-> ") && stdout.contains("HTTP 200 after 1 attempt(s)"),
                "{page}: printed {stdout}"
            );
        }
    }
}
