//! Where the cache lives: in the cargo target directory the output
//! directory builds into, as cargo finds it, never in the output itself.

use std::path::{Path, PathBuf};

/// The folder of bizgen's caches for `out_dir`: `$BIZGEN_CACHE_DIR` when
/// set; else `bizgen/` in `$CARGO_TARGET_DIR`; else in the `target/` of
/// the cargo workspace that encloses `out_dir` (a `Cargo.toml` with a
/// `[workspace]` table above it); else in `out_dir/target/`, where cargo
/// builds the generated crate when no workspace encloses it. `None` when
/// `$BIZGEN_CACHE_DIR` is `off` or the directory cannot be made absolute.
pub fn cache_root(out_dir: &Path) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("BIZGEN_CACHE_DIR") {
        return (dir != "off").then(|| PathBuf::from(dir));
    }
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR").filter(|d| !d.is_empty()) {
        return Some(std::path::absolute(dir).ok()?.join("bizgen"));
    }
    let out_dir = std::path::absolute(out_dir).ok()?;
    let workspace = out_dir
        .ancestors()
        .skip(1)
        .find(|dir| is_workspace_root(&dir.join("Cargo.toml")));
    Some(workspace.unwrap_or(&out_dir).join("target").join("bizgen"))
}

/// Whether the manifest has a `[workspace]` table.
fn is_workspace_root(manifest: &Path) -> bool {
    std::fs::read_to_string(manifest)
        .is_ok_and(|text| text.lines().any(|l| l.trim() == "[workspace]"))
}
