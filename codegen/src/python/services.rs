//! The services (`services/<service>.py`: a sync and an async class with
//! one method per operation) and the clients that hold them (`_client.py`).

use std::collections::BTreeSet;

use askama::Template;

use super::names;
use super::op_docs::op_doc;
use super::paging::{attribute_of, iterator_view, service_methods, IteratorView};
use super::params::ParamView;
use super::service_refs::{service_class, service_refs, ServiceRef};
use super::shapes::{self, Scope};
use super::{docstring, HEADER};
use crate::ir::{Access, Api, Field, Operation, Presence, Service, Session, Ty};

#[derive(Template)]
#[template(path = "python/client.py", escape = "none")]
pub(super) struct ClientFile {
    header: &'static str,
    services_import: String,
    title: String,
    services: Vec<ServiceRef>,
    /// `company_id` is a required argument: some operation requires the header.
    company_required: bool,
    example: String,
}

#[derive(Template)]
#[template(path = "python/services_index.py", escape = "none")]
pub(super) struct ServicesIndexFile {
    header: &'static str,
    imports: Vec<String>,
    all: Vec<String>,
}

#[derive(Template)]
#[template(path = "python/service.py", escape = "none")]
pub(super) struct ServiceFile {
    header: &'static str,
    /// Module stem under `services/`.
    pub(super) file: String,
    module_doc: String,
    class: String,
    async_class: String,
    doc: String,
    async_doc: String,
    uses_builtins: bool,
    uses_decimal: bool,
    uses_any: bool,
    /// Some operation pages: the module imports the iterator types.
    uses_paging: bool,
    /// `from ..types import ...`, if the service uses shared types.
    types_import: String,
    ops: Vec<OpView>,
    str_t: String,
    float_t: String,
    int_t: String,
    bool_t: String,
}

struct OpView {
    method: String,
    name: String,
    read_only: bool,
    constant: String,
    doc: String,
    params: Vec<ParamView>,
    returns: String,
    biz_type: String,
    path: String,
    access: &'static str,
    version: String,
    headers: String,
    token: &'static str,
    data: String,
    session: String,
    /// `frozenset({...})` of the request's sensitive wire names, if any.
    sensitive: String,
    /// `_pg.Paginate(...)`, for a paged operation.
    paginate: String,
    /// The iterator over every item, for a paged operation.
    iterator: Option<IteratorView>,
}

pub(super) fn index(api: &Api) -> ServicesIndexFile {
    let refs = service_refs(api);
    let mut all: Vec<String> = refs
        .iter()
        .flat_map(|r| [r.class.clone(), r.async_class.clone()])
        .collect();
    all.sort_by_key(|n| (super::isort_kind(n), n.clone()));
    ServicesIndexFile {
        header: HEADER,
        imports: refs
            .iter()
            .map(|r| {
                super::import_from(
                    &format!(".{}", r.module),
                    &[r.class.clone(), r.async_class.clone()],
                )
            })
            .collect(),
        all,
    }
}

pub(super) fn client(api: &Api) -> ClientFile {
    let company_required = api.operations().any(|(_, o)| {
        o.headers
            .iter()
            .any(|h| h.name == "companyId" && h.presence == Presence::Required)
    });
    let classes: Vec<String> = service_refs(api)
        .into_iter()
        .flat_map(|r| [r.class, r.async_class])
        .collect();
    ClientFile {
        header: HEADER,
        services_import: super::import_from(".services", &classes),
        title: api.title.clone(),
        services: service_refs(api),
        company_required,
        example: super::values::client_example(api, "Client", "        "),
    }
}

