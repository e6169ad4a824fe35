//! View models of the docs pages: what each template shows, prepared from
//! the IR in one language. Values holding inline Markdown (links, code
//! spans) say so.

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;
use serde_json::Value;

use super::filters;
use super::lang::{Labels, Lang};
use super::{operation_page_path, sample};
use crate::ir::{
    Access, Api, Constraint, Deprecation, Enum, EnumRepr, ExampleKind, Field, Operation, Origin,
    Presence, Service, Side, Struct, Ty,
};
use crate::markdown::{code, slug};
use bizgen_runtime::error::codes;

// ---------------------------------------------------------------- pages

/// What every page knows: its language and where it sits.
pub(super) struct Frame {
    pub(super) l: &'static Labels,
    /// Relative path from the page to its language's root (`../../`).
    pub(super) root: &'static str,
    /// Relative link to the same page in the other language.
    pub(super) other: String,
}

impl Frame {
    pub(super) fn new(lang: Lang, page: &str) -> Frame {
        let depth = page.matches('/').count();
        let root: &'static str = match depth {
            0 => "",
            1 => "../",
            2 => "../../",
            _ => "../../../",
        };
        let other = match lang {
            Lang::En => format!("{root}zh/{page}"),
            Lang::Zh => format!("{root}../{page}"),
        };
        Frame {
            l: lang.labels(),
            root,
            other,
        }
    }
}

#[derive(Template)]
#[template(path = "docs/index.md")]
pub(super) struct IndexPage {
    f: Frame,
    title: String,
    description: String,
    stats: String,
    quick_start: Option<super::quickstart::QuickStart>,
    access_rows: Vec<AccessRow>,
    access_anchor: String,
    gateways: Vec<GatewayRow>,
    headers: Vec<HeaderRow>,
    groups: Vec<GroupView>,
    references: Vec<RefLink>,
}

#[derive(Template)]
#[template(path = "docs/operation.md")]
pub(super) struct OperationPage<'a> {
    f: Frame,
    op: &'a Operation,
    title: String,
    summary: String,
    service: &'a str,
    /// Inline Markdown: the index's anchor of the operation's group.
    service_href: String,
    access_href: String,
    gateway_side: &'static str,
    access: &'static str,
    access_text: &'static str,
    version: String,
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
    see_envelope: String,
    curl: String,
    request_json: String,
    request_origin: String,
    responses: Vec<ExampleView>,
    errors: Vec<ErrorRow>,
    notes: Vec<String>,
    /// The iterator over every item, for a paged operation.
    paging: Option<super::behaviour::PagingSection>,
}

#[derive(Template)]
#[template(path = "docs/types.md")]
pub(super) struct TypesPage {
    f: Frame,
    types: Vec<TypeView>,
}

#[derive(Template)]
#[template(path = "docs/enums.md")]
pub(super) struct EnumsPage {
    f: Frame,
    enums: Vec<EnumView>,
}

#[derive(Template)]
#[template(path = "docs/errors.md")]
pub(super) struct ErrorsPage {
    f: Frame,
    platform: Vec<ErrorView>,
    bizgen: Vec<ErrorView>,
    /// The sentence introducing the example, and the example.
    validation_example: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "docs/envelope.md")]
pub(super) struct EnvelopePage {
    f: Frame,
    description: String,
    success_code_text: String,
    fields: Vec<FieldRow>,
    success_text: String,
    success_example: String,
    error_text: String,
    error_example: String,
}

// ---------------------------------------------------------------- rows

struct AccessRow {
    access: &'static str,
    token: &'static str,
    meaning: &'static str,
}

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

struct GroupView {
    title: String,
    description: String,
    ops: Vec<OpRow>,
}

struct OpRow {
    name: String,
    href: String,
    access: &'static str,
    summary: String,
}

pub(super) struct RefLink {
    pub(super) text: &'static str,
    pub(super) href: String,
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
    required: String,
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
    fields: Vec<FieldRow>,
    /// Inline Markdown links.
    used_by: String,
    notes: Vec<String>,
}

