//! Walks over type references, written once for every stage that needs
//! them: the named type a field holds, every type a type reaches (the one
//! reachability walk: the exports, the TypeScript decoders and the docs ask
//! it), the same in dependency order, the side of the wire (request,
//! response) each shared type travels on, and the services that use it.

use std::collections::{BTreeMap, BTreeSet};

use super::{Api, Operation, Struct, Ty};

/// Where a type travels: in requests (clients send them, servers receive
/// them), in responses (servers send, clients receive), or both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sides {
    pub request: bool,
    pub response: bool,
}

impl Sides {
    pub const REQUEST: Sides = Sides {
        request: true,
        response: false,
    };
    pub const RESPONSE: Sides = Sides {
        request: false,
        response: true,
    };

    /// Both sides: what `other` adds to `self`.
    pub fn add(&mut self, other: Sides) {
        self.request |= other.request;
        self.response |= other.response;
    }
}

impl Ty {
    /// The type that a list or map holds, through any nesting; the type
    /// itself otherwise.
    pub fn item(&self) -> &Ty {
        match self {
            Ty::List(t) | Ty::Map(t) => t.item(),
            other => other,
        }
    }

    /// The struct or enum this type names, directly or as list/map items.
    pub fn named(&self) -> Option<&str> {
        match self.item() {
            Ty::Struct(n) | Ty::Enum(n) => Some(n),
            _ => None,
        }
    }
}

impl Api {
    /// Adds to `seen` every struct and enum that `ty` reaches, through the
    /// fields of the structs it reaches.
    pub fn reach<'a>(&'a self, ty: &'a Ty, seen: &mut BTreeSet<&'a str>) {
        match ty.item() {
            Ty::Struct(n) if seen.insert(n) => {
                for f in self.find_struct(n).map_or(&[][..], |s| &s.fields) {
                    self.reach(&f.ty, seen);
                }
            }
            Ty::Enum(n) => {
                seen.insert(n);
            }
            _ => {}
        }
    }

    /// Every struct that `roots` reach, each after the structs its fields
    /// hold (so that definitions can come before their use): roots in name
    /// order, then each struct's references in name order, depth first.
    pub fn structs_in_dependency_order<'a>(
        &'a self,
        roots: impl IntoIterator<Item = &'a Ty>,
    ) -> Vec<&'a Struct> {
        fn visit<'a>(
            api: &'a Api,
            name: &'a str,
            seen: &mut BTreeSet<&'a str>,
            order: &mut Vec<&'a Struct>,
        ) {
            if !seen.insert(name) {
                return;
            }
            let Some(s) = api.find_struct(name) else {
                return;
            };
            for r in struct_refs(s.fields.iter().map(|f| &f.ty)) {
                visit(api, r, seen, order);
            }
            order.push(s);
        }
        let mut seen = BTreeSet::new();
        let mut order = Vec::new();
        for root in struct_refs(roots) {
            visit(self, root, &mut seen, &mut order);
        }
        order
    }

    /// The shared structs and enums that an operation's request reaches
    /// (through its fields), and those that its response reaches.
    pub fn reach_sides<'a>(&'a self, op: &'a Operation) -> [(BTreeSet<&'a str>, Sides); 2] {
        let mut request = BTreeSet::new();
        for f in &op.request.fields {
            self.reach(&f.ty, &mut request);
        }
        let mut response = BTreeSet::new();
        if let Some(t) = &op.response.ty {
            self.reach(t, &mut response);
        }
        [(request, Sides::REQUEST), (response, Sides::RESPONSE)]
    }

    /// Sets the `sides` and `services` of every shared struct and enum from
    /// the operations that reach it (left empty for a type no operation uses).
    pub(crate) fn mark_uses(&mut self) {
        let mut marks: BTreeMap<String, (Sides, BTreeSet<String>)> = BTreeMap::new();
        for (service, op) in self.operations() {
            for (names, side) in self.reach_sides(op) {
                for name in names {
                    let (sides, services) = marks.entry(name.to_owned()).or_default();
                    sides.add(side);
                    services.insert(service.name.clone());
                }
            }
        }
        let mut mark = |name: &str, sides: &mut Sides, services: &mut Vec<String>| {
            if let Some((s, m)) = marks.remove(name) {
                *sides = s;
                *services = m.into_iter().collect();
            }
        };
        for s in &mut self.types {
            mark(&s.name, &mut s.sides, &mut s.services);
        }
        for e in &mut self.enums {
            mark(&e.name, &mut e.sides, &mut e.services);
        }
    }
}

/// The struct names that types hold directly (as list and map items too),
/// sorted.
fn struct_refs<'a>(types: impl IntoIterator<Item = &'a Ty>) -> Vec<&'a str> {
    let mut out: Vec<&str> = types
        .into_iter()
        .filter_map(|t| match t.item() {
            Ty::Struct(n) => Some(n.as_str()),
            _ => None,
        })
        .collect();
    out.sort_unstable();
    out
}
