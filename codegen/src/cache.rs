//! The cache that makes a regeneration cost what changed, kept in the cargo
//! target directory (`location`), never in the output: a record of the last
//! run (`record`: the spec's bytes, the build, the files written, to skip a
//! run whose inputs and outputs did not change), the formatted Rust of
//! each part by its tokens (`format`) and the proc-macro's expansion of a
//! spec directory (`expansion`). Nothing in it is trusted blindly:
//! every entry is keyed by this build's id (`BUILD_ID`, a fingerprint of
//! bizgen's sources, templates and lock file), and a missing, stale or
//! corrupt cache only means a full run with the same output.

pub mod expansion;
pub mod format;
pub mod hash;
pub mod location;
pub mod record;

use std::path::{Path, PathBuf};

pub use format::FormatCache;
pub use hash::{digest, Digest};
pub use record::{Output, Record};

/// The build's fingerprint (from `build.rs`): caches of another build are
/// never read.
pub const BUILD_ID: &str = env!("BIZGEN_BUILD_ID");

/// The cache of one output directory with one set of options, and the
/// spec's files as they are now.
#[derive(Debug)]
pub struct Session {
    /// This output directory's folder in the cache.
    dir: PathBuf,
    out_dir: PathBuf,
    /// The inputs of a run: the output options, the spec files' bytes.
    key: String,
}

impl Session {
    /// The cache of `out_dir` for the spec in `spec_dir` and `options`
    /// (anything `Debug` that decides the output); `None` when there is no
    /// place for it ([`location::cache_root`]).
    pub fn open(
        spec_dir: &Path,
        out_dir: &Path,
        options: &impl std::fmt::Debug,
    ) -> Option<Session> {
        let root = location::cache_root(out_dir)?;
        let out_abs = std::path::absolute(out_dir).ok()?;
        let place = hash::Hasher::default()
            .str(&out_abs.to_string_lossy())
            .str(&format!("{options:?}"))
            .finish();
        Some(Session {
            dir: root.join(format!("{place}")),
            out_dir: out_dir.to_path_buf(),
            key: inputs_key(spec_dir, &place),
        })
    }

    fn record_path(&self) -> PathBuf {
        self.dir.join("run.json")
    }

    /// The last run's record when it can stand for a run now: same build,
    /// options and spec bytes, and every file it wrote still as it was.
    pub fn reusable(&self) -> Option<Record> {
        let text = std::fs::read(self.record_path()).ok()?;
        let record: Record = serde_json::from_slice(&text).ok()?;
        if record.build != BUILD_ID
            || record.key != self.key
            || !record.outputs_intact(&self.out_dir)
        {
            return None;
        }
        if record.worth_refreshing() {
            let record = record.refreshed();
            self.write(&record);
            return Some(record);
        }
        Some(record)
    }

    /// The cache of formatted Rust, to pass to the Rust target.
    pub fn format_cache(&self) -> FormatCache {
        FormatCache::open(&self.dir.join("rust-format.pack"))
    }

    /// Records a run that left `out_dir` holding exactly `outputs`, with
    /// the spec's `warnings`. Failing to write the cache fails nothing.
    pub fn save(&self, warnings: Vec<String>, outputs: Vec<(PathBuf, u64, Digest)>) {
        self.write(&Record::new(
            self.key.clone(),
            warnings,
            outputs,
            &self.out_dir,
        ));
    }

    fn write(&self, record: &Record) {
        let path = self.record_path();
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let written = std::fs::create_dir_all(&self.dir)
            .and_then(|()| serde_json::to_vec(record).map_err(std::io::Error::other))
            .and_then(|bytes| std::fs::write(&tmp, bytes))
            .and_then(|()| std::fs::rename(&tmp, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }

    /// Forgets the last run (the output directory is not what it recorded).
    pub fn forget(&self) {
        let _ = std::fs::remove_file(self.record_path());
    }
}

/// The digest of what decides a run's output: the build, the place and
/// options, and each spec file's path and bytes as the loader finds them.
/// A spec that cannot be listed or read gets a key no record has.
pub(crate) fn inputs_key(spec_dir: &Path, place: &Digest) -> String {
    let mut hasher = hash::Hasher::default();
    hasher.str(BUILD_ID).str(&place.to_string());
    match crate::spec::yaml_files(spec_dir) {
        Ok(files) => {
            for file in files {
                hasher.str(&file.to_string_lossy());
                match std::fs::read(&file) {
                    Ok(bytes) => hasher.write(&bytes),
                    Err(_) => return format!("unreadable {}", file.display()),
                };
            }
        }
        Err(_) => return "unlisted".to_owned(),
    }
    hasher.finish().to_string()
}
