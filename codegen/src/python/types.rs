//! `customer_api.types`: one module per spec file that declares types
//! (`types/login.py`), re-exported by `types/__init__.py`. Each type is a
//! dataclass on `_rt.Model`, each enum an `_rt.OpenIntEnum` or
//! `_rt.OpenStrEnum`.

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;

use super::names;
use super::rest::{field_doc, Place};
use super::shapes::{self, Scope};
use super::{docstring, HEADER};
use crate::ir::{Api, Code, Enum, Field, Struct, Ty, TypeModule};

#[derive(Template)]
#[template(path = "python/types_index.py", escape = "none")]
pub(super) struct TypesIndexFile {
    header: &'static str,
    imports: Vec<String>,
    all: Vec<String>,
}

#[derive(Template)]
#[template(path = "python/types_module.py", escape = "none")]
pub(super) struct TypeModuleFile {
    header: &'static str,
    doc: String,
    /// The import blocks after `from __future__ import annotations`.
    imports: String,
    enums: Vec<EnumView>,
    classes: Vec<ClassView>,
}

struct EnumView {
    name: String,
    base: &'static str,
    doc: String,
    members: Vec<MemberView>,
}

struct MemberView {
    name: String,
    value: String,
    doc: String,
}

struct ClassView {
    name: String,
    doc: String,
    fields: Vec<FieldView>,
}

struct FieldView {
    attr: String,
    annotation: String,
    doc: String,
    /// The `__init__` default (`None`, `_rt.ABSENT`), none when required.
    default: Option<String>,
    /// The `_rt.Field(...)` entry of `_wire_fields`.
    wire: String,
}

/// The index: every shared type and enum, from its module.
pub(super) fn index(api: &Api) -> TypesIndexFile {
    let mut all = Vec::new();
    let imports = api
        .type_modules
        .iter()
        .map(|m| {
            let classes: Vec<String> = api
                .enums
                .iter()
                .filter(|e| e.module == m.name)
                .map(|e| names::type_class(api, &e.name))
                .chain(
                    api.types
                        .iter()
                        .filter(|t| t.module == m.name)
                        .map(|t| names::type_class(api, &t.name)),
                )
                .collect();
            all.extend(classes.iter().cloned());
            super::import_from(&format!(".{}", names::module(&m.name)), &classes)
        })
        .collect();
    all.sort_by_key(|n| (super::isort_kind(n), n.clone()));
    TypesIndexFile {
        header: HEADER,
        imports,
        all,
    }
}

/// The module each named type is declared in.
fn module_of<'a>(api: &'a Api, name: &str) -> Option<&'a str> {
    api.find_struct(name)
        .map(|s| s.module.as_str())
        .or_else(|| api.find_enum(name).map(|e| e.module.as_str()))
}

/// Type module → the other type modules its types refer to.
fn module_graph(api: &Api) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for s in &api.types {
        let mut refs = BTreeSet::new();
        for f in &s.fields {
            shapes::named_refs(&f.ty, &mut refs);
        }
        let deps = graph.entry(s.module.as_str()).or_default();
        for r in refs {
            if let Some(m) = module_of(api, r) {
                if m != s.module {
                    deps.insert(m);
                }
            }
        }
    }
    graph
}

fn reaches(graph: &BTreeMap<&str, BTreeSet<&str>>, from: &str, to: &str) -> bool {
    let mut stack = vec![from];
    let mut seen = BTreeSet::new();
    while let Some(m) = stack.pop() {
        if m == to {
            return true;
        }
        if seen.insert(m) {
            stack.extend(graph.get(m).into_iter().flatten().copied());
        }
    }
    false
}

/// The types and enums of one spec file.
pub(super) fn module(api: &Api, module: &TypeModule) -> TypeModuleFile {
    let structs: Vec<&Struct> = api
        .types
        .iter()
        .filter(|t| t.module == module.name)
        .collect();
    let enums: Vec<&Enum> = api
        .enums
        .iter()
        .filter(|e| e.module == module.name)
        .collect();

    // Imports of other modules' types: by name, or through a module alias
    // where the other module imports this one back (a cycle).
    let graph = module_graph(api);
    let mut scope = Scope::default();
    let mut by_module: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let uses = |ty: &Ty| {
        (
            shapes::mentions(ty, &Ty::Decimal),
            shapes::mentions(ty, &Ty::Json),
        )
    };
    let (mut decimal, mut any) = (false, false);
    for s in &structs {
        for f in &s.fields {
            let (d, a) = uses(&f.ty);
            decimal |= d;
            any |= a;
            let mut refs = BTreeSet::new();
            shapes::named_refs(&f.ty, &mut refs);
            for r in refs {
                match module_of(api, r) {
                    Some(m) if m != module.name => {
                        by_module
                            .entry(m)
                            .or_default()
                            .insert(names::type_class(api, r));
                    }
                    _ => {}
                }
            }
        }
    }
    let mut local_imports = Vec::new();
    for (m, classes) in &by_module {
        let file = names::module(m);
        if reaches(&graph, m, &module.name) {
            let alias = format!("_{}", file.trim_end_matches('_'));
            local_imports.push(format!("from . import {file} as {alias}"));
            scope.aliased.insert((*m).to_owned(), alias);
        } else {
            let list: Vec<String> = classes.iter().cloned().collect();
            local_imports.push(super::import_from(&format!(".{file}"), &list));
        }
    }
    let classes: Vec<ClassView> = structs.iter().map(|s| class_view(api, s, &scope)).collect();
    let uses_builtins = classes
        .iter()
        .flat_map(|c| &c.fields)
        .any(|f| f.annotation.contains("builtins."));
    let mut imports = Vec::new();
    if uses_builtins {
        imports.push("import builtins".to_owned());
    }
    if !structs.is_empty() {
        imports.push("from dataclasses import dataclass".to_owned());
    }
    if decimal {
        imports.push("from decimal import Decimal".to_owned());
    }
    if any {
        imports.push("from typing import Any".to_owned());
    }
    // Blocks as isort wants them: the standard library, then the package.
    let mut local = vec!["from .._runtime import model as _rt".to_owned()];
    local.extend(local_imports);
    let mut blocks = Vec::new();
    if !imports.is_empty() {
        blocks.push(imports.join("\n"));
    }
    blocks.push(local.join("\n"));
    TypeModuleFile {
        header: HEADER,
        doc: docstring(
            &[&format!("Types and enums of ``{}``.", module.spec_file)],
            "",
        ),
        imports: blocks.join("\n\n"),
        enums: enums.iter().map(|e| enum_view(api, e)).collect(),
        classes,
    }
}

