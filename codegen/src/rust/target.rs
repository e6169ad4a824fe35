//! The Rust crate as a target of the registry: `Cargo.toml`, the sources
//! under `src/` and the mock's binary, at the root of the output directory.

use std::path::PathBuf;

use crate::facts::Facts;
use crate::generate::Options;
use crate::targets::{Sink, Target};

/// The generated crate, packaged as `options` say.
#[derive(Debug)]
pub struct Crate<'o> {
    options: &'o Options,
}

impl<'o> Crate<'o> {
    pub fn new(options: &'o Options) -> Self {
        Crate { options }
    }
}

impl Target for Crate<'_> {
    fn name(&self) -> &'static str {
        "rust"
    }

    fn root(&self) -> &'static str {
        ""
    }

    fn header(&self) -> Option<&'static str> {
        Some(super::HEADER)
    }

    fn owned(&self) -> &'static [&'static str] {
        &["src"]
    }

    fn parallel(&self) -> bool {
        true
    }

    fn emit(&self, facts: &Facts<'_>, sink: Sink<'_>) -> crate::Result<()> {
        let api = facts.api;
        super::render_crate_into(api, sink)?;
        sink(
            PathBuf::from("Cargo.toml"),
            super::render_manifest(api, &self.options.runtime_path, self.options.private),
        )?;
        sink(
            PathBuf::from("src/bin/mock.rs"),
            super::render_mock_bin(api),
        )
    }
}
