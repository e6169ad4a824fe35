//! Stage 3a, resolve types: names of types and enums (validity, built-in
//! names, one namespace), enums with their codes, type expressions
//! (`list<map<Account>>`), fields (their constraints in `constraints.rs`),
//! and cycles. How a name reads in a language (keywords, names that meet
//! after casing) is the target's business.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::conditions;
use super::constraints::{resolve_constraints, Keys};
use super::ctx::Ctx;
use super::lifecycle;
use super::located::{Located, OrderedMap};
use super::merge::Merged;
use super::raw;
use super::suggest::suggest;
use crate::diagnostics::Pos;
use crate::ir::*;
use crate::names;

/// The declared names that type expressions can refer to.
pub(super) struct Known {
    pub enums: BTreeSet<String>,
    pub types: BTreeSet<String>,
}

/// Checks the names of types and enums (one namespace, valid, not a
/// built-in type) and returns them.
pub(super) fn known_names(ctx: &mut Ctx, merged: &Merged) -> Known {
    let (types, enums) = (&merged.types, &merged.enums);
    for (name, (pos, _)) in types {
        if let Some((epos, _)) = enums.get(name) {
            ctx.error(*pos, format!("`{name}` is both a type and an enum"))
                .help = Some(format!("the enum is at {}; rename one", ctx.at(*epos)));
        }
    }
    for (name, pos) in types
        .iter()
        .map(|(n, (p, _))| (n, *p))
        .chain(enums.iter().map(|(n, (p, _))| (n, *p)))
    {
        check_type_like_name(ctx, name, pos);
    }
    Known {
        enums: enums.keys().cloned().collect(),
        types: types.keys().cloned().collect(),
    }
}

/// The enums and object types of the API, sorted by name.
pub(super) fn resolve_types(
    ctx: &mut Ctx,
    merged: &Merged,
    known: &Known,
) -> (Vec<Enum>, Vec<Struct>) {
    let enums = merged
        .enums
        .iter()
        .map(|(name, (pos, e))| resolve_enum(ctx, name, *pos, e))
        .collect();
    let types: Vec<Struct> = merged
        .types
        .iter()
        .map(|(name, (pos, t))| {
            let fields = resolve_fields(ctx, known, conditions::Fields::Other, &t.fields, name);
            let names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
            Struct {
                name: name.clone(),
                module: ctx.module_of(*pos),
                description: t.description.clone(),
                description_zh: t.description_zh.clone(),
                fields,
                notes: t.notes.clone(),
                reserved: lifecycle::reserved_names(ctx, name, &t.reserved, &names),
                sides: Sides::default(),
                services: Vec::new(),
                pos: *pos,
            }
        })
        .collect();
    check_cycles(ctx, &types);
    (enums, types)
}

pub(super) fn check_type_like_name(ctx: &mut Ctx, name: &str, pos: Pos) {
    let ok = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !ok {
        ctx.error(pos, format!("name `{name}` is not a valid type name"))
            .help = Some("use UpperCamelCase letters and digits, starting with a letter".into());
    } else if matches!(
        name,
        "string"
            | "int32"
            | "int64"
            | "boolean"
            | "decimal"
            | "timestamp"
            | "json"
            | "list"
            | "map"
            | "none"
    ) {
        ctx.error(
            pos,
            format!("`{name}` is a built-in type and cannot be redefined"),
        );
    }
}

