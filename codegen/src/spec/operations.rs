//! Stage 3b, resolve operations: services (merged across files), and each
//! operation's gateway, access, bizType, path, headers,
//! request, response, error codes and examples.

use std::collections::BTreeMap;

use super::ctx::Ctx;
use super::lifecycle;
use super::located::Located;
use super::merge::{Merged, Named};
use super::raw;
use super::suggest::suggest;
use super::types::{check_type_like_name, parse_ty, resolve_fields, Known};
use crate::diagnostics::Pos;
use crate::ir::*;
use crate::names;

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

/// Every service with its operations, sorted by name.
pub(super) fn resolve_services(ctx: &mut Ctx, merged: &Merged, known: &Known) -> Vec<Service> {
    let mut services = Vec::new();
    let mut paths: BTreeMap<String, Pos> = BTreeMap::new();
    for (name, parts) in &merged.services {
        let name = name.clone();
        let pos = parts[0].0;
        check_type_like_name(ctx, &name, pos);
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
        let mut op_names: BTreeMap<String, Pos> = BTreeMap::new();
        for (_, part) in parts.iter() {
            for (op_name, op) in part.operations.iter() {
                if let Some(opos) = op_names.get(&op_name.value) {
                    let opos = *opos;
                    ctx.error(
                        op_name.pos,
                        format!(
                            "duplicate operation `{}` in service `{name}`",
                            op_name.value
                        ),
                    )
                    .help = Some(format!("the other is at {}", ctx.at(opos)));
                    continue;
                }
                op_names.insert(op_name.value.clone(), op_name.pos);
                let defaults = ServiceDefaults {
                    name: &name,
                    qualified: &qualified,
                    gateway: gateway.as_deref(),
                    access,
                };
                if let Some(op) = resolve_operation(ctx, merged, known, &defaults, op_name, op) {
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
                    ops.push(op);
                }
            }
        }
        super::paging::check_iterator_names(ctx, &name, &ops);
        services.push(Service {
            name,
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

/// What a service gives its operations.
struct ServiceDefaults<'a> {
    name: &'a str,
    /// The bizType prefix.
    qualified: &'a str,
    gateway: Option<&'a str>,
    access: Option<Access>,
}

fn resolve_operation(
    ctx: &mut Ctx,
    merged: &Merged,
    known: &Known,
    service: &ServiceDefaults,
    name: &Located<String>,
    op: &raw::OperationDef,
) -> Option<Operation> {
    let (gateways, headers, errors) = (&merged.gateways, &merged.headers, &merged.errors);
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
        None => format!("{}.{}", service.qualified, name.value),
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

    let owner = format!("the request of `{}`", name.value);
    let request = Struct {
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
    if let Some(group) = &op.group {
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
    if op.read_only && (op.sets_token.is_some() || op.clears_token) {
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
                .map(|a| a.version.value.clone())
                .unwrap_or_default()
        }),
        headers: presence,
        summary: op.summary.clone(),
        description: op.description.clone(),
        description_zh: op.description_zh.clone(),
        summary_zh: op.summary_zh.clone(),
        group: op.group.as_ref().map(|g| g.value.clone()),
        notes: op.notes.clone(),
        source: op.source.clone(),
        request,
        response,
        errors: error_codes,
        examples,
        deprecated: op.deprecated,
        read_only: op.read_only,
        session: match (&op.sets_token, op.clears_token) {
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
        },
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
