//! Stage 3b, one operation: its gateway, access, bizType, path, headers,
//! request, response, error codes, examples and session effect, each
//! resolved (or checked) by a function of its own.

use std::collections::BTreeMap;

use super::ctx::Ctx;
use super::lifecycle;
use super::located::Located;
use super::merge::{Merged, Named};
use super::raw;
use super::suggest::suggest;
use super::types::{parse_ty, resolve_fields, Known};
use crate::diagnostics::Pos;
use crate::ir::*;
use crate::names;

/// A header an operation (or the API) lists is declared, and is not `token`.
pub(super) fn check_header_ref(
    ctx: &mut Ctx,
    headers: &Named<raw::HeaderDef>,
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

/// What a service gives its operations.
pub(super) struct ServiceDefaults<'a> {
    pub(super) name: &'a str,
    /// The bizType prefix.
    pub(super) qualified: &'a str,
    pub(super) gateway: Option<&'a str>,
    pub(super) access: Option<Access>,
}

/// One operation of a service: each part resolved by a function of its own.
pub(super) fn resolve_operation(
    ctx: &mut Ctx,
    merged: &Merged,
    known: &Known,
    service: &ServiceDefaults,
    name: &Located<String>,
    op: &raw::OperationDef,
) -> Option<Operation> {
    check_operation_name(ctx, name);
    let (gateway_name, gateway) = resolve_gateway(ctx, merged, service, name, op)?;
    let access = resolve_access(ctx, service, name, op, gateway_name, gateway.side)?;
    let biz_type = resolve_biz_type(ctx, service, name, op);
    let path = resolve_path(ctx, op, &gateway.prefix.value, &biz_type);
    let headers = resolve_headers(ctx, merged, gateway, name, op, access);
    let request = resolve_request(ctx, known, name, op, &biz_type);
    let response = resolve_response(ctx, known, name, op);
    let errors = resolve_errors(ctx, merged, name, op);
    let examples = resolve_examples(ctx, name, op);
    check_group(ctx, merged, name, op);
    check_read_only(ctx, name, op);
    let paginate = op.paginate.as_ref().and_then(|def| {
        super::paging::resolve(ctx, &name.value, def, &request.fields, op.read_only)
    });
    if op.summary.trim().is_empty() {
        ctx.warn(
            name.pos,
            format!("operation `{}` has an empty summary", name.value),
        );
    }
    Some(Operation {
        name: name.value.clone(),
        service: service.name.to_owned(),
        biz_type,
        path,
        gateway: gateway_name.to_owned(),
        side: gateway.side,
        access,
        version: op.version.clone().unwrap_or_else(|| {
            merged
                .api
                .map(|a| {
                    a.value
                        .version_header
                        .clone()
                        .unwrap_or_else(|| a.version.value.clone())
                })
                .unwrap_or_default()
        }),
        headers,
        summary: op.summary.clone(),
        description: op.description.clone(),
        description_zh: op.description_zh.clone(),
        summary_zh: op.summary_zh.clone(),
        group: op.group.as_ref().map(|g| g.value.clone()),
        notes: op.notes.clone(),
        source: op.source.clone(),
        request,
        response,
        errors,
        examples,
        deprecated: op.deprecated,
        read_only: op.read_only,
        session: resolve_session(ctx, name, op),
        paginate,
        deprecation: lifecycle::deprecation(
            ctx,
            &format!("operation `{}`", name.value),
            name.pos,
            op.deprecated,
            op.sunset.as_ref(),
            op.replacement.as_ref(),
        ),
        pos: name.pos,
    })
}

/// An operation name is the method part of a bizType: a letter, then
/// letters, digits and `_`.
fn check_operation_name(ctx: &mut Ctx, name: &Located<String>) {
    let valid = name.value.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid {
        ctx.error(
            name.pos,
            format!(
                "operation name `{}` is not a valid bizType method name",
                name.value
            ),
        );
    }
}

/// The operation's gateway (its own, else its service's), declared.
fn resolve_gateway<'m>(
    ctx: &mut Ctx,
    merged: &'m Merged,
    service: &ServiceDefaults<'m>,
    name: &Located<String>,
    op: &'m raw::OperationDef,
) -> Option<(&'m str, &'m raw::GatewayDef)> {
    let gateways = &merged.gateways;
    let gateway_name = op
        .gateway
        .as_ref()
        .map(|g| g.value.as_str())
        .or(service.gateway);
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
    Some((gateway_name, gateway))
}

/// The access level (the operation's, else its service's), and whether it
/// fits the gateway's side.
fn resolve_access(
    ctx: &mut Ctx,
    service: &ServiceDefaults,
    name: &Located<String>,
    op: &raw::OperationDef,
    gateway_name: &str,
    side: Side,
) -> Option<Access> {
    let Some(access) = op.access.or(service.access) else {
        ctx.error(
            name.pos,
            format!("operation `{}` has no access level", name.value),
        )
        .help = Some(
            "set `access: guest | login | admin | optional` on the operation or its service".into(),
        );
        return None;
    };
    match (access, side) {
        (Access::Admin, Side::C) => {
            ctx.error(name.pos, format!("operation `{}`: access `admin` needs a B-side gateway, `{gateway_name}` is C-side", name.value));
        }
        (Access::Login | Access::Optional, Side::B) => {
            ctx.error(name.pos, format!("operation `{}`: access `{}` takes a C-side token but `{gateway_name}` is a B-side gateway", name.value, access.as_str()))
                .help = Some("use `admin` (B-side token) or `guest` on B-side gateways".into());
        }
        _ => {}
    }
    Some(access)
}

