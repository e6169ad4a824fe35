//! Python type annotations and decoders ("codecs", see
//! `_runtime/model.py`) of IR types, and how a module refers to the
//! shared types.

use std::collections::{BTreeMap, BTreeSet};

use super::names;
use crate::ir::{Api, Field, Ty};

/// How one generated module spells types: which shared types it reaches
/// through a module alias (to break an import cycle between type modules)
/// and which builtins a class member hides in the class body at hand.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// Type module → the alias it is imported under (`_login`).
    pub aliased: BTreeMap<String, String>,
    /// Builtins hidden by a member of the class being written: spelled
    /// `builtins.list` in its annotations.
    pub shadowed: BTreeSet<String>,
}

impl Scope {
    /// The same scope inside a class with these member names.
    pub fn in_class<'a>(&self, members: impl IntoIterator<Item = &'a str>) -> Scope {
        let shadowed = members
            .into_iter()
            .filter(|m| names::ANNOTATION_BUILTINS.contains(m))
            .map(str::to_owned)
            .collect();
        Scope {
            aliased: self.aliased.clone(),
            shadowed,
        }
    }

    /// A builtin type's name, qualified when a member hides it.
    pub fn builtin(&self, name: &str) -> String {
        if self.shadowed.contains(name) {
            format!("builtins.{name}")
        } else {
            name.to_owned()
        }
    }

    fn named(&self, api: &Api, name: &str) -> String {
        let class = names::type_class(api, name);
        let module = api
            .find_struct(name)
            .map(|s| s.module.as_str())
            .or_else(|| api.find_enum(name).map(|e| e.module.as_str()));
        match module.and_then(|m| self.aliased.get(m)) {
            Some(alias) => format!("{alias}.{class}"),
            None => class,
        }
    }

    /// The annotation of a value of `ty`.
    pub fn annotation(&self, api: &Api, ty: &Ty) -> String {
        match ty {
            Ty::String => self.builtin("str"),
            Ty::Int32 | Ty::Int64 | Ty::Timestamp => self.builtin("int"),
            Ty::Bool => self.builtin("bool"),
            Ty::Decimal => "Decimal".into(),
            Ty::Json => "Any".into(),
            Ty::Struct(name) | Ty::Enum(name) => self.named(api, name),
            Ty::List(t) => format!("{}[{}]", self.builtin("list"), self.annotation(api, t)),
            Ty::Map(t) => format!(
                "{}[{}, {}]",
                self.builtin("dict"),
                self.builtin("str"),
                self.annotation(api, t)
            ),
        }
    }

    /// The annotation of a model attribute: `None` where the field may be
    /// absent or null, `_rt.Absent` where absent must stay apart from null.
    pub fn field_annotation(&self, api: &Api, f: &Field, keeps_absent: bool) -> String {
        let base = self.annotation(api, &f.ty);
        let base = if matches!(f.ty, Ty::Json) {
            // `Any` already admits None.
            base
        } else if f.nullable || !f.required {
            format!("{base} | None")
        } else {
            base
        };
        if keeps_absent {
            format!("{base} | _rt.Absent")
        } else {
            base
        }
    }

    /// The decoder of a value of `ty` (module-level names: no builtins).
    pub fn codec(&self, api: &Api, ty: &Ty) -> String {
        match ty {
            Ty::String => "_rt.STRING".into(),
            Ty::Int32 => "_rt.INT32".into(),
            Ty::Int64 => "_rt.INT64".into(),
            Ty::Timestamp => "_rt.TIMESTAMP".into(),
            Ty::Bool => "_rt.BOOL".into(),
            Ty::Decimal => "_rt.DECIMAL".into(),
            Ty::Json => "_rt.JSON".into(),
            Ty::Struct(name) => format!("_rt.ModelOf({})", self.named(api, name)),
            Ty::Enum(name) => format!("_rt.EnumOf({})", self.named(api, name)),
            Ty::List(t) => format!("_rt.ListOf({})", self.codec(api, t)),
            Ty::Map(t) => format!("_rt.MapOf({})", self.codec(api, t)),
        }
    }
}

/// Whether `ty` mentions a decimal or a json value anywhere (for imports).
pub fn mentions(ty: &Ty, what: &Ty) -> bool {
    match ty {
        Ty::List(t) | Ty::Map(t) => mentions(t, what),
        other => other == what,
    }
}

/// The named types (structs and enums) `ty` refers to.
pub fn named_refs<'a>(ty: &'a Ty, out: &mut BTreeSet<&'a str>) {
    match ty {
        Ty::Struct(n) | Ty::Enum(n) => {
            out.insert(n);
        }
        Ty::List(t) | Ty::Map(t) => named_refs(t, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_qualify_hidden_builtins() {
        let api = crate::load_dir(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/obstacle-spec"
        )))
        .expect("obstacle course")
        .api;
        let ty = Ty::Map(Box::new(Ty::List(Box::new(Ty::Enum("Match".into())))));
        let plain = Scope::default();
        assert_eq!(plain.annotation(&api, &ty), "dict[str, list[Match]]");
        let hidden = plain.in_class(["list", "type"]);
        assert_eq!(
            hidden.annotation(&api, &ty),
            "dict[str, builtins.list[Match]]"
        );
        assert_eq!(
            plain.codec(&api, &ty),
            "_rt.MapOf(_rt.ListOf(_rt.EnumOf(Match)))"
        );
    }
}
