//! What every part of the Rust emitter reads: the API, its Rust names and
//! whether items carry feature gates.

use super::gates::Gates;
use super::names::RustNames;
use crate::ir::Api;

#[derive(Clone, Copy)]
pub(super) struct Cx<'a> {
    pub api: &'a Api,
    pub names: &'a RustNames,
    pub gates: Gates,
}
