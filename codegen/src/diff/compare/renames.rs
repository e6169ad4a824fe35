//! Types and enums renamed with the same shape: the wire is unchanged, so
//! a rename is one sdk finding and references to it compare as equal.

use std::collections::BTreeMap;

use super::{code, At, Details, Differ, Scope};
use crate::diagnostics::Pos;
use crate::diff::usage::Sides;
use crate::ir::{Api, Field, Struct, Ty};

impl Differ<'_> {
    /// One sdk finding for a `kind` (type, enum) renamed with the same
    /// `shape` (fields, codes); nothing when the name did not change.
    pub(super) fn renamed(
        &mut self,
        rule: &'static str,
        scope: Scope<'_>,
        sides: Sides,
        (old, new): (&str, &str),
        pos: Pos,
        shape: &str,
    ) {
        if old == new {
            return;
        }
        let kind = if rule == "enum-renamed" {
            "enum"
        } else {
            "type"
        };
        self.emit(
            rule,
            scope,
            sides,
            At::New(pos),
            format!(
                "{kind} {} is now {} with the same {shape}: the wire is unchanged, generated type names change",
                code(old),
                code(new)
            ),
        )
        .change(old, new);
    }
}

/// Old name → new name, for types and enums that were renamed.
#[derive(Debug, Default)]
pub(crate) struct Renames {
    pub types: BTreeMap<String, String>,
    pub enums: BTreeMap<String, String>,
}

impl Renames {
    pub fn find(old: &Api, new: &Api) -> Renames {
        let mut r = Renames::default();
        let gone_enums: Vec<_> = old
            .enums
            .iter()
            .filter(|e| new.find_enum(&e.name).is_none())
            .collect();
        let new_enums: Vec<_> = new
            .enums
            .iter()
            .filter(|e| old.find_enum(&e.name).is_none())
            .collect();
        for o in &gone_enums {
            let codes = |e: &crate::ir::Enum| {
                let mut c: Vec<String> = e.values.iter().map(|v| v.code.to_string()).collect();
                c.sort();
                (e.repr, c)
            };
            let same: Vec<_> = new_enums.iter().filter(|n| codes(n) == codes(o)).collect();
            let unique_back = |n: &crate::ir::Enum| {
                gone_enums.iter().filter(|o| codes(o) == codes(n)).count() == 1
            };
            if let [n] = same.as_slice() {
                if unique_back(n) {
                    r.enums.insert(o.name.clone(), n.name.clone());
                }
            }
        }
        // Types may nest renamed types: match until nothing changes.
        loop {
            let gone: Vec<&Struct> = old
                .types
                .iter()
                .filter(|t| new.find_struct(&t.name).is_none() && !r.types.contains_key(&t.name))
                .collect();
            let added: Vec<&Struct> = new
                .types
                .iter()
                .filter(|t| {
                    old.find_struct(&t.name).is_none() && !r.types.values().any(|v| *v == t.name)
                })
                .collect();
            let mut found = Vec::new();
            for o in &gone {
                let same: Vec<&&Struct> = added
                    .iter()
                    .filter(|n| r.same_fields(&o.fields, &n.fields))
                    .collect();
                if let [n] = same.as_slice() {
                    let back = gone
                        .iter()
                        .filter(|o2| r.same_fields(&o2.fields, &n.fields))
                        .count();
                    if back == 1 {
                        found.push((o.name.clone(), n.name.clone()));
                    }
                }
            }
            if found.is_empty() {
                break;
            }
            r.types.extend(found);
        }
        r
    }

    /// The new name of an old type or enum (itself when not renamed).
    pub fn new_name<'s>(&'s self, old: &'s str) -> &'s str {
        self.types
            .get(old)
            .or_else(|| self.enums.get(old))
            .map_or(old, String::as_str)
    }

    /// The old name of a new type or enum (itself when not renamed).
    pub fn old_name<'s>(&'s self, new: &'s str) -> &'s str {
        self.types
            .iter()
            .chain(&self.enums)
            .find(|(_, n)| *n == new)
            .map_or(new, |(o, _)| o.as_str())
    }

    /// Whether `o` (old spec) and `n` (new spec) are the same type, renames
    /// aside.
    pub fn same_ty(&self, o: &Ty, n: &Ty) -> bool {
        match (o, n) {
            (Ty::Struct(a), Ty::Struct(b)) | (Ty::Enum(a), Ty::Enum(b)) => self.new_name(a) == b,
            (Ty::List(a), Ty::List(b)) | (Ty::Map(a), Ty::Map(b)) => self.same_ty(a, b),
            _ => o == n,
        }
    }

    fn same_fields(&self, o: &[Field], n: &[Field]) -> bool {
        o.len() == n.len()
            && o.iter().zip(n).all(|(a, b)| {
                a.name == b.name
                    && a.required == b.required
                    && a.nullable == b.nullable
                    && a.constraints == b.constraints
                    && self.same_ty(&a.ty, &b.ty)
            })
    }
}
