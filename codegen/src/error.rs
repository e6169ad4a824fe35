//! The one error type of the `bizgen` library: what can go wrong between a
//! spec directory and the generated files.

use std::path::PathBuf;

use crate::diagnostics::SpecErrors;

/// Everything a library call can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The spec did not load: every diagnostic, with file:line:column.
    #[error("{0}")]
    Spec(#[from] SpecErrors),
    /// A file or directory could not be read or written.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done: `read`, `write`, ...
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The Rust emitter produced tokens that do not parse (a bizgen bug).
    #[error("generated code does not parse: {0}")]
    Unparsable(#[source] syn::Error),
    /// A target's template failed to render (a bizgen bug, not a spec problem).
    #[cfg(feature = "cli")]
    #[error("cannot render {file} of the {target} target: {source}")]
    Render {
        /// The target's name (`docs`, `typescript`, ...).
        target: &'static str,
        /// The file, relative to the target's root.
        file: String,
        #[source]
        source: askama::Error,
    },
    /// An export (OpenAPI, Postman) failed to serialize (a bizgen bug).
    #[error("cannot serialize the export {file}: {source}")]
    ExportJson {
        /// The file, relative to the output directory.
        file: String,
        #[source]
        source: serde_json::Error,
    },
    /// A Postman script template failed to render (a bizgen bug).
    #[cfg(feature = "cli")]
    #[error("cannot render the Postman script {script}: {source}")]
    PostmanTemplate {
        script: &'static str,
        #[source]
        source: askama::Error,
    },
    /// No operation has this bizType or path.
    #[error("no operation has the bizType or path `{0}`")]
    UnknownOperation(String),
    /// A bizType that is on several gateways: the full path is needed.
    #[error("`{key}` is ambiguous; give the full path, one of: {}", paths.join(", "))]
    AmbiguousOperation { key: String, paths: Vec<String> },
    /// `bizgen probe`: a base URL that cannot be called.
    #[error("bad base URL `{url}`: {reason}")]
    BadBaseUrl { url: String, reason: String },
    /// `bizgen probe`: the HTTP client could not be set up.
    #[cfg(feature = "cli")]
    #[error("cannot set up the HTTP client: {0}")]
    HttpClient(#[source] reqwest::Error),
    /// `bizgen probe`: the async runtime could not start.
    #[cfg(feature = "cli")]
    #[error("cannot start the async runtime: {0}")]
    AsyncRuntime(#[source] std::io::Error),
    /// `Builder::generate` outside a build script without `out_dir`.
    #[error("OUT_DIR is not set: call Builder from a build script, or set out_dir")]
    NoOutDir,
    /// [`crate::scale::copies`]: a spec file that is not YAML, or a copy
    /// that does not serialize.
    #[error("cannot copy the spec file {}: {source}", path.display())]
    Scale {
        path: PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A worker thread panicked (a bizgen bug).
    #[error("internal error: {0}")]
    Internal(&'static str),
}

impl Error {
    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    }
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
