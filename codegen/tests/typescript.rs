//! The TypeScript package: deterministic, snapshots of the obstacle course
//! (hostile names), and `generate` keeps hand-written files beside it.
//! (tsc and node judge the package in `tests/tests/typescript.rs`.)

use std::path::{Path, PathBuf};

fn load(dir: &str) -> bizgen::ir::Api {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
    bizgen::load_dir(&dir)
        .unwrap_or_else(|e| panic!("spec does not load:\n{e}"))
        .api
}

#[test]
fn obstacle_course_snapshots() {
    let api = load("../tests/obstacle-spec");
    let files = bizgen::typescript::render_package(&api).expect("render");
    insta::assert_snapshot!("obstacle_types_index", files["src/types.ts"]);
    insta::assert_snapshot!("obstacle_types", files["src/types/api.ts"]);
    insta::assert_snapshot!("obstacle_alpha", files["src/services/alpha.ts"]);
    insta::assert_snapshot!("obstacle_index", files["src/index.ts"]);
}

#[test]
fn rendering_twice_gives_identical_bytes() {
    let api = load("../spec");
    let a = bizgen::typescript::render_package(&api).expect("render");
    let b = bizgen::typescript::render_package(&api).expect("render");
    assert_eq!(a, b);
    for (path, text) in &a {
        if path.ends_with(".ts") {
            assert!(
                text.starts_with(bizgen::typescript::HEADER),
                "{path} lacks the @generated header"
            );
        }
        assert!(
            !text.contains("\n\n\n"),
            "{path} has two blank lines in a row"
        );
    }
    let package: serde_json::Value = serde_json::from_str(&a["package.json"]).expect("json");
    assert_eq!(package["name"], "customer-api");
    assert_eq!(package["type"], "module");
    assert!(
        package.get("dependencies").is_none(),
        "no runtime dependencies"
    );
}

#[test]
fn generate_keeps_hand_written_files_beside_the_package() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ts-hand-written");
    let _ = std::fs::remove_dir_all(&tmp);
    let files = bizgen::generate::outputs(&load("../spec"), &Default::default()).expect("outputs");
    bizgen::generate::write(&tmp, &files).expect("write");
    let lock = tmp.join("ts/package-lock.json");
    let mine = tmp.join("ts/src/extra.ts");
    let stale = tmp.join("ts/src/services/gone.ts");
    std::fs::write(&lock, "{}\n").expect("lock");
    std::fs::write(&mine, "export const mine = 1;\n").expect("mine");
    std::fs::write(
        &stale,
        format!("{}\nexport {{}};\n", bizgen::typescript::HEADER),
    )
    .expect("stale");

    let report = bizgen::generate::write(&tmp, &files).expect("rewrite");
    assert!(
        lock.exists() && mine.exists(),
        "hand-written files are kept"
    );
    assert!(!stale.exists(), "a stale generated file is removed");
    assert_eq!(report.kept, vec![PathBuf::from("ts/src/extra.ts")]);
    assert_eq!(
        report.removed,
        vec![PathBuf::from("ts/src/services/gone.ts")]
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
