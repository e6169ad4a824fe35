//! Every Python sample through `mypy --strict` against the package (one
//! file each), and the samples of [`RUN`](super::RUN) run against the mock.

use std::process::Command;

use super::{common, fresh_dir, output_text, samples, source, start_mock, to_run, SAMPLE_URL};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_python_sample_passes_mypy_and_login_then_find_customer_info_run() {
    let src = common::repo_root().join("generated/python/src");
    let dir = fresh_dir("py-samples");
    let all = samples();
    let mut cmd = Command::new(common::tool("py:mypy"));
    cmd.current_dir(&dir)
        .env("MYPYPATH", &src)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .arg("--strict")
        .arg("--cache-dir")
        .arg(dir.join(".mypy-cache"));
    for (i, op) in all.iter().enumerate() {
        let file = dir.join(format!("sample_{i}.py"));
        std::fs::write(&file, format!("{}\n", source(op, "Python"))).expect("write");
        cmd.arg(file);
    }
    let checked = cmd.output().expect("run mypy");
    assert!(
        checked.status.success(),
        "the Python samples fail mypy --strict:\n{}",
        output_text(&checked)
    );
    eprintln!("{} Python samples passed mypy --strict", all.len());

    let mock = start_mock().await;
    for op in to_run(&all) {
        let text = source(op, "Python");
        let runnable = text.replace(SAMPLE_URL, &mock);
        assert_ne!(runnable, text, "{}: nothing to point at the mock", op.path);
        let src = src.clone();
        let out = tokio::task::spawn_blocking(move || {
            Command::new(common::tool("py:python"))
                .env("PYTHONPATH", src)
                .env("PYTHONDONTWRITEBYTECODE", "1")
                .args(["-c", &runnable])
                .output()
        })
        .await
        .expect("join")
        .expect("run python");
        assert!(
            out.status.success(),
            "{}: python failed:\n{}",
            op.name,
            output_text(&out)
        );
        assert!(!out.stdout.is_empty(), "{}: printed nothing", op.name);
    }
}
