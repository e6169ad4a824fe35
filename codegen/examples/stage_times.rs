//! Time and peak memory of each stage of `bizgen generate`, for profiling
//! (`scripts/scale-bench` times the whole command): load, each emitter
//! alone (the Rust one split into emitting tokens, parsing them with syn
//! and printing with prettyplease, and the format cache's key: the tokens'
//! text and its digest), then the whole `outputs` call as `generate` runs it.
//!
//! Usage: `cargo run --release -p bizgen --example stage_times -- SPEC_DIR`

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "spec".into());
    let t = Instant::now();
    let loaded = match bizgen::load_dir(Path::new(&dir)) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    report("load", t);
    let api = &loaded.api;
    let stages: [(&str, &dyn Fn() -> bizgen::Result<()>); 11] = [
        ("rust (all threads)", &|| {
            bizgen::rust::render_crate(api).map(drop)
        }),
        ("  tokens", &|| {
            drop(bizgen::rust::items(api));
            Ok(())
        }),
        ("  tokens + text + digest", &|| {
            // What the format cache pays per part to find its entry.
            let text = bizgen::rust::items(api).to_string();
            std::hint::black_box(bizgen::cache::digest(text.as_bytes()));
            Ok(())
        }),
        ("  tokens + syn parse", &|| {
            syn::parse2::<syn::File>(bizgen::rust::items(api))
                .map(drop)
                .map_err(bizgen::Error::Unparsable)
        }),
        ("  tokens + parse + print", &|| {
            bizgen::rust::format(bizgen::rust::items(api)).map(drop)
        }),
        ("docs", &|| bizgen::docs::render_docs(api).map(drop)),
        ("typescript", &|| {
            bizgen::typescript::render_package(api).map(drop)
        }),
        ("python", &|| bizgen::python::render_package(api).map(drop)),
        ("openapi (3.1 and 3.0)", &|| {
            bizgen::openapi::files(api).map(drop)
        }),
        ("postman", &|| bizgen::postman::files(api).map(drop)),
        ("outputs (as generate)", &|| {
            bizgen::generate::outputs(api, &Default::default()).map(drop)
        }),
    ];
    for (label, stage) in stages {
        let t = Instant::now();
        if let Err(e) = stage() {
            eprintln!("{label}: {e}");
            return ExitCode::FAILURE;
        }
        report(label, t);
    }
    ExitCode::SUCCESS
}

/// Prints the stage's wall time and the peak RSS since the last report.
fn report(label: &str, since: Instant) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let megabytes = |field: &str| {
        status
            .lines()
            .find(|l| l.starts_with(field))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    println!(
        "{label:<26} {:>8.1} ms   peak RSS {:>5} MB",
        since.elapsed().as_secs_f64() * 1e3,
        megabytes("VmHWM:"),
    );
    // Linux: resets the peak, so that each line's peak is its stage's own.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
