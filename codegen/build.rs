//! Fingerprints the sources bizgen is built from (its code, templates and,
//! in this workspace, `Cargo.lock`) into `BIZGEN_BUILD_ID`: the cache
//! (`src/cache/`) is never trusted across builds that could render
//! differently, even when the version number stayed the same.

#[path = "src/cache/hash.rs"]
#[allow(dead_code)]
mod hash;

use std::path::{Path, PathBuf};

fn main() {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut files = Vec::new();
    for sub in [
        "src",
        "templates",
        "build.rs",
        "Cargo.toml",
        "../Cargo.lock",
    ] {
        let path = dir.join(sub);
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, &mut files);
        }
    }
    files.sort();
    let mut hasher = hash::Hasher::default();
    hasher.str(env!("CARGO_PKG_VERSION"));
    for file in &files {
        let rel = file.strip_prefix(&dir).unwrap_or(file);
        hasher.str(&rel.to_string_lossy());
        hasher.write(&std::fs::read(file).unwrap_or_default());
    }
    println!("cargo:rustc-env=BIZGEN_BUILD_ID={}", hasher.finish());
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    match std::fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries.flatten() {
                collect(&entry.path(), out);
            }
        }
        Err(_) => out.push(path.to_path_buf()),
    }
}
