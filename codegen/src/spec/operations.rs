//! Stage 3b, resolve services: merged across files, with their defaults
//! and operations (each resolved in [`super::operation`]).

use std::collections::BTreeMap;

use super::ctx::Ctx;
use super::merge::Merged;
use super::operation::{resolve_operation, ServiceDefaults};
use super::types::{check_type_like_name, Known};
use crate::diagnostics::Pos;
use crate::ir::*;

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
        let description_zh = agree(
            ctx,
            &name,
            "descriptionZh",
            parts
                .iter()
                .filter_map(|(p, d)| d.description_zh.clone().map(|v| (*p, v))),
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
            description_zh,
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