/// The bizType: as written, else the service's prefix and the name.
fn resolve_biz_type(
    ctx: &mut Ctx,
    service: &ServiceDefaults,
    name: &Located<String>,
    op: &raw::OperationDef,
) -> String {
    match &op.biz_type {
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
        None => format!("{}.{}", service.qualified, name.value),
    }
}

/// The path: as written, else the gateway's prefix and the bizType.
fn resolve_path(ctx: &mut Ctx, op: &raw::OperationDef, prefix: &str, biz_type: &str) -> String {
    match &op.path {
        Some(p) => {
            if !p.value.starts_with('/') || p.value.contains(char::is_whitespace) {
                ctx.error(
                    p.pos,
                    format!("path `{}` must start with `/` and have no spaces", p.value),
                );
            }
            p.value.clone()
        }
        None => format!("{prefix}{biz_type}"),
    }
}

/// Headers: the gateway's, overridden by the operation's, then `token`
/// by the access level; absent ones dropped.
fn resolve_headers(
    ctx: &mut Ctx,
    merged: &Merged,
    gateway: &raw::GatewayDef,
    name: &Located<String>,
    op: &raw::OperationDef,
    access: Access,
) -> Vec<HeaderUse> {
    let headers = &merged.headers;
    let mut presence: Vec<HeaderUse> = Vec::new();
    let mut set = |name: &str, p: Presence| match presence.iter_mut().find(|h| h.name == name) {
        Some(h) => h.presence = p,
        None => presence.push(HeaderUse {
            name: name.to_owned(),
            presence: p,
            source: HeaderSource::of(name),
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
    presence
}

/// The request body: a struct of its own, `{stem}Request`.
fn resolve_request(
    ctx: &mut Ctx,
    known: &Known,
    name: &Located<String>,
    op: &raw::OperationDef,
    biz_type: &str,
) -> Struct {
    let owner = format!("the request of `{}`", name.value);
    Struct {
        name: names::request_type_name(&name.value),
        module: ctx.module_of(name.pos),
        description: format!("Request body of `{biz_type}`."),
        description_zh: None,
        fields: resolve_fields(
            ctx,
            known,
            super::conditions::Fields::Request,
            &op.request,
            &owner,
        ),
        reserved: Vec::new(),
        notes: Vec::new(),
        sides: Sides::REQUEST,
        services: Vec::new(),
        pos: name.pos,
    }
}

/// The type of `data` (`none`: null on success).
fn resolve_response(
    ctx: &mut Ctx,
    known: &Known,
    name: &Located<String>,
    op: &raw::OperationDef,
) -> Response {
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
        description_zh: r.description_zh.clone(),
    }
}

/// The error codes the operation lists, each declared under `errors:`.
fn resolve_errors(
    ctx: &mut Ctx,
    merged: &Merged,
    name: &Located<String>,
    op: &raw::OperationDef,
) -> Vec<String> {
    let errors = &merged.errors;
    let mut codes = Vec::new();
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
        codes.push(code.value.clone());
    }
    codes
}

/// The examples: names unique, each with a request or a response.
fn resolve_examples(ctx: &mut Ctx, name: &Located<String>, op: &raw::OperationDef) -> Vec<Example> {
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
            description_zh: ex.description_zh.clone(),
            request: ex.request.as_ref().map(|r| r.value.clone()),
            response: ex.response.as_ref().map(|r| r.value.clone()),
            pos: ex.pos,
        });
    }
    examples
}

/// The operation's docs group is one of `api.groups`.
fn check_group(ctx: &mut Ctx, merged: &Merged, name: &Located<String>, op: &raw::OperationDef) {
    let Some(group) = &op.group else { return };
    let known_group = merged
        .api
        .is_some_and(|a| a.value.groups.iter().any(|(n, _)| n.value == group.value));
    if !known_group {
        ctx.error(
            group.pos,
            format!(
                "operation `{}`: group `{}` is not declared in `api.groups`",
                name.value, group.value
            ),
        );
    }
}

/// A read-only operation does not change the session.
fn check_read_only(ctx: &mut Ctx, name: &Located<String>, op: &raw::OperationDef) {
    if !(op.read_only && (op.sets_token.is_some() || op.clears_token)) {
        return;
    }
    let key = if op.clears_token {
        "clearsToken"
    } else {
        "setsToken"
    };
    ctx.error(
        name.pos,
        format!(
            "operation `{}` is `readOnly` but has `{key}`: it changes the session",
            name.value
        ),
    )
    .help = Some(format!(
        "a read-only operation is a pure query that `bizgen probe` may call on a live \
         gateway; remove `readOnly: true` or `{key}`"
    ));
}

/// What the operation does to the session token; not both.
fn resolve_session(ctx: &mut Ctx, name: &Located<String>, op: &raw::OperationDef) -> Session {
    match (&op.sets_token, op.clears_token) {
        (Some(field), false) => Session::Sets {
            field: field.value.clone(),
            pos: field.pos,
        },
        (Some(field), true) => {
            ctx.error(
                field.pos,
                format!(
                    "operation `{}` has both `setsToken` and `clearsToken`",
                    name.value
                ),
            )
            .help = Some("an operation either starts a session or ends one".into());
            Session::Keeps
        }
        (None, true) => Session::Clears,
        (None, false) => Session::Keeps,
    }
}
