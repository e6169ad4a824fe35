//! Operations: matched by service and name, then by path (a rename keeps
//! the path); removed, added, renamed, moved, and every property of an
//! operation that stayed.

use std::collections::BTreeMap;

use super::wire_types::fits;
use super::{code, At, Details, Differ, Owner, Scope};
use crate::diff::finding::Affected;
use crate::diff::usage::Sides;
use crate::ir::{Access, Operation, Service, Ty};

type OpRef<'a> = (&'a Service, &'a Operation);

impl<'a> Differ<'a> {
    pub(super) fn operations(&mut self) {
        let old: Vec<OpRef<'a>> = self.old.api.operations().collect();
        let new: Vec<OpRef<'a>> = self.new.api.operations().collect();
        let key = |(s, o): &OpRef<'_>| (s.name.clone(), o.name.clone());
        let new_by_key: BTreeMap<(String, String), usize> =
            new.iter().enumerate().map(|(i, p)| (key(p), i)).collect();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let mut old_left: Vec<usize> = Vec::new();
        let mut new_used = vec![false; new.len()];
        for (i, p) in old.iter().enumerate() {
            match new_by_key.get(&key(p)) {
                Some(&j) => {
                    pairs.push((i, j));
                    new_used[j] = true;
                }
                None => old_left.push(i),
            }
        }
        // An operation whose service or name changed but whose path did not
        // is the same operation on the wire.
        let mut renamed: Vec<(usize, usize)> = Vec::new();
        let mut removed = Vec::new();
        for i in old_left {
            let path = &old[i].1.path;
            match (0..new.len()).find(|&j| !new_used[j] && new[j].1.path == *path) {
                Some(j) => {
                    new_used[j] = true;
                    renamed.push((i, j));
                    pairs.push((i, j));
                }
                None => removed.push(i),
            }
        }
        self.renamed_operations(&old, &new, &renamed);
        for i in removed {
            self.operation_removed(old[i].0, old[i].1);
        }
        for (j, used) in new_used.iter().enumerate() {
            if !used {
                self.operation_added(new[j].0, new[j].1);
            }
        }
        for (i, j) in pairs {
            self.operation(old[i].1, new[j].1);
        }
    }

