//! The proc-macro front-end (`bizgen_macros::generate!`): the items for a
//! spec directory and the files to track, or an error whose text the macro
//! turns into `compile_error!`.

use std::path::{Path, PathBuf};

/// The proc-macro front-end: the items for a spec directory, or a message
/// for `compile_error!` that names file:line:column.
pub fn macro_expansion(
    manifest_dir: &Path,
    spec_dir: &str,
) -> crate::Result<(proc_macro2::TokenStream, Vec<PathBuf>)> {
    let dir = manifest_dir.join(spec_dir);
    // Diagnostics name files by this path: without `..` segments they read better.
    let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    let loaded = crate::spec::load_dir(&dir)?;
    let files = loaded
        .files
        .paths
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .collect();
    Ok((crate::rust::items(&loaded.api), files))
}
