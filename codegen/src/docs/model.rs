//! View models of the docs pages: what each template shows, prepared from
//! the IR. Values holding inline Markdown (links, code spans) say so.

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;
use serde_json::Value;

use super::filters;
use super::{operation_page_path, sample, UNAUTHENTICATED_ERROR, VALIDATION_ERROR};
use crate::ir::{
    Access, Api, Enum, EnumRepr, ExampleKind, Field, Operation, Origin, Presence, Service, Side,
    Struct, Ty,
};
use crate::markdown::{code, slug};

/// Shown in table cells that have nothing to say.
const NONE: &str = "—";

// ---------------------------------------------------------------- pages

#[derive(Template)]
#[template(path = "docs/index.md")]
pub(super) struct IndexPage<'a> {
    api: &'a Api,
    op_count: usize,
    gateways: Vec<GatewayRow>,
    headers: Vec<HeaderRow>,
    services: Vec<ServiceView>,
}

#[derive(Template)]
#[template(path = "docs/operation.md")]
pub(super) struct OperationPage<'a> {
    op: &'a Operation,
    /// Relative path from this page to the docs root (`../../`).
    root: &'static str,
    service: &'a str,
    service_anchor: String,
    gateway_side: &'static str,
    access: &'static str,
    access_text: &'static str,
    description: String,
    headers: Vec<HeaderUseRow>,
    request_name: String,
    request_fields: Vec<FieldRow>,
    /// Inline Markdown: the type of `data`.
    data: String,
    data_description: String,
    /// Inline Markdown: "Fields of [`X`](…)" when `data` is (a list or map of) an object type.
    data_fields_title: Option<String>,
    data_fields: Vec<FieldRow>,
    curl_url: String,
    curl_headers: Vec<String>,
    curl_body: String,
    request_json: String,
    request_origin: String,
    responses: Vec<ExampleView>,
    errors: Vec<ErrorRow>,
}

#[derive(Template)]
#[template(path = "docs/types.md")]
pub(super) struct TypesPage {
    types: Vec<TypeView>,
}

#[derive(Template)]
#[template(path = "docs/enums.md")]
pub(super) struct EnumsPage {
    enums: Vec<EnumView>,
}

#[derive(Template)]
#[template(path = "docs/errors.md")]
pub(super) struct ErrorsPage {
    errors: Vec<ErrorView>,
}

#[derive(Template)]
#[template(path = "docs/envelope.md")]
pub(super) struct EnvelopePage {
    description: String,
    success_code: String,
    fields: Vec<FieldRow>,
    /// Inline Markdown: where the examples come from.
    success_source: String,
    success_example: String,
    error_source: String,
    error_example: String,
}

// ---------------------------------------------------------------- rows

struct GatewayRow {
    name: String,
    prefix: String,
    side: &'static str,
    description: String,
}

struct HeaderRow {
    name: String,
    description: String,
    example: String,
}

struct ServiceView {
    name: String,
    qualified_name: String,
    description: String,
    ops: Vec<OpRow>,
}

struct OpRow {
    name: String,
    href: String,
    access: &'static str,
    summary: String,
}

struct HeaderUseRow {
    name: String,
    presence: &'static str,
    description: String,
}

/// One field; `ty`, `default`, `constraints`, `values` and `details` are inline Markdown.
struct FieldRow {
    name: String,
    ty: String,
    required: &'static str,
    default: String,
    constraints: String,
    values: String,
    sensitive: &'static str,
    /// Default, constraints, values and sensitivity in one cell.
    details: String,
    description: String,
}

struct ExampleView {
    heading: String,
    description: String,
    json: String,
}

struct ErrorRow {
    code: String,
    href: String,
    message: String,
    when: String,
}

struct TypeView {
    name: String,
    description: String,
    description_zh: Option<String>,
    fields: Vec<FieldRow>,
    /// Inline Markdown links.
    used_by: String,
}

