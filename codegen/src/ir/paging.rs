//! Pagination of an operation (the spec's `paginate:`): which request
//! fields choose a page and which response fields hold it. SDKs build their
//! iterators over every item (`page_all`, `pageAll`) from this.

use super::{Api, Field, Operation, Struct, Ty};
use crate::diagnostics::Pos;

/// How an operation pages. Field names are wire names; the loader checked
/// that they exist with integer (page, size, total) and list (items) types.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// Request field with the 1-based page number (`current`).
    pub page: String,
    /// Request field with the number of items per page (`size`).
    pub size: String,
    /// Field of the response object with the page's items (`records`).
    pub items: String,
    /// Field of the response object with the number of items of all pages
    /// (`total`); without it, iterators stop at an empty or short page.
    pub total: Option<String>,
    /// Where `paginate:` is written.
    pub pos: Pos,
    /// Where the response's field names are written (checked once the
    /// response types are known).
    pub items_pos: Pos,
    pub total_pos: Option<Pos>,
}

/// The fields of a paged operation, looked up in the IR.
#[derive(Debug, Clone, Copy)]
pub struct PageFields<'a> {
    pub page: &'a Field,
    pub size: &'a Field,
    /// The response object (`data`).
    pub response: &'a Struct,
    pub items: &'a Field,
    /// The type of one item.
    pub item: &'a Ty,
    pub total: Option<&'a Field>,
}

impl Api {
    /// The page fields of a paged operation; `None` for an operation that
    /// does not page (or whose `paginate:` did not check out).
    pub fn page_fields<'a>(&'a self, op: &'a Operation) -> Option<PageFields<'a>> {
        let p = op.paginate.as_ref()?;
        let field = |fields: &'a [Field], name: &str| fields.iter().find(|f| f.name == name);
        let response = match &op.response.ty {
            Some(Ty::Struct(name)) => self.find_struct(name)?,
            _ => return None,
        };
        let items = field(&response.fields, &p.items)?;
        let Ty::List(item) = &items.ty else {
            return None;
        };
        Some(PageFields {
            page: field(&op.request.fields, &p.page)?,
            size: field(&op.request.fields, &p.size)?,
            response,
            items,
            item,
            total: match &p.total {
                Some(t) => Some(field(&response.fields, t)?),
                None => None,
            },
        })
    }
}
