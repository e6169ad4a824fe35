//! An operation's page: what it is, its headers, request and response
//! fields, its request example and the code samples that send it (curl and
//! each SDK: [`crate::samples::CodeSamples`]), its example answers and the
//! error codes it can answer.

use askama::Template;

use crate::docs::fields::{field_rows, ty_md, FieldRow};
use crate::docs::filters;
use crate::docs::frame::{Ctx, Frame};
use crate::docs::lang::Lang;
use crate::docs::text::{
    access_text, cell_text, kind_name, op_summary, or_none, presence_name, pretty, side_text,
    text_in,
};
use crate::facts::errors::Cause;
use crate::facts::sample;
use crate::ir::{Operation, Presence, Service, Ty};
use crate::markdown::{code, slug};
use crate::target::CodeSample;

#[derive(Template)]
#[template(path = "docs/operation.md")]
pub(in crate::docs) struct OperationPage<'a> {
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
    /// How a deprecated operation goes away.
    deprecation: String,
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
    /// The code samples (curl, then each SDK), as OpenAPI's `x-codeSamples`.
    samples: Vec<CodeSample>,
    request_json: String,
    request_origin: String,
    responses: Vec<ExampleView>,
    errors: Vec<ErrorRow>,
    /// The iterator over every item, for a paged operation.
    paging: Option<super::behaviour::PagingSection>,
}

struct HeaderUseRow {
    name: String,
    presence: &'static str,
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

pub(in crate::docs) fn page<'a>(
    cx: &Ctx<'_, 'a>,
    service: &'a Service,
    op: &'a Operation,
    samples: Vec<CodeSample>,
) -> OperationPage<'a> {
    let f = Frame::new(cx.lang, &cx.pages.operation(service, op));
    let (l, root) = (cx.l, f.root);
    let (data, data_fields_title, data_fields) = data(cx, op, root);
    let example = cx.facts.request_example(op);
    let request_origin = match example.example {
        Some(ex) => l
            .from_example
            .replace("{kind}", kind_name(l, ex.kind))
            .replace("{name}", &code(&ex.name)),
        None => l.built_request.to_owned(),
    };
    OperationPage {
        title: title(cx, service, op),
        summary: op_summary(cx.lang, op),
        service: &service.name,
        service_href: format!("{root}README.md#{}", slug(&group_title(cx, service, op))),
        access_href: format!("{root}README.md#{}", slug(l.access_levels)),
        gateway_side: side_text(l, op.side),
        access: op.access.as_str(),
        access_text: access_text(l, op.access),
        version: version(cx, op),
        description: description(cx.lang, op),
        deprecation: crate::docs::fields::deprecation_md(l, &op.deprecation),
        headers: op
            .headers
            .iter()
            .map(|h| HeaderUseRow {
                name: code(&h.name),
                presence: presence_name(l, h.presence),
                description: header_description(cx, op, &h.name),
            })
            .collect(),
        request_name: op.request.name.clone(),
        request_fields: field_rows(cx, &op.request.fields, root),
        data,
        data_description: text_in(
            cx.lang,
            &op.response.description,
            op.response.description_zh.as_deref(),
        ),
        data_fields_title,
        data_fields,
        see_envelope: l.see_envelope.replace("{root}", root),
        samples,
        request_json: pretty(&example.body),
        request_origin,
        responses: responses(cx, op),
        errors: error_rows(cx, op, root),
        paging: super::behaviour::paging_section(cx, service, op, root),
        op,
        f,
    }
}

/// The operation's page title: its name, with the service where another
/// service has an operation of the same name.
fn title(cx: &Ctx, service: &Service, op: &Operation) -> String {
    let same_name = cx
        .api
        .operations()
        .filter(|(_, o)| o.name == op.name)
        .count();
    if same_name > 1 {
        format!("{} ({})", op.name, service.name)
    } else {
        op.name.clone()
    }
}