struct EnumView {
    name: String,
    wire: &'static str,
    description: String,
    description_zh: Option<String>,
    values: Vec<EnumValueRow>,
    used_by: String,
}

struct EnumValueRow {
    code: String,
    name: String,
    description: String,
}

struct ErrorView {
    code: String,
    message: String,
    origin: &'static str,
    description: String,
    used_by: String,
}

// ---------------------------------------------------------------- builders

pub(super) fn index(api: &Api) -> IndexPage<'_> {
    IndexPage {
        api,
        op_count: api.operations().count(),
        gateways: api
            .gateways
            .iter()
            .map(|g| GatewayRow {
                name: code(&g.name),
                prefix: code(&g.prefix),
                side: side_text(g.side),
                description: or_none(&g.description),
            })
            .collect(),
        headers: api
            .headers
            .iter()
            .map(|h| HeaderRow {
                name: code(&h.name),
                description: with_zh(&h.description, h.description_zh.as_deref()),
                example: h
                    .example
                    .as_deref()
                    .map(code)
                    .unwrap_or_else(|| NONE.into()),
            })
            .collect(),
        services: api
            .services
            .iter()
            .map(|s| {
                let mut ops: Vec<OpRow> = s
                    .operations
                    .iter()
                    .map(|o| OpRow {
                        name: o.name.clone(),
                        href: operation_page_path(s, o),
                        access: o.access.as_str(),
                        summary: if o.deprecated {
                            format!("Deprecated. {}", o.summary)
                        } else {
                            or_none(&o.summary)
                        },
                    })
                    .collect();
                ops.sort_by(|a, b| a.name.cmp(&b.name));
                ServiceView {
                    name: s.name.clone(),
                    qualified_name: s.qualified_name.clone(),
                    description: s.description.clone(),
                    ops,
                }
            })
            .collect(),
    }
}

