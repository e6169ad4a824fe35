//! Every Rust sample compiled, as a module of a crate outside the
//! workspace (its own `[workspace]`, `customer-api` with default features
//! only, the lockfile of `tests/external/sdk-user`), and the samples of
//! [`RUN`](super::RUN) run by its binary against the mock. The obstacle
//! course's samples compile in the same crate, against the obstacle
//! course's crate generated beside it (default features too).

use std::path::Path;
use std::process::Command;

use super::{common, fresh_dir, output_text, samples, source, start_mock, to_run, SAMPLE_URL};

/// The crate: `src/lib.rs` holds every sample, `src/main.rs` the samples
/// that run, with the mock's address from `BIZGEN_MOCK_URL`.
fn write_crate(dir: &Path) -> (usize, usize) {
    let root = common::repo_root();
    let generated = root.join("generated");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            r#"[package]
name = "sdk-samples"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
customer-api = {{ path = {generated:?} }}
obstacle-course = {{ path = "obstacle-course" }}
tokio = {{ version = "1", features = ["rt", "macros"] }}

[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
debug = false
"#,
            generated = generated.display().to_string()
        ),
    )
    .expect("write Cargo.toml");
    std::fs::copy(
        root.join("tests/external/sdk-user/Cargo.lock"),
        dir.join("Cargo.lock"),
    )
    .expect("copy the lockfile");
    let all = samples();
    let mut lib = String::from("//! Every operation's Rust sample, one module each.\n\n");
    for (i, op) in all.iter().enumerate() {
        lib.push_str(&format!(
            "/// `{}`\npub mod sample_{i} {{\n{}\n}}\n\n",
            op.path,
            source(op, "Rust")
        ));
    }
    let obstacle = write_obstacle_crate(&dir.join("obstacle-course"), &root);
    for (i, sample) in obstacle.iter().enumerate() {
        lib.push_str(&format!("pub mod obstacle_{i} {{\n{sample}\n}}\n\n"));
    }
    let mut main = String::from("//! The samples that run against the mock.\n\n");
    let mut calls = String::new();
    for (i, op) in to_run(&all).into_iter().enumerate() {
        let text = source(op, "Rust");
        assert!(text.contains(SAMPLE_URL), "{}: no {SAMPLE_URL}", op.path);
        let text = text.replace(
            &format!("{SAMPLE_URL:?}"),
            "std::env::var(\"BIZGEN_MOCK_URL\")?",
        );
        let function = text
            .split("pub async fn ")
            .nth(1)
            .and_then(|rest| rest.split('(').next())
            .expect("the sample's function");
        main.push_str(&format!("mod run_{i} {{\n{text}\n}}\n\n"));
        calls.push_str(&format!("    run_{i}::{function}().await?;\n"));
    }
    main.push_str(&format!(
        "#[tokio::main(flavor = \"current_thread\")]\nasync fn main() -> Result<(), Box<dyn std::error::Error>> {{\n{calls}    Ok(())\n}}\n"
    ));
    std::fs::create_dir_all(dir.join("src")).expect("mkdir src");
    std::fs::write(dir.join("src/lib.rs"), lib).expect("write lib.rs");
    std::fs::write(dir.join("src/main.rs"), main).expect("write main.rs");
    (all.len(), obstacle.len())
}

/// The obstacle course's crate in `dir` (the runtime by path), and its
/// operations' Rust samples.
fn write_obstacle_crate(dir: &Path, root: &Path) -> Vec<String> {
    use bizgen::samples::CodeSamples;
    let api = bizgen::load_dir(&root.join("tests/obstacle-spec"))
        .unwrap_or_else(|e| panic!("{e}"))
        .api;
    let runtime = root.join("runtime").display().to_string();
    let mut files = bizgen::rust::render_crate(&api).expect("render the obstacle crate");
    files.push((
        "Cargo.toml".into(),
        bizgen::rust::render_manifest(&api, &runtime, true),
    ));
    files.push((
        "src/bin/mock.rs".into(),
        bizgen::rust::render_mock_bin(&api),
    ));
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
    }
    let facts = bizgen::facts::Facts::new(&api);
    let samplers = CodeSamples::new(&api);
    api.operations()
        .flat_map(|(s, o)| {
            samplers
                .of(&facts, s, o, bizgen::docs::Lang::En)
                .expect("samples")
        })
        .filter(|s| s.lang == "Rust")
        .map(|s| s.source)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_rust_sample_compiles_and_login_then_find_customer_info_run() {
    let dir = fresh_dir("sdk-samples");
    let (count, obstacle) = write_crate(&dir);
    let target = common::repo_root().join("target/tests/sdk-samples");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let build = Command::new(&cargo)
        .args(["build", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("run cargo");
    assert!(
        build.status.success(),
        "the Rust samples do not compile:\n{}",
        output_text(&build)
    );
    eprintln!("{count} Rust samples compiled, and {obstacle} of the obstacle course");
    let mock = start_mock().await;
    let binary = target.join("debug/sdk-samples");
    let run = tokio::task::spawn_blocking(move || {
        Command::new(binary).env("BIZGEN_MOCK_URL", mock).output()
    })
    .await
    .expect("join")
    .expect("run the samples");
    let text = output_text(&run);
    assert!(run.status.success(), "the Rust samples failed:\n{text}");
    // login's answer, then findCustomerInfo's, printed with `{:?}`.
    for printed in ["LoginResult", "customer_no"] {
        assert!(text.contains(printed), "no {printed} in:\n{text}");
    }
}
