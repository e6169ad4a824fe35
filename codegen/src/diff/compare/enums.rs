//! Shared enums: codes added and removed (judged by the side the enum is
//! used on), a code that changed (one finding, not a removal and an
//! addition), renamed values and renamed enums.

use super::{code, At, Details, Differ, Scope};
use crate::diff::usage::Sides;
use crate::ir::{Enum, EnumValue};

impl Differ<'_> {
    pub(super) fn enums(&mut self) {
        for n in &self.new.api.enums {
            if let Some(o) = self.old.api.find_enum(self.renames.old_name(&n.name)) {
                self.enum_(o, n);
            }
        }
    }

    fn enum_(&mut self, o: &Enum, n: &Enum) {
        let name = n.name.as_str();
        let sides = self.usage.sides(name);
        let scope = Scope::Type(name);
        let label = format!("enum {} (used in {})", code(name), sides.describe());
        self.renamed(
            "enum-renamed",
            scope,
            sides,
            (&o.name, name),
            n.pos,
            "codes",
        );
        if o.repr != n.repr {
            self.emit(
                "enum-type-changed",
                scope,
                sides,
                At::New(n.pos),
                format!("{label} changed between integer and string codes"),
            );
            return;
        }
        let has = |e: &Enum, v: &EnumValue| e.values.iter().any(|w| w.code == v.code);
        let removed: Vec<&EnumValue> = o.values.iter().filter(|v| !has(n, v)).collect();
        let added: Vec<&EnumValue> = n.values.iter().filter(|v| !has(o, v)).collect();
        // Same name, other code: the code changed.
        let moved = |v: &EnumValue, list: &[&EnumValue]| list.iter().any(|w| w.name == v.name);
        for v in &removed {
            if let Some(w) = added.iter().find(|w| w.name == v.name) {
                self.emit(
                    "enum-value-code-changed",
                    scope,
                    sides,
                    At::New(w.pos),
                    format!(
                        "value {} of {label} changed its code from {} to {}",
                        code(&w.name),
                        code(&v.code.to_string()),
                        code(&w.code.to_string())
                    ),
                )
                .path(w.code.to_string())
                .change(v.code.to_string(), w.code.to_string());
                continue;
            }
            self.enum_value_removed(scope, sides, &label, v);
        }
        for v in added.iter().filter(|v| !moved(v, &removed)) {
            if o.reserved.contains(&v.code) {
                self.emit(
                    "reserved-reused",
                    scope,
                    sides,
                    At::New(v.pos),
                    format!(
                        "code {} ({}) of {label} was reserved in the old spec and is used again",
                        code(&v.code.to_string()),
                        v.name
                    ),
                )
                .path(v.code.to_string());
                continue;
            }
            let message = format!(
                "code {} ({}) was added to {label}",
                code(&v.code.to_string()),
                v.name
            );
            let response = if n.extensible {
                "extensible-enum-value-added"
            } else {
                "response-enum-value-added"
            };
            let rules = ["request-enum-value-added", response];
            self.per_side(scope, sides, rules, At::New(v.pos), message, v);
        }
        for v in &n.values {
            let Some(ov) = o.values.iter().find(|w| w.code == v.code) else {
                continue;
            };
            if !ov.deprecated && v.deprecated {
                self.emit(
                    "enum-value-deprecated",
                    scope,
                    sides,
                    At::New(v.pos),
                    format!(
                        "code {} ({}) of {label} is now deprecated",
                        code(&v.code.to_string()),
                        v.name
                    ),
                )
                .path(v.code.to_string());
            }
            if ov.name != v.name {
                self.emit(
                    "enum-value-renamed",
                    scope,
                    sides,
                    At::New(v.pos),
                    format!(
                        "code {} of {label} was renamed from {} to {}: generated variant names change",
                        code(&v.code.to_string()),
                        code(&ov.name),
                        code(&v.name)
                    ),
                )
                .path(v.code.to_string())
                .change(&ov.name, &v.name);
            }
            if ov.description != v.description || ov.description_zh != v.description_zh {
                self.emit(
                    "docs-changed",
                    scope,
                    sides,
                    At::New(v.pos),
                    format!(
                        "the description of code {} of {label} changed",
                        code(&v.code.to_string())
                    ),
                )
                .path(v.code.to_string());
            }
            if ov.source != v.source {
                self.emit(
                    "notes-changed",
                    scope,
                    sides,
                    At::New(v.pos),
                    format!(
                        "the source quote of code {} of {label} changed",
                        code(&v.code.to_string())
                    ),
                )
                .path(v.code.to_string());
            }
        }
        if o.source != n.source {
            self.emit(
                "notes-changed",
                scope,
                sides,
                At::New(n.pos),
                format!("the source quote of {label} changed"),
            );
        }
        if o.description != n.description || o.description_zh != n.description_zh {
            self.emit(
                "docs-changed",
                scope,
                sides,
                At::New(n.pos),
                format!("the description of {label} changed"),
            );
        }
    }

    fn enum_value_removed(&mut self, scope: Scope<'_>, sides: Sides, label: &str, v: &EnumValue) {
        let message = format!(
            "code {} ({}) was removed from {label}",
            code(&v.code.to_string()),
            v.name
        );
        // Senders break unless the value was deprecated first; readers
        // only lose a case either way.
        let (request, message) = match self.lifecycle_rule(v.deprecated, &v.deprecation) {
            Some((rule, when)) => (rule, format!("deprecated {message}{when}")),
            None => ("request-enum-value-removed", message),
        };
        let rules = [request, "response-enum-value-removed"];
        self.per_side(scope, sides, rules, At::Old(v.pos), message, v);
    }

    /// One finding per side the enum is used on: `rules` = [request, response].
    fn per_side(
        &mut self,
        scope: Scope<'_>,
        sides: Sides,
        rules: [&'static str; 2],
        at: At,
        message: String,
        v: &EnumValue,
    ) {
        let [request, response] = rules;
        for (on, rule, side) in [
            (sides.request, request, Sides::REQUEST),
            (sides.response, response, Sides::RESPONSE),
        ] {
            if on {
                self.emit(rule, scope, side, at, message.clone())
                    .path(v.code.to_string());
            }
        }
    }
}
