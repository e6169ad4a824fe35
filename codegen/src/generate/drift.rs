//! The drift check behind `bizgen check`: the outputs compared with what is
//! on disk, as unified diffs. [`DriftChecker`] takes files one at a time,
//! from any thread, as the emitters render them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::disk::{same_content, stale_files};
use crate::target::Ownership;

/// One difference between the outputs and the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    Missing(PathBuf),
    Stale(PathBuf),
    Changed { path: PathBuf, diff: String },
}

impl Drift {
    /// The file it is about, relative to the output directory.
    pub fn path(&self) -> &Path {
        match self {
            Drift::Missing(p) | Drift::Stale(p) | Drift::Changed { path: p, .. } => p,
        }
    }
}

/// Compares the outputs with `out_dir`; empty when in sync.
pub fn check(out_dir: &Path, files: &BTreeMap<PathBuf, String>) -> std::io::Result<Vec<Drift>> {
    let checker = DriftChecker::new(out_dir, super::ownership());
    for (rel, want) in files {
        checker.file(rel, want);
    }
    checker.finish()
}

/// Compares files with an output directory as they come; [`finish`]
/// adds the stale files and sorts the result.
///
/// [`finish`]: DriftChecker::finish
#[derive(Debug)]
pub struct DriftChecker {
    out_dir: PathBuf,
    ownership: Ownership,
    state: Mutex<(Vec<Drift>, BTreeSet<PathBuf>)>,
}

impl DriftChecker {
    /// A checker of `out_dir` whose stale files are those of `ownership`'s folders.
    pub fn new(out_dir: &Path, ownership: Ownership) -> Self {
        DriftChecker {
            out_dir: out_dir.to_path_buf(),
            ownership,
            state: Mutex::new(Default::default()),
        }
    }

    /// Compares one file (path relative to the output directory) with the disk.
    pub fn file(&self, rel: &Path, want: &str) {
        let path = self.out_dir.join(rel);
        // Most files are in sync: compared in blocks, read whole only to diff.
        let drift = if same_content(&path, want.as_bytes()) {
            None
        } else {
            match std::fs::read_to_string(&path) {
                Ok(have) if have == want => None,
                Ok(have) => Some(Drift::Changed {
                    path: rel.to_path_buf(),
                    diff: similar::TextDiff::from_lines(have.as_str(), want)
                        .unified_diff()
                        .context_radius(3)
                        .header(
                            &format!("a/{}", rel.display()),
                            &format!("b/{}", rel.display()),
                        )
                        .to_string(),
                }),
                Err(_) => Some(Drift::Missing(rel.to_path_buf())),
            }
        };
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.1.insert(rel.to_path_buf());
        state.0.extend(drift);
    }

    /// Counts a file as compared and in sync, without looking.
    pub fn in_sync(&self, rel: &Path) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.1.insert(rel.to_path_buf());
    }

    /// How many files were compared so far.
    pub fn files(&self) -> usize {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .1
            .len()
    }

    /// Every difference, in path order, stale files last.
    pub fn finish(self) -> std::io::Result<Vec<Drift>> {
        let (mut drift, given) = self
            .state
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        drift.sort_by(|a, b| a.path().cmp(b.path()));
        for stale in stale_files(&self.out_dir, &self.ownership, &given)? {
            drift.push(Drift::Stale(stale));
        }
        Ok(drift)
    }
}
