//! Merge parsed files, resolve names and references into the IR, and check
//! everything that serde alone cannot: references, duplicates, collisions,
//! constraints and examples.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::located::{Located, OrderedMap, Pos};
use super::raw::{self, Access, Presence, Side, SpecFile};
use crate::diagnostics::{Diagnostic, SourceFiles};
use crate::ir::*;
use crate::names;

struct Ctx<'a> {
    diags: &'a mut Vec<Diagnostic>,
    files: &'a SourceFiles,
}

impl Ctx<'_> {
    /// `file:line:column` of another position, for help texts.
    fn at(&self, pos: Pos) -> String {
        self.files.location(pos)
    }
    fn error(&mut self, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(pos, message));
        let last = self.diags.len() - 1;
        &mut self.diags[last]
    }
    fn warn(&mut self, pos: Pos, message: impl Into<String>) {
        self.diags.push(Diagnostic::warning(pos, message));
    }
}

/// Collects a named section across files, reporting duplicates.
fn merge<'a, T>(
    ctx: &mut Ctx,
    what: &str,
    sections: impl Iterator<Item = &'a OrderedMap<T>>,
) -> BTreeMap<String, (Pos, &'a T)>
where
    T: 'a,
{
    let mut out: BTreeMap<String, (Pos, &'a T)> = BTreeMap::new();
    for section in sections {
        for (key, value) in section.iter() {
            if let Some((first, _)) = out.get(key.as_str()) {
                let first = *first;
                ctx.error(key.pos, format!("duplicate {what} `{}`", key.value))
                    .help = Some(format!("it is already defined at {}", ctx.at(first)));
            } else {
                out.insert(key.value.clone(), (key.pos, &value.value));
            }
        }
    }
    out
}

pub(super) fn resolve(
    files: Vec<(usize, SpecFile)>,
    paths: &SourceFiles,
    diags: &mut Vec<Diagnostic>,
) -> Option<Api> {
    let mut ctx = Ctx {
        diags,
        files: paths,
    };
    let specs: Vec<&SpecFile> = files.iter().map(|(_, f)| f).collect();

    // api: exactly once.
    let mut api_info: Option<&Located<raw::ApiInfo>> = None;
    for f in &specs {
        if let Some(info) = &f.api {
            match api_info {
                Some(first) => {
                    ctx.error(info.pos, "a second `api:` section").help =
                        Some(format!("keep only the one at {}", ctx.at(first.pos)));
                }
                None => api_info = Some(info),
            }
        }
    }
    let mut envelope_def: Option<&Located<raw::EnvelopeDef>> = None;
    for f in &specs {
        if let Some(env) = &f.envelope {
            match envelope_def {
                Some(first) => {
                    ctx.error(env.pos, "a second `envelope:` section").help =
                        Some(format!("keep only the one at {}", ctx.at(first.pos)));
                }
                None => envelope_def = Some(env),
            }
        }
    }

    let gateways = merge(&mut ctx, "gateway", specs.iter().map(|f| &f.gateways));
    let headers = merge(&mut ctx, "header", specs.iter().map(|f| &f.headers));
    let errors = merge(&mut ctx, "error code", specs.iter().map(|f| &f.errors));
    let enums = merge(&mut ctx, "enum", specs.iter().map(|f| &f.enums));
    let types = merge(&mut ctx, "type", specs.iter().map(|f| &f.types));

    // Types and enums share one namespace.
    for (name, (pos, _)) in &types {
        if let Some((epos, _)) = enums.get(name) {
            ctx.error(*pos, format!("`{name}` is both a type and an enum"))
                .help = Some(format!("the enum is at {}; rename one", ctx.at(*epos)));
        }
    }
    let mut rust_names: BTreeMap<String, (String, Pos)> = BTreeMap::new();
    for (name, pos) in types
        .iter()
        .map(|(n, (p, _))| (n, *p))
        .chain(enums.iter().map(|(n, (p, _))| (n, *p)))
    {
        check_type_like_name(&mut ctx, name, pos);
        let rust = names::type_name(name);
        if let Some((other, opos)) = rust_names.get(&rust) {
            if other != name {
                ctx.error(
                    pos,
                    format!(
                        "type name `{name}` collides with `{other}`: both become `{rust}` in Rust"
                    ),
                )
                .help = Some(format!(
                    "rename one of them (the other is at {})",
                    ctx.at(*opos)
                ));
            }
        } else {
            rust_names.insert(rust, (name.clone(), pos));
        }
    }

    let known = Known {
        enums: enums.keys().cloned().collect(),
        types: types.keys().cloned().collect(),
    };

    let gateways_ir: Vec<Gateway> = gateways
        .iter()
        .map(|(name, (pos, g))| {
            let prefix = g.prefix.value.clone();
            if !prefix.starts_with('/') || !prefix.ends_with('/') {
                ctx.error(
                    g.prefix.pos,
                    format!("gateway prefix `{prefix}` must start and end with `/`"),
                );
            }
            for (h, _) in g.headers.iter() {
                check_header_ref(&mut ctx, &headers, h);
            }
            let _ = pos;
            Gateway {
                name: name.clone(),
                prefix,
                side: g.side,
                description: g.description.clone(),
            }
        })
        .collect();

    let headers_ir: Vec<Header> = headers
        .iter()
        .map(|(name, (pos, h))| {
            if !names::is_plain(name) {
                ctx.error(
                    *pos,
                    format!(
                        "header name `{name}` has characters not allowed in an HTTP header name"
                    ),
                );
            }
            Header {
                name: name.clone(),
                description: h.description.clone(),
                description_zh: h.description_zh.clone(),
                example: h.example.clone(),
            }
        })
        .collect();

    let errors_ir: Vec<ErrorCode> = errors
        .iter()
        .map(|(code, (pos, e))| ErrorCode {
            code: code.clone(),
            message: e.message.clone(),
            description: e.description.clone(),
            origin: e.origin,
            pos: *pos,
        })
        .collect();

    let enums_ir: Vec<Enum> = enums
        .iter()
        .map(|(name, (pos, e))| resolve_enum(&mut ctx, name, *pos, e))
        .collect();

    let types_ir: Vec<Struct> = types
        .iter()
        .map(|(name, (pos, t))| Struct {
            name: name.clone(),
            rust_name: names::type_name(name),
            description: t.description.clone(),
            description_zh: t.description_zh.clone(),
            fields: resolve_fields(&mut ctx, &known, &t.fields, name),
            pos: *pos,
        })
        .collect();
    check_cycles(&mut ctx, &types_ir);

    let envelope = match envelope_def {
        Some(env) => {
            let fields = resolve_fields(&mut ctx, &known, &env.fields, "envelope");
            if let Some(f) = fields.iter().find(|f| f.name == "data") {
                ctx.error(f.pos, "the envelope must not declare `data`")
                    .help =
                    Some("`data` is implied; its shape is each operation's `response`".into());
            }
            Envelope {
                description: env.description.clone(),
                success_code: env.success_code.clone(),
                fields,
            }
        }
        None => {
            ctx.diags.push(
                Diagnostic::error(None, "no `envelope:` section in any spec file")
                    .help("declare the response envelope once, e.g. in spec/api.yaml"),
            );
            Envelope {
                description: String::new(),
                success_code: "0".into(),
                fields: Vec::new(),
            }
        }
    };

    let default_version = api_info.map(|a| a.version.clone()).unwrap_or_default();
    let services = resolve_services(
        &mut ctx,
        &specs,
        &known,
        &gateways,
        &headers,
        &errors,
        &default_version,
    );

    let info = match api_info {
        Some(info) => info,
        None => {
            ctx.diags.push(
                Diagnostic::error(None, "no `api:` section in any spec file")
                    .help("add `api: {name, title, version}` once, e.g. in spec/api.yaml"),
            );
            return None;
        }
    };
    if !info
        .name
        .value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        || info.name.value.is_empty()
    {
        ctx.error(
            info.name.pos,
            format!(
                "api name `{}` must be a crate-style name (letters, digits, `-`, `_`)",
                info.name.value
            ),
        );
    }

    let api = Api {
        name: info.name.value.clone(),
        title: info.title.clone(),
        version: info.version.clone(),
        description: info.description.clone(),
        gateways: gateways_ir,
        headers: headers_ir,
        envelope,
        errors: errors_ir,
        enums: enums_ir,
        types: types_ir,
        services,
    };

    // Checks that need the whole IR. Skip them when references are broken:
    // they would only repeat the same problem in other words.
    if !ctx
        .diags
        .iter()
        .any(|d| d.severity == crate::diagnostics::Severity::Error)
    {
        check_values(&mut ctx, &api);
        warn_unused(&mut ctx, &api);
    }
    Some(api)
}

struct Known {
    enums: BTreeSet<String>,
    types: BTreeSet<String>,
}

/// Names that generated code relies on: the Rust prelude it uses unqualified,
/// and its own items.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Send",
    "Sync",
    "Sized",
    "Clone",
    "Copy",
    "Default",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Iterator",
    "From",
    "Into",
    "ToString",
    "ToOwned",
    "Client",
    "Server",
    "Mock",
    "Unimplemented",
];

fn check_type_like_name(ctx: &mut Ctx, name: &str, pos: Pos) {
    let ok = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !ok {
        ctx.error(pos, format!("name `{name}` is not a valid type name"))
            .help = Some("use UpperCamelCase letters and digits, starting with a letter".into());
    } else if RESERVED_TYPE_NAMES.contains(&names::type_name(name).as_str()) {
        ctx.error(
            pos,
            format!("`{name}` is reserved: generated code uses this name itself"),
        )
        .help = Some("rename it, e.g. with a domain prefix".into());
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

fn check_header_ref(
    ctx: &mut Ctx,
    headers: &BTreeMap<String, (Pos, &raw::HeaderDef)>,
    h: &Located<String>,
) {
    if h.value == "token" {
        ctx.error(h.pos, "the `token` header is not listed by hand")
            .help = Some(
            "it follows from the operation's access level (guest, login, admin, optional)".into(),
        );
    } else if !headers.contains_key(&h.value) {
        let d = ctx.error(h.pos, format!("unknown header `{}`", h.value));
        d.help = Some(
            suggest(&h.value, headers.keys())
                .unwrap_or_else(|| "declare it under `headers:`".into()),
        );
    }
}

/// "did you mean" by a simple edit distance.
pub(super) fn suggest<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a String>,
) -> Option<String> {
    let lower = name.to_lowercase();
    let len = lower.chars().count();
    candidates
        .map(|c| (distance(&lower, &c.to_lowercase()), c))
        // Close but not a replacement of the whole name (`d` → `b`), or a
        // prefix of the candidate (`maxLen` → `maxLength`).
        .filter(|(d, c)| {
            (*d <= 2.max(c.len() / 4) && *d < len)
                || (len >= 3 && c.to_lowercase().starts_with(&lower))
        })
        .min()
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
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
        let code = match (e.repr, &v.value.value) {
            (EnumRepr::Int32, Value::Number(n)) => match n.as_i64() {
                Some(i) if i32::try_from(i).is_ok() => Some(Code::Int(i)),
                _ => None,
            },
            (EnumRepr::String, Value::String(s)) => Some(Code::Str(s.clone())),
            _ => None,
        };
        let Some(code) = code else {
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
        let rust_name = names::type_name(&v.name.value);
        if rust_name == "Unknown" {
            ctx.error(v.name.pos, format!("enum `{name}`: the variant name `Unknown` is reserved"))
                .help = Some("generated clients use `Unknown` for codes added after generation; pick another name".into());
        }
        if let Some(first) = seen_names.get(&rust_name) {
            let first = *first;
            ctx.error(v.name.pos, format!("enum `{name}`: variant `{}` collides with another variant (both `{rust_name}` in Rust)", v.name.value))
                .help = Some(format!("first at {}", ctx.at(first)));
        } else {
            seen_names.insert(rust_name.clone(), v.name.pos);
        }
        values.push(EnumValue {
            code,
            name: v.name.value.clone(),
            rust_name,
            description: v.description.clone(),
            description_zh: v.description_zh.clone(),
            pos: lv.pos,
        });
    }
    Enum {
        name: name.to_owned(),
        rust_name: names::type_name(name),
        repr: e.repr,
        description: e.description.clone(),
        description_zh: e.description_zh.clone(),
        values,
        pos,
    }
}

/// Parses a type expression such as `list<map<Account>>`.
fn parse_ty(expr: &str, known: &Known) -> Result<Ty, String> {
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

fn resolve_fields(
    ctx: &mut Ctx,
    known: &Known,
    defs: &OrderedMap<raw::FieldDef>,
    owner: &str,
) -> Vec<Field> {
    let mut fields = Vec::new();
    let mut rust_seen: BTreeMap<String, (String, Pos)> = BTreeMap::new();
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
        let rust_name = names::field_name(&name.value);
        if let Some((other, opos)) = rust_seen.get(&rust_name) {
            let opos = *opos;
            ctx.error(
                name.pos,
                format!("field `{}` of {owner} collides with field `{other}`: both become `{rust_name}` in Rust", name.value),
            )
            .help = Some(format!("rename one of them (the other is at {})", ctx.at(opos)));
        } else {
            rust_seen.insert(rust_name.clone(), (name.value.clone(), name.pos));
        }
        let ty = match parse_ty(&def.ty.value, known) {
            Ok(ty) => ty,
            Err(msg) => {
                ctx.error(
                    def.ty.pos,
                    format!("field `{}` of {owner}: {msg}", name.value),
                );
                Ty::Json
            }
        };
        let constraints = resolve_constraints(ctx, &name.value, owner, def, &ty);
        fields.push(Field {
            name: name.value.clone(),
            rust_name,
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
        match ty {
            Ty::Struct(n) => out.push(n.clone()),
            Ty::List(t) | Ty::Map(t) => refs(t, out),
            _ => {}
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

#[allow(clippy::too_many_arguments)]
fn resolve_services(
    ctx: &mut Ctx,
    specs: &[&SpecFile],
    known: &Known,
    gateways: &BTreeMap<String, (Pos, &raw::GatewayDef)>,
    headers: &BTreeMap<String, (Pos, &raw::HeaderDef)>,
    errors: &BTreeMap<String, (Pos, &raw::ErrorDef)>,
    default_version: &str,
) -> Vec<Service> {
    // Group the parts of each service across files.
    let mut parts: BTreeMap<String, Vec<(Pos, &raw::ServiceDef)>> = BTreeMap::new();
    for f in specs {
        for (name, def) in f.services.iter() {
            parts
                .entry(name.value.clone())
                .or_default()
                .push((name.pos, &def.value));
        }
    }
    let mut services = Vec::new();
    let mut paths: BTreeMap<String, Pos> = BTreeMap::new();
    let mut modules: BTreeMap<String, (String, Pos)> = BTreeMap::new();
    let mut request_types: BTreeMap<String, Pos> = BTreeMap::new();
    for (name, parts) in parts {
        let pos = parts[0].0;
        check_type_like_name(ctx, &name, pos);
        let module = names::module_name(&name);
        if matches!(module.as_str(), "types" | "mock") {
            ctx.error(pos, format!("service `{name}` would become module `{module}`, which the generated code uses for its own items"))
                .help = Some("rename the service".into());
        }
        if let Some((other, opos)) = modules.get(&module) {
            let opos = *opos;
            ctx.error(pos, format!("service `{name}` collides with service `{other}`: both become module `{module}`"))
                .help = Some(format!("rename one of them (the other is at {})", ctx.at(opos)));
        } else {
            modules.insert(module.clone(), (name.clone(), pos));
        }
        // Service-level keys must agree where several files give them.
        let qualified = agree(
            ctx,
            &name,
            "qualifiedName",
            parts
                .iter()
                .filter_map(|(_, d)| d.qualified_name.as_ref().map(|q| (q.pos, q.value.clone()))),
        );
        let description = agree(
            ctx,
            &name,
            "description",
            parts
                .iter()
                .filter_map(|(p, d)| d.description.clone().map(|v| (*p, v))),
        );
        let gateway = agree(
            ctx,
            &name,
            "gateway",
            parts
                .iter()
                .filter_map(|(_, d)| d.gateway.as_ref().map(|g| (g.pos, g.value.clone()))),
        );
        let access = agree(
            ctx,
            &name,
            "access",
            parts.iter().filter_map(|(p, d)| d.access.map(|a| (*p, a))),
        );
        let Some(qualified) = qualified else {
            ctx.error(pos, format!("service `{name}` has no `qualifiedName`"))
                .help = Some(
                "set the bizType prefix, e.g. `qualifiedName: customer.app.CustomerWebApiService`"
                    .into(),
            );
            continue;
        };
        let mut ops = Vec::new();
        let mut op_names: BTreeMap<String, (String, Pos)> = BTreeMap::new();
        for (_, part) in &parts {
            for (op_name, op) in part.operations.iter() {
                let rust = names::method_name(&op_name.value);
                if let Some((other, opos)) = op_names.get(&rust) {
                    let opos = *opos;
                    let msg = if *other == op_name.value {
                        format!(
                            "duplicate operation `{}` in service `{name}`",
                            op_name.value
                        )
                    } else {
                        format!("operation `{}` collides with `{other}` in service `{name}`: both become `{rust}`", op_name.value)
                    };
                    ctx.error(op_name.pos, msg).help =
                        Some(format!("the other is at {}", ctx.at(opos)));
                    continue;
                }
                op_names.insert(rust.clone(), (op_name.value.clone(), op_name.pos));
                if let Some(op) = resolve_operation(
                    ctx,
                    known,
                    gateways,
                    headers,
                    errors,
                    default_version,
                    &name,
                    &qualified,
                    gateway.as_deref(),
                    access,
                    op_name,
                    op,
                ) {
                    if let Some(first) = paths.get(&op.path) {
                        let first = *first;
                        ctx.error(op_name.pos, format!("duplicate path `{}`", op.path))
                            .help = Some(format!(
                            "another operation already has it at {}",
                            ctx.at(first)
                        ));
                    } else {
                        paths.insert(op.path.clone(), op_name.pos);
                    }
                    let req = format!("{}::{}", module, op.request.rust_name);
                    request_types.insert(req, op_name.pos);
                    ops.push(op);
                }
            }
        }
        services.push(Service {
            rust_name: names::type_name(&name),
            name,
            module,
            qualified_name: qualified,
            description: description.unwrap_or_default(),
            operations: ops,
        });
    }
    services
}

/// The one value that all parts of a service give for a key.
fn agree<T: Clone + PartialEq + std::fmt::Debug>(
    ctx: &mut Ctx,
    service: &str,
    key: &str,
    values: impl Iterator<Item = (Pos, T)>,
) -> Option<T> {
    let mut first: Option<(Pos, T)> = None;
    for (pos, v) in values {
        match &first {
            Some((fpos, fv)) if *fv != v => {
                ctx.error(
                    pos,
                    format!("service `{service}`: `{key}` is {v:?} here but {fv:?} elsewhere"),
                )
                .help = Some(format!(
                    "files that share a service must agree; the other value is at {}",
                    ctx.at(*fpos)
                ));
            }
            Some(_) => {}
            None => first = Some((pos, v)),
        }
    }
    first.map(|(_, v)| v)
}

#[allow(clippy::too_many_arguments)]
fn resolve_operation(
    ctx: &mut Ctx,
    known: &Known,
    gateways: &BTreeMap<String, (Pos, &raw::GatewayDef)>,
    headers: &BTreeMap<String, (Pos, &raw::HeaderDef)>,
    errors: &BTreeMap<String, (Pos, &raw::ErrorDef)>,
    default_version: &str,
    service: &str,
    qualified: &str,
    service_gateway: Option<&str>,
    service_access: Option<Access>,
    name: &Located<String>,
    op: &raw::OperationDef,
) -> Option<Operation> {
    if !name.value.starts_with(|c: char| c.is_ascii_alphabetic())
        || !name
            .value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        ctx.error(
            name.pos,
            format!(
                "operation name `{}` is not a valid bizType method name",
                name.value
            ),
        );
    }
    let gateway_name = op
        .gateway
        .as_ref()
        .map(|g| g.value.as_str())
        .or(service_gateway);
    let Some(gateway_name) = gateway_name else {
        ctx.error(
            name.pos,
            format!("operation `{}` has no gateway", name.value),
        )
        .help = Some("set `gateway:` on the operation or its service".into());
        return None;
    };
    let Some((_, gateway)) = gateways.get(gateway_name) else {
        let pos = op.gateway.as_ref().map_or(name.pos, |g| g.pos);
        ctx.error(
            pos,
            format!(
                "operation `{}`: unknown gateway `{gateway_name}`",
                name.value
            ),
        )
        .help = Some(
            suggest(gateway_name, gateways.keys())
                .unwrap_or_else(|| "declare it under `gateways:`".into()),
        );
        return None;
    };
    let Some(access) = op.access.or(service_access) else {
        ctx.error(
            name.pos,
            format!("operation `{}` has no access level", name.value),
        )
        .help = Some(
            "set `access: guest | login | admin | optional` on the operation or its service".into(),
        );
        return None;
    };
    match (access, gateway.side) {
        (Access::Admin, Side::C) => {
            ctx.error(name.pos, format!("operation `{}`: access `admin` needs a B-side gateway, `{gateway_name}` is C-side", name.value));
        }
        (Access::Login | Access::Optional, Side::B) => {
            ctx.error(name.pos, format!("operation `{}`: access `{}` takes a C-side token but `{gateway_name}` is a B-side gateway", name.value, access.as_str()))
                .help = Some("use `admin` (B-side token) or `guest` on B-side gateways".into());
        }
        _ => {}
    }
    let biz_type = match &op.biz_type {
        Some(b) => {
            if b.value.is_empty() || b.value.contains(|c: char| c.is_whitespace() || c == '/') {
                ctx.error(
                    b.pos,
                    format!(
                        "bizType `{}` must be non-empty, without spaces or `/`",
                        b.value
                    ),
                );
            }
            b.value.clone()
        }
        None => format!("{qualified}.{}", name.value),
    };
    let path = match &op.path {
        Some(p) => {
            if !p.value.starts_with('/') || p.value.contains(char::is_whitespace) {
                ctx.error(
                    p.pos,
                    format!("path `{}` must start with `/` and have no spaces", p.value),
                );
            }
            p.value.clone()
        }
        None => format!("{}{biz_type}", gateway.prefix.value),
    };
    // Headers: the gateway's, overridden by the operation's, then token.
    let mut presence: Vec<HeaderUse> = Vec::new();
    let mut set = |name: &str, p: Presence| match presence.iter_mut().find(|h| h.name == name) {
        Some(h) => h.presence = p,
        None => presence.push(HeaderUse {
            name: name.to_owned(),
            presence: p,
        }),
    };
    for (h, p) in gateway.headers.iter() {
        set(&h.value, p.value);
    }
    for (h, p) in op.headers.iter() {
        check_header_ref(ctx, headers, h);
        set(&h.value, p.value);
    }
    set(
        "token",
        match access {
            Access::Guest => Presence::Absent,
            Access::Login | Access::Admin => Presence::Required,
            Access::Optional => Presence::Optional,
        },
    );
    if !headers.contains_key("token") && access != Access::Guest {
        ctx.error(
            name.pos,
            "operations with a token need the `token` header declared under `headers:`",
        );
    }
    presence.retain(|h| h.presence != Presence::Absent);

    let stem = names::type_name(&name.value);
    let owner = format!("the request of `{}`", name.value);
    let request = Struct {
        name: format!("{stem}Request"),
        rust_name: format!("{stem}Request"),
        description: format!("Request body of `{biz_type}`."),
        description_zh: None,
        fields: resolve_fields(ctx, known, &op.request, &owner),
        pos: name.pos,
    };
    let response = {
        let r = &op.response.value;
        let ty = if r.ty.value.trim() == "none" {
            None
        } else {
            match parse_ty(&r.ty.value, known) {
                Ok(t) => Some(t),
                Err(msg) => {
                    ctx.error(r.ty.pos, format!("response of `{}`: {msg}", name.value));
                    None
                }
            }
        };
        Response {
            ty,
            nullable: r.nullable,
            description: r.description.clone(),
        }
    };
    let mut error_codes = Vec::new();
    for code in &op.errors {
        if !errors.contains_key(&code.value) {
            ctx.error(
                code.pos,
                format!(
                    "operation `{}`: unknown error code `{}`",
                    name.value, code.value
                ),
            )
            .help = Some(
                suggest(&code.value, errors.keys())
                    .unwrap_or_else(|| "declare it under `errors:`".into()),
            );
        }
        error_codes.push(code.value.clone());
    }
    let mut examples = Vec::new();
    let mut example_names: BTreeMap<String, Pos> = BTreeMap::new();
    for ex in &op.examples {
        if let Some(first) = example_names.insert(ex.name.value.clone(), ex.name.pos) {
            ctx.error(
                ex.name.pos,
                format!(
                    "operation `{}`: duplicate example name `{}`",
                    name.value, ex.name.value
                ),
            )
            .help = Some(format!("first at {}", ctx.at(first)));
        }
        if ex.request.is_none() && ex.response.is_none() {
            ctx.error(
                ex.pos,
                format!(
                    "example `{}` of `{}` has neither `request` nor `response`",
                    ex.name.value, name.value
                ),
            );
        }
        examples.push(Example {
            name: ex.name.value.clone(),
            kind: ex.kind,
            source: ex.source.clone(),
            description: ex.description.clone(),
            request: ex.request.as_ref().map(|r| r.value.clone()),
            response: ex.response.as_ref().map(|r| r.value.clone()),
            pos: ex.pos,
        });
    }
    if op.summary.trim().is_empty() {
        ctx.warn(
            name.pos,
            format!("operation `{}` has an empty summary", name.value),
        );
    }
    let _ = service;
    Some(Operation {
        name: name.value.clone(),
        rust_name: names::method_name(&name.value),
        type_stem: stem,
        service: service.to_owned(),
        biz_type,
        path,
        gateway: gateway_name.to_owned(),
        side: gateway.side,
        access,
        version: op
            .version
            .clone()
            .unwrap_or_else(|| default_version.to_owned()),
        headers: presence,
        summary: op.summary.clone(),
        description: op.description.clone(),
        description_zh: op.description_zh.clone(),
        source: op.source.clone(),
        request,
        response,
        errors: error_codes,
        examples,
        deprecated: op.deprecated,
        pos: name.pos,
    })
}

/// Defaults, field examples and operation examples must fit their schemas.
fn check_values(ctx: &mut Ctx, api: &Api) {
    use crate::wire;
    let strict = bizgen_runtime::validate::Options { strict: true };
    let check_field = |ctx: &mut Ctx, owner: &str, f: &Field| {
        let schema = wire::field_schema(api, f);
        for (what, v) in [("default", &f.default), ("example", &f.example)] {
            if let Some(v) = v {
                for violation in bizgen_runtime::validate::validate(v, &schema, strict) {
                    ctx.error(
                        f.pos,
                        format!(
                            "the {what} of field `{}` of {owner} does not fit its type: {}",
                            f.name, violation.reason
                        ),
                    );
                }
            }
        }
    };
    for t in &api.types {
        for f in &t.fields {
            check_field(ctx, &format!("type `{}`", t.name), f);
        }
    }
    for (_, op) in api.operations() {
        for f in &op.request.fields {
            check_field(ctx, &format!("the request of `{}`", op.name), f);
        }
        for ex in &op.examples {
            for v in wire::check_example(api, op, ex) {
                ctx.error(ex.pos, format!("example `{}` of `{}`: {v}", ex.name, op.name))
                    .help = Some(match ex.kind {
                        ExampleKind::Captured => "a captured example is verbatim from the seeds: fix the schema, not the example".into(),
                        ExampleKind::Illustrative => "fix the example or the schema".into(),
                    });
            }
        }
    }
}

fn warn_unused(ctx: &mut Ctx, api: &Api) {
    fn visit(ty: &Ty, used: &mut BTreeSet<String>) {
        match ty {
            Ty::Struct(n) | Ty::Enum(n) => {
                used.insert(n.clone());
            }
            Ty::List(t) | Ty::Map(t) => visit(t, used),
            _ => {}
        }
    }
    let mut used = BTreeSet::new();
    for t in &api.types {
        t.fields.iter().for_each(|f| visit(&f.ty, &mut used));
    }
    for (_, op) in api.operations() {
        op.request
            .fields
            .iter()
            .for_each(|f| visit(&f.ty, &mut used));
        if let Some(t) = &op.response.ty {
            visit(t, &mut used);
        }
    }
    for t in &api.types {
        if !used.contains(&t.name) {
            ctx.warn(
                t.pos,
                format!("type `{}` is not used by any operation", t.name),
            );
        }
    }
    for e in &api.enums {
        if !used.contains(&e.name) {
            ctx.warn(
                e.pos,
                format!("enum `{}` is not used by any operation", e.name),
            );
        }
    }
}