fn resolve_enum(ctx: &mut Ctx, name: &str, pos: Pos, e: &raw::EnumDef) -> Enum {
    if e.values.is_empty() {
        ctx.error(pos, format!("enum `{name}` has no values"));
    }
    let mut values = Vec::new();
    let mut seen_codes: Vec<(Code, Pos)> = Vec::new();
    let mut seen_names: BTreeMap<String, Pos> = BTreeMap::new();
    for lv in &e.values {
        let v = &lv.value;
        let Some(code) = code_of(e.repr, &v.value.value) else {
            let want = match e.repr {
                EnumRepr::Int32 => "a 32-bit integer",
                EnumRepr::String => "a string",
            };
            ctx.error(
                v.value.pos,
                format!("enum `{name}` value {} must be {want}", v.value.value),
            );
            continue;
        };
        if let Some((_, first)) = seen_codes.iter().find(|(c, _)| *c == code) {
            let first = *first;
            ctx.error(
                v.value.pos,
                format!("enum `{name}` lists the code {code} twice"),
            )
            .help = Some(format!("first at {}", ctx.at(first)));
        }
        seen_codes.push((code.clone(), v.value.pos));
        if let Some(first) = seen_names.get(&v.name.value) {
            let first = *first;
            ctx.error(
                v.name.pos,
                format!("enum `{name}` names two values `{}`", v.name.value),
            )
            .help = Some(format!("first at {}", ctx.at(first)));
        } else {
            seen_names.insert(v.name.value.clone(), v.name.pos);
        }
        let deprecation = lifecycle::deprecation(
            ctx,
            &format!("value `{}` of enum `{name}`", v.name.value),
            lv.pos,
            v.deprecated,
            v.sunset.as_ref(),
            v.replacement.as_ref(),
        );
        values.push(EnumValue {
            code,
            name: v.name.value.clone(),
            description: v.description.clone(),
            description_zh: v.description_zh.clone(),
            deprecated: v.deprecated,
            deprecation,
            source: quote(
                ctx,
                &format!("value `{}` of enum `{name}`", v.name.value),
                v.source.as_ref(),
            ),
            pos: lv.pos,
        });
    }
    let codes: Vec<Code> = values.iter().map(|v| v.code.clone()).collect();
    Enum {
        name: name.to_owned(),
        module: ctx.module_of(pos),
        repr: e.repr,
        description: e.description.clone(),
        description_zh: e.description_zh.clone(),
        values,
        extensible: e.extensible,
        reserved: lifecycle::reserved_codes(ctx, name, e.repr, &e.reserved, &codes),
        source: quote(ctx, &format!("enum `{name}`"), e.source.as_ref()),
        sides: Sides::default(),
        services: Vec::new(),
        pos,
    }
}

/// A `source` quote, trimmed; an empty one is an error.
pub(super) fn quote(ctx: &mut Ctx, what: &str, q: Option<&Located<String>>) -> Option<String> {
    let q = q?;
    let text = q.value.trim();
    if text.is_empty() {
        ctx.error(q.pos, format!("{what}: `source` is empty")).help =
            Some("quote the sentence of the source documents verbatim, or remove `source`".into());
        return None;
    }
    Some(text.to_owned())
}

/// The code that `value` spells in an enum of `repr`, if it is one.
pub(super) fn code_of(repr: EnumRepr, value: &Value) -> Option<Code> {
    match (repr, value) {
        (EnumRepr::Int32, Value::Number(n)) => match n.as_i64() {
            Some(i) if i32::try_from(i).is_ok() => Some(Code::Int(i)),
            _ => None,
        },
        (EnumRepr::String, Value::String(s)) => Some(Code::Str(s.clone())),
        _ => None,
    }
}

/// Parses a type expression such as `list<map<Account>>`.
pub(super) fn parse_ty(expr: &str, known: &Known) -> Result<Ty, String> {
    let expr = expr.trim();
    let generic = |prefix: &str| {
        expr.strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('<'))
            .and_then(|rest| rest.strip_suffix('>'))
    };
    if let Some(inner) = generic("list") {
        return Ok(Ty::List(Box::new(parse_ty(inner, known)?)));
    }
    if let Some(inner) = generic("map") {
        return Ok(Ty::Map(Box::new(parse_ty(inner, known)?)));
    }
    Ok(match expr {
        "string" => Ty::String,
        "int32" => Ty::Int32,
        "int64" => Ty::Int64,
        "boolean" => Ty::Bool,
        "decimal" => Ty::Decimal,
        "timestamp" => Ty::Timestamp,
        "json" => Ty::Json,
        name if known.types.contains(name) => Ty::Struct(name.to_owned()),
        name if known.enums.contains(name) => Ty::Enum(name.to_owned()),
        "" => {
            return Err("empty type expression; expected string, int32, int64, boolean, decimal, timestamp, json, list<T>, map<T> or a declared type or enum".into());
        }
        name => {
            let mut msg = format!("unknown type `{name}`");
            let candidates: Vec<String> = known
                .types
                .iter()
                .chain(known.enums.iter())
                .cloned()
                .chain(
                    [
                        "string",
                        "int32",
                        "int64",
                        "boolean",
                        "decimal",
                        "timestamp",
                        "json",
                    ]
                    .map(String::from),
                )
                .collect();
            if let Some(s) = suggest(name, candidates.iter()) {
                msg.push_str(&format!("; {s}"));
            } else {
                msg.push_str("; expected string, int32, int64, boolean, decimal, timestamp, json, list<T>, map<T> or a declared type or enum");
            }
            return Err(msg);
        }
    })
}