struct EnumView {
    name: String,
    wire: &'static str,
    description: String,
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

pub(super) fn index(api: &Api, lang: Lang) -> IndexPage {
    let f = Frame::new(lang, "README.md");
    let l = f.l;
    let op_count = api.operations().count();
    let access_rows = [
        (Access::Guest, l.presence_absent, l.access_meanings[0]),
        (Access::Login, l.presence_required, l.access_meanings[1]),
        (Access::Admin, l.presence_required, l.access_meanings[2]),
        (Access::Optional, l.presence_optional, l.access_meanings[3]),
    ]
    .into_iter()
    .map(|(a, token, meaning)| AccessRow {
        access: a.as_str(),
        token,
        meaning,
    })
    .collect();
    let references = [
        (l.how_to_read_title, "how-to-read.md"),
        (l.envelope_title, "envelope.md"),
        (l.types_title, "types.md"),
        (l.enums_title, "enums.md"),
        (l.errors_title, "errors.md"),
        (l.glossary_title, "glossary.md"),
        (super::behaviour::title(lang), super::behaviour::PAGE),
    ]
    .into_iter()
    .map(|(text, href)| RefLink {
        text,
        href: href.into(),
    })
    .collect();
    IndexPage {
        title: api.title.clone(),
        description: api.description.clone(),
        stats: l
            .stats
            .replace("{ops}", &op_count.to_string())
            .replace("{services}", &api.services.len().to_string()),
        quick_start: super::quickstart::build(api, lang),
        access_rows,
        access_anchor: slug(l.access_levels),
        gateways: api
            .gateways
            .iter()
            .map(|g| GatewayRow {
                name: code(&g.name),
                prefix: code(&g.prefix),
                side: side_text(l, g.side),
                description: or_none(l, &g.description),
            })
            .collect(),
        headers: api
            .headers
            .iter()
            .map(|h| HeaderRow {
                name: code(&h.name),
                description: text_in(lang, &h.description, h.description_zh.as_deref()),
                example: match (h.name.as_str(), &h.example) {
                    ("lang", _) => code(lang.header()),
                    (_, Some(e)) => code(e),
                    (_, None) => l.none.into(),
                },
            })
            .collect(),
        groups: groups(api, lang),
        references,
        f,
    }
}

/// The index's operation tables: one per task group of the spec, then one
/// per service for the operations without a group; operations by name.
fn groups(api: &Api, lang: Lang) -> Vec<GroupView> {
    let l = lang.labels();
    let row = |s: &Service, o: &Operation| OpRow {
        name: o.name.clone(),
        href: operation_page_path(s, o),
        access: o.access.as_str(),
        summary: {
            let summary = op_summary(lang, o);
            if o.deprecated {
                format!("{}. {summary}", capitalized(l.deprecated))
            } else {
                or_none(l, &summary)
            }
        },
    };
    let sorted = |mut ops: Vec<OpRow>| {
        ops.sort_by(|a, b| (&a.name, &a.href).cmp(&(&b.name, &b.href)));
        ops
    };
    let mut out: Vec<GroupView> = api
        .groups
        .iter()
        .map(|g| GroupView {
            title: text_in(lang, &g.title, g.title_zh.as_deref()),
            description: String::new(),
            ops: sorted(
                api.operations()
                    .filter(|(_, o)| o.group.as_deref() == Some(g.name.as_str()))
                    .map(|(s, o)| row(s, o))
                    .collect(),
            ),
        })
        .collect();
    for s in &api.services {
        let ops: Vec<OpRow> = s
            .operations
            .iter()
            .filter(|o| o.group.is_none())
            .map(|o| row(s, o))
            .collect();
        if !ops.is_empty() {
            out.push(GroupView {
                title: s.name.clone(),
                description: format!(
                    "{}\n\nbizType: `{}.*`",
                    s.description.trim(),
                    s.qualified_name
                )
                .trim()
                .to_owned(),
                ops: sorted(ops),
            });
        }
    }
    out
}

/// Source notes of an item and of its fields ("`field`: note").
fn notes_of(own: &[String], fields: &[Field]) -> Vec<String> {
    own.iter()
        .map(|n| n.trim().to_owned())
        .chain(fields.iter().flat_map(|f| {
            f.notes
                .iter()
                .map(move |n| format!("{}: {}", code(&f.name), n.trim()))
        }))
        .collect()
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// An operation's one-line summary in `lang` (English as the fallback).
pub(super) fn op_summary(lang: Lang, op: &Operation) -> String {
    text_in(lang, &op.summary, op.summary_zh.as_deref())
}

/// The operation's page title: its name, with the service where another
/// service has an operation of the same name.
fn op_title(api: &Api, service: &Service, op: &Operation) -> String {
    let same_name = api.operations().filter(|(_, o)| o.name == op.name).count();
    if same_name > 1 {
        format!("{} ({})", op.name, service.name)
    } else {
        op.name.clone()
    }
}

pub(super) fn operation<'a>(
    api: &'a Api,
    service: &'a Service,
    op: &'a Operation,
    lang: Lang,
) -> OperationPage<'a> {
    let f = Frame::new(lang, &operation_page_path(service, op));
    let l = f.l;
    let root = f.root;
    let headers = op
        .headers
        .iter()
        .map(|h| HeaderUseRow {
            name: code(&h.name),
            presence: presence_name(l, h.presence),
            description: header_description(api, op, &h.name, lang),
        })
        .collect();

