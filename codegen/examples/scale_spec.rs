//! Writes the N-times spec of the scaling benchmark (`scripts/scale-bench`)
//! to a directory: [`bizgen::scale::copies`] of `spec/` (or `SPEC_DIR`).
//!
//! Usage: `cargo run --release -p bizgen --example scale_spec -- N OUT_DIR [SPEC_DIR]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: scale_spec N OUT_DIR [SPEC_DIR]");
        return ExitCode::from(2);
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("N must be a positive integer, not {n:?}");
        return ExitCode::from(2);
    };
    let spec = args.get(2).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec"),
        PathBuf::from,
    );
    match write(n.max(1), &spec, Path::new(out)) {
        Ok(ops) => {
            println!("{} copies, {ops} operations in {out}", n.max(1));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("scale_spec: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the copies into `out` (emptied first); the number of operations.
fn write(n: usize, spec: &Path, out: &Path) -> Result<usize, String> {
    let files = bizgen::scale::copies(spec, n).map_err(|e| e.to_string())?;
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let mut operations = 0;
    for file in files {
        operations += bizgen::scale::count_operations(&file.text);
        let path = out.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, &file.text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(operations)
}
