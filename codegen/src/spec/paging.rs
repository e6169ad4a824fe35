//! `paginate:` of an operation: the request side is checked with the
//! operation (its request fields are at hand), the response side once every
//! type is resolved ([`check_responses`]), and the iterator's name against
//! the other operations of the service ([`check_iterator_names`]).

use super::ctx::Ctx;
use super::located::Located;
use super::raw::PaginateDef;
use super::suggest::suggest;
use crate::diagnostics::Pos;
use crate::ir::{Api, Field, Operation, Pagination, Ty};

/// The IR's [`Pagination`] of an operation, after checking that the request
/// fields exist and are integers.
pub(super) fn resolve(
    ctx: &mut Ctx,
    op_name: &str,
    def: &Located<PaginateDef>,
    request: &[Field],
    read_only: bool,
) -> Option<Pagination> {
    let page = &def.request.page;
    let size = &def.request.size;
    let mut ok = request_field(ctx, op_name, "page", page, request);
    ok &= request_field(ctx, op_name, "size", size, request);
    if page.value == size.value {
        ok = false;
        ctx.error(
            size.pos,
            format!(
                "`paginate` of `{op_name}`: `page` and `size` are both `{}`",
                size.value
            ),
        )
        .help = Some("name the page-number field and the page-size field".into());
    }
    if !read_only {
        ctx.warn(
            def.pos,
            format!(
                "`paginate` of `{op_name}`: the operation is not `readOnly`, so SDKs do not \
                 retry its page requests; a list query is usually `readOnly: true`"
            ),
        );
    }
    ok.then(|| Pagination {
        page: page.value.clone(),
        size: size.value.clone(),
        items: def.response.items.value.clone(),
        total: def.response.total.as_ref().map(|t| t.value.clone()),
        pos: def.pos,
        items_pos: def.response.items.pos,
        total_pos: def.response.total.as_ref().map(|t| t.pos),
    })
}

fn is_integer(ty: &Ty) -> bool {
    matches!(ty, Ty::Int32 | Ty::Int64)
}

/// `paginate.request.<key>` names an integer field of the request.
fn request_field(
    ctx: &mut Ctx,
    op_name: &str,
    key: &str,
    name: &Located<String>,
    fields: &[Field],
) -> bool {
    match fields.iter().find(|f| f.name == name.value) {
        Some(f) if is_integer(&f.ty) => true,
        Some(f) => {
            ctx.error(
                name.pos,
                format!(
                    "`paginate.request.{key}` of `{op_name}`: request field `{}` is `{}`, not an integer",
                    name.value, f.ty
                ),
            )
            .help = Some("name an `int32` or `int64` field of the request".into());
            false
        }
        None => {
            let names: Vec<&String> = fields.iter().map(|f| &f.name).collect();
            ctx.error(
                name.pos,
                format!(
                    "`paginate.request.{key}` of `{op_name}`: the request has no field `{}`",
                    name.value
                ),
            )
            .help = Some(
                suggest(&name.value, names.into_iter())
                    .unwrap_or_else(|| "name an integer field of the request".into()),
            );
            false
        }
    }
}

/// The response side of every `paginate:`: the response is an object with
/// a list field `items` and, if named, an integer field `total`.
pub(super) fn check_responses(ctx: &mut Ctx, api: &Api) {
    for (_, op) in api.operations() {
        let Some(p) = &op.paginate else { continue };
        let response = match &op.response.ty {
            Some(Ty::Struct(name)) => api.find_struct(name),
            _ => None,
        };
        let Some(response) = response else {
            ctx.error(
                p.pos,
                format!(
                    "`paginate` of `{}`: the response is not an object, so it has no list of items",
                    op.name
                ),
            )
            .help = Some("a paged operation answers an object such as `{records, total}`".into());
            continue;
        };
        let mut fields = vec![("items", &p.items, p.items_pos)];
        if let (Some(total), Some(pos)) = (&p.total, p.total_pos) {
            fields.push(("total", total, pos));
        }
        for (key, name, pos) in fields {
            let want = if key == "items" {
                "a list"
            } else {
                "an integer"
            };
            match response.fields.iter().find(|f| f.name == *name) {
                Some(f) if key == "items" && matches!(f.ty, Ty::List(_)) => {}
                Some(f) if key == "total" && is_integer(&f.ty) => {}
                Some(f) => {
                    ctx.error(
                        pos,
                        format!(
                            "`paginate.response.{key}` of `{}`: field `{name}` of `{}` is `{}`, not {want}",
                            op.name, response.name, f.ty
                        ),
                    );
                }
                None => {
                    let names: Vec<&String> = response.fields.iter().map(|f| &f.name).collect();
                    ctx.error(
                        pos,
                        format!(
                            "`paginate.response.{key}` of `{}`: `{}` has no field `{name}`",
                            op.name, response.name
                        ),
                    )
                    .help =
                        Some(suggest(name, names.into_iter()).unwrap_or_else(|| {
                            format!("name {want} field of `{}`", response.name)
                        }));
                }
            }
        }
    }
}

/// The iterator of a paged operation `x` is `xAll` (`x_all`): no other
/// operation of the service may have that name, in any spelling.
pub(super) fn check_iterator_names(ctx: &mut Ctx, service: &str, ops: &[Operation]) {
    let squash = |s: &str| s.replace('_', "").to_ascii_lowercase();
    for op in ops.iter().filter(|o| o.paginate.is_some()) {
        let iterator = format!("{}All", op.name);
        if let Some(other) = ops.iter().find(|o| squash(&o.name) == squash(&iterator)) {
            let pos: Pos = op.paginate.as_ref().map_or(op.pos, |p| p.pos);
            ctx.error(
                pos,
                format!(
                    "`paginate` of `{}` in service `{service}`: its iterator `{iterator}` collides with operation `{}`",
                    op.name, other.name
                ),
            )
            .help = Some(format!(
                "rename operation `{}` (at {}), or drop `paginate`",
                other.name,
                ctx.at(other.pos)
            ));
        }
    }
}
