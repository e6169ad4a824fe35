//! The Python package: deterministic, a header on every module, snapshots
//! of the obstacle course (hostile names), and `generate` keeps
//! hand-written files and Python's caches beside it. (mypy, ruff and
//! pytest judge the package in `tests/tests/python.rs`.)

use std::path::{Path, PathBuf};

fn load(dir: &str) -> bizgen::ir::Api {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
    bizgen::load_dir(&dir)
        .unwrap_or_else(|e| panic!("spec does not load:\n{e}"))
        .api
}

fn file<'a>(files: &'a [(PathBuf, String)], path: &str) -> &'a str {
    files
        .iter()
        .find(|(p, _)| p == Path::new(path))
        .map(|(_, t)| t.as_str())
        .unwrap_or_else(|| panic!("no {path}"))
}

#[test]
fn obstacle_course_snapshots() {
    let api = load("../tests/obstacle-spec");
    let files = bizgen::python::render_package(&api).expect("render");
    insta::assert_snapshot!(
        "python_obstacle_types",
        file(&files, "src/obstacle_course/types/api.py")
    );
    insta::assert_snapshot!(
        "python_obstacle_alpha",
        file(&files, "src/obstacle_course/services/alpha.py")
    );
    insta::assert_snapshot!(
        "python_obstacle_client",
        file(&files, "src/obstacle_course/_client.py")
    );
}

#[test]
fn rendering_twice_gives_identical_bytes_with_headers() {
    let api = load("../spec");
    let a = bizgen::python::render_package(&api).expect("render");
    let b = bizgen::python::render_package(&api).expect("render");
    assert_eq!(a, b);
    for (path, text) in &a {
        let ext = path.extension().and_then(|e| e.to_str());
        if ext == Some("py") || ext == Some("toml") {
            assert!(
                text.starts_with(bizgen::python::HEADER),
                "{} lacks the @generated header",
                path.display()
            );
        }
        assert!(
            !text.contains("\n\n\n\n"),
            "{} has three blank lines in a row",
            path.display()
        );
        for banned in ["# type: ignore", "# noqa", "Optional["] {
            assert!(!text.contains(banned), "{} has {banned:?}", path.display());
        }
    }
    let pyproject = file(&a, "pyproject.toml");
    for line in [
        "name = \"customer-api\"",
        "requires-python = \">=3.9\"",
        "dependencies = [\"httpx>=0.23.0,<1\"]",
    ] {
        assert!(pyproject.contains(line), "{line} missing:\n{pyproject}");
    }
    assert_eq!(file(&a, "src/customer_api/py.typed"), "");
}

#[test]
fn generate_keeps_hand_written_files_and_caches_beside_the_package() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("python-hand-written");
    let _ = std::fs::remove_dir_all(&tmp);
    let files = bizgen::generate::outputs(&load("../spec"), &Default::default()).expect("outputs");
    bizgen::generate::write(&tmp, &files).expect("write");
    let pkg = tmp.join("python/src/customer_api");
    let mine = pkg.join("extra.py");
    let stale = pkg.join("services/gone.py");
    let cache = pkg.join("__pycache__/errors.cpython-311.pyc");
    std::fs::write(&mine, "MINE = 1\n").expect("mine");
    std::fs::write(&stale, format!("{}\nGONE = 1\n", bizgen::python::HEADER)).expect("stale");
    std::fs::create_dir_all(cache.parent().expect("dir")).expect("mkdir");
    std::fs::write(&cache, b"\x00").expect("cache");

    let drift = bizgen::generate::check(&tmp, &files).expect("check");
    let stale_paths: Vec<String> = drift
        .iter()
        .map(|d| d.path().display().to_string())
        .collect();
    assert!(
        stale_paths.iter().all(|p| !p.contains("__pycache__")),
        "bytecode caches are not drift: {stale_paths:?}"
    );
    let report = bizgen::generate::write(&tmp, &files).expect("rewrite");
    assert!(
        mine.exists() && cache.exists(),
        "hand-written files and caches are kept"
    );
    assert!(!stale.exists(), "a stale generated module is removed");
    assert_eq!(
        report.kept,
        vec![PathBuf::from("python/src/customer_api/extra.py")]
    );
    assert_eq!(
        report.removed,
        vec![PathBuf::from("python/src/customer_api/services/gone.py")]
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
