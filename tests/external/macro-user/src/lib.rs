//! The proc-macro's API at the root of a user's crate, next to the crate's
//! own `Result`: the generated root items name what they use by absolute
//! path, and the generated modules only what they import, so neither picks
//! it up.

/// This crate's own result type, as many crates have.
pub type Result<T> = std::result::Result<T, String>;

bizgen_macros::generate!("../../../spec");

/// The number of operations, through this crate's `Result`.
pub fn operation_count() -> Result<usize> {
    Ok(operations().count())
}
