//! The proc-macro's cache: the text of the items `generate!` expands to
//! and the spec files it tracks, keyed by this build and the spec's bytes.
//! A rebuild of the user's crate with the spec unchanged then costs the
//! macro a digest of the spec and the compiler's lexing of the text: no
//! load, no render.
//!
//! One entry per spec directory and spec state,
//! `macro/<digest of the directory>-<inputs key>.rs`; writing a new state
//! removes the directory's older entries, so the cache does not grow with
//! edits. An entry never changes once written (its name holds its key).
//! It is Rust a person can open; its head is comments:
//!
//! ```text
//! // bizgen-expansion 1
//! // tracks <a spec file>
//! // ...
//! <the items' token text>
//! // end
//! ```

use std::path::{Path, PathBuf};

use super::hash::Hasher;

const MAGIC: &str = "// bizgen-expansion 1";
const TRACKS: &str = "// tracks ";
const END: &str = "\n// end\n";

/// The cache entry of one spec directory, as it should be now.
#[derive(Debug)]
pub struct ExpansionCache {
    dir: PathBuf,
    /// `<digest of the spec directory>-`: the names of its entries start so.
    prefix: String,
    path: PathBuf,
}

impl ExpansionCache {
    /// The entry for `spec_dir` under the cache `root` (see
    /// [`super::location::cache_root`]).
    pub fn open(root: &Path, spec_dir: &Path) -> ExpansionCache {
        let place = Hasher::default()
            .str("proc-macro")
            .str(&spec_dir.to_string_lossy())
            .finish();
        let key = super::inputs_key(spec_dir, &place);
        let dir = root.join("macro");
        let prefix = format!("{place}-");
        // The key, as a file name: a digest, or a few words when the spec
        // cannot be read (then nothing is written under it anyway).
        let name: String = key
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        ExpansionCache {
            path: dir.join(format!("{prefix}{name}.rs")),
            dir,
            prefix,
        }
    }

    /// The entry's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The tracked spec files and the items' text of the entry, when it is
    /// whole (a file cut short by a crash lacks its end); `None` for
    /// anything else.
    pub fn get(&self) -> Option<(Vec<PathBuf>, String)> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        let mut rest = text
            .strip_suffix(END)?
            .strip_prefix(MAGIC)?
            .strip_prefix('\n')?;
        let mut files = Vec::new();
        while let Some(tail) = rest.strip_prefix(TRACKS) {
            let (path, after) = tail.split_once('\n')?;
            files.push(PathBuf::from(path));
            rest = after;
        }
        Some((files, rest.to_owned()))
    }

    /// Records an expansion: `items` (the tokens' text) and the spec files
    /// to track. Written to a temporary file and renamed, so that two
    /// compilers expanding at once never read half a file; then the spec
    /// directory's other entries are removed. A failure fails nothing: the
    /// next build expands again.
    pub fn put(&self, items: &str, files: &[PathBuf]) {
        let mut text = format!("{MAGIC}\n");
        for file in files {
            let path = file.to_string_lossy();
            // A path with a line break cannot be recorded: not cached.
            if path.contains('\n') {
                return;
            }
            text.push_str(TRACKS);
            text.push_str(&path);
            text.push('\n');
        }
        text.push_str(items);
        text.push_str(END);
        let tmp = self
            .path
            .with_extension(format!("tmp{}", std::process::id()));
        let written = std::fs::create_dir_all(&self.dir)
            .and_then(|()| std::fs::write(&tmp, text))
            .and_then(|()| std::fs::rename(&tmp, &self.path));
        match written {
            Ok(()) => self.remove_older_entries(),
            Err(_) => {
                let _ = std::fs::remove_file(&tmp);
            }
        }
    }

    fn remove_older_entries(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let ours = name
                .to_str()
                .is_some_and(|n| n.starts_with(&self.prefix) && n.ends_with(".rs"));
            if ours && path != self.path {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}
