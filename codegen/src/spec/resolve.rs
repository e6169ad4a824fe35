//! Stage 3, resolve: the merged sections become the IR. The API-wide parts
//! (api, gateways, headers, error codes, envelope) are resolved here; types
//! and operations have their own modules.

use super::ctx::Ctx;
use super::located::Located;
use super::merge::Merged;
use super::operation::check_header_ref;
use super::operations::resolve_services;
use super::raw;
use super::types::{known_names, resolve_fields, resolve_types};
use crate::diagnostics::Diagnostic;
use crate::ir::*;
use crate::names;

/// The IR, or `None` when the spec lacks its `api:` section; problems are
/// reported into `ctx` either way.
pub(super) fn resolve(ctx: &mut Ctx, merged: &Merged) -> Option<Api> {
    let known = known_names(ctx, merged);

    let gateways: Vec<Gateway> = merged
        .gateways
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
                check_header_ref(ctx, &merged.headers, h);
            }
            Gateway {
                name: name.clone(),
                prefix,
                side: g.side,
                description: g.description.clone(),
                description_zh: g.description_zh.clone(),
                headers: g
                    .headers
                    .iter()
                    .map(|(h, p)| GatewayHeader {
                        name: h.value.clone(),
                        presence: p.value,
                        pos: h.pos,
                    })
                    .collect(),
                pos: *pos,
            }
        })
        .collect();

    let headers: Vec<Header> = merged
        .headers
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

    let errors: Vec<ErrorCode> = merged
        .errors
        .iter()
        .map(|(code, (pos, e))| ErrorCode {
            code: code.clone(),
            message: e.message.clone(),
            message_zh: e.message_zh.clone(),
            description: e.description.clone(),
            description_zh: e.description_zh.clone(),
            origin: e.origin,
            pos: *pos,
        })
        .collect();

    let (enums, types) = resolve_types(ctx, merged, &known);
    let type_modules = ctx.modules.type_modules(
        enums
            .iter()
            .map(|e| e.pos)
            .chain(types.iter().map(|t| t.pos)),
    );

    let envelope = match merged.envelope {
        Some(env) => {
            let fields = resolve_fields(
                ctx,
                &known,
                super::conditions::Fields::Other,
                &env.fields,
                "envelope",
            );
            if let Some(f) = fields.iter().find(|f| f.name == "data") {
                ctx.error(f.pos, "the envelope must not declare `data`")
                    .help =
                    Some("`data` is implied; its shape is each operation's `response`".into());
            }
            Envelope {
                description: env.description.clone(),
                description_zh: env.description_zh.clone(),
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
                description_zh: None,
                success_code: "0".into(),
                fields: Vec::new(),
            }
        }
    };

    let services = resolve_services(ctx, merged, &known);

    let Some(info) = merged.api else {
        ctx.diags.push(
            Diagnostic::error(None, "no `api:` section in any spec file")
                .help("add `api: {name, title, version}` once, e.g. in spec/api.yaml"),
        );
        return None;
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

    let groups = info
        .value
        .groups
        .iter()
        .map(|(name, g)| Group {
            name: name.value.clone(),
            title: g.value.title.clone(),
            title_zh: g.value.title_zh.clone(),
        })
        .collect();
    let quick_start = resolve_quick_start(ctx, &info.value.quick_start, &services);

    let mut api = Api {
        groups,
        quick_start,
        name: info.name.value.clone(),
        title: info.title.clone(),
        title_zh: info.title_zh.clone(),
        version: info
            .version_header
            .clone()
            .unwrap_or_else(|| info.version.value.clone()),
        package_version: info.version.value.clone(),
        version_pos: info.version.pos,
        releases: super::releases::resolve_releases(ctx, merged.releases, &info.version),
        description: info.description.clone(),
        description_zh: info.description_zh.clone(),
        gateways,
        headers,
        envelope,
        errors,
        enums,
        types,
        type_modules,
        spec_files: ctx.modules.paths(),
        services,
    };
    api.mark_uses();
    Some(api)
}

/// The quick start's steps: each names an operation (by name, unique across
/// services, or by full path) and optionally one of its examples.
fn resolve_quick_start(
    ctx: &mut Ctx,
    steps: &[Located<raw::QuickStepDef>],
    services: &[Service],
) -> Vec<QuickStep> {
    let mut out = Vec::new();
    for step in steps {
        let key = &step.value.operation;
        let found: Vec<&Operation> = services
            .iter()
            .flat_map(|s| &s.operations)
            .filter(|o| o.name == key.value || o.path == key.value)
            .collect();
        let op = match found.as_slice() {
            [op] => *op,
            [] => {
                ctx.error(
                    key.pos,
                    format!("quick start: no operation `{}`", key.value),
                );
                continue;
            }
            _ => {
                ctx.error(
                    key.pos,
                    format!(
                        "quick start: `{}` names several operations; give the full path",
                        key.value
                    ),
                );
                continue;
            }
        };
        if let Some(ex) = &step.value.example {
            if !op
                .examples
                .iter()
                .any(|e| &e.name == ex && e.request.is_some())
            {
                ctx.error(
                    key.pos,
                    format!(
                        "quick start: `{}` has no example `{ex}` with a request",
                        key.value
                    ),
                );
            }
        }
        out.push(QuickStep {
            operation: op.path.clone(),
            example: step.value.example.clone(),
            token_from: step.value.token_from.clone(),
        });
    }
    out
}
