//! Benchmark of `bizgen generate` on the full spec: load, then render every
//! output (Rust crate, docs, TypeScript package, OpenAPI and Postman
//! exports) in memory, and each emitter alone.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};

fn spec_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn generate(c: &mut Criterion) {
    let dir = spec_dir();
    let options = bizgen::generate::Options::default();
    let loaded = bizgen::load_dir(&dir).unwrap_or_else(|e| panic!("spec does not load:\n{e}"));
    c.bench_function("generate_full_spec", |b| {
        b.iter(|| {
            let loaded = bizgen::load_dir(std::hint::black_box(&dir)).expect("spec loads");
            let files = bizgen::generate::outputs(&loaded.api, &options).expect("generates");
            std::hint::black_box(files)
        })
    });
    c.bench_function("emit_rust_only", |b| {
        b.iter(|| std::hint::black_box(bizgen::rust::render_items(&loaded.api).expect("renders")))
    });
    c.bench_function("emit_rust_tokens_only", |b| {
        b.iter(|| std::hint::black_box(bizgen::rust::items(&loaded.api)))
    });
    let tokens = bizgen::rust::items(&loaded.api);
    c.bench_function("format_rust_only", |b| {
        b.iter(|| std::hint::black_box(bizgen::rust::format(tokens.clone()).expect("formats")))
    });
    c.bench_function("emit_typescript_only", |b| {
        b.iter(|| {
            std::hint::black_box(bizgen::typescript::render_package(&loaded.api).expect("renders"))
        })
    });
    c.bench_function("render_docs_only", |b| {
        b.iter(|| std::hint::black_box(bizgen::docs::render_docs(&loaded.api).expect("renders")))
    });
    c.bench_function("emit_openapi_both_versions", |b| {
        b.iter(|| std::hint::black_box(bizgen::openapi::files(&loaded.api).expect("renders")))
    });
    c.bench_function("emit_postman_only", |b| {
        b.iter(|| std::hint::black_box(bizgen::postman::files(&loaded.api).expect("renders")))
    });
}

criterion_group!(benches, generate);
criterion_main!(benches);
