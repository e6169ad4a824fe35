//! Facts about the API that more than one output states, each worked out
//! once, here, and asked by every target: so that the docs, the SDKs and
//! the exports cannot disagree.
//!
//! | fact | where |
//! |---|---|
//! | the request example of an operation | [`example::RequestExample`], [`Facts::request_example`] |
//! | an illustrative value of any type (the one sample-value generator) | [`sample`] |
//! | the description of a field | [`field::FieldDoc`], [`Facts::field`] |
//! | the error codes an operation can answer; bizgen's own codes | [`errors`] |
//! | which operations reach a type | [`Facts::users`] (by [`Api::reach`]) |
//! | the mock's defaults (address, port, tokens) | [`mock`], the runtime's |
//! | the command that runs the generated mock | [`mock_command`] |
//!
//! What types a type reaches is the IR's walk ([`Api::reach`],
//! [`Api::structs_in_dependency_order`]). Names are not facts: each target
//! has its own naming module.

pub mod errors;
pub mod example;
pub mod field;
pub mod headers;
pub mod sample;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

pub use bizgen_runtime::mock_defaults as mock;
pub use example::RequestExample;
pub use field::FieldDoc;

use crate::ir::{Api, Field, Operation, Service};

/// The command, run from the repository root, that starts the generated
/// crate's mock binary with `args` (`""` for none): the binary needs the
/// crate's `mock` feature, which is not a default one.
pub fn mock_command(api: &Api, args: &str) -> String {
    let name = &api.name;
    let mut command = format!("cargo run -p {name} --features mock --bin {name}-mock");
    if !args.is_empty() {
        command.push_str(" -- ");
        command.push_str(args);
    }
    command
}

/// The facts of one API, for the targets that render it. Shared by the
/// rendering threads (`Sync`); what is costly to work out is worked out on
/// first use and kept.
#[derive(Debug)]
pub struct Facts<'a> {
    pub api: &'a Api,
    /// Request examples, by operation path (unique).
    examples: BTreeMap<&'a str, OnceLock<RequestExample<'a>>>,
    users: OnceLock<Users<'a>>,
}

/// Type and enum names → the operations that reach them, by service and
/// operation name.
type Users<'a> = BTreeMap<&'a str, Vec<(&'a Service, &'a Operation)>>;

impl<'a> Facts<'a> {
    pub fn new(api: &'a Api) -> Facts<'a> {
        Facts {
            api,
            examples: api
                .operations()
                .map(|(_, o)| (o.path.as_str(), OnceLock::new()))
                .collect(),
            users: OnceLock::new(),
        }
    }

    /// The request example of `op` ([`example`]'s rule).
    pub fn request_example(&self, op: &'a Operation) -> Cow<'_, RequestExample<'a>> {
        match self.examples.get(op.path.as_str()) {
            Some(cell) => Cow::Borrowed(cell.get_or_init(|| RequestExample::of(self.api, op))),
            // An operation of another API (never one a target renders).
            None => Cow::Owned(RequestExample::of(self.api, op)),
        }
    }

    /// The description of a field of this API.
    pub fn field<'f>(&self, f: &'f Field) -> FieldDoc<'f>
    where
        'a: 'f,
    {
        FieldDoc::new(self.api, f)
    }

    /// The error codes `op` can answer.
    pub fn errors<'o>(&self, op: &'o Operation) -> Vec<errors::ErrorAnswer<'o>>
    where
        'a: 'o,
    {
        errors::answers(self.api, op)
    }

    /// The operations whose request or response reaches the struct or enum
    /// `name`, directly or through other types; by service and operation name.
    pub fn users(&self, name: &str) -> &[(&'a Service, &'a Operation)] {
        self.users
            .get_or_init(|| users(self.api))
            .get(name)
            .map_or(&[], Vec::as_slice)
    }
}

/// Operations keyed by service and operation name, for a stable order.
type ByName<'a> = BTreeMap<(&'a str, &'a str), (&'a Service, &'a Operation)>;

fn users(api: &Api) -> Users<'_> {
    let mut users: BTreeMap<&str, ByName> = BTreeMap::new();
    for (s, o) in api.operations() {
        let mut seen = BTreeSet::new();
        for (names, _) in api.reach_sides(o) {
            seen.extend(names);
        }
        for name in seen {
            users
                .entry(name)
                .or_default()
                .insert((s.name.as_str(), o.name.as_str()), (s, o));
        }
    }
    users
        .into_iter()
        .map(|(name, ops)| (name, ops.into_values().collect()))
        .collect()
}
