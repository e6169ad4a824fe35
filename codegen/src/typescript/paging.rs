//! Paged operations (the spec's `paginate:`): the descriptor's `paginate`
//! member and the service's `pageAll`-style iterator method.

use super::names::{method, string_literal};
use super::shapes::{ts_type, IN_SERVICE};
use crate::ir::{Api, Operation, Ty};
use crate::wire;

/// `pageAll`: the descriptor's `paginate` and the iterator method.
pub(super) struct PageAllView {
    /// `{ page: "current", size: "size", items: "records", total: "total" }`.
    pub(super) paginate: String,
    pub(super) method: String,
    pub(super) item: String,
    pub(super) doc: Vec<String>,
}

/// The iterator of a paged operation: `pageAll` for `page`.
pub(super) fn page_all_view(api: &Api, op: &Operation) -> Option<PageAllView> {
    let fields = api.page_fields(op)?;
    let p = op.paginate.as_ref()?;
    let mut members = vec![
        format!("page: {}", string_literal(&p.page)),
        format!("size: {}", string_literal(&p.size)),
        format!("items: {}", string_literal(&p.items)),
    ];
    if let Some(total) = &p.total {
        members.push(format!("total: {}", string_literal(total)));
    }
    if fields.page.ty == Ty::Int64 {
        members.push("bigintPage: true".into());
    }
    let item = ts_type(
        &wire::ty_schema(api, fields.item, &Default::default()),
        IN_SERVICE,
    );
    let stop = match &p.total {
        Some(total) => format!("stops after `{total}` items (or at an empty page)"),
        None => "stops at an empty page or one shorter than the page size".into(),
    };
    let one_page = method(&op.name);
    Some(PageAllView {
        paginate: format!("{{ {} }}", members.join(", ")),
        method: method(&format!("{}All", op.name)),
        doc: super::model::doc_lines(&[
            &format!("Every item of {{@link {one_page}}}, page by page: `for await (const item of ...)`."),
            &format!(
                "Starts at the request's `{}` (1 when unset), fetches the next page only when the previous one is used up, and {stop}. Each page is one call with `options`, retried like any other; a page that fails throws where the iteration is.",
                p.page
            ),
        ]),
        item,
    })
}
