//! What can stop `bizgen release`.

use std::path::PathBuf;

use crate::diff::{DiffError, LoadFailure};

/// Why no release could be proposed or recorded.
#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    /// The spec has no release history file.
    #[error("no release history: {} does not exist (create it with the line `releases: []` to cut the first release)", path.display())]
    NoHistory { path: PathBuf },
    /// A version given or written is not one, or goes the wrong way.
    #[error("{0}")]
    Version(String),
    /// The last release cannot be found in git, or git failed.
    #[error("{0}")]
    Git(String),
    /// The spec at the last release (or at `--against`) does not load.
    #[error("{}", .0.headline())]
    Baseline(LoadFailure),
    /// The accept file is malformed.
    #[error(transparent)]
    Diff(#[from] DiffError),
    /// The history or the version could not be written.
    #[error("{0}")]
    Write(String),
}