    let (data, data_fields_title, data_fields) = match &op.response.ty {
        None => (l.data_none.to_owned(), None, Vec::new()),
        Some(ty) => {
            let mut data = ty_md(l, ty, root);
            if op.response.nullable {
                data.push(' ');
                data.push_str(l.or_null);
            }
            match object_of(ty).and_then(|n| api.find_struct(n)) {
                Some(s) => (
                    data,
                    Some(format!(
                        "{} {}",
                        l.fields_of,
                        ty_md(l, &Ty::Struct(s.name.clone()), root)
                    )),
                    field_rows(api, &s.fields, root, lang),
                ),
                None => (data, None, Vec::new()),
            }
        }
    };

    let (body, request_origin) = match op.examples.iter().find(|e| e.request.is_some()) {
        Some(ex) => (
            ex.request.clone().unwrap_or(Value::Null),
            l.from_example
                .replace("{kind}", kind_name(l, ex.kind))
                .replace("{name}", &code(&ex.name)),
        ),
        None => (sample::request_body(api, op), l.built_request.to_owned()),
    };

    let mut responses: Vec<ExampleView> = op
        .examples
        .iter()
        .filter_map(|ex| {
            let resp = ex.response.as_ref()?;
            Some(ExampleView {
                heading: format!("{} ({})", code(&ex.name), kind_name(l, ex.kind)),
                description: ex.description.clone(),
                json: pretty(resp),
            })
        })
        .collect();
    if responses.is_empty() {
        responses.push(ExampleView {
            heading: l.generated_response.into(),
            description: l.built_response.into(),
            json: pretty(&sample::success_envelope(api, op)),
        });
    }

    let errors = error_rows(api, op, lang, root);

    let mut description = text_in(lang, &op.description, op.description_zh.as_deref());
    if description.trim().is_empty() {
        description = op_summary(lang, op);
    }
    if lang == Lang::En {
        if let Some(zh) = op
            .description_zh
            .as_deref()
            .filter(|z| !z.trim().is_empty())
        {
            description.push_str("\n\n中文说明：");
            description.push_str(zh.trim());
        }
    }

    let version = if op
        .headers
        .iter()
        .any(|h| h.name == "version" && h.presence != Presence::Absent)
    {
        code(&op.version)
    } else {
        l.version_absent.to_owned()
    };

