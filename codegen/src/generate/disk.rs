//! Writing the outputs to disk: only changed files are rewritten (atomically),
//! stale generated files are removed, files written by hand are kept.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Directories below the output that belong to the generator: files there
/// that it would not write are stale.
const OWNED_DIRS: &[&str] = &["src", "docs", "ts/src", "openapi", "postman"];

/// Writes the outputs, removing stale files in generator-owned directories.
/// Files whose content is unchanged are not rewritten (keeps mtimes, so
/// cargo does not rebuild needlessly).
pub fn write(out_dir: &Path, files: &BTreeMap<PathBuf, String>) -> std::io::Result<WriteReport> {
    let mut report = WriteReport::default();
    for (rel, text) in files {
        let path = out_dir.join(rel);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            report.unchanged += 1;
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        // Write beside, then rename: an interrupted run leaves the old file whole.
        let tmp = path.with_extension("bizgen-tmp");
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, &path)?;
        report.written.push(rel.clone());
    }
    for stale in stale_files(out_dir, files)? {
        let path = out_dir.join(&stale);
        if was_generated(&stale, &path) {
            std::fs::remove_file(path)?;
            report.removed.push(stale);
        } else {
            // Not ours: never delete a file someone wrote by hand.
            report.kept.push(stale);
        }
    }
    Ok(report)
}

/// Whether a stale file is one the generator wrote: Rust and TypeScript
/// files carry the `@generated` header; markdown below `docs/` is all generated.
fn was_generated(rel: &Path, path: &Path) -> bool {
    match rel.extension().and_then(|e| e.to_str()) {
        Some("md") => rel.starts_with("docs"),
        // JSON cannot carry a header: the exports' directories are all generated.
        Some("json") => rel.starts_with("openapi") || rel.starts_with("postman"),
        Some("bizgen-tmp") => true,
        Some("ts") => {
            std::fs::read_to_string(path).is_ok_and(|t| t.starts_with(crate::typescript::HEADER))
        }
        _ => std::fs::read_to_string(path).is_ok_and(|t| t.starts_with(crate::rust::HEADER)),
    }
}

#[derive(Debug, Default)]
pub struct WriteReport {
    pub written: Vec<PathBuf>,
    /// Stale generated files that were removed.
    pub removed: Vec<PathBuf>,
    /// Stale files that were not generated, left in place (`check` reports them).
    pub kept: Vec<PathBuf>,
    pub unchanged: usize,
}

pub(super) fn stale_files(
    out_dir: &Path,
    files: &BTreeMap<PathBuf, String>,
) -> std::io::Result<Vec<PathBuf>> {
    let mut stale = Vec::new();
    for dir in OWNED_DIRS {
        let mut found = Vec::new();
        list_files(&out_dir.join(dir), &mut found)?;
        for path in found {
            if let Ok(rel) = path.strip_prefix(out_dir) {
                if !files.contains_key(rel) {
                    stale.push(rel.to_path_buf());
                }
            }
        }
    }
    stale.sort();
    Ok(stale)
}

fn list_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            list_files(&entry.path(), out)?;
        } else {
            out.push(entry.path());
        }
    }
    Ok(())
}