pub(super) fn resolve_fields(
    ctx: &mut Ctx,
    known: &Known,
    kind: conditions::Fields,
    defs: &OrderedMap<raw::FieldDef>,
    owner: &str,
) -> Vec<Field> {
    let mut fields = Vec::new();
    for (name, def) in defs.iter() {
        if !names::is_plain(&name.value) {
            ctx.error(
                name.pos,
                format!(
                    "field name `{}` in {owner} has characters that are not allowed",
                    name.value
                ),
            )
            .help = Some("use letters, digits, `_`, `-` or `.`".into());
        }
        let (ty, constraints, assumed) = match parse_ty(&def.ty.value, known) {
            Ok(ty) => {
                let field = (name.value.as_str(), owner);
                let constraints = resolve_constraints(ctx, field, Keys::of(def), &ty);
                let assumed = match &def.assumed {
                    Some(a) => {
                        let keys = Keys::of_assumed(&a.value);
                        if keys.is_empty() {
                            ctx.error(
                                a.pos,
                                format!("field `{}` of {owner}: `assumed` is empty", name.value),
                            )
                            .help = Some("name a constraint in it, or remove it".into());
                        }
                        resolve_constraints(ctx, field, keys, &ty)
                    }
                    None => Constraints::default(),
                };
                (ty, constraints, assumed)
            }
            Err(msg) => {
                ctx.error(
                    def.ty.pos,
                    format!("field `{}` of {owner}: {msg}", name.value),
                );
                // The type is unknown, so its constraints can't be judged:
                // one error (with its suggestion), not one per constraint
                // against the `json` stand-in.
                (Ty::Json, Constraints::default(), Constraints::default())
            }
        };
        let source = quote(
            ctx,
            &format!("field `{}` of {owner}", name.value),
            def.source.as_ref(),
        );
        fields.push(Field {
            name: name.value.clone(),
            ty,
            required: def.required,
            nullable: def.nullable,
            description: def.description.clone(),
            description_zh: def.description_zh.clone(),
            default: def.default.as_ref().map(|d| d.value.clone()),
            sensitive: def.sensitive,
            constraints,
            example: def.example.as_ref().map(|e| e.value.clone()),
            deprecated: def.deprecated,
            deprecation: lifecycle::deprecation(
                ctx,
                &format!("field `{}` of {owner}", name.value),
                name.pos,
                def.deprecated,
                def.sunset.as_ref(),
                def.replacement.as_ref(),
            ),
            notes: def.notes.clone(),
            required_when: conditions::resolve(ctx, kind, defs, &name.value, def, owner),
            assumed,
            source,
            pos: name.pos,
        });
    }
    fields
}

fn check_cycles(ctx: &mut Ctx, types: &[Struct]) {
    fn refs(ty: &Ty, out: &mut Vec<String>) {
        if let Ty::Struct(n) = ty.item() {
            out.push(n.clone());
        }
    }
    let graph: BTreeMap<&str, Vec<String>> = types
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            for f in &t.fields {
                refs(&f.ty, &mut out);
            }
            (t.name.as_str(), out)
        })
        .collect();
    for t in types {
        // Depth-first search for a path back to `t`.
        let mut stack = vec![(t.name.clone(), vec![t.name.clone()])];
        let mut visited = BTreeSet::new();
        while let Some((node, path)) = stack.pop() {
            for next in graph.get(node.as_str()).into_iter().flatten() {
                if *next == t.name {
                    let mut cycle = path.clone();
                    cycle.push(next.clone());
                    ctx.error(
                        t.pos,
                        format!("type `{}` is recursive: {}", t.name, cycle.join(" → ")),
                    )
                    .help = Some(
                        "recursive types are not supported; break the cycle with a `json` field"
                            .into(),
                    );
                    stack.clear();
                    break;
                }
                if visited.insert(next.clone()) {
                    let mut p = path.clone();
                    p.push(next.clone());
                    stack.push((next.clone(), p));
                }
            }
        }
    }
}
