//! Output handling: every generated file ([`outputs`], [`emit`]), writing
//! it to disk ([`generate`], [`write`]) and comparing it with the disk
//! ([`check_dir`], [`check`], behind `bizgen check`). The front-ends (CLI,
//! [`crate::Builder`], [`crate::expand`]) only call these.

mod disk;
mod drift;
mod incremental;
mod outputs;
mod registry;

pub use disk::{write, DiskWriter, WriteReport};
pub use drift::{check, Drift, DriftChecker};
pub use incremental::{check_dir_cached, generate_dir, Cached};
pub use outputs::{check_dir, emit, generate, generate_with, outputs, Options, Run, Sink};
pub use registry::{registry, registry_cached};

/// What the registry's targets own, for stale-file detection.
fn ownership() -> crate::target::Ownership {
    crate::target::Ownership::of(&registry(&Options::default()))
}
