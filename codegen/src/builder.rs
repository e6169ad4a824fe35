//! The build-script front-end: [`Builder`] loads the spec and writes the
//! generated items into `OUT_DIR`. Argument handling only; the work is in
//! [`crate::spec`] and [`crate::rust`].

use std::path::PathBuf;

/// The build-script front-end: writes the generated items into `OUT_DIR`.
///
/// In `build.rs`:
///
/// ```no_run
/// if let Err(e) = bizgen::Builder::new("spec").generate() {
///     eprintln!("{e}");
///     std::process::exit(1);
/// }
/// ```
///
/// and in the crate: `include!(concat!(env!("OUT_DIR"), "/customer_api.rs"));`
#[derive(Debug, Clone)]
pub struct Builder {
    spec_dir: PathBuf,
    out_dir: Option<PathBuf>,
    file_name: Option<String>,
}

impl Builder {
    /// `spec_dir` is relative to the crate's manifest directory.
    pub fn new(spec_dir: impl Into<PathBuf>) -> Self {
        Builder {
            spec_dir: spec_dir.into(),
            out_dir: None,
            file_name: None,
        }
    }

    /// Overrides `OUT_DIR`.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Overrides the file name (default: the API name in snake case + `.rs`).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Loads the spec, prints `cargo:rerun-if-changed` lines and writes the
    /// file; returns its path.
    pub fn generate(self) -> crate::Result<PathBuf> {
        let base = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_default();
        let spec_dir = base.join(&self.spec_dir);
        let loaded = crate::spec::load_dir(&spec_dir)?;
        println!("cargo:rerun-if-changed={}", spec_dir.display());
        for path in &loaded.files.paths {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        let out_dir = match self.out_dir {
            Some(d) => d,
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(crate::Error::NoOutDir)?,
        };
        let name = self
            .file_name
            .unwrap_or_else(|| format!("{}.rs", loaded.api.name.replace('-', "_")));
        let path = out_dir.join(name);
        let text = crate::rust::render_include(&loaded.api)?;
        std::fs::write(&path, text).map_err(crate::Error::io("write", &path))?;
        Ok(path)
    }
}
