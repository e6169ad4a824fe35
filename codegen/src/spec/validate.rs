//! Stage 4, validate: checks that need the whole IR. Defaults, field
//! examples and operation examples must fit their schemas; unused types and
//! enums are worth a warning.

use std::collections::BTreeSet;

use super::ctx::Ctx;
use crate::ir::*;

/// Runs every whole-IR check.
pub(super) fn validate(ctx: &mut Ctx, api: &Api) {
    check_allowed(ctx, api);
    check_values(ctx, api);
    super::conditions::check_values(ctx, api);
    check_sessions(ctx, api);
    super::paging::check_responses(ctx, api);
    warn_unused(ctx, api);
}

/// `setsToken` names a string field of the operation's response object.
fn check_sessions(ctx: &mut Ctx, api: &Api) {
    for (_, op) in api.operations() {
        let Session::Sets { field, pos } = &op.session else {
            continue;
        };
        let response = match &op.response.ty {
            Some(Ty::Struct(name)) => api.find_struct(name),
            _ => None,
        };
        let Some(response) = response else {
            ctx.error(
                *pos,
                format!(
                    "`setsToken` of `{}`: the response is not an object, so it has no field `{field}`",
                    op.name
                ),
            )
            .help = Some("name a string field of the response type".into());
            continue;
        };
        match response.fields.iter().find(|f| f.name == *field) {
            Some(f) if f.ty == Ty::String => {}
            Some(f) => {
                ctx.error(
                    *pos,
                    format!(
                        "`setsToken` of `{}`: field `{field}` of `{}` is `{}`, not a string",
                        op.name, response.name, f.ty
                    ),
                );
            }
            None => {
                let names: Vec<String> = response.fields.iter().map(|f| f.name.clone()).collect();
                ctx.error(
                    *pos,
                    format!(
                        "`setsToken` of `{}`: `{}` has no field `{field}`",
                        op.name, response.name
                    ),
                )
                .help = Some(
                    super::suggest::suggest(field, names.iter())
                        .unwrap_or_else(|| format!("its fields: {}", names.join(", "))),
                );
            }
        }
    }
}

/// The codes of `allowed` (and of an assumed `allowed`) are codes of the
/// field's enum.
fn check_allowed(ctx: &mut Ctx, api: &Api) {
    let fields = api
        .types
        .iter()
        .map(|t| (format!("type `{}`", t.name), &t.fields))
        .chain(
            api.operations()
                .map(|(_, op)| (format!("the request of `{}`", op.name), &op.request.fields)),
        );
    for (owner, fields) in fields {
        for f in fields {
            let Ty::Enum(name) = &f.ty else { continue };
            let Some(e) = api.find_enum(name) else {
                continue;
            };
            for (prefix, c) in [("", &f.constraints), ("assumed ", &f.assumed)] {
                for code in c.allowed.iter().flatten() {
                    if !e.values.iter().any(|v| v.code == *code) {
                        let codes: Vec<String> =
                            e.values.iter().map(|v| v.code.to_string()).collect();
                        ctx.error(
                            f.pos,
                            format!(
                                "field `{}` of {owner}: {prefix}`allowed` lists {code}, which is not a code of `{name}`",
                                f.name
                            ),
                        )
                        .help = Some(format!("its codes: {}", codes.join(", ")));
                    }
                }
            }
        }
    }
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
        used.extend(ty.named().map(str::to_owned));
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
