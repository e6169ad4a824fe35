//! Stage 3a, resolve types: names of types and enums (validity, built-in
//! names, one namespace), enums with their codes, type expressions
//! (`list<map<Account>>`), fields with their constraints, and cycles. How a
//! name reads in a language (keywords, names that meet after casing) is
//! the target's business.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::conditions;
use super::ctx::Ctx;
use super::lifecycle;
use super::located::OrderedMap;
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
        sides: Sides::default(),
        services: Vec::new(),
        pos,
    }
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
        let (ty, constraints) = match parse_ty(&def.ty.value, known) {
            Ok(ty) => {
                let constraints = resolve_constraints(ctx, &name.value, owner, def, &ty);
                (ty, constraints)
            }
            Err(msg) => {
                ctx.error(
                    def.ty.pos,
                    format!("field `{}` of {owner}: {msg}", name.value),
                );
                // The type is unknown, so its constraints can't be judged:
                // one error (with its suggestion), not one per constraint
                // against the `json` stand-in.
                (Ty::Json, Constraints::default())
            }
        };
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
            pos: name.pos,
        });
    }
    fields
}

fn resolve_constraints(
    ctx: &mut Ctx,
    name: &str,
    owner: &str,
    def: &raw::FieldDef,
    ty: &Ty,
) -> Constraints {
    let mut c = Constraints::default();
    let is_string = *ty == Ty::String;
    let is_int = matches!(ty, Ty::Int32 | Ty::Int64);
    let only = |ctx: &mut Ctx, ok: bool, key: &str, pos: Pos, want: &str| {
        if !ok {
            ctx.error(
                pos,
                format!(
                    "field `{name}` of {owner}: `{key}` applies to {want} fields, not to `{ty}`"
                ),
            )
            .help = Some(format!("remove `{key}` or change the type"));
        }
        ok
    };
    if let Some(v) = &def.min_length {
        if only(ctx, is_string, "minLength", v.pos, "string") {
            c.min_length = Some(v.value);
        }
    }
    if let Some(v) = &def.max_length {
        if only(ctx, is_string, "maxLength", v.pos, "string") {
            c.max_length = Some(v.value);
        }
    }
    if let (Some(min), Some(max)) = (&def.min_length, c.max_length) {
        let (pos, min) = (min.pos, min.value);
        if c.min_length.is_some() && min > max {
            ctx.error(
                pos,
                format!(
                    "field `{name}` of {owner}: minLength {min} is greater than maxLength {max}"
                ),
            );
        }
    }
    if let Some(v) = &def.pattern {
        if only(ctx, is_string, "pattern", v.pos, "string") {
            match regex::Regex::new(&v.value) {
                Ok(_) => c.pattern = Some(v.value.clone()),
                Err(e) => {
                    let text = e.to_string();
                    let last = text.lines().last().unwrap_or_default();
                    let first = last.strip_prefix("error: ").unwrap_or(last).to_owned();
                    ctx.error(
                        v.pos,
                        format!("field `{name}` of {owner}: invalid pattern: {first}"),
                    );
                }
            }
        }
    }
    if let Some(v) = &def.format {
        if only(ctx, is_string, "format", v.pos, "string") {
            match bizgen_runtime::schema::Format::from_name(&v.value) {
                Some(f) => c.format = Some(f),
                None => {
                    let all: Vec<&str> = bizgen_runtime::schema::Format::ALL
                        .iter()
                        .map(|f| f.name())
                        .collect();
                    ctx.error(
                        v.pos,
                        format!("field `{name}` of {owner}: unknown format `{}`", v.value),
                    )
                    .help = Some(format!("known formats: {}", all.join(", ")));
                }
            }
        }
    }
    if let Some(v) = &def.minimum {
        if only(ctx, is_int, "minimum", v.pos, "int32/int64") {
            c.minimum = Some(v.value);
        }
    }
    if let Some(v) = &def.maximum {
        if only(ctx, is_int, "maximum", v.pos, "int32/int64") {
            c.maximum = Some(v.value);
        }
    }
    if let (Some(min), Some(max)) = (&def.minimum, c.maximum) {
        let (pos, min) = (min.pos, min.value);
        if c.minimum.is_some() && min > max {
            ctx.error(
                pos,
                format!("field `{name}` of {owner}: minimum {min} is greater than maximum {max}"),
            );
        }
    }
    if *ty == Ty::Int32 {
        for (key, v) in [("minimum", &def.minimum), ("maximum", &def.maximum)] {
            if let Some(v) = v {
                if i32::try_from(v.value).is_err() {
                    ctx.error(
                        v.pos,
                        format!(
                            "field `{name}` of {owner}: {key} {} is outside the int32 range",
                            v.value
                        ),
                    );
                }
            }
        }
    }
    c
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
