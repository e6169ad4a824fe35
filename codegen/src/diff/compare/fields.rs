//! Fields of one object (a request body, a type or the envelope): added,
//! removed, probably renamed, and every property of a field that stayed.
//! Direction-aware: tightening a request or loosening a response breaks.

use super::constraints::compare_constraints;
use super::wire_types::fits;
use super::{code, At, Details, Differ, Owner};
use crate::diff::usage::Sides;
use crate::ir::{Condition, Field};

impl Differ<'_> {
    /// Compares the fields of one object, judged as request and/or
    /// response fields by `owner.sides`.
    pub(super) fn fields(&mut self, owner: &Owner<'_>, old: &[Field], new: &[Field]) {
        let removed: Vec<&Field> = old
            .iter()
            .filter(|f| !new.iter().any(|n| n.name == f.name))
            .collect();
        let added: Vec<&Field> = new
            .iter()
            .filter(|n| !old.iter().any(|o| o.name == n.name))
            .collect();
        let renamed = if owner.sides.request {
            self.probable_renames(&removed, &added)
        } else {
            Vec::new()
        };
        let is_renamed_from = |f: &Field| renamed.iter().any(|(o, _)| o.name == f.name);
        let is_renamed_to = |f: &Field| renamed.iter().any(|(_, n)| n.name == f.name);

        for f in &removed {
            let mut sides = owner.sides;
            sides.request &= !is_renamed_from(f);
            self.field_removed(owner, sides, f);
        }
        for (o, n) in &renamed {
            self.emit(
                "request-field-renamed",
                owner.scope,
                Sides::REQUEST,
                At::New(n.pos),
                format!(
                    "optional field {} of {} was removed and {} of the same type added: probably a rename; values old clients send as {} are dropped",
                    code(&o.name),
                    owner.label,
                    code(&n.name),
                    code(&o.name)
                ),
            )
            .path(format!("{}{}", owner.prefix, n.name))
            .change(&o.name, &n.name);
        }
        for n in &added {
            if owner.reserved.contains(&n.name) {
                self.emit(
                    "reserved-reused",
                    owner.scope,
                    owner.sides,
                    At::New(n.pos),
                    format!(
                        "field {} of {} was reserved in the old spec and is used again",
                        code(&n.name),
                        owner.label
                    ),
                )
                .path(format!("{}{}", owner.prefix, n.name));
                continue;
            }
            if owner.sides.request && !is_renamed_to(n) {
                let (rule, what) = if n.required {
                    ("request-field-added-required", "required")
                } else {
                    ("request-field-added", "optional")
                };
                self.emit(
                    rule,
                    owner.scope,
                    Sides::REQUEST,
                    At::New(n.pos),
                    format!(
                        "{what} field {} was added to {}",
                        code(&n.name),
                        owner.label
                    ),
                )
                .path(format!("{}{}", owner.prefix, n.name));
            }
            if owner.sides.response {
                self.emit(
                    "response-field-added",
                    owner.scope,
                    Sides::RESPONSE,
                    At::New(n.pos),
                    format!("field {} was added to {}", code(&n.name), owner.label),
                )
                .path(format!("{}{}", owner.prefix, n.name));
            }
        }
        for n in new {
            if let Some(o) = old.iter().find(|o| o.name == n.name) {
                self.field(owner, o, n);
            }
        }
    }

    /// Pairs of (removed, added) optional fields of the same type, where
    /// the pairing is unambiguous.
    fn probable_renames<'f>(
        &self,
        removed: &[&'f Field],
        added: &[&'f Field],
    ) -> Vec<(&'f Field, &'f Field)> {
        let same = |a: &Field, b: &Field| self.renames.same_ty(&a.ty, &b.ty);
        let mut out = Vec::new();
        for r in removed.iter().filter(|f| !f.required) {
            let to: Vec<&&Field> = added.iter().filter(|a| !a.required && same(r, a)).collect();
            if let [a] = to.as_slice() {
                let from = removed
                    .iter()
                    .filter(|r2| !r2.required && same(r2, a))
                    .count();
                if from == 1 {
                    out.push((*r, **a));
                }
            }
        }
        out
    }

    fn field_removed(&mut self, owner: &Owner<'_>, sides: Sides, f: &Field) {
        let at = At::Old(f.pos);
        let path = format!("{}{}", owner.prefix, f.name);
        let message = format!("field {} was removed from {}", code(&f.name), owner.label);
        if let Some((rule, when)) = self.lifecycle_rule(f.deprecated, &f.deprecation) {
            if sides.request || sides.response {
                self.emit(
                    rule,
                    owner.scope,
                    sides,
                    at,
                    format!("deprecated {message}{when}"),
                )
                .path(path);
                return;
            }
        }
        if sides.request {
            self.emit(
                "request-field-removed",
                owner.scope,
                Sides::REQUEST,
                at,
                message.clone(),
            )
            .path(path.clone());
        }
        if sides.response {
            self.emit(
                "response-field-removed",
                owner.scope,
                Sides::RESPONSE,
                at,
                message,
            )
            .path(path);
        }
    }

    /// One field present in both versions.
    fn field(&mut self, owner: &Owner<'_>, o: &Field, n: &Field) {
        let at = At::New(n.pos);
        let scope = owner.scope;
        let path = format!("{}{}", owner.prefix, n.name);
        let name = format!("field {} of {}", code(&n.name), owner.label);
        let same_ty = self.renames.same_ty(&o.ty, &n.ty);
        if !same_ty {
            let same = |a: &crate::ir::Ty, b: &crate::ir::Ty| self.renames.same_ty(a, b);
            let (old_api, new_api) = (&self.old.api, &self.new.api);
            let request_ok =
                !owner.sides.request || fits((old_api, &o.ty), (new_api, &n.ty), &same);
            let response_ok = !owner.sides.response
                || fits((new_api, &n.ty), (old_api, &o.ty), &|a, b| same(b, a));
            let (rule, why) = if request_ok && response_ok {
                (
                    "field-type-changed-sdk",
                    ": compatible on the wire, generated code changes",
                )
            } else {
                ("field-type-changed", "")
            };
            self.emit(
                rule,
                scope,
                owner.sides,
                at,
                format!(
                    "{name} changed type from {} to {}{why}",
                    code(&o.ty.to_string()),
                    code(&n.ty.to_string())
                ),
            )
            .path(path.clone())
            .change(o.ty.to_string(), n.ty.to_string());
        }
        let flags = [
            (o.required, n.required, "required", "optional"),
            (o.nullable, n.nullable, "nullable", "non-nullable"),
        ];
        for (side, sides) in [("request", Sides::REQUEST), ("response", Sides::RESPONSE)] {
            if !(owner.sides.request && sides.request || owner.sides.response && sides.response) {
                continue;
            }
            for (was, is, yes, no) in flags {
                if was != is {
                    let became = if is { yes } else { no };
                    let rule = rule_id(side, became);
                    self.emit(rule, scope, sides, at, format!("{name} became {became}"))
                        .path(path.clone())
                        .change(was, is);
                }
            }
            if same_ty {
                let c = compare_constraints(&o.constraints, &n.constraints);
                // What narrows a request is a promise more to a response reader.
                let (stricter, looser) = if sides.request {
                    ("request-constraint-narrowed", "request-constraint-relaxed")
                } else {
                    (
                        "response-constraint-narrowed",
                        "response-constraint-relaxed",
                    )
                };
                for (rule, changes) in [(stricter, c.narrowed), (looser, c.relaxed)] {
                    if !changes.is_empty() {
                        let message = format!("{name}: {}", changes.texts.join(", "));
                        self.emit(rule, scope, sides, at, message)
                            .path(&path)
                            .change(changes.before, changes.after);
                    }
                }
            }
        }
        if owner.sides.request && o.default != n.default {
            let show = |v: &Option<serde_json::Value>| {
                v.as_ref().map_or("none".into(), |v| code(&v.to_string()))
            };
            self.emit(
                "request-default-changed",
                scope,
                Sides::REQUEST,
                at,
                format!(
                    "the default of {name} changed from {} to {}",
                    show(&o.default),
                    show(&n.default)
                ),
            )
            .path(path.clone())
            .change(&o.default, &n.default);
        }
        if owner.sides.request && o.required_when != n.required_when {
            let json = |c: &Option<Condition>| c.as_ref().map(Condition::to_json);
            let (rule, message) = match (&o.required_when, &n.required_when) {
                (None, Some(c)) => (
                    "request-required-when-added",
                    format!("{name} is now required when {c}"),
                ),
                (Some(c), None) => (
                    "request-required-when-removed",
                    format!("{name} is no longer required when {c}"),
                ),
                (Some(a), Some(b)) => (
                    "request-required-when-changed",
                    format!("{name} was required when {a}, now when {b}"),
                ),
                (None, None) => ("request-required-when-changed", String::new()),
            };
            self.emit(rule, scope, Sides::REQUEST, at, message)
                .path(path.clone())
                .change(json(&o.required_when), json(&n.required_when));
        }
        if o.sensitive != n.sensitive {
            let (rule, what) = if n.sensitive {
                (
                    "field-became-sensitive",
                    "is now sensitive: redacted in logs",
                )
            } else {
                (
                    "field-no-longer-sensitive",
                    "is no longer sensitive: it appears in logs",
                )
            };
            self.emit(rule, scope, owner.sides, at, format!("{name} {what}"))
                .path(path.clone())
                .change(o.sensitive, n.sensitive);
        }
        if !o.deprecated && n.deprecated {
            self.emit(
                "field-deprecated",
                scope,
                owner.sides,
                at,
                format!("{name} is now deprecated"),
            )
            .path(path.clone());
        }
        if o.description != n.description || o.description_zh != n.description_zh {
            self.emit(
                "docs-changed",
                scope,
                owner.sides,
                at,
                format!("the description of {name} changed"),
            )
            .path(path.clone());
        }
        if o.assumed != n.assumed {
            let show = |c: &crate::ir::Constraints| {
                let list: Vec<String> = c.list().iter().map(ToString::to_string).collect();
                if list.is_empty() {
                    "none".to_owned()
                } else {
                    list.join(", ")
                }
            };
            self.emit(
                "assumed-changed",
                scope,
                owner.sides,
                at,
                format!(
                    "the assumed constraints of {name} changed from {} to {}",
                    show(&o.assumed),
                    show(&n.assumed)
                ),
            )
            .path(path.clone())
            .change(o.assumed.to_json(), n.assumed.to_json());
        }
        if o.notes != n.notes || o.source != n.source {
            self.emit(
                "notes-changed",
                scope,
                owner.sides,
                at,
                format!("the source notes of {name} changed"),
            )
            .path(path);
        }
    }
}

/// `request-field-became-required`, `response-field-became-nullable`, ...
fn rule_id(side: &str, became: &str) -> &'static str {
    match (side, became) {
        ("request", "required") => "request-field-became-required",
        ("request", "optional") => "request-field-became-optional",
        ("request", "nullable") => "request-field-became-nullable",
        ("request", _) => "request-field-became-non-nullable",
        (_, "required") => "response-field-became-required",
        (_, "optional") => "response-field-became-optional",
        (_, "nullable") => "response-field-became-nullable",
        _ => "response-field-became-non-nullable",
    }
}
