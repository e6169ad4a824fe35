//! Formatted Rust by the text of its tokens: prettyplease needs a `syn`
//! tree, and parsing the tokens that `quote!` built is the largest cost of
//! the Rust emitter; a part whose tokens did not change since the last run
//! is taken from here instead.
//!
//! The pack on disk is a header (magic line, the build's id) and entries
//! (key: digest of the tokens' text; checksum: digest of the formatted
//! text; length; text). A run reads the old pack's index (its entries'
//! headers, skipping their texts), reads each hit's text from the file by
//! its offset (the pack is tens of megabytes at thousands of operations:
//! it is not held in memory), and writes the entries it used, hits and fresh ones, into a new pack as it goes, which
//! replaces the old one when the run succeeded: entries no run uses any
//! more drop out. An entry whose checksum does not match, a pack of another
//! build or a truncated one count as misses.

use std::collections::HashMap;
use std::io::{BufRead, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use proc_macro2::TokenStream;

use super::hash::{digest, Digest};

const MAGIC: &str = "bizgen-format-cache 1";

/// The formatted text of token streams seen before; see the module docs.
#[derive(Debug)]
pub struct FormatCache {
    /// The old pack, and where each entry's text is in it.
    old: Mutex<Option<std::fs::File>>,
    index: HashMap<Digest, Entry>,
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
        let old = std::fs::File::open(path).ok();
        let index = old
            .as_ref()
            .and_then(|file| read_index(file).ok().flatten())
            .unwrap_or_default();
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
            old: Mutex::new(old),
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
        if let Some(entry) = self.index.get(&key) {
            if let Some(text) = self.read(entry) {
                self.hits.fetch_add(1, Ordering::Relaxed);
                self.record(key, entry.sum, &text);
                return Ok(text);
            }
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let text = format(tokens)?;
        self.record(key, digest(text.as_bytes()), &text);
        Ok(text)
    }

    /// An entry's text, when the old pack still holds it intact.
    fn read(&self, entry: &Entry) -> Option<String> {
        let mut old = self.old.lock().unwrap_or_else(PoisonError::into_inner);
        let file = old.as_mut()?;
        let mut text = vec![0; usize::try_from(entry.len).ok()?];
        file.seek(SeekFrom::Start(entry.offset)).ok()?;
        file.read_exact(&mut text).ok()?;
        drop(old);
        (digest(&text) == entry.sum)
            .then(|| String::from_utf8(text).ok())
            .flatten()
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

/// Where an entry's text is in the old pack, and its checksum.
#[derive(Debug, Clone, Copy)]
struct Entry {
    sum: Digest,
    offset: u64,
    len: u64,
}

/// The entries of a pack of this build, read from their headers (the
/// texts are skipped); `None` when it is of another build or has no
/// header. A truncated last entry is left out.
fn read_index(file: &std::fs::File) -> std::io::Result<Option<HashMap<Digest, Entry>>> {
    let size = file.metadata()?.len();
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut header = Vec::new();
    reader.read_until(b'\n', &mut header)?;
    if header.strip_suffix(b"\n") != Some(format!("{MAGIC} {}", super::BUILD_ID).as_bytes()) {
        return Ok(None);
    }
    let mut index = HashMap::new();
    let mut at = header.len() as u64;
    let mut head = [0u8; 40];
    loop {
        match reader.read_exact(&mut head) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(e) => return Err(e),
        }
        let word = |range: std::ops::Range<usize>| {
            let mut bytes = [0u8; 16];
            bytes[..range.len()].copy_from_slice(&head[range]);
            u128::from_le_bytes(bytes)
        };
        let (key, sum, len) = (word(0..16), word(16..32), word(32..40) as u64);
        let offset = at + 40;
        let Some(end) = offset.checked_add(len).filter(|&end| end <= size) else {
            break;
        };
        let skip = i64::try_from(len).map_err(std::io::Error::other)?;
        reader.seek_relative(skip)?;
        index.insert(
            Digest(key),
            Entry {
                sum: Digest(sum),
                offset,
                len,
            },
        );
        at = end;
    }
    Ok(Some(index))
}
