//! The iterators of paged operations (`page_all`): their names next to the
//! one-page methods, the `_pg.Paginate(...)` of the operation, and the
//! method's view and docstring.

use super::names;
use super::params::ParamView;
use super::shapes::Scope;
use super::{docstring, op_docs};
use crate::ir::{Api, Field, Operation, Service};

/// `page_all`: every item of a paged operation.
pub(super) struct IteratorView {
    pub(super) method: String,
    /// The one-page method's parameters, the page number optional.
    pub(super) params: Vec<ParamView>,
    /// The annotation of one item.
    pub(super) item: String,
    pub(super) doc: String,
    pub(super) async_doc: String,
}

/// Per operation of a service, in spec order: its method and, for a paged
/// operation, its iterator (`page` → `page_all`). The one-page methods are
/// named first, so that an iterator never renames them.
pub(super) fn service_methods(api: &Api, service: &Service) -> Vec<(String, Option<String>)> {
    let paged: Vec<bool> = service
        .operations
        .iter()
        .map(|o| api.page_fields(o).is_some())
        .collect();
    let mut wanted: Vec<String> = service
        .operations
        .iter()
        .map(|o| names::method(&o.name))
        .collect();
    wanted.extend(
        service
            .operations
            .iter()
            .zip(&paged)
            .filter(|(_, p)| **p)
            .map(|(o, _)| names::method(&format!("{}All", o.name))),
    );
    let mut all = names::dedupe(wanted).into_iter();
    let methods: Vec<String> = all.by_ref().take(service.operations.len()).collect();
    methods
        .into_iter()
        .zip(paged)
        .map(|(m, p)| (m, if p { all.next() } else { None }))
        .collect()
}

/// The Python attribute of a struct's field, by wire name.
pub(super) fn attribute_of(api: &Api, name: &str, wire: &str) -> Option<String> {
    let s = api.find_struct(name)?;
    let attrs = names::dedupe(s.fields.iter().map(|f| names::field(&f.name)).collect());
    s.fields
        .iter()
        .zip(attrs)
        .find(|(f, _)| f.name == wire)
        .map(|(_, a)| a)
}

/// A paged operation's `_pg.Paginate(...)` and its iterator method.
pub(super) fn iterator_view(
    api: &Api,
    op: &Operation,
    method: String,
    reach: &str,
    params: &[(ParamView, &Field)],
    scope: &Scope,
) -> Option<(String, IteratorView)> {
    let fields = api.page_fields(op)?;
    let p = op.paginate.as_ref()?;
    let attr = |wire: &str| attribute_of(api, &fields.response.name, wire);
    let items = attr(&p.items)?;
    let total = match &p.total {
        Some(t) => names::string_literal(&attr(t)?),
        None => "None".to_owned(),
    };
    let paginate = format!(
        "_pg.Paginate(page={}, size={}, items={}, total={total})",
        names::string_literal(&p.page),
        names::string_literal(&p.size),
        names::string_literal(&items),
    );
    // The iterator sets the page number: giving it only chooses the first page.
    let mut own: Vec<(ParamView, &Field)> = params
        .iter()
        .map(|(v, f)| {
            let mut v = v.clone();
            if f.name == p.page && v.default.is_none() {
                v.annotation = format!("{} | _rt.Absent", v.annotation);
                v.default = Some("_rt.ABSENT");
            }
            (v, *f)
        })
        .collect();
    own.sort_by_key(|(v, _)| v.default.is_some());
    let page_param = own
        .iter()
        .find(|(_, f)| f.name == p.page)
        .map(|(v, _)| v.name.clone())
        .unwrap_or_default();
    let one_page = names::method(&op.name);
    let stop = match (&p.total, fields.total) {
        (Some(_), Some(t)) => format!(
            "stops once ``{}`` items came (or at an empty page)",
            attribute_of(api, &fields.response.name, &t.name).unwrap_or_default()
        ),
        _ => "stops at an empty page or one shorter than the page size".to_owned(),
    };
    let item = scope.annotation(api, fields.item);
    let docs = |how: &str| {
        let mut paragraphs = vec![
            format!("Every item of :meth:`{one_page}`, page by page."),
            format!(
                "``{how} item in {reach}(...)`` starts at page ``{page_param}`` (1 when not given), fetches the next page only when \
                 the previous one is used up, and {stop}. Each page is one call with this method's \
                 ``trace``, ``headers``, ``timeout``, ``max_retries`` and ``idempotent``, retried \
                 like any other; a page that fails raises where the iteration is, after the items \
                 of the pages before it."
            ),
        ];
        let mut args = op_docs::args_doc(api, op, &own);
        let first = format!("    {page_param}: ");
        if let Some(at) = args.iter().position(|l| l.starts_with(&first)) {
            let end = (at + 1..args.len())
                .find(|&i| !args[i].starts_with("        "))
                .unwrap_or(args.len());
            args.splice(
                at..end,
                [format!(
                    "{first}The first page (default 1); the iterator asks for the next ones."
                )],
            );
        }
        paragraphs.push(args.join("\n"));
        paragraphs.push(format!(
            "Yields:\n    {}: one item of ``{}`` after another.",
            super::rest::type_words(api, fields.item),
            fields.items.name
        ));
        paragraphs.push(op_docs::raises_doc(op));
        docstring(&paragraphs, "        ")
    };
    Some((
        paginate,
        IteratorView {
            doc: docs("for"),
            async_doc: docs("async for"),
            method,
            params: own.into_iter().map(|(v, _)| v).collect(),
            item,
        },
    ))
}