pub(super) fn operation<'a>(
    api: &'a Api,
    service: &'a Service,
    op: &'a Operation,
) -> OperationPage<'a> {
    let root = "../../";
    let headers = op
        .headers
        .iter()
        .map(|h| HeaderUseRow {
            name: code(&h.name),
            presence: presence_name(h.presence),
            description: header_description(api, op, &h.name),
        })
        .collect();

    let (data, data_fields_title, data_fields) = match &op.response.ty {
        None => (
            "`null`: the operation returns no data".to_owned(),
            None,
            Vec::new(),
        ),
        Some(ty) => {
            let mut data = ty_md(ty, root);
            if op.response.nullable {
                data.push_str(" or `null`");
            }
            match object_of(ty).and_then(|n| api.find_struct(n)) {
                Some(s) => (
                    data,
                    Some(format!(
                        "Fields of {}",
                        ty_md(&Ty::Struct(s.name.clone()), root)
                    )),
                    field_rows(api, &s.fields, root),
                ),
                None => (data, None, Vec::new()),
            }
        }
    };

    let (body, request_origin) = match op.examples.iter().find(|e| e.request.is_some()) {
        Some(ex) => (
            ex.request.clone().unwrap_or(Value::Null),
            format!(
                "From the {} example {}.",
                kind_name(ex.kind),
                code(&ex.name)
            ),
        ),
        None => (
            sample::request_body(api, op),
            "Built from the field examples, defaults and types (illustrative).".to_owned(),
        ),
    };
    let curl_headers = std::iter::once(sh_quote("Content-Type: application/json"))
        .chain(op.headers.iter().map(|h| curl_header(api, op, &h.name)))
        .collect();

    let mut responses: Vec<ExampleView> = op
        .examples
        .iter()
        .filter_map(|ex| {
            let resp = ex.response.as_ref()?;
            Some(ExampleView {
                heading: format!("{} ({})", code(&ex.name), kind_name(ex.kind)),
                description: ex.description.clone(),
                json: pretty(resp),
            })
        })
        .collect();
    if responses.is_empty() {
        responses.push(ExampleView {
            heading: "Generated success response".into(),
            description: "Built from the response type (illustrative).".into(),
            json: pretty(&sample::success_envelope(api, op)),
        });
    }

    let mut codes: Vec<&str> = op.errors.iter().map(String::as_str).collect();
    codes.push(VALIDATION_ERROR);
    if matches!(op.access, Access::Login | Access::Admin) {
        codes.push(UNAUTHENTICATED_ERROR);
    }
    let mut seen = BTreeSet::new();
    codes.retain(|c| seen.insert(*c));
    let errors = codes
        .into_iter()
        .map(|c| {
            let def = api.find_error(c);
            ErrorRow {
                code: code(c),
                href: format!("{root}errors.md#{}", slug(c)),
                message: def
                    .map(|e| e.message.clone())
                    .unwrap_or_else(|| NONE.into()),
                when: match c {
                    VALIDATION_ERROR => "The body or headers do not match the spec.".into(),
                    UNAUTHENTICATED_ERROR => "The token is missing or invalid.".into(),
                    _ => def
                        .map(|e| or_none(&e.description))
                        .unwrap_or_else(|| NONE.into()),
                },
            }
        })
        .collect();

    let mut description = String::new();
    if !op.description.trim().is_empty() {
        description.push_str(op.description.trim());
    } else {
        description.push_str(op.summary.trim());
    }
    if let Some(zh) = op
        .description_zh
        .as_deref()
        .filter(|z| !z.trim().is_empty())
    {
        description.push_str("\n\n中文说明：");
        description.push_str(zh.trim());
    }

    OperationPage {
        op,
        root,
        service: &service.name,
        service_anchor: slug(&service.name),
        gateway_side: side_text(op.side),
        access: op.access.as_str(),
        access_text: access_text(op.access),
        description,
        headers,
        request_name: op.request.name.clone(),
        request_fields: field_rows(api, &op.request.fields, root),
        data,
        data_description: op.response.description.trim().to_owned(),
        data_fields_title,
        data_fields,
        curl_url: dq_quote(&format!("$BASE_URL{}", op.path)),
        curl_headers,
        curl_body: sh_quote(&serde_json::to_string(&body).unwrap_or_default()),
        request_json: pretty(&body),
        request_origin,
        responses,
        errors,
    }
}

pub(super) fn types(api: &Api) -> TypesPage {
    let users = users(api);
    TypesPage {
        types: api
            .types
            .iter()
            .map(|t: &Struct| TypeView {
                name: t.name.clone(),
                description: t.description.trim().to_owned(),
                description_zh: t.description_zh.clone(),
                fields: field_rows(api, &t.fields, ""),
                used_by: used_by(users.get(t.name.as_str())),
            })
            .collect(),
    }
}

pub(super) fn enums(api: &Api) -> EnumsPage {
    let users = users(api);
    EnumsPage {
        enums: api
            .enums
            .iter()
            .map(|e: &Enum| EnumView {
                name: e.name.clone(),
                wire: match e.repr {
                    EnumRepr::Int32 => "a JSON number (`int32`)",
                    EnumRepr::String => "a JSON string",
                },
                description: e.description.trim().to_owned(),
                description_zh: e.description_zh.clone(),
                values: e
                    .values
                    .iter()
                    .map(|v| EnumValueRow {
                        code: code(&code_json(&v.code)),
                        name: code(&v.name),
                        description: if v.deprecated {
                            format!(
                                "**Deprecated:** {}. {}",
                                v.deprecation.details(),
                                with_zh(&v.description, v.description_zh.as_deref())
                            )
                        } else {
                            with_zh(&v.description, v.description_zh.as_deref())
                        },
                    })
                    .collect(),
                used_by: used_by(users.get(e.name.as_str())),
            })
            .collect(),
    }
}