    OperationPage {
        title: op_title(api, service, op),
        summary: op_summary(lang, op),
        service: &service.name,
        service_href: format!(
            "{root}README.md#{}",
            slug(
                &op.group
                    .as_deref()
                    .and_then(|g| api.groups.iter().find(|x| x.name == g))
                    .map_or(service.name.clone(), |g| {
                        text_in(lang, &g.title, g.title_zh.as_deref())
                    })
            )
        ),
        access_href: format!("{root}README.md#{}", slug(l.access_levels)),
        gateway_side: side_text(l, op.side),
        access: op.access.as_str(),
        access_text: access_text(l, op.access),
        version,
        description,
        headers,
        request_name: op.request.name.clone(),
        request_fields: field_rows(api, &op.request.fields, root, lang),
        data,
        data_description: op.response.description.trim().to_owned(),
        data_fields_title,
        data_fields,
        see_envelope: l.see_envelope.replace("{root}", root),
        curl: curl_command(api, op, &body, lang, "$TOKEN", None),
        request_json: pretty(&body),
        request_origin,
        responses,
        errors,
        notes: notes_of(&op.notes, &op.request.fields),
        paging: super::behaviour::paging_section(api, service, op, lang, root),
        op,
        f,
    }
}

/// What an operation's `code` can be besides success: the spec's codes,
/// then the ones every bizgen server adds.
fn error_rows(api: &Api, op: &Operation, lang: Lang, root: &str) -> Vec<ErrorRow> {
    let l = lang.labels();
    let mut codes: Vec<&str> = op.errors.iter().map(String::as_str).collect();
    codes.push(codes::VALIDATION);
    if op.access != Access::Guest {
        codes.push(codes::UNAUTHENTICATED);
    }
    let mut seen = BTreeSet::new();
    codes.retain(|c| seen.insert(*c));
    codes
        .into_iter()
        .map(|c| {
            let def = api.find_error(c);
            ErrorRow {
                code: code(c),
                href: format!("{root}errors.md#{}", slug(c)),
                message: def
                    .map(|e| e.message.clone())
                    .unwrap_or_else(|| l.none.into()),
                when: match c {
                    codes::VALIDATION => l.when_validation.into(),
                    codes::UNAUTHENTICATED if op.access == Access::Optional => {
                        l.when_unauthenticated_optional.into()
                    }
                    codes::UNAUTHENTICATED => l.when_unauthenticated.into(),
                    _ => def
                        .map(|e| or_none(l, &e.description))
                        .unwrap_or_else(|| l.none.into()),
                },
            }
        })
        .collect()
}

/// A curl command calling `op` with `body`, `token_var` as the token.
pub(super) fn curl_command(
    api: &Api,
    op: &Operation,
    body: &Value,
    lang: Lang,
    token_var: &str,
    trace: Option<&str>,
) -> String {
    let mut lines = vec![
        format!(
            "curl -s -X POST {}",
            dq_quote(&format!("$BASE_URL{}", op.path))
        ),
        format!("-H {}", sh_quote("Content-Type: application/json")),
    ];
    for h in &op.headers {
        let header = match (h.name.as_str(), trace) {
            ("trace", Some(t)) => sh_quote(&format!("trace: {t}")),
            _ => curl_header(api, op, &h.name, lang, token_var),
        };
        lines.push(format!("-H {header}"));
    }
    lines.push(format!(
        "-d {}",
        sh_quote(&serde_json::to_string(body).unwrap_or_default())
    ));
    lines.join(" \\\n  ")
}

pub(super) fn types(api: &Api, lang: Lang) -> TypesPage {
    let f = Frame::new(lang, "types.md");
    let users = users(api, lang);
    TypesPage {
        types: api
            .types
            .iter()
            .map(|t: &Struct| TypeView {
                name: t.name.clone(),
                description: with_zh(lang, &t.description, t.description_zh.as_deref()),
                fields: field_rows(api, &t.fields, "", lang),
                used_by: used_by(users.get(t.name.as_str())),
                notes: notes_of(&t.notes, &t.fields),
            })
            .collect(),
        f,
    }
}