/// The index heading the operation is listed under: its group's, else its service's.
fn group_title(cx: &Ctx, service: &Service, op: &Operation) -> String {
    op.group
        .as_deref()
        .and_then(|g| cx.api.groups.iter().find(|x| x.name == g))
        .map_or(service.name.clone(), |g| {
            text_in(cx.lang, &g.title, g.title_zh.as_deref())
        })
}

fn version(cx: &Ctx, op: &Operation) -> String {
    let sent = op
        .headers
        .iter()
        .any(|h| h.name == "version" && h.presence != Presence::Absent);
    if sent {
        code(&op.version)
    } else {
        cx.l.version_absent.to_owned()
    }
}

/// The description in `lang` (the summary where there is none).
fn description(lang: Lang, op: &Operation) -> String {
    let description = text_in(lang, &op.description, op.description_zh.as_deref());
    if description.is_empty() {
        op_summary(lang, op)
    } else {
        description
    }
}

/// The type of `data`, and the title and rows of its fields when it holds
/// an object type.
fn data(cx: &Ctx, op: &Operation, root: &str) -> (String, Option<String>, Vec<FieldRow>) {
    let l = cx.l;
    let Some(ty) = &op.response.ty else {
        return (l.data_none.to_owned(), None, Vec::new());
    };
    let mut data = ty_md(l, ty, root);
    if op.response.nullable {
        data.push(' ');
        data.push_str(l.or_null);
    }
    let object = match ty.item() {
        Ty::Struct(n) => cx.api.find_struct(n),
        _ => None,
    };
    match object {
        Some(s) => {
            let title = l
                .fields_of
                .replace("{type}", &ty_md(l, &Ty::Struct(s.name.clone()), root));
            (data, Some(title), field_rows(cx, &s.fields, root))
        }
        None => (data, None, Vec::new()),
    }
}

/// The spec's example answers, else one built from the response type.
fn responses(cx: &Ctx, op: &Operation) -> Vec<ExampleView> {
    let l = cx.l;
    let mut out: Vec<ExampleView> = op
        .examples
        .iter()
        .filter_map(|ex| {
            let resp = ex.response.as_ref()?;
            Some(ExampleView {
                heading: match cx.lang {
                    Lang::Zh => format!("{}（{}）", code(&ex.name), kind_name(l, ex.kind)),
                    Lang::En => format!("{} ({})", code(&ex.name), kind_name(l, ex.kind)),
                },
                description: text_in(cx.lang, &ex.description, ex.description_zh.as_deref()),
                json: pretty(resp),
            })
        })
        .collect();
    if out.is_empty() {
        out.push(ExampleView {
            heading: l.generated_response.into(),
            description: l.built_response.into(),
            json: pretty(&sample::success_envelope(cx.api, op)),
        });
    }
    out
}

/// What an operation's `code` can be besides success.
fn error_rows(cx: &Ctx, op: &Operation, root: &str) -> Vec<ErrorRow> {
    let l = cx.l;
    cx.facts
        .errors(op)
        .into_iter()
        .map(|e| ErrorRow {
            code: code(e.code),
            href: format!("{root}errors.md#{}", slug(e.code)),
            message: e
                .def
                .map_or_else(|| l.none.into(), |d| super::errors::message_in(cx.lang, d)),
            when: match e.cause {
                Cause::Validation => l.when_validation.into(),
                Cause::Unauthenticated { optional: true } => l.when_unauthenticated_optional.into(),
                Cause::Unauthenticated { optional: false } => l.when_unauthenticated.into(),
                Cause::Spec => e.def.map_or_else(
                    || l.none.into(),
                    |d| {
                        or_none(
                            l,
                            &text_in(cx.lang, &d.description, d.description_zh.as_deref()),
                        )
                    },
                ),
            },
        })
        .collect()
}

fn header_description(cx: &Ctx, op: &Operation, name: &str) -> String {
    let l = cx.l;
    let base = cx
        .api
        .headers
        .iter()
        .find(|h| h.name == name)
        .map(|h| cell_text(cx.lang, &h.description, h.description_zh.as_deref()))
        .unwrap_or_else(|| l.none.into());
    if name == "token" {
        format!("{base} ({})", access_text(l, op.access))
    } else {
        base
    }
}