pub(super) fn service(api: &Api, service: &Service) -> ServiceFile {
    let attr = api
        .services
        .iter()
        .zip(service_refs(api))
        .find(|(s, _)| s.name == service.name)
        .map(|(_, r)| r)
        .unwrap_or_else(|| ServiceRef {
            attr: names::service_attribute(&service.name),
            class: service_class(&service.name),
            async_class: format!("Async{}", service_class(&service.name)),
            module: names::service_attribute(&service.name),
            doc: String::new(),
        });
    let methods = service_methods(api, service);
    let scope = Scope::default().in_class(
        methods
            .iter()
            .flat_map(|(m, i)| std::iter::once(m).chain(i))
            .map(String::as_str),
    );
    let mut refs = BTreeSet::new();
    let (mut decimal, mut any) = (false, false);
    for op in &service.operations {
        for f in &op.request.fields {
            shapes::named_refs(&f.ty, &mut refs);
            decimal |= shapes::mentions(&f.ty, &Ty::Decimal);
            any |= shapes::mentions(&f.ty, &Ty::Json);
        }
        if let Some(fields) = api.page_fields(op) {
            shapes::named_refs(fields.item, &mut refs);
        }
        if let Some(ty) = &op.response.ty {
            shapes::named_refs(ty, &mut refs);
            decimal |= shapes::mentions(ty, &Ty::Decimal);
            any |= shapes::mentions(ty, &Ty::Json);
        }
    }
    let ops: Vec<OpView> = service
        .operations
        .iter()
        .zip(methods)
        .map(|(op, (method, iterator))| op_view(api, op, method, iterator, &attr.attr, &scope))
        .collect();
    let uses_builtins = !scope.shadowed.is_empty()
        && (scope.shadowed.contains("str")
            || scope.shadowed.contains("float")
            || scope.shadowed.contains("int")
            || ops.iter().any(|o| {
                o.returns.contains("builtins.")
                    || o.params.iter().any(|p| p.annotation.contains("builtins."))
            }));
    ServiceFile {
        header: HEADER,
        file: attr.module.clone(),
        module_doc: docstring(
            &[&format!(
                "Service ``{}`` (``{}``): the operations behind ``client.{}``.",
                service.name, service.qualified_name, attr.attr
            )],
            "",
        ),
        doc: docstring(
            &[
                service.description.as_str(),
                &format!(
                    "Reach it as ``Client(...).{}``; every method sends one request.",
                    attr.attr
                ),
            ],
            "    ",
        ),
        async_doc: docstring(
            &[
                service.description.as_str(),
                &format!(
                    "Reach it as ``AsyncClient(...).{}``; every method is a coroutine.",
                    attr.attr
                ),
            ],
            "    ",
        ),
        class: attr.class.clone(),
        async_class: attr.async_class.clone(),
        uses_builtins,
        uses_decimal: decimal,
        uses_any: any,
        uses_paging: ops.iter().any(|o| o.iterator.is_some()),
        types_import: if refs.is_empty() {
            String::new()
        } else {
            super::import_from(
                "..types",
                &refs
                    .iter()
                    .map(|n| names::type_class(api, n))
                    .collect::<Vec<_>>(),
            )
        },
        ops,
        str_t: scope.builtin("str"),
        float_t: scope.builtin("float"),
        int_t: scope.builtin("int"),
        bool_t: scope.builtin("bool"),
    }
}