pub(super) fn errors(api: &Api) -> ErrorsPage {
    let mut by_code: BTreeMap<&str, BTreeMap<(&str, &str), String>> = BTreeMap::new();
    for (s, o) in api.operations() {
        for c in &o.errors {
            by_code
                .entry(c.as_str())
                .or_default()
                .insert((s.name.as_str(), o.name.as_str()), op_link(s, o, ""));
        }
    }
    ErrorsPage {
        errors: api
            .errors
            .iter()
            .map(|e| ErrorView {
                code: e.code.clone(),
                message: e.message.clone(),
                origin: match e.origin {
                    Origin::Platform => "documented by the platform",
                    Origin::Bizgen => "added by bizgen servers and clients",
                },
                description: e.description.trim().to_owned(),
                used_by: match e.code.as_str() {
                    VALIDATION_ERROR => "every operation".into(),
                    UNAUTHENTICATED_ERROR => {
                        "every operation with access `login` or `admin`".into()
                    }
                    c => by_code
                        .get(c)
                        .map(|v| v.values().cloned().collect::<Vec<_>>().join(", "))
                        .unwrap_or_default(),
                },
            })
            .collect(),
    }
}

pub(super) fn envelope(api: &Api) -> EnvelopePage {
    let mut success = serde_json::Map::new();
    let mut error = serde_json::Map::new();
    for f in &api.envelope.fields {
        let (s, e) = match f.name.as_str() {
            "code" => (
                Value::String(api.envelope.success_code.clone()),
                Value::String(
                    api.errors
                        .iter()
                        .find(|e| e.origin == Origin::Platform)
                        .map_or(VALIDATION_ERROR.to_owned(), |e| e.code.clone()),
                ),
            ),
            "ok" => (Value::Bool(true), Value::Bool(false)),
            "fail" => (Value::Bool(false), Value::Bool(true)),
            _ => {
                let v = f
                    .example
                    .clone()
                    .unwrap_or_else(|| sample_scalar(&f.ty, f.nullable));
                (v.clone(), v)
            }
        };
        success.insert(f.name.clone(), s);
        error.insert(f.name.clone(), e);
    }
    success.insert("data".into(), serde_json::json!({}));
    error.insert("data".into(), Value::Null);
    // Prefer real examples: the first success and the first error envelope
    // of any operation, captured ones first.
    let find = |want_success: bool| {
        let mut all: Vec<(&Service, &Operation, &crate::ir::Example)> = api
            .operations()
            .flat_map(|(s, o)| o.examples.iter().map(move |e| (s, o, e)))
            .filter(|(_, _, e)| {
                e.response
                    .as_ref()
                    .and_then(|r| r.get("code"))
                    .and_then(Value::as_str)
                    .map(|c| c == api.envelope.success_code)
                    == Some(want_success)
            })
            .collect();
        // Captured ones first, then the shortest (stable for ties).
        all.sort_by_key(|(_, _, e)| {
            let len = e.response.as_ref().map_or(0, |r| r.to_string().len());
            (e.kind != ExampleKind::Captured, len)
        });
        all.first().map(|(s, o, e)| {
            (
                format!(
                    "the {} example {} of {}",
                    kind_name(e.kind),
                    code(&e.name),
                    op_link(s, o, "")
                ),
                e.response.clone().unwrap_or(Value::Null),
            )
        })
    };
    let (success_source, success) =
        find(true).unwrap_or_else(|| ("generated".into(), Value::Object(success)));
    let (error_source, error) =
        find(false).unwrap_or_else(|| ("generated".into(), Value::Object(error)));
    EnvelopePage {
        description: api.envelope.description.trim().to_owned(),
        success_code: code(&api.envelope.success_code),
        fields: field_rows(api, &api.envelope.fields, ""),
        success_source,
        success_example: pretty(&success),
        error_source,
        error_example: pretty(&error),
    }
}

// ---------------------------------------------------------------- helpers

fn field_rows(api: &Api, fields: &[Field], root: &str) -> Vec<FieldRow> {
    fields.iter().map(|f| field_row(api, f, root)).collect()
}

