//! Output handling: the map of every generated file ([`outputs`]), writing
//! it to disk ([`write`]) and comparing it with the disk ([`check`], behind
//! `bizgen check`). The front-ends (CLI, [`crate::Builder`],
//! [`crate::expand`]) only call these.

mod disk;
mod drift;
mod outputs;

pub use disk::{write, WriteReport};
pub use drift::{check, Drift};
pub use outputs::{outputs, Options};
