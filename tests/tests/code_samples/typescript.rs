//! Every TypeScript sample type-checked by `tsc --strict` against the
//! package's source (one ES module each), and the samples of
//! [`RUN`](super::RUN) run by node against the built package and the mock.

use std::process::Command;

use super::{common, fresh_dir, output_text, samples, source, start_mock, to_run, SAMPLE_URL};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_typescript_sample_type_checks_and_login_then_find_customer_info_run() {
    let root = common::repo_root();
    let tsc = common::tsc();
    let dir = fresh_dir("ts-samples");
    let all = samples();
    let mut files = Vec::new();
    for (i, op) in all.iter().enumerate() {
        let file = format!("sample_{i}.mts");
        std::fs::write(dir.join(&file), source(op, "TypeScript")).expect("write");
        files.push(file);
    }
    let index = root.join("generated/ts/src/index.ts");
    let config = serde_json::json!({
        "compilerOptions": {
            "target": "ES2022",
            "module": "NodeNext",
            "moduleResolution": "NodeNext",
            "lib": ["ES2022", "DOM"],
            "strict": true,
            "exactOptionalPropertyTypes": true,
            "noEmit": true,
            "types": [],
            "allowImportingTsExtensions": true,
            "paths": { "customer-api": [index.display().to_string()] }
        },
        "files": files,
    });
    std::fs::write(dir.join("tsconfig.json"), config.to_string()).expect("write tsconfig");
    let checked = Command::new(&tsc)
        .current_dir(&dir)
        .args(["--pretty", "false", "-p", "tsconfig.json"])
        .output()
        .expect("run tsc");
    assert!(
        checked.status.success(),
        "the TypeScript samples do not type-check:\n{}",
        output_text(&checked)
    );
    eprintln!("{} TypeScript samples type-checked", all.len());

    // The package's dist/, which the samples import when run.
    let build = Command::new(&tsc)
        .arg("-p")
        .arg(root.join("generated/ts"))
        .output()
        .expect("run tsc");
    assert!(build.status.success(), "{}", output_text(&build));
    let dist = root.join("generated/ts/dist/index.js");
    let mock = start_mock().await;
    for op in to_run(&all) {
        let text = source(op, "TypeScript");
        let runnable = text
            .replace(
                "from \"customer-api\"",
                &format!("from {:?}", format!("file://{}", dist.display())),
            )
            .replace(SAMPLE_URL, &mock);
        assert_ne!(runnable, text, "{}: nothing to point at the mock", op.path);
        let script = dir.join(format!("run-{}.mjs", op.name));
        std::fs::write(&script, &runnable).expect("write the script");
        let out = tokio::task::spawn_blocking(move || Command::new("node").arg(&script).output())
            .await
            .expect("join")
            .expect("run node (Node.js >= 20 is required)");
        assert!(
            out.status.success(),
            "{}: node failed:\n{}",
            op.name,
            output_text(&out)
        );
        assert!(!out.stdout.is_empty(), "{}: printed nothing", op.name);
    }
}
