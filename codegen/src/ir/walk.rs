//! Walks over type references, written once for every stage that needs
//! them: the named type a field holds, and every type a type reaches.

use std::collections::BTreeSet;

use super::{Api, Ty};

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
}
