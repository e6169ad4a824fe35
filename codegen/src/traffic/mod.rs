//! The spec against real traffic: the mock table built from the IR (served
//! by the runtime's mock without generating or compiling anything), HAR
//! validation and the live-gateway probe.

pub mod check;
pub mod har;
pub mod mock;
#[cfg(feature = "cli")]
pub mod probe;
#[cfg(feature = "cli")]
mod probe_plan;
#[cfg(feature = "cli")]
pub mod probe_report;
pub mod report;
