//! The CLI, the build-script helper and the proc-macro produce the same
//! code, and generating twice gives the same bytes.

mod common;

use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn cli_builder_and_macro_emit_identical_code() {
    let api = common::api();
    let items = bizgen::rust::render_items(&api).expect("render");

    // CLI: the checked-in crate (also proves it is in sync).
    let cli = std::fs::read_to_string(repo().join("generated/src/api.rs")).expect("api.rs");
    assert_eq!(
        cli,
        format!("{}\n{items}", bizgen::rust::HEADER),
        "generated/src/api.rs is not the CLI's output: run `bizgen generate`"
    );

    // Build script: the file written into OUT_DIR by tests/build.rs.
    let built = std::fs::read_to_string(PathBuf::from(env!("OUT_DIR")).join("customer_api.rs"))
        .expect("OUT_DIR file");
    assert_eq!(built, cli);

    // Proc-macro: the expansion the macro returns, formatted.
    let (tokens, tracked) =
        bizgen::expand::macro_expansion(&PathBuf::from(env!("CARGO_MANIFEST_DIR")), "../spec")
            .expect("expansion");
    assert_eq!(bizgen::rust::format(tokens).expect("format"), items);
    assert!(
        tracked.len() >= 5,
        "the macro tracks every spec file for rebuilds"
    );
}

#[test]
fn all_three_compile_to_the_same_api() {
    // The modules exist and agree on the operations they describe.
    let a: Vec<_> = customer_api::operations().map(|o| o.path).collect();
    let b: Vec<_> = bizgen_tests::from_build_script::operations()
        .map(|o| o.path)
        .collect();
    let c: Vec<_> = bizgen_tests::from_macro::operations()
        .map(|o| o.path)
        .collect();
    assert_eq!(a.len(), 58);
    assert_eq!(a, b);
    assert_eq!(a, c);
}

#[test]
fn generation_is_deterministic() {
    let first = bizgen::generate::outputs(&common::api(), &Default::default()).expect("outputs");
    let second = bizgen::generate::outputs(&common::api(), &Default::default()).expect("outputs");
    assert_eq!(first, second);
}

/// `bizgen check --out DIR` on the repository's spec: exit code, stdout, stderr.
fn check(out_dir: &std::path::Path) -> (std::process::ExitCode, String, String) {
    let args = [
        "bizgen",
        "--spec",
        &repo().join("spec").display().to_string(),
        "check",
        "--out",
        &out_dir.display().to_string(),
    ]
    .map(String::from);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = bizgen::cli::run(args, &mut out, &mut err);
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (code, text(out), text(err))
}

#[test]
fn bizgen_check_passes_on_the_repository() {
    let (code, out, err) = check(&repo().join("generated"));
    assert_eq!(code, std::process::ExitCode::SUCCESS, "{out}{err}");
}

#[test]
fn bizgen_check_reports_drift_with_a_diff() {
    let tmp = std::env::temp_dir().join(format!("bizgen-drift-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let files = bizgen::generate::outputs(&common::api(), &Default::default()).expect("outputs");
    bizgen::generate::write(&tmp, &files).expect("write");
    let lib = tmp.join("src/api.rs");
    let text = std::fs::read_to_string(&lib)
        .expect("read")
        .replace("pub const API_VERSION", "pub const API_VERSIONX");
    std::fs::write(&lib, text).expect("edit");
    std::fs::write(tmp.join("src/stale.rs"), "// left over").expect("stale");
    let (code, out, err) = check(&tmp);
    assert_eq!(code, std::process::ExitCode::from(1));
    assert!(
        out.contains("-pub const API_VERSIONX") && out.contains("+pub const API_VERSION"),
        "{out}"
    );
    assert!(out.contains("stale"), "{out}");
    assert!(err.contains("bizgen generate"), "{err}");
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn macro_compile_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}

#[test]
fn generate_removes_stale_generated_files_but_never_hand_written_ones() {
    let tmp = std::env::temp_dir().join(format!("bizgen-stale-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let files = bizgen::generate::outputs(&common::api(), &Default::default()).expect("outputs");
    bizgen::generate::write(&tmp, &files).expect("write");
    let old_page = tmp.join("docs/operations/old-service/gone.md");
    std::fs::create_dir_all(old_page.parent().expect("parent")).expect("dir");
    std::fs::write(&old_page, "# gone\n").expect("stale page");
    let old_rs = tmp.join("src/old.rs");
    std::fs::write(
        &old_rs,
        format!("{}\nfn old() {{}}\n", bizgen::rust::HEADER),
    )
    .expect("stale rs");
    let mine = tmp.join("src/mine.rs");
    std::fs::write(&mine, "// written by hand\n").expect("hand-written");

    let report = bizgen::generate::write(&tmp, &files).expect("rewrite");
    assert!(
        report.written.is_empty(),
        "unchanged files are not rewritten"
    );
    assert!(
        !old_page.exists() && !old_rs.exists(),
        "stale generated files are removed"
    );
    assert!(mine.exists(), "a hand-written file is kept");
    assert_eq!(report.kept, vec![std::path::PathBuf::from("src/mine.rs")]);
    let _ = std::fs::remove_dir_all(&tmp);
}
