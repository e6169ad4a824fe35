//! The file of one service (`src/services/<service>.ts`): its request
//! interfaces, the descriptor of each operation and the class behind
//! `client.<service>`, one method per operation.

use std::collections::BTreeSet;

use askama::Template;

use super::model::{doc_lines, interface, ts_link, Ctx, InterfaceView};
use super::names::{method, property, string_literal, type_name};
use super::shapes::{descriptor, ts_type, IN_SERVICE};
use super::HEADER;
use crate::facts::field::type_words;
use crate::ir::{Access, Operation, Presence, Service};
use crate::wire;

#[derive(Template)]
#[template(path = "ts/service.ts", escape = "none")]
pub(super) struct ServiceFile {
    header: &'static str,
    /// File stem under `src/services/`.
    pub(super) file: String,
    class: String,
    module_doc: Vec<String>,
    doc: Vec<String>,
    uses_types: bool,
    uses_helpers: bool,
    uses_schemas: bool,
    requests: Vec<InterfaceView>,
    ops: Vec<OpView>,
}

struct OpView {
    doc: Vec<String>,
    method: String,
    /// `operations.login` or `operations["1st"]`.
    descriptor_ref: String,
    descriptor_key: String,
    request: String,
    /// The request may be left out (no required field).
    request_optional: bool,
    response: String,
    biz_type: String,
    path: String,
    access: &'static str,
    version: String,
    headers: String,
    data: String,
    /// `operations.page`'s wire name, as a string literal.
    name: String,
    read_only: bool,
    /// The iterator over every item, for a paged operation.
    page_all: Option<super::paging::PageAllView>,
}

pub(super) fn service(cx: &Ctx, service: &Service) -> ServiceFile {
    let property = cx.names.service(service);
    let mut requests: Vec<InterfaceView> = service
        .operations
        .iter()
        .map(|op| interface(cx, &op.request, IN_SERVICE))
        .collect();
    let mut ops: Vec<OpView> = service
        .operations
        .iter()
        .map(|op| op_view(cx, op))
        .collect();
    // Operations whose names meet in UpperCamelCase (`bindEmail`,
    // `bind_email`): the later request types get a number.
    let mut taken = BTreeSet::new();
    for (request, op) in requests.iter_mut().zip(&mut ops) {
        let base = request.name.clone();
        let mut n = 1;
        while !taken.insert(request.name.clone()) {
            n += 1;
            request.name = format!("{base}{n}");
        }
        op.request.clone_from(&request.name);
    }
    let mentions = |needle: &str| {
        requests
            .iter()
            .flat_map(|r| &r.fields)
            .any(|f| f.ty.contains(needle))
            || ops.iter().any(|o| o.response.contains(needle))
    };
    let uses_types = mentions("types.");
    let uses_schemas = ops.iter().any(|o| o.data.contains("schemas."));
    let uses_helpers = ops.iter().any(|o| {
        ["s.list(", "s.map(", "s.nullable("]
            .iter()
            .any(|h| o.data.contains(h))
    });
    ServiceFile {
        header: HEADER,
        file: cx.names.service_file(service),
        class: type_name(&service.name),
        module_doc: doc_lines(&[
            &format!(
                "Service `{}` (`{}`): its request types and the class behind `client.{property}`.",
                service.name, service.qualified_name,
            ),
            "@module",
        ]),
        doc: doc_lines(&[
            &service.description,
            &format!(
                "Operations of `{}`; reach them as `client.{property}`.",
                service.qualified_name,
            ),
        ]),
        uses_types,
        uses_helpers,
        uses_schemas,
        requests,
        ops,
    }
}

fn op_view(cx: &Ctx, op: &Operation) -> OpView {
    let api = cx.api;
    let (response, data) = match &op.response.ty {
        None => ("void".to_owned(), "null".to_owned()),
        Some(_) => {
            let schema = wire::data_schema(api, op);
            (
                ts_type(&schema, IN_SERVICE),
                descriptor(&schema, IN_SERVICE),
            )
        }
    };
    let access_text = match op.access {
        Access::Guest => "guest: sends no token",
        Access::Login => "login: sends the C-side customer token (`setToken`)",
        Access::Optional => "optional: sends the C-side customer token when the client has one",
        Access::Admin => "admin: sends the B-side admin token (`setAdminToken`)",
    };
    let mut facts = vec![
        format!("`POST {}`, access {access_text}.", op.path),
        match &op.response.ty {
            None => "Resolves with nothing on success.".to_owned(),
            Some(_) if op.response.description.is_empty() => {
                format!("Resolves with `data`: {}.", data_words(cx, op))
            }
            Some(_) => format!(
                "Resolves with `data` ({}): {}",
                data_words(cx, op),
                op.response.description.trim()
            ),
        },
    ];
    let errors: Vec<String> = cx
        .facts
        .errors(op)
        .iter()
        .map(|e| format!("`{}`", e.code))
        .collect();
    facts.push(format!(
        "@throws {{ApiError}} on an error envelope: {}.",
        errors.join(", ")
    ));
    facts.push("@throws {ClientError} when no usable answer came back.".into());
    let mut doc = doc_lines(&[
        &op.summary,
        &op.description,
        op.description_zh.as_deref().unwrap_or_default(),
    ]);
    doc.push(String::new());
    doc.extend(facts);
    if op.deprecated {
        doc.push(format!("@deprecated {}", op.deprecation.details()));
    }
    let headers: Vec<String> = op
        .headers
        .iter()
        .filter(|h| h.presence != Presence::Absent && h.name != "token" && h.name != "trace")
        .map(|h| {
            let required = h.presence == Presence::Required;
            format!("[{}, {required}]", string_literal(&h.name))
        })
        .collect();
    let key = property(&op.name);
    let descriptor_ref = if key.starts_with('"') {
        format!("operations[{key}]")
    } else {
        format!("operations.{key}")
    };
    OpView {
        doc,
        method: method(&op.name),
        descriptor_ref,
        descriptor_key: key,
        request: type_name(&op.request.name),
        request_optional: op.request.fields.iter().all(|f| !f.required),
        response,
        biz_type: string_literal(&op.biz_type),
        path: string_literal(&op.path),
        access: op.access.as_str(),
        version: string_literal(&op.version),
        headers: format!("[{}]", headers.join(", ")),
        data,
        name: string_literal(&op.name),
        read_only: op.read_only,
        page_all: super::paging::page_all_view(cx.api, op),
    }
}

/// The type of `data` in the words of the facts, named types linked.
fn data_words(cx: &Ctx, op: &Operation) -> String {
    let link = |name: &str| ts_link(IN_SERVICE, name);
    match &op.response.ty {
        Some(ty) if op.response.nullable => {
            format!("{}, or `null`", type_words(cx.api, ty, &link))
        }
        Some(ty) => type_words(cx.api, ty, &link),
        None => String::new(),
    }
}
