//! `paginate:` of an operation that stayed: SDKs gain, lose or change the
//! iterator over every item. The wire is the same either way (the fields
//! themselves are compared as request and response fields).

use super::{code, At, Details, Differ, Scope};
use crate::diff::usage::Sides;
use crate::ir::{Operation, Pagination};

/// `{page: current, size: size, items: records, total: total}`, for messages.
fn describe(p: &Pagination) -> String {
    let total = p
        .total
        .as_deref()
        .map(|t| format!(", total: {t}"))
        .unwrap_or_default();
    format!(
        "{{page: {}, size: {}, items: {}{total}}}",
        p.page, p.size, p.items
    )
}

impl Differ<'_> {
    pub(super) fn pagination(&mut self, o: &Operation, n: &Operation) {
        let scope = Scope::Operation(&n.path);
        let (rule, at, message) = match (&o.paginate, &n.paginate) {
            (None, None) => return,
            (Some(a), Some(b))
                if a.page == b.page
                    && a.size == b.size
                    && a.items == b.items
                    && a.total == b.total =>
            {
                return
            }
            (None, Some(b)) => (
                "pagination-added",
                At::New(b.pos),
                format!(
                    "operation {} now pages ({}): SDKs add an iterator over every item",
                    code(&n.name),
                    describe(b)
                ),
            ),
            (Some(_), None) => (
                "pagination-removed",
                At::New(n.pos),
                format!(
                    "operation {} no longer pages: its iterator leaves the SDKs",
                    code(&n.name)
                ),
            ),
            (Some(a), Some(b)) => (
                "pagination-changed",
                At::New(b.pos),
                format!(
                    "operation {} pages by other fields: {} became {}",
                    code(&n.name),
                    describe(a),
                    describe(b)
                ),
            ),
        };
        let before = o.paginate.as_ref().map(describe);
        let after = n.paginate.as_ref().map(describe);
        self.emit(rule, scope, Sides::default(), at, message)
            .path("paginate")
            .change(before, after);
    }
}
