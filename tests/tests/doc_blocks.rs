//! The fast half of the docs' verbatim-block check (issue 21): every fenced
//! block of `generated/docs/**`, the root README and the package READMEs is
//! of a language some check knows, a `not-run` marker always gives its
//! reason, shell blocks parse, TypeScript blocks type-check with the
//! package's tsc and Python blocks with `mypy --strict`. Identical blocks
//! are checked once. No harness, so the counts print in every run.
//!
//! The slow half, `scripts/doc-blocks run` (in `.ci/run`), also compiles the
//! Rust blocks in a crate outside the workspace with the generated crate's
//! default features, and runs the shell, Python and Rust blocks against the
//! mock in a network namespace of their own.

use std::path::PathBuf;
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = Command::new("python3")
        .arg(root.join("scripts/doc-blocks"))
        .arg("check")
        .output();
    let output = match output {
        Ok(o) => o,
        Err(e) => {
            eprintln!("doc_blocks: cannot run python3 scripts/doc-blocks: {e}");
            return ExitCode::FAILURE;
        }
    };
    print!("{}", String::from_utf8_lossy(&output.stdout));
    eprint!("{}", String::from_utf8_lossy(&output.stderr));
    if output.status.success() {
        ExitCode::SUCCESS
    } else {
        eprintln!("doc_blocks: a block does not pass as written (FAIL lines above)");
        ExitCode::FAILURE
    }
}
