//! `bizgen`: turns the YAML spec of the customer API into an IR, and the IR
//! into a Rust SDK, server traits, docs and diffs.
//!
//! Spec → loader → IR → facts → targets → files (see `ARCHITECTURE.md`):
//! [`spec::load_dir`] loads and checks the spec into an [`ir::Api`];
//! [`facts`] works out once what several outputs state; each target
//! (`target::Target`, listed by `generate::registry`) renders its files from
//! the IR and the facts.
//!
//! Feature `cli` (default) adds the command line and what only it uses:
//! writing and checking the output directory, the docs (askama), `bizgen
//! diff`, and the HTTP server and client of `bizgen mock` / `bizgen probe`
//! (axum, tokio, reqwest). [`Builder`] and proc-macro users turn default features off and
//! compile none of it.

pub mod builder;
pub mod cache;
#[cfg(feature = "cli")]
pub mod cli;
pub mod date;
pub mod diagnostics;
#[cfg(feature = "cli")]
pub mod diff;
#[cfg(feature = "cli")]
pub mod docs;
mod error;
pub mod expand;
pub mod facts;
#[cfg(feature = "cli")]
pub mod generate;
pub mod github;
pub mod ir;
pub mod lang;
pub mod markdown;
pub mod names;
pub mod openapi;
mod parallel;
#[cfg(feature = "cli")]
pub mod postman;
#[cfg(feature = "cli")]
pub mod python;
#[cfg(feature = "cli")]
pub mod release;
pub mod rust;
#[cfg(feature = "cli")]
pub mod samples;
pub mod scale;
#[cfg(feature = "cli")]
pub mod site;
pub mod spec;
#[cfg(feature = "cli")]
pub mod target;
pub mod traffic;
#[cfg(feature = "cli")]
pub mod typescript;
pub mod wire;

pub use builder::Builder;
pub use diagnostics::{Diagnostic, SpecErrors};
pub use error::{Error, Result};
pub use spec::{load_dir, load_sources, Loaded, Source};

/// The JSON Schema of the spec file format, for editors.
pub fn spec_json_schema() -> String {
    let schema = schemars::schema_for!(spec::raw::SpecFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
