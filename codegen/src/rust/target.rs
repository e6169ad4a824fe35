//! The Rust crate as a target of the registry: `Cargo.toml`, the sources
//! under `src/` and the mock's binary, at the root of the output directory.

use std::path::PathBuf;

use crate::facts::Facts;
use crate::release::changelog;
use crate::target::{Layout, Sink, Target};

/// How the generated crate is packaged (`bizgen::generate::Options`).
#[derive(Debug, Clone)]
pub struct CrateOptions {
    /// Path from the generated crate to the runtime crate.
    pub runtime_path: String,
    /// `publish = false` in the generated `Cargo.toml`.
    pub private: bool,
}

impl Default for CrateOptions {
    fn default() -> Self {
        CrateOptions {
            runtime_path: "../runtime".into(),
            private: false,
        }
    }
}

/// The generated crate, packaged as `options` say.
#[derive(Debug)]
pub struct Crate<'o> {
    options: &'o CrateOptions,
    /// Formatted parts of earlier runs.
    cache: Option<&'o crate::cache::FormatCache>,
}

impl<'o> Crate<'o> {
    pub fn new(options: &'o CrateOptions) -> Self {
        Crate {
            options,
            cache: None,
        }
    }

    /// The crate, taking unchanged parts' formatted text from `cache`.
    pub fn cached(options: &'o CrateOptions, cache: Option<&'o crate::cache::FormatCache>) -> Self {
        Crate { options, cache }
    }
}

impl Target for Crate<'_> {
    fn layout(&self) -> Layout {
        Layout {
            name: "rust",
            root: "",
            header: Some(super::HEADER),
            owned: &["src"],
            ignored: &[],
        }
    }

    fn parallel(&self) -> bool {
        true
    }

    fn emit(&self, facts: &Facts<'_>, sink: Sink<'_>) -> crate::Result<()> {
        let api = facts.api;
        super::render_crate_cached(api, self.cache, sink)?;
        sink(
            PathBuf::from("Cargo.toml"),
            super::render_manifest(api, &self.options.runtime_path, self.options.private),
        )?;
        sink(
            PathBuf::from(changelog::FILE),
            changelog::markdown(api, changelog::Place::CRATE),
        )?;
        sink(
            PathBuf::from("src/bin/mock.rs"),
            super::render_mock_bin(api),
        )
    }
}
