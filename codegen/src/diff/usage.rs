//! Where each shared type and enum is used: by which operations, on the
//! request side or the response side. Findings on shared types are judged
//! (and list their affected operations) by this.

use std::collections::{BTreeMap, BTreeSet};

use super::finding::{Affected, UseSide};
use crate::ir::Api;

pub(crate) use crate::ir::Sides;

impl Sides {
    /// `requests`, `responses`, `requests and responses`.
    pub fn describe(self) -> &'static str {
        match (self.request, self.response) {
            (true, true) => "requests and responses",
            (true, false) => "requests",
            (false, true) => "responses",
            (false, false) => "no operation",
        }
    }
}

/// Every type and enum name → (operation path → sides). Names of the old
/// and the new spec are merged (renamed types are mapped to their new name
/// by the caller).
#[derive(Debug, Default)]
pub(crate) struct Usage {
    users: BTreeMap<String, BTreeMap<String, Sides>>,
    /// Used by the envelope (every response).
    envelope: BTreeSet<String>,
}

impl Usage {
    /// The usage in both specs; `rename` maps old type names to new ones.
    pub fn of(old: &Api, new: &Api, rename: impl Fn(&str) -> String) -> Usage {
        let mut u = Usage::default();
        u.record(old, &rename);
        u.record(new, &|n: &str| n.to_owned());
        u
    }

    fn record(&mut self, api: &Api, rename: &dyn Fn(&str) -> String) {
        for (_, op) in api.operations() {
            for (names, side) in api.reach_sides(op) {
                for name in names {
                    self.users
                        .entry(rename(name))
                        .or_default()
                        .entry(op.path.clone())
                        .or_default()
                        .add(side);
                }
            }
        }
        let mut env = BTreeSet::new();
        for f in &api.envelope.fields {
            api.reach(&f.ty, &mut env);
        }
        self.envelope.extend(env.iter().map(|n| rename(n)));
    }

    /// The sides on which any operation (or the envelope) uses `name`.
    pub fn sides(&self, name: &str) -> Sides {
        let mut s = Sides::default();
        for side in self.users.get(name).into_iter().flat_map(|u| u.values()) {
            s.add(*side);
        }
        if self.envelope.contains(name) {
            s.add(Sides::RESPONSE);
        }
        s
    }

    /// The operations that use `name` on one of `sides`, each with the
    /// side it uses it on.
    pub fn affected(&self, name: &str, sides: Sides) -> Vec<Affected> {
        let mut out = Vec::new();
        for (op, s) in self.users.get(name).into_iter().flatten() {
            for (on, side) in [
                (s.request && sides.request, UseSide::Request),
                (s.response && sides.response, UseSide::Response),
            ] {
                if on {
                    out.push(Affected {
                        operation: op.clone(),
                        side: Some(side),
                    });
                }
            }
        }
        out
    }
}
