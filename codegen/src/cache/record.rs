//! The record of the last run: what it was made from (build, options, spec
//! bytes: one key) and every file it left in the output directory, with
//! size, modification time and digest. While all of it holds, a run would
//! write the same bytes over the same bytes: `generate` and `check` skip it.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::hash::Digest;

/// A file's modification time more recent than this before the record
/// was made may hide a later change of the same size within the file
/// system's timestamp granularity: such a file is checked by its digest.
const RACY_NS: u64 = 2_000_000_000;

#[derive(Debug, Serialize, Deserialize)]
pub struct Record {
    pub build: String,
    pub key: String,
    /// When the record was made, in nanoseconds since the epoch.
    pub recorded_ns: u64,
    /// The spec's warnings, rendered, to show again when the run is skipped.
    pub warnings: Vec<String>,
    pub outputs: Vec<Output>,
}

/// One file of the output directory as the run left it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Output {
    pub path: PathBuf,
    pub size: u64,
    pub mtime_ns: u64,
    pub digest: String,
}

impl Record {
    /// The record of `outputs` (path, size, digest) as they are in `out_dir` now.
    pub(super) fn new(
        key: String,
        warnings: Vec<String>,
        outputs: Vec<(PathBuf, u64, Digest)>,
        out_dir: &Path,
    ) -> Record {
        let mut outputs: Vec<Output> = outputs
            .into_iter()
            .map(|(path, size, digest)| Output {
                // A file whose time cannot be read never matches (0).
                mtime_ns: mtime_ns(&out_dir.join(&path)).unwrap_or(0),
                path,
                size,
                digest: digest.to_string(),
            })
            .collect();
        outputs.sort_by(|a, b| a.path.cmp(&b.path));
        Record {
            build: super::BUILD_ID.to_owned(),
            key,
            recorded_ns: now_ns(),
            warnings,
            outputs,
        }
    }

    /// Whether every file is as recorded: same size and modification time,
    /// and, when that time is too close to the record's, same digest.
    pub(super) fn outputs_intact(&self, out_dir: &Path) -> bool {
        !self.outputs.is_empty()
            && self.outputs.iter().all(|o| {
                let path = out_dir.join(&o.path);
                let Ok(meta) = std::fs::metadata(&path) else {
                    return false;
                };
                let mtime = meta.modified().ok().and_then(ns_since_epoch);
                if meta.len() != o.size || mtime != Some(o.mtime_ns) || o.mtime_ns == 0 {
                    return false;
                }
                if !self.racy(o) {
                    return true;
                }
                std::fs::read(&path)
                    .is_ok_and(|bytes| super::digest(&bytes).to_string() == o.digest)
            })
    }
}

impl Record {
    fn racy(&self, output: &Output) -> bool {
        output.mtime_ns.saturating_add(RACY_NS) >= self.recorded_ns
    }

    /// Whether some file had to be checked by its digest, and would not
    /// now: then the record is worth saving again with the current time.
    pub(super) fn worth_refreshing(&self) -> bool {
        let now = now_ns();
        self.outputs
            .iter()
            .any(|o| self.racy(o) && o.mtime_ns.saturating_add(RACY_NS) < now)
    }

    /// The record made again now, files unchanged.
    pub(super) fn refreshed(mut self) -> Record {
        self.recorded_ns = now_ns();
        self
    }
}

fn mtime_ns(path: &Path) -> Option<u64> {
    std::fs::metadata(path)
        .ok()?
        .modified()
        .ok()
        .and_then(ns_since_epoch)
}

fn ns_since_epoch(time: SystemTime) -> Option<u64> {
    u64::try_from(time.duration_since(UNIX_EPOCH).ok()?.as_nanos()).ok()
}

fn now_ns() -> u64 {
    ns_since_epoch(SystemTime::now()).unwrap_or(u64::MAX)
}
