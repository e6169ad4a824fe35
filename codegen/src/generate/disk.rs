//! Writing the outputs to disk: only changed files are rewritten (atomically),
//! stale generated files are removed, files written by hand are kept, and a
//! hand-written file at a path bizgen generates is refused, not overwritten
//! (unless forced; [`Claims`] says whose a file is).
//!
//! [`DiskWriter`] takes files one at a time, from any thread, as the
//! emitters render them: `bizgen generate` never holds the whole output in
//! memory, and the emitters' threads share the file-system work.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::target::{Claims, Ownership};

/// Writes the outputs, removing stale files in the folders the targets of
/// the registry own. Files whose content is unchanged are not rewritten
/// (keeps mtimes, so cargo does not rebuild needlessly).
pub fn write(out_dir: &Path, files: &BTreeMap<PathBuf, String>) -> std::io::Result<WriteReport> {
    let writer = DiskWriter::new(out_dir, super::ownership());
    for (rel, text) in files {
        writer.file(rel, text)?;
    }
    writer.finish()
}

/// Writes files into an output directory as they come, then removes the
/// stale ones ([`DiskWriter::finish`]).
#[derive(Debug)]
pub struct DiskWriter {
    out_dir: PathBuf,
    /// What is bizgen's in `out_dir`, surveyed before the first write.
    claims: Claims,
    /// Overwrite files that are not bizgen's too (`--force`).
    force: bool,
    /// Directories known to exist: one `create_dir_all` per directory, not per file.
    dirs: Mutex<HashSet<PathBuf>>,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    report: WriteReport,
    /// Every path given, written or not: what is not among them is stale.
    given: BTreeSet<PathBuf>,
}

impl DiskWriter {
    /// A writer into `out_dir` whose stale files are those of `ownership`'s folders.
    pub fn new(out_dir: &Path, ownership: Ownership) -> Self {
        DiskWriter {
            out_dir: out_dir.to_path_buf(),
            claims: Claims::survey(out_dir, ownership),
            force: false,
            dirs: Mutex::new(HashSet::new()),
            state: Mutex::new(State::default()),
        }
    }

    /// Overwrites hand-written files at the paths it writes too, when `force`.
    pub fn force(mut self, force: bool) -> Self {
        self.force = force;
        self
    }

    /// Writes one file (path relative to the output directory) unless the
    /// disk already has this content, or has a file there that bizgen did
    /// not write (then refused, in the report, unless forced).
    pub fn file(&self, rel: &Path, text: &str) -> std::io::Result<()> {
        let path = self.out_dir.join(rel);
        let unchanged = same_content(&path, text.as_bytes());
        let refused = match unchanged || self.force {
            true => None,
            false => self.claims.foreign(rel, text),
        };
        if let Some(reason) = refused {
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            state.given.insert(rel.to_path_buf());
            state.report.refused.push((rel.to_path_buf(), reason));
            return Ok(());
        }
        if !unchanged {
            if let Some(parent) = path.parent() {
                self.ensure_dir(parent)?;
            }
            // Write beside, then rename: an interrupted run leaves the old file whole.
            let tmp = path.with_extension("bizgen-tmp");
            std::fs::write(&tmp, text)?;
            std::fs::rename(&tmp, &path)?;
        }
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.given.insert(rel.to_path_buf());
        if unchanged {
            state.report.unchanged += 1;
        } else {
            state.report.written.push(rel.to_path_buf());
        }
        Ok(())
    }

    /// Counts a file as written before and unchanged, without looking.
    pub fn unchanged(&self, rel: &Path) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.given.insert(rel.to_path_buf());
        state.report.unchanged += 1;
    }

    fn ensure_dir(&self, dir: &Path) -> std::io::Result<()> {
        if self
            .dirs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(dir)
        {
            return Ok(());
        }
        std::fs::create_dir_all(dir)?;
        self.dirs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(dir.to_path_buf());
        Ok(())
    }

    /// Removes the stale generated files (those in generator-owned
    /// directories that were not given), keeps the hand-written ones, and
    /// returns what was done, paths sorted.
    pub fn finish(self) -> std::io::Result<WriteReport> {
        let State { mut report, given } = self
            .state
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let ownership = self.claims.ownership();
        for stale in stale_files(&self.out_dir, ownership, &given)? {
            let path = self.out_dir.join(&stale);
            if ownership.is_generated(&stale, &path) {
                std::fs::remove_file(path)?;
                report.removed.push(stale);
            } else {
                // Not ours: never delete a file someone wrote by hand.
                report.kept.push(stale);
            }
        }
        // Threads finish in any order; the report does not.
        report.written.sort();
        report.refused.sort();
        Ok(report)
    }
}

/// Whether the file holds exactly `want`: compared in blocks, without
/// reading the whole file into memory (a large API's OpenAPI document is
/// tens of megabytes).
pub(super) fn same_content(path: &Path, want: &[u8]) -> bool {
    use std::io::BufRead;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    if file.metadata().map(|m| m.len()).ok() != u64::try_from(want.len()).ok() {
        return false;
    }
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut rest = want;
    loop {
        let Ok(block) = reader.fill_buf() else {
            return false;
        };
        if block.is_empty() {
            return rest.is_empty();
        }
        let Some(tail) = rest.strip_prefix(block) else {
            return false;
        };
        rest = tail;
        let read = block.len();
        reader.consume(read);
    }
}

#[derive(Debug, Default)]
pub struct WriteReport {
    pub written: Vec<PathBuf>,
    /// Stale generated files that were removed.
    pub removed: Vec<PathBuf>,
    /// Stale files that were not generated, left in place (`check` reports them).
    pub kept: Vec<PathBuf>,
    /// Files at paths bizgen generates that it did not write, left as they
    /// are (no `--force`), with the reason.
    pub refused: Vec<(PathBuf, String)>,
    pub unchanged: usize,
}

impl WriteReport {
    /// How many files the outputs have (written, unchanged or refused).
    pub fn files(&self) -> usize {
        self.written.len() + self.unchanged + self.refused.len()
    }
}

/// Files below the targets' owned folders that are not among `given`.
pub(super) fn stale_files(
    out_dir: &Path,
    ownership: &Ownership,
    given: &BTreeSet<PathBuf>,
) -> std::io::Result<Vec<PathBuf>> {
    let mut stale = Vec::new();
    for dir in ownership.roots() {
        let mut found = Vec::new();
        list_files(&out_dir.join(dir), ownership, &mut found)?;
        for path in found {
            if let Ok(rel) = path.strip_prefix(out_dir) {
                if !given.contains(rel) {
                    stale.push(rel.to_path_buf());
                }
            }
        }
    }
    stale.sort();
    Ok(stale)
}

fn list_files(dir: &Path, ownership: &Ownership, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            if !ownership.ignores(&entry.file_name()) {
                list_files(&entry.path(), ownership, out)?;
            }
        } else {
            out.push(entry.path());
        }
    }
    Ok(())
}