fn field_row(api: &Api, f: &Field, root: &str) -> FieldRow {
    let mut ty = ty_md(&f.ty, root);
    if f.nullable {
        ty.push_str(" or `null`");
    }
    let default = f
        .default
        .as_ref()
        .map(|d| code(&serde_json::to_string(d).unwrap_or_default()));
    let constraints = constraints_md(f);
    let values = enum_values_md(api, &f.ty);
    let mut details = Vec::new();
    if let Some(d) = &default {
        details.push(format!("default {d}"));
    }
    details.extend(constraints.iter().cloned());
    if let Some(v) = &values {
        details.push(format!("one of {v}"));
    }
    if f.sensitive {
        details.push("sensitive".into());
    }
    if f.deprecated {
        details.push(format!("deprecated: {}", f.deprecation.details()));
    }
    let mut name = code(&f.name);
    if f.deprecated {
        name.push_str(" (deprecated)");
    }
    FieldRow {
        name,
        ty,
        required: if f.required { "yes" } else { "no" },
        default: default.unwrap_or_else(|| NONE.into()),
        constraints: if constraints.is_empty() {
            NONE.into()
        } else {
            constraints.join(", ")
        },
        values: values.unwrap_or_else(|| NONE.into()),
        sensitive: if f.sensitive { "yes" } else { "no" },
        details: if details.is_empty() {
            NONE.into()
        } else {
            details.join("; ")
        },
        description: with_zh(&f.description, f.description_zh.as_deref()),
    }
}

fn constraints_md(f: &Field) -> Vec<String> {
    let c = &f.constraints;
    let mut out = Vec::new();
    if let Some(v) = c.min_length {
        out.push(format!("minLength {v}"));
    }
    if let Some(v) = c.max_length {
        out.push(format!("maxLength {v}"));
    }
    if let Some(v) = c.minimum {
        out.push(format!("minimum {v}"));
    }
    if let Some(v) = c.maximum {
        out.push(format!("maximum {v}"));
    }
    if let Some(v) = &c.pattern {
        out.push(format!("pattern {}", code(v)));
    }
    if let Some(v) = c.format {
        out.push(format!("format {}", code(v.name())));
    }
    out
}

