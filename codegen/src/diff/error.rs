//! What can go wrong in `bizgen diff` besides a spec that does not load.

use std::path::PathBuf;

/// A problem with the diff's own inputs: the accept file, the severity
/// levels file, or git.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The accept file or the severity levels file is malformed.
    #[error("{}:{line}: {message}", path.display())]
    Config {
        path: PathBuf,
        line: u64,
        message: String,
    },
    /// git failed, or the ref or directory is not what it should be.
    #[error("{0}")]
    Git(String),
}
