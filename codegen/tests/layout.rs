//! The output layout rule, on the spec and on its 10-times copy (made in
//! memory by `bizgen::scale`): no generated Rust file but the index
//! `lib.rs` grows with the whole API. Types are split by spec file, mock
//! rows live in their service's module, so that every other file stays the
//! size of one spec file or one service. The TypeScript package likewise,
//! but for its indexes and `schemas.ts`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn api(copies: usize) -> bizgen::ir::Api {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let sources = bizgen::scale::copies(&spec, copies).expect("copies of the spec");
    bizgen::spec::load_sources(sources)
        .unwrap_or_else(|e| panic!("the {copies}× spec does not load:\n{e}"))
        .api
}

/// The largest file but `lib.rs`, and `lib.rs`'s size, in bytes.
fn sizes(files: &[(PathBuf, String)]) -> ((&Path, usize), usize) {
    let lib = Path::new("src/lib.rs");
    let largest = files
        .iter()
        .filter(|(path, _)| path != lib)
        .map(|(path, text)| (path.as_path(), text.len()))
        .max_by_key(|&(_, len)| len)
        .expect("files besides lib.rs");
    let lib = files
        .iter()
        .find(|(path, _)| path == lib)
        .map_or(0, |(_, text)| text.len());
    (largest, lib)
}

#[test]
fn no_rust_file_but_lib_rs_grows_with_the_api() {
    let (one, ten) = (api(1), api(10));
    assert_eq!(
        ten.operations().count(),
        10 * one.operations().count(),
        "the 10× spec has 10 times the operations"
    );
    let one_files = bizgen::rust::render_crate(&one).expect("render 1×");
    let ten_files = bizgen::rust::render_crate(&ten).expect("render 10×");
    let ((one_path, one_largest), one_lib) = sizes(&one_files);
    let ((ten_path, ten_largest), ten_lib) = sizes(&ten_files);
    // Copies rename every type (`AccountX7`): a little longer, not more.
    assert!(
        ten_largest * 10 <= one_largest * 11,
        "{} has {ten_largest} bytes at 10×; the largest file at 1× ({}) has {one_largest}",
        ten_path.display(),
        one_path.display()
    );
    // The index lists services (and the modules of `types`), nothing per
    // operation or type: at most linear in the copies.
    assert!(
        ten_lib <= one_lib * 10,
        "lib.rs has {ten_lib} bytes at 10×, {one_lib} at 1×"
    );
    let types_files = |files: &[(PathBuf, String)]| {
        files
            .iter()
            .filter(|(path, _)| path.starts_with("src/types"))
            .count()
    };
    assert_eq!(
        types_files(&ten_files),
        10 * types_files(&one_files),
        "one file of `types` per spec file that declares types"
    );
}

/// The largest file of a TypeScript package but the given ones.
fn largest_ts<'a>(files: &'a BTreeMap<String, String>, except: &[&str]) -> (&'a str, usize) {
    files
        .iter()
        .filter(|(path, _)| path.ends_with(".ts") && !except.contains(&path.as_str()))
        .map(|(path, text)| (path.as_str(), text.len()))
        .max_by_key(|&(_, len)| len)
        .expect("TypeScript files")
}

#[test]
fn no_typescript_file_but_the_indexes_grows_with_the_api() {
    let one = bizgen::typescript::render_package(&api(1)).expect("render 1×");
    let ten = bizgen::typescript::render_package(&api(10)).expect("render 10×");
    // The indexes list services and type modules. `schemas.ts` holds the
    // decoders of every response type in dependency order: split by spec
    // file, its modules could import each other in a cycle, which ES
    // modules do not evaluate in order. It still grows with the API.
    let except = [
        "src/index.ts",
        "src/client.ts",
        "src/types.ts",
        "src/schemas.ts",
    ];
    let (one_path, one_largest) = largest_ts(&one, &except);
    let (ten_path, ten_largest) = largest_ts(&ten, &except);
    assert!(
        ten_largest * 10 <= one_largest * 11,
        "{ten_path} has {ten_largest} bytes at 10×; the largest file at 1× ({one_path}) has {one_largest}"
    );
}

#[test]
fn no_python_file_but_the_indexes_grows_with_the_api() {
    let largest = |files: &[(PathBuf, String)]| {
        files
            .iter()
            .filter(|(path, _)| {
                path.extension().is_some_and(|e| e == "py")
                    && !path.ends_with("__init__.py")
                    && !path.ends_with("_client.py")
            })
            .map(|(path, text)| (path.clone(), text.len()))
            .max_by_key(|(_, len)| *len)
            .expect("Python files")
    };
    let one = bizgen::python::render_package(&api(1)).expect("render 1×");
    let ten = bizgen::python::render_package(&api(10)).expect("render 10×");
    let (one_path, one_largest) = largest(&one);
    let (ten_path, ten_largest) = largest(&ten);
    // The indexes (`__init__.py` of the package, `types` and `services`) and
    // the clients list modules and services; decoders are per type, lazily
    // resolved, so no module needs every type.
    assert!(
        ten_largest * 10 <= one_largest * 11,
        "{} has {ten_largest} bytes at 10×; the largest file at 1× ({}) has {one_largest}",
        ten_path.display(),
        one_path.display()
    );
}