pub(super) fn enums(api: &Api, lang: Lang) -> EnumsPage {
    let f = Frame::new(lang, "enums.md");
    let l = f.l;
    let users = users(api, lang);
    EnumsPage {
        enums: api
            .enums
            .iter()
            .map(|e: &Enum| EnumView {
                name: e.name.clone(),
                wire: match e.repr {
                    EnumRepr::Int32 => l.wire_int,
                    EnumRepr::String => l.wire_string,
                },
                description: with_zh(lang, &e.description, e.description_zh.as_deref()),
                values: e
                    .values
                    .iter()
                    .map(|v| EnumValueRow {
                        code: code(&code_json(&v.code)),
                        name: code(&v.name),
                        description: {
                            let text = cell_text(lang, &v.description, v.description_zh.as_deref());
                            if v.deprecated {
                                format!(
                                    "**{}** ({}). {text}",
                                    l.deprecated,
                                    v.deprecation.details()
                                )
                            } else {
                                text
                            }
                        },
                    })
                    .collect(),
                used_by: used_by(users.get(e.name.as_str())),
            })
            .collect(),
        f,
    }
}

pub(super) fn errors(api: &Api, lang: Lang) -> ErrorsPage {
    let f = Frame::new(lang, "errors.md");
    let l = f.l;
    let mut by_code: BTreeMap<&str, BTreeMap<(&str, &str), String>> = BTreeMap::new();
    for (s, o) in api.operations() {
        for c in &o.errors {
            by_code
                .entry(c.as_str())
                .or_default()
                .insert((s.name.as_str(), o.name.as_str()), op_link(s, o, ""));
        }
    }
    let view = |e: &crate::ir::ErrorCode| ErrorView {
        code: e.code.clone(),
        message: e.message.clone(),
        origin: match e.origin {
            Origin::Platform => l.origin_platform,
            Origin::Bizgen => l.origin_bizgen,
        },
        description: e.description.trim().to_owned(),
        used_by: match e.code.as_str() {
            codes::VALIDATION => l.every_operation.into(),
            codes::UNAUTHENTICATED => l.token_operations.into(),
            c => by_code
                .get(c)
                .map(|v| v.values().cloned().collect::<Vec<_>>().join(", "))
                .unwrap_or_default(),
        },
    };
    ErrorsPage {
        platform: api
            .errors
            .iter()
            .filter(|e| e.origin == Origin::Platform)
            .map(view)
            .collect(),
        bizgen: api
            .errors
            .iter()
            .filter(|e| e.origin == Origin::Bizgen)
            .map(view)
            .collect(),
        validation_example: super::contract::validation_request(api).and_then(|(o, _, field)| {
            let (s, _) = api.operations().find(|(_, x)| std::ptr::eq(*x, o))?;
            let text = l
                .validation_example
                .replace("{op}", &op_link(s, o, ""))
                .replace("{field}", &code(field));
            Some((text, pretty(&super::contract::validation_example(api)?)))
        }),
        f,
    }
}

pub(super) fn envelope(api: &Api, lang: Lang) -> EnvelopePage {
    let f = Frame::new(lang, "envelope.md");
    let l = f.l;
    let mut success = serde_json::Map::new();
    let mut error = serde_json::Map::new();
    for fl in &api.envelope.fields {
        let (s, e) = match fl.name.as_str() {
            "code" => (
                Value::String(api.envelope.success_code.clone()),
                Value::String(
                    api.errors
                        .iter()
                        .find(|e| e.origin == Origin::Platform)
                        .map_or(codes::VALIDATION.to_owned(), |e| e.code.clone()),
                ),
            ),
            "ok" => (Value::Bool(true), Value::Bool(false)),
            "fail" => (Value::Bool(false), Value::Bool(true)),
            _ => {
                let v = fl
                    .example
                    .clone()
                    .unwrap_or_else(|| sample_scalar(&fl.ty, fl.nullable));
                (v.clone(), v)
            }
        };
        success.insert(fl.name.clone(), s);
        error.insert(fl.name.clone(), e);
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
                l.the_example
                    .replace("{kind}", kind_name(l, e.kind))
                    .replace("{name}", &code(&e.name))
                    .replace("{op}", &op_link(s, o, "")),
                e.response.clone().unwrap_or(Value::Null),
            )
        })
    };
    let (success_source, success) =
        find(true).unwrap_or_else(|| (l.envelope_generated.into(), Value::Object(success)));
    let (error_source, error) =
        find(false).unwrap_or_else(|| (l.envelope_generated.into(), Value::Object(error)));
    EnvelopePage {
        description: api.envelope.description.trim().to_owned(),
        success_code_text: l
            .envelope_success_code
            .replace("{code}", &code(&api.envelope.success_code)),
        fields: field_rows(api, &api.envelope.fields, "", lang),
        success_text: l.envelope_success.replace("{source}", &success_source),
        success_example: pretty(&success),
        error_text: l.envelope_error.replace("{source}", &error_source),
        error_example: pretty(&error),
        f,
    }
}