    /// A service renamed as a whole (the old name is gone, the new one is
    /// new, its operations kept their names) is one finding; other renames
    /// are one per operation.
    fn renamed_operations(
        &mut self,
        old: &[OpRef<'a>],
        new: &[OpRef<'a>],
        renamed: &[(usize, usize)],
    ) {
        let mut by_service: BTreeMap<(&str, &str), Vec<(usize, usize)>> = BTreeMap::new();
        for &(i, j) in renamed {
            let (os, oo) = old[i];
            let (ns, no) = new[j];
            let whole = os.name != ns.name
                && oo.name == no.name
                && self.new.api.services.iter().all(|s| s.name != os.name)
                && self.old.api.services.iter().all(|s| s.name != ns.name);
            if whole {
                by_service
                    .entry((&os.name, &ns.name))
                    .or_default()
                    .push((i, j));
                continue;
            }
            self.emit(
                "operation-renamed",
                Scope::Operation(&no.path),
                Sides::default(),
                At::New(no.pos),
                format!(
                    "{} is now {} (same path): generated method names change",
                    code(&format!("{}.{}", os.name, oo.name)),
                    code(&format!("{}.{}", ns.name, no.name))
                ),
            )
            .change(
                format!("{}.{}", os.name, oo.name),
                format!("{}.{}", ns.name, no.name),
            );
        }
        for ((from, to), ops) in by_service {
            let first = new[ops[0].1].1;
            let affected: Vec<Affected> = ops
                .iter()
                .map(|&(_, j)| Affected {
                    operation: new[j].1.path.clone(),
                    side: None,
                })
                .collect();
            let f = self.emit(
                "service-renamed",
                Scope::Api,
                Sides::default(),
                At::New(first.pos),
                format!(
                    "service {} is now {} ({} operations keep their paths): generated module and trait names change",
                    code(from),
                    code(to),
                    affected.len()
                ),
            );
            f.path(format!("services.{to}")).change(from, to);
            f.affected_operations = affected;
        }
    }

    pub(super) fn operation_removed(&mut self, s: &Service, o: &Operation) {
        let what = format!("{} was removed", describe(s, o));
        let (rule, message) = match self.lifecycle_rule(o.deprecated, &o.deprecation) {
            Some((rule, when)) => (rule, format!("deprecated {what}{when}")),
            None => ("operation-removed", what),
        };
        self.emit(
            rule,
            Scope::Operation(&o.path),
            Sides::default(),
            At::Old(o.pos),
            message,
        );
    }

    pub(super) fn operation_added(&mut self, s: &Service, o: &Operation) {
        self.emit(
            "operation-added",
            Scope::Operation(&o.path),
            Sides::default(),
            At::New(o.pos),
            format!("{} was added", describe(s, o)),
        );
    }

    fn operation(&mut self, o: &Operation, n: &Operation) {
        let scope = Scope::Operation(&n.path);
        let at = At::New(n.pos);
        let none = Sides::default();
        if o.path != n.path {
            self.emit(
                "path-changed",
                scope,
                none,
                at,
                format!(
                    "path changed from {} to {}; clients still call the old path",
                    code(&o.path),
                    code(&n.path)
                ),
            )
            .change(&o.path, &n.path);
        }
        if o.access != n.access {
            let (before, after) = (o.access.as_str(), n.access.as_str());
            let (rule, why) = if token_rank(n.access) > token_rank(o.access) {
                (
                    "access-tightened",
                    ": clients without the right token are rejected",
                )
            } else {
                ("access-loosened", ": review who may now call it")
            };
            self.emit(
                rule,
                scope,
                none,
                at,
                format!(
                    "access changed from {} to {}{why}",
                    code(before),
                    code(after)
                ),
            )
            .path("access")
            .change(before, after);
        }
        self.version(o, n);
        if !o.deprecated && n.deprecated {
            self.emit(
                "operation-deprecated",
                scope,
                none,
                at,
                format!("operation {} is now deprecated", code(&n.name)),
            );
        }
        if o.read_only != n.read_only {
            let what = if n.read_only {
                "is now read-only: `bizgen probe` calls it on live gateways and SDKs retry it"
            } else {
                "is no longer read-only: `bizgen probe` stops calling it and SDKs stop retrying it (SDKs built before still do)"
            };
            self.emit(
                "read-only-changed",
                scope,
                none,
                at,
                format!("operation {} {what}", code(&n.name)),
            )
            .path("readOnly")
            .change(o.read_only, n.read_only);
        }
        self.pagination(o, n);
        self.headers(o, n);

        let mut docs = Vec::new();
        if o.summary != n.summary {
            docs.push("summary");
        }
        if o.description != n.description {
            docs.push("description");
        }
        if o.description_zh != n.description_zh {
            docs.push("descriptionZh");
        }
        if o.response.description != n.response.description {
            docs.push("response description");
        }
        if !docs.is_empty() {
            self.emit(
                "docs-changed",
                scope,
                none,
                at,
                format!("{} of operation {} changed", docs.join(", "), code(&n.name)),
            );
        }
        if o.notes != n.notes {
            self.emit(
                "notes-changed",
                scope,
                none,
                at,
                format!("the source notes of operation {} changed", code(&n.name)),
            );
        }
        for c in n.errors.iter().filter(|c| !o.errors.contains(c)) {
            self.emit(
                "error-code-added",
                scope,
                none,
                at,
                format!("may now return error code {}", code(c)),
            )
            .path(format!("errors.{c}"));
        }
        for c in o.errors.iter().filter(|c| !n.errors.contains(c)) {
            self.emit(
                "error-code-removed",
                scope,
                none,
                at,
                format!("no longer documents error code {}", code(c)),
            )
            .path(format!("errors.{c}"));
        }

        let owner = Owner {
            scope,
            sides: Sides::REQUEST,
            label: format!("the request of {}", code(&n.name)),
            prefix: "request.",
            reserved: &[],
        };
        self.fields(&owner, &o.request.fields, &n.request.fields);
        self.response(o, n);
    }

    fn response(&mut self, o: &Operation, n: &Operation) {
        let scope = Scope::Operation(&n.path);
        let at = At::New(n.pos);
        let none = Sides::default();
        let same = match (&o.response.ty, &n.response.ty) {
            (Some(a), Some(b)) => self.renames.same_ty(a, b),
            (a, b) => a == b,
        };
        if !same {
            // The old client reads what the new server sends.
            let compatible = match (&o.response.ty, &n.response.ty) {
                (Some(a), Some(b)) => fits((&self.new.api, b), (&self.old.api, a), &|x, y| {
                    self.renames.same_ty(y, x)
                }),
                _ => false,
            };
            let rule = if compatible {
                "response-type-changed-sdk"
            } else {
                "response-type-changed"
            };
            self.emit(
                rule,
                scope,
                none,
                at,
                format!(
                    "{} changed from {} to {}",
                    code("data"),
                    code(&ty_name(o.response.ty.as_ref())),
                    code(&ty_name(n.response.ty.as_ref()))
                ),
            )
            .path("response")
            .change(
                ty_name(o.response.ty.as_ref()),
                ty_name(n.response.ty.as_ref()),
            );
        } else if n.response.ty.is_some() && o.response.nullable != n.response.nullable {
            let (rule, text) = if n.response.nullable {
                ("response-became-nullable", "may now be null")
            } else {
                ("response-became-non-nullable", "can no longer be null")
            };
            self.emit(rule, scope, none, at, format!("{} {text}", code("data")))
                .path("response")
                .change(o.response.nullable, n.response.nullable);
        }
    }
}

/// How much of a token an access level needs: none, optional, a customer
/// token, an admin token.
fn token_rank(a: Access) -> u8 {
    match a {
        Access::Guest => 0,
        Access::Optional => 1,
        Access::Login => 2,
        Access::Admin => 3,
    }
}

/// `Service.operation`.
fn qualified(s: &Service, o: &Operation) -> String {
    format!("{}.{}", s.name, o.name)
}

/// "operation `Shop.extra` (`demo.Shop.extra`)".
fn describe(s: &Service, o: &Operation) -> String {
    format!(
        "operation {} ({})",
        code(&qualified(s, o)),
        code(&o.biz_type)
    )
}

fn ty_name(ty: Option<&Ty>) -> String {
    ty.map_or("none".into(), Ty::to_string)
}