fn op_view(
    api: &Api,
    op: &Operation,
    method: String,
    iterator: Option<String>,
    service_attr: &str,
    scope: &Scope,
) -> OpView {
    let params_names = super::values::parameters(op);
    // Required parameters first, in spec order, then the optional ones.
    let mut params: Vec<(ParamView, &Field)> = op
        .request
        .fields
        .iter()
        .zip(params_names)
        .map(|(f, name)| {
            let ann = scope.annotation(api, &f.ty);
            let (annotation, default) = match (f.required, f.nullable) {
                (true, false) => (ann, None),
                (true, true) => (format!("{ann} | None"), None),
                (false, false) => (format!("{ann} | _rt.Absent"), Some("_rt.ABSENT")),
                (false, true) => (format!("{ann} | None | _rt.Absent"), Some("_rt.ABSENT")),
            };
            let annotation = if matches!(f.ty, Ty::Json) {
                match default {
                    Some(_) => "Any | _rt.Absent".to_owned(),
                    None => "Any".to_owned(),
                }
            } else {
                annotation
            };
            (
                ParamView {
                    name,
                    wire: names::string_literal(&f.name),
                    annotation,
                    default,
                },
                f,
            )
        })
        .collect();
    params.sort_by_key(|(p, _)| p.default.is_some());
    let returns = match &op.response.ty {
        None => "None".to_owned(),
        Some(ty) if op.response.nullable => format!("{} | None", scope.annotation(api, ty)),
        Some(ty) => scope.annotation(api, ty),
    };
    let module_scope = Scope::default();
    let data = match &op.response.ty {
        None => "_rt.NOTHING".to_owned(),
        Some(ty) if op.response.nullable => {
            format!("_rt.nullable({})", module_scope.codec(api, ty))
        }
        Some(ty) => module_scope.codec(api, ty),
    };
    let headers: Vec<String> = op
        .headers
        .iter()
        .filter(|h| h.presence != Presence::Absent && h.name != "token" && h.name != "trace")
        .map(|h| {
            format!(
                "({}, {})",
                names::string_literal(&h.name),
                if h.presence == Presence::Required {
                    "True"
                } else {
                    "False"
                }
            )
        })
        .collect();
    let headers = match headers.len() {
        0 => "()".to_owned(),
        1 => format!("({},)", headers[0]),
        _ => format!("({})", headers.join(", ")),
    };
    let token = match op
        .headers
        .iter()
        .find(|h| h.name == "token")
        .map(|h| h.presence)
    {
        _ if op.access == Access::Guest => "None",
        Some(Presence::Required) => "\"required\"",
        Some(Presence::Optional) => "\"optional\"",
        _ => "None",
    };
    let session = match &op.session {
        Session::Keeps => String::new(),
        Session::Clears => "clears_token=True".to_owned(),
        Session::Sets { field, .. } => match &op.response.ty {
            Some(Ty::Struct(name)) => attribute_of(api, name, field)
                .map(|a| format!("sets_token={}", names::string_literal(&a)))
                .unwrap_or_default(),
            _ => String::new(),
        },
    };
    let sensitive: Vec<String> = op
        .request
        .fields
        .iter()
        .filter(|f| f.sensitive)
        .map(|f| names::string_literal(&f.name))
        .collect();
    // One line when it fits in 88 columns (`    sensitive=...,`), else as black writes it.
    let sensitive = match sensitive.join(", ") {
        list if list.is_empty() => String::new(),
        list if list.len() + "    sensitive=frozenset({}),".len() <= 88 => {
            format!("frozenset({{{list}}})")
        }
        _ => format!(
            "frozenset(\n        {{\n{}        }}\n    )",
            sensitive
                .iter()
                .map(|n| format!("            {n},\n"))
                .collect::<String>()
        ),
    };
    let paging = iterator.and_then(|m| {
        let reach = format!("client.{service_attr}.{m}");
        iterator_view(api, op, m, &reach, &params, scope)
    });
    let doc = op_doc(api, op, &params);
    OpView {
        name: names::string_literal(&op.name),
        read_only: op.read_only,
        constant: format!("_{}", method.trim_end_matches('_').to_uppercase()),
        doc,
        params: params.into_iter().map(|(p, _)| p).collect(),
        returns,
        biz_type: names::string_literal(&op.biz_type),
        path: names::string_literal(&op.path),
        access: op.access.as_str(),
        version: names::string_literal(&op.version),
        headers,
        token,
        data,
        session,
        sensitive,
        paginate: paging.as_ref().map(|(p, _)| p.clone()).unwrap_or_default(),
        iterator: paging.map(|(_, v)| v),
        method,
    }
}
