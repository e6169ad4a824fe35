//! Walks over type references, written once for every stage that needs
//! them: the named type a field holds, every type a type reaches, and the
//! side of the wire (request, response) each shared type travels on.

use std::collections::BTreeSet;

use super::{Api, Operation, Ty};

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

    /// Sets the `sides` of every shared struct and enum from the operations
    /// that reach it (left empty for a type no operation uses).
    pub(crate) fn mark_sides(&mut self) {
        let mut marks: std::collections::BTreeMap<String, Sides> = Default::default();
        for (_, op) in self.operations() {
            for (names, side) in self.reach_sides(op) {
                for name in names {
                    marks.entry(name.to_owned()).or_default().add(side);
                }
            }
        }
        for s in &mut self.types {
            s.sides = marks.get(&s.name).copied().unwrap_or_default();
        }
        for e in &mut self.enums {
            e.sides = marks.get(&e.name).copied().unwrap_or_default();
        }
    }
}