/// The codes of an enum-typed field: "`1` Email, `2` Phone".
fn enum_values_md(api: &Api, ty: &Ty) -> Option<String> {
    let Ty::Enum(name) = ty else { return None };
    let e = api.find_enum(name)?;
    Some(
        e.values
            .iter()
            .map(|v| format!("{} {}", code(&code_json(&v.code)), v.name))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

fn code_json(c: &crate::ir::Code) -> String {
    match c {
        crate::ir::Code::Int(i) => i.to_string(),
        crate::ir::Code::Str(s) => serde_json::to_string(s).unwrap_or_default(),
    }
}

/// A type as inline Markdown, named types linked to their docs.
fn ty_md(ty: &Ty, root: &str) -> String {
    match ty {
        Ty::Struct(n) => format!("[{}]({root}types.md#{})", code(n), slug(n)),
        Ty::Enum(n) => format!("[{}]({root}enums.md#{})", code(n), slug(n)),
        Ty::List(t) => format!("list of {}", ty_md(t, root)),
        Ty::Map(t) => format!("map of {}", ty_md(t, root)),
        other => code(&other.to_string()),
    }
}

/// The object type that `data` holds directly or as list/map items.
fn object_of(ty: &Ty) -> Option<&str> {
    match ty {
        Ty::Struct(n) => Some(n),
        Ty::List(t) | Ty::Map(t) => object_of(t),
        _ => None,
    }
}

fn with_zh(en: &str, zh: Option<&str>) -> String {
    let en = en.trim();
    match zh.map(str::trim).filter(|z| !z.is_empty()) {
        Some(zh) if en.is_empty() => zh.to_owned(),
        Some(zh) => format!("{en} ({zh})"),
        None => or_none(en),
    }
}

fn or_none(s: &str) -> String {
    if s.trim().is_empty() {
        NONE.into()
    } else {
        s.trim().to_owned()
    }
}

fn header_description(api: &Api, op: &Operation, name: &str) -> String {
    let base = api
        .headers
        .iter()
        .find(|h| h.name == name)
        .map(|h| with_zh(&h.description, h.description_zh.as_deref()))
        .unwrap_or_else(|| NONE.into());
    if name == "token" {
        format!("{base} Here: {}.", access_text(op.access))
    } else {
        base
    }
}

fn curl_header(api: &Api, op: &Operation, name: &str) -> String {
    if name == "token" {
        return dq_quote("token: $TOKEN");
    }
    let value = if name == "version" {
        op.version.clone()
    } else {
        api.headers
            .iter()
            .find(|h| h.name == name)
            .and_then(|h| h.example.clone())
            .unwrap_or_else(|| "VALUE".into())
    };
    sh_quote(&format!("{name}: {value}"))
}

/// A POSIX shell single-quoted word.
fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// A POSIX shell double-quoted word in which `$NAME` expands.
fn dq_quote(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        if matches!(c, '"' | '\\' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

fn sample_scalar(ty: &Ty, nullable: bool) -> Value {
    if nullable {
        return Value::Null;
    }
    match ty {
        Ty::String | Ty::Decimal => Value::String(String::new()),
        Ty::Int32 | Ty::Int64 | Ty::Timestamp => serde_json::json!(0),
        Ty::Bool => Value::Bool(false),
        _ => Value::Null,
    }
}

fn access_text(a: Access) -> &'static str {
    match a {
        Access::Guest => "no token",
        Access::Login => "a customer (C-side) token is required",
        Access::Admin => "an admin (B-side) token is required",
        Access::Optional => "a customer (C-side) token is accepted but not required",
    }
}

fn presence_name(p: Presence) -> &'static str {
    match p {
        Presence::Required => "required",
        Presence::Optional => "optional",
        Presence::Absent => "absent",
    }
}

fn side_text(s: Side) -> &'static str {
    match s {
        Side::C => "C-side (customer)",
        Side::B => "B-side (business)",
    }
}

fn kind_name(k: ExampleKind) -> &'static str {
    match k {
        ExampleKind::Captured => "captured",
        ExampleKind::Illustrative => "illustrative",
    }
}

fn op_link(s: &Service, o: &Operation, root: &str) -> String {
    format!(
        "[{}.{}]({root}{})",
        s.name,
        o.name,
        operation_page_path(s, o)
    )
}

/// Type and enum name → links to the operations that use it, directly or
/// through other types.
fn users(api: &Api) -> BTreeMap<&str, Vec<String>> {
    fn visit<'a>(api: &'a Api, ty: &'a Ty, seen: &mut BTreeSet<&'a str>) {
        match ty {
            Ty::Struct(n) if seen.insert(n) => {
                if let Some(s) = api.find_struct(n) {
                    for f in &s.fields {
                        visit(api, &f.ty, seen);
                    }
                }
            }
            Ty::Enum(n) => {
                seen.insert(n);
            }
            Ty::List(t) | Ty::Map(t) => visit(api, t, seen),
            _ => {}
        }
    }
    let mut users: BTreeMap<&str, BTreeMap<(&str, &str), String>> = BTreeMap::new();
    for (s, o) in api.operations() {
        let mut seen = BTreeSet::new();
        for f in &o.request.fields {
            visit(api, &f.ty, &mut seen);
        }
        if let Some(t) = &o.response.ty {
            visit(api, t, &mut seen);
        }
        for name in seen {
            users
                .entry(name)
                .or_default()
                .insert((s.name.as_str(), o.name.as_str()), op_link(s, o, ""));
        }
    }
    users
        .into_iter()
        .map(|(name, links)| (name, links.into_values().collect()))
        .collect()
}

fn used_by(links: Option<&Vec<String>>) -> String {
    match links {
        Some(l) if !l.is_empty() => l.join(", "),
        _ => String::new(),
    }
}
