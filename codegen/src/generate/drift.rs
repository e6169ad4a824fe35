//! The drift check behind `bizgen check`: the outputs compared with what is
//! on disk, as unified diffs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::disk::stale_files;

/// One difference between the outputs and the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    Missing(PathBuf),
    Stale(PathBuf),
    Changed { path: PathBuf, diff: String },
}

/// Compares the outputs with `out_dir`; empty when in sync.
pub fn check(out_dir: &Path, files: &BTreeMap<PathBuf, String>) -> std::io::Result<Vec<Drift>> {
    let mut drift = Vec::new();
    for (rel, want) in files {
        match std::fs::read_to_string(out_dir.join(rel)) {
            Ok(have) if have == *want => {}
            Ok(have) => {
                let diff = similar::TextDiff::from_lines(&have, want)
                    .unified_diff()
                    .context_radius(3)
                    .header(
                        &format!("a/{}", rel.display()),
                        &format!("b/{}", rel.display()),
                    )
                    .to_string();
                drift.push(Drift::Changed {
                    path: rel.clone(),
                    diff,
                });
            }
            Err(_) => drift.push(Drift::Missing(rel.clone())),
        }
    }
    for stale in stale_files(out_dir, files)? {
        drift.push(Drift::Stale(stale));
    }
    Ok(drift)
}