fn enum_view(api: &Api, e: &Enum) -> EnumView {
    let int = e.values.iter().all(|v| matches!(v.code, Code::Int(_)));
    let member_names = names::dedupe(
        e.values
            .iter()
            .map(|v| names::constant(&v.name, "VALUE"))
            .collect(),
    );
    let members = e
        .values
        .iter()
        .zip(member_names)
        .map(|(v, name)| {
            let deprecated = if v.deprecated {
                format!(".. deprecated:: {}", v.deprecation.details())
            } else {
                String::new()
            };
            MemberView {
                name,
                value: match &v.code {
                    Code::Int(n) if int => n.to_string(),
                    other => names::string_literal(&other.to_string()),
                },
                doc: docstring(
                    &[
                        &v.description,
                        v.description_zh.as_deref().unwrap_or_default(),
                        &deprecated,
                    ],
                    "    ",
                ),
            }
        })
        .collect();
    let wire = format!(
        "Wire name ``{}``; {} codes. A code this version does not know decodes \
         to a member whose ``is_known`` is ``False``.",
        e.name,
        if int { "integer" } else { "string" }
    );
    EnumView {
        name: names::type_class(api, &e.name),
        base: if int {
            "_rt.OpenIntEnum"
        } else {
            "_rt.OpenStrEnum"
        },
        doc: docstring(
            &[
                e.description.as_str(),
                e.description_zh.as_deref().unwrap_or_default(),
                &wire,
            ],
            "    ",
        ),
        members,
    }
}

fn class_view(api: &Api, s: &Struct, module_scope: &Scope) -> ClassView {
    let attrs = names::dedupe(s.fields.iter().map(|f| names::field(&f.name)).collect());
    let scope = module_scope.in_class(attrs.iter().map(String::as_str));
    let fields = s
        .fields
        .iter()
        .zip(attrs)
        .map(|(f, attr)| field_view(api, s, f, attr, &scope))
        .collect();
    let sides = match (s.sides.request, s.sides.response) {
        (true, true) => "Sent in requests and read from responses.",
        (true, false) => "Sent in requests.",
        (false, true) => "Read from responses.",
        (false, false) => "",
    };
    ClassView {
        name: names::type_class(api, &s.name),
        doc: docstring(
            &[
                &s.description,
                s.description_zh.as_deref().unwrap_or_default(),
                &format!("Wire name ``{}``. {sides}", s.name),
            ],
            "    ",
        ),
        fields,
    }
}

fn field_view(api: &Api, s: &Struct, f: &Field, attr: String, scope: &Scope) -> FieldView {
    // Absent and null are told apart where the SDK writes the value.
    let keeps_absent = s.sides.request && f.nullable && !f.required;
    let default = if f.required {
        None
    } else if keeps_absent {
        Some("_rt.ABSENT".to_owned())
    } else {
        Some("None".to_owned())
    };
    let mut flags = Vec::new();
    for (on, text) in [
        (f.required, "required=True"),
        (f.nullable, "nullable=True"),
        (f.sensitive, "sensitive=True"),
        (keeps_absent, "keeps_absent=True"),
    ] {
        if on {
            flags.push(text);
        }
    }
    let mut wire = format!(
        "_rt.Field({}, {}, {}",
        names::string_literal(&attr),
        names::string_literal(&f.name),
        scope.codec(api, &f.ty)
    );
    for flag in flags {
        wire.push_str(", ");
        wire.push_str(flag);
    }
    wire.push(')');
    FieldView {
        annotation: scope.field_annotation(api, f, keeps_absent),
        doc: docstring(
            &field_doc(api, f, Place::Attribute { keeps_absent }),
            "    ",
        ),
        default,
        wire,
        attr,
    }
}
