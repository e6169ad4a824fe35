//! Benchmark of loading and validating the full spec.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};

fn spec_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn load_and_validate(c: &mut Criterion) {
    let dir = spec_dir();
    // Fail loudly rather than measure the error path.
    let loaded = bizgen::load_dir(&dir).unwrap_or_else(|e| panic!("spec does not load:\n{e}"));
    assert_eq!(loaded.api.operations().count(), 58);
    c.bench_function("load_and_validate_full_spec", |b| {
        b.iter(|| {
            let loaded = bizgen::load_dir(std::hint::black_box(&dir)).expect("spec loads");
            std::hint::black_box(loaded)
        })
    });
}

criterion_group!(benches, load_and_validate);
criterion_main!(benches);
