//! Formatted Rust by the text of its tokens: prettyplease needs a `syn`
//! tree, and parsing the tokens that `quote!` built is the largest cost of
//! the Rust emitter; a part whose tokens did not change since the last run
//! is taken from here instead.
//!
//! The pack on disk is a header (magic line, the build's id) and entries
//! (key: digest of the tokens' text; checksum: digest of the formatted
//! text; length; text). A run reads the old pack whole, and writes the
//! entries it used, hits and fresh ones, into a new pack as it goes, which
//! replaces the old one when the run succeeded: entries no run uses any
//! more drop out. An entry whose checksum does not match, a pack of another
//! build or a truncated one count as misses.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use proc_macro2::TokenStream;

use super::hash::{digest, Digest};

const MAGIC: &str = "bizgen-format-cache 1";

/// The formatted text of token streams seen before; see the module docs.
#[derive(Debug)]
pub struct FormatCache {
    /// The old pack's bytes, and where each entry's text is in them.
    old: Vec<u8>,
    index: HashMap<Digest, (Digest, std::ops::Range<usize>)>,
    /// The new pack, written as entries are used (`None`: not saved).
    new: Mutex<Option<(PathBuf, std::io::BufWriter<std::fs::File>)>>,
    target: PathBuf,
    hits: AtomicUsize,
    misses: AtomicUsize,
}

impl FormatCache {
    /// The pack at `path` (missing, of another build or corrupt: empty), and
    /// a new one beside it that [`save`](Self::save) puts in its place.
    pub fn open(path: &Path) -> FormatCache {
        let old = std::fs::read(path).unwrap_or_default();
        let index = parse(&old).unwrap_or_default();
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let new = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::File::create(&tmp))
            .and_then(|file| {
                let mut file = std::io::BufWriter::with_capacity(1 << 16, file);
                writeln!(file, "{MAGIC} {}", super::BUILD_ID)?;
                Ok((tmp, file))
            })
            .ok();
        FormatCache {
            old,
            index,
            new: Mutex::new(new),
            target: path.to_path_buf(),
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
        }
    }

    /// The formatted text of `tokens`: from the pack, or `format`'s.
    pub fn format(
        &self,
        tokens: TokenStream,
        format: impl FnOnce(TokenStream) -> crate::Result<String>,
    ) -> crate::Result<String> {
        let key = digest(tokens.to_string().as_bytes());
        if let Some((sum, range)) = self.index.get(&key) {
            let text = self.old.get(range.clone()).unwrap_or_default();
            if digest(text) == *sum {
                if let Ok(text) = std::str::from_utf8(text) {
                    self.hits.fetch_add(1, Ordering::Relaxed);
                    self.record(key, *sum, text);
                    return Ok(text.to_owned());
                }
            }
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let text = format(tokens)?;
        self.record(key, digest(text.as_bytes()), &text);
        Ok(text)
    }

    fn record(&self, key: Digest, sum: Digest, text: &str) {
        let mut new = self.new.lock().unwrap_or_else(PoisonError::into_inner);
        let failed = new.as_mut().is_some_and(|(_, file)| {
            let entry = (|| {
                file.write_all(&key.0.to_le_bytes())?;
                file.write_all(&sum.0.to_le_bytes())?;
                file.write_all(&(text.len() as u64).to_le_bytes())?;
                file.write_all(text.as_bytes())
            })();
            entry.is_err()
        });
        if failed {
            // A cache that cannot be written is no cache; the run goes on.
            if let Some((tmp, _)) = new.take() {
                let _ = std::fs::remove_file(tmp);
            }
        }
    }

    /// (hits, misses) so far.
    pub fn stats(&self) -> (usize, usize) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    /// Puts the new pack in place of the old one (after a successful run).
    pub fn save(mut self) -> std::io::Result<()> {
        let new = self
            .new
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let Some((tmp, file)) = new else {
            return Ok(());
        };
        file.into_inner().map_err(|e| e.into_error())?.sync_data()?;
        std::fs::rename(tmp, &self.target)
    }
}

impl Drop for FormatCache {
    fn drop(&mut self) {
        // Not saved: the run failed; leave the old pack as it was.
        if let Some((tmp, _)) = self
            .new
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// The entries of a pack of this build; `None` when it is of another build
/// or has no header. A truncated last entry is left out.
fn parse(bytes: &[u8]) -> Option<HashMap<Digest, (Digest, std::ops::Range<usize>)>> {
    let newline = bytes.iter().position(|&b| b == b'\n')?;
    let header = std::str::from_utf8(&bytes[..newline]).ok()?;
    if header != format!("{MAGIC} {}", super::BUILD_ID) {
        return None;
    }
    let mut index = HashMap::new();
    let mut at = newline + 1;
    let u128_at = |at: usize| -> Option<u128> {
        Some(u128::from_le_bytes(
            bytes.get(at..at + 16)?.try_into().ok()?,
        ))
    };
    while at < bytes.len() {
        let (Some(key), Some(sum)) = (u128_at(at), u128_at(at + 16)) else {
            break;
        };
        let Some(len) = bytes
            .get(at + 32..at + 40)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes)
            .and_then(|n| usize::try_from(n).ok())
        else {
            break;
        };
        let start = at + 40;
        let Some(end) = start.checked_add(len).filter(|&end| end <= bytes.len()) else {
            break;
        };
        index.insert(Digest(key), (Digest(sum), start..end));
        at = end;
    }
    Some(index)
}