// ---------------------------------------------------------------- helpers

fn field_rows(api: &Api, fields: &[Field], root: &str, lang: Lang) -> Vec<FieldRow> {
    fields
        .iter()
        .map(|f| field_row(api, fields, f, root, lang))
        .collect()
}

fn field_row(api: &Api, siblings: &[Field], f: &Field, root: &str, lang: Lang) -> FieldRow {
    let l = lang.labels();
    let mut ty = ty_md(l, &f.ty, root);
    if f.nullable {
        ty.push(' ');
        ty.push_str(l.or_null);
    }
    let default = f
        .default
        .as_ref()
        .map(|d| code(&serde_json::to_string(d).unwrap_or_default()));
    let constraints = constraints_md(f, root);
    let values = enum_values_md(api, &f.ty);
    let mut details = Vec::new();
    if let Some(d) = &default {
        details.push(format!("{} {d}", l.default));
    }
    details.extend(constraints.iter().cloned());
    if let Some(v) = &values {
        details.push(format!("{} {v}", l.one_of));
    }
    if f.sensitive {
        details.push(l.sensitive.into());
    }
    if f.deprecated && f.deprecation != Deprecation::default() {
        details.push(format!("{}: {}", l.deprecated, f.deprecation.details()));
    }
    let mut name = code(&f.name);
    if f.deprecated {
        name.push_str(&format!(" ({})", l.deprecated));
    }
    FieldRow {
        name,
        ty,
        required: match &f.required_when {
            Some(c) => super::condition::required_cell(api, siblings, c, lang),
            None => if f.required { l.yes } else { l.no }.to_owned(),
        },
        default: default.unwrap_or_else(|| l.none.into()),
        constraints: if constraints.is_empty() {
            l.none.into()
        } else {
            constraints.join(", ")
        },
        values: values.unwrap_or_else(|| l.none.into()),
        sensitive: if f.sensitive { l.yes } else { l.no },
        details: if details.is_empty() {
            l.none.into()
        } else {
            details.join("; ")
        },
        description: cell_text(lang, &f.description, f.description_zh.as_deref()),
    }
}

