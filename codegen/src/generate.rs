//! Output handling: every generated file ([`outputs`], [`emit`]), writing
//! it to disk ([`generate`], [`write`]) and comparing it with the disk
//! ([`check_dir`], [`check`], behind `bizgen check`). The front-ends (CLI,
//! [`crate::Builder`], [`crate::expand`]) only call these.

mod disk;
mod drift;
mod outputs;
mod registry;

pub use disk::{write, DiskWriter, WriteReport};
pub use drift::{check, Drift, DriftChecker};
pub use outputs::{check_dir, emit, generate, generate_with, outputs, Options, Run, Sink};
pub use registry::registry;

/// What the registry's targets own, for stale-file detection.
fn ownership() -> crate::target::Ownership {
    crate::target::Ownership::of(&registry(&Options::default()))
}