/// The constraints in the one wording of [`Constraint`], a format linked
/// to its rule.
fn constraints_md(f: &Field, root: &str) -> Vec<String> {
    f.constraints
        .list()
        .into_iter()
        .map(|c| match c {
            Constraint::Format(v) => format!(
                "format [{}]({root}how-to-read.md#{})",
                code(v.name()),
                slug(v.name())
            ),
            other => other.to_string(),
        })
        .collect()
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
fn ty_md(l: &Labels, ty: &Ty, root: &str) -> String {
    match ty {
        Ty::Struct(n) => format!("[{}]({root}types.md#{})", code(n), slug(n)),
        Ty::Enum(n) => format!("[{}]({root}enums.md#{})", code(n), slug(n)),
        Ty::List(t) => format!("{} {}", l.list_of, ty_md(l, t, root)),
        Ty::Map(t) => format!("{} {}", l.map_of, ty_md(l, t, root)),
        other => code(&other.to_string()),
    }
}

/// The object type that `data` holds directly or as list/map items.
fn object_of(ty: &Ty) -> Option<&str> {
    match ty.item() {
        Ty::Struct(n) => Some(n),
        _ => None,
    }
}

/// A description for a table cell: in English both texts where the spec
/// has Chinese too; in Chinese the Chinese text, else the English.
fn cell_text(lang: Lang, en: &str, zh: Option<&str>) -> String {
    match lang {
        Lang::En => with_zh(lang, en, zh),
        Lang::Zh => or_none(lang.labels(), lang.pick(en.trim(), zh)),
    }
}

/// A description paragraph: English with the Chinese appended, or the
/// Chinese alone (English as the fallback).
fn with_zh(lang: Lang, en: &str, zh: Option<&str>) -> String {
    let en = en.trim();
    let zh = zh.map(str::trim).filter(|z| !z.is_empty());
    match (lang, zh) {
        (Lang::Zh, Some(zh)) => zh.to_owned(),
        (Lang::En, Some(zh)) if en.is_empty() => zh.to_owned(),
        (Lang::En, Some(zh)) => format!("{en} ({zh})"),
        (_, None) => en.to_owned(),
    }
}

/// The text in `lang`, English as the fallback.
fn text_in(lang: Lang, en: &str, zh: Option<&str>) -> String {
    lang.pick(en.trim(), zh).trim().to_owned()
}

fn or_none(l: &Labels, s: &str) -> String {
    if s.trim().is_empty() {
        l.none.into()
    } else {
        s.trim().to_owned()
    }
}

fn header_description(api: &Api, op: &Operation, name: &str, lang: Lang) -> String {
    let l = lang.labels();
    let base = api
        .headers
        .iter()
        .find(|h| h.name == name)
        .map(|h| cell_text(lang, &h.description, h.description_zh.as_deref()))
        .unwrap_or_else(|| l.none.into());
    if name == "token" {
        format!("{base} ({})", access_text(l, op.access))
    } else {
        base
    }
}

fn curl_header(api: &Api, op: &Operation, name: &str, lang: Lang, token_var: &str) -> String {
    match name {
        "token" => dq_quote(&format!("token: {token_var}")),
        "version" => sh_quote(&format!("version: {}", op.version)),
        "lang" => sh_quote(&format!("lang: {}", lang.header())),
        _ => {
            let value = api
                .headers
                .iter()
                .find(|h| h.name == name)
                .and_then(|h| h.example.clone())
                .unwrap_or_else(|| "VALUE".into());
            sh_quote(&format!("{name}: {value}"))
        }
    }
}

/// A POSIX shell single-quoted word.
pub(super) fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// A POSIX shell double-quoted word in which `$NAME` expands.
pub(super) fn dq_quote(s: &str) -> String {
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

pub(super) fn pretty(v: &Value) -> String {
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

fn access_text(l: &Labels, a: Access) -> &'static str {
    match a {
        Access::Guest => l.access_guest,
        Access::Login => l.access_login,
        Access::Admin => l.access_admin,
        Access::Optional => l.access_optional,
    }
}

fn presence_name(l: &Labels, p: Presence) -> &'static str {
    match p {
        Presence::Required => l.presence_required,
        Presence::Optional => l.presence_optional,
        Presence::Absent => l.presence_absent,
    }
}

fn side_text(l: &Labels, s: Side) -> &'static str {
    match s {
        Side::C => l.side_c,
        Side::B => l.side_b,
    }
}

fn kind_name(l: &Labels, k: ExampleKind) -> &'static str {
    match k {
        ExampleKind::Captured => l.captured,
        ExampleKind::Illustrative => l.illustrative,
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
fn users(api: &Api, _lang: Lang) -> BTreeMap<&str, Vec<String>> {
    let mut users: BTreeMap<&str, BTreeMap<(&str, &str), String>> = BTreeMap::new();
    for (s, o) in api.operations() {
        let mut seen = BTreeSet::new();
        for f in &o.request.fields {
            api.reach(&f.ty, &mut seen);
        }
        if let Some(t) = &o.response.ty {
            api.reach(t, &mut seen);
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
