//! The services (`services/<service>.py`: a sync and an async class with
//! one method per operation) and the clients that hold them (`_client.py`).

use std::collections::BTreeSet;

use askama::Template;

use super::names;
use super::rest::{field_doc, Place};
use super::shapes::{self, Scope};
use super::{docstring, HEADER};
use crate::ir::{Access, Api, Field, Operation, Presence, Service, Session, Side, Ty};

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
    /// `from ..types import ...`, if the service uses shared types.
    types_import: String,
    ops: Vec<OpView>,
    str_t: String,
    float_t: String,
    int_t: String,
}

pub(super) struct ServiceRef {
    pub(super) attr: String,
    pub(super) class: String,
    pub(super) async_class: String,
    pub(super) module: String,
    pub(super) doc: String,
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
}

struct ParamView {
    name: String,
    wire: String,
    annotation: String,
    default: Option<&'static str>,
}

/// The service class of a spec service; clear of the client classes.
pub fn service_class(wire: &str) -> String {
    let class = names::class(wire);
    if class == "Client" || class == "AsyncClient" {
        format!("{class}_")
    } else {
        class
    }
}

pub(super) fn service_refs(api: &Api) -> Vec<ServiceRef> {
    let attrs = names::dedupe(
        api.services
            .iter()
            .map(|s| names::service_attribute(&s.name))
            .collect(),
    );
    api.services
        .iter()
        .zip(attrs)
        .map(|(s, attr)| {
            let class = service_class(&s.name);
            ServiceRef {
                async_class: format!("Async{class}"),
                module: attr.clone(),
                doc: docstring(&[s.description.as_str()], "    "),
                class,
                attr,
            }
        })
        .collect()
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
    let methods = names::dedupe(
        service
            .operations
            .iter()
            .map(|o| names::method(&o.name))
            .collect(),
    );
    let scope = Scope::default().in_class(methods.iter().map(String::as_str));
    let mut refs = BTreeSet::new();
    let (mut decimal, mut any) = (false, false);
    for op in &service.operations {
        for f in &op.request.fields {
            shapes::named_refs(&f.ty, &mut refs);
            decimal |= shapes::mentions(&f.ty, &Ty::Decimal);
            any |= shapes::mentions(&f.ty, &Ty::Json);
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
        .map(|(op, method)| op_view(api, op, method, &scope))
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
    }
}

fn op_view(api: &Api, op: &Operation, method: String, scope: &Scope) -> OpView {
    let params_names = names::dedupe(
        op.request
            .fields
            .iter()
            .map(|f| names::parameter(&f.name))
            .collect(),
    );
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
            Some(Ty::Struct(name)) => api
                .find_struct(name)
                .and_then(|s| {
                    let attrs =
                        names::dedupe(s.fields.iter().map(|f| names::field(&f.name)).collect());
                    s.fields
                        .iter()
                        .zip(attrs)
                        .find(|(f, _)| f.name == *field)
                        .map(|(_, a)| format!("sets_token={}", names::string_literal(&a)))
                })
                .unwrap_or_default(),
            _ => String::new(),
        },
    };
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
        method,
    }
}

fn op_doc(api: &Api, op: &Operation, params: &[(ParamView, &Field)]) -> String {
    let access = match op.access {
        Access::Guest => "guest: sends no token",
        Access::Login => "login: sends the C-side customer token (``client.token``)",
        Access::Optional => "optional: sends the C-side customer token when the client has one",
        Access::Admin => "admin: sends the B-side admin token (``client.admin_token``)",
    };
    let side = if op.side == Side::B {
        "admin_token"
    } else {
        "token"
    };
    let session = match &op.session {
        Session::Keeps => String::new(),
        Session::Sets { field, .. } => {
            format!(" On success the client keeps ``data.{field}`` as ``client.{side}``.")
        }
        Session::Clears => format!(" On success the client forgets ``client.{side}``."),
    };
    let summary_zh = op.summary_zh.clone().unwrap_or_default();
    let description_zh = op
        .description_zh
        .clone()
        .filter(|d| d.trim() != summary_zh.trim())
        .unwrap_or_default();
    let mut paragraphs = vec![
        sentence(&op.summary),
        op.description.clone(),
        summary_zh,
        description_zh,
        format!("``POST {}``, access {access}.{session}", op.path),
    ];
    if op.deprecated {
        paragraphs.push(format!(".. deprecated:: {}", op.deprecation.details()));
    }
    let mut args = vec!["Args:".to_owned()];
    for (p, f) in params {
        let text: Vec<String> = field_doc(api, f, Place::Argument)
            .into_iter()
            .filter(|t| !t.trim().is_empty() && !t.starts_with(".."))
            .collect();
        let mut first = true;
        for line in text.iter().flat_map(|t| t.lines()) {
            if first {
                args.push(format!("    {}: {}", p.name, line.trim()));
                first = false;
            } else {
                args.push(format!("        {}", line.trim()));
            }
        }
    }
    args.push("    trace: The ``trace`` header; a fresh one per call when not given.".into());
    args.push("    headers: Headers for this call only; they override the client's.".into());
    args.push("    timeout: Seconds to wait for this call (default: the client's).".into());
    args.push(if op.read_only {
        "    max_retries: Retries for this call (default: the client's; the operation is read-only, so it is retried)."
    } else {
        "    max_retries: Retries for this call; giving it opts this write operation in to retries (by default only a request that never reached the server is retried)."
    }
    .into());
    paragraphs.push(args.join("\n"));
    let returns = match &op.response.ty {
        None => "Returns:\n    None: nothing to read on success.".to_owned(),
        Some(ty) => {
            let words = super::rest::type_words(api, ty);
            let null = if op.response.nullable {
                ", or None"
            } else {
                ""
            };
            let what = op.response.description.trim();
            format!(
                "Returns:\n    {words}{null}{}",
                if what.is_empty() {
                    ".".to_owned()
                } else {
                    format!(": {what}")
                }
            )
        }
    };
    paragraphs.push(returns);
    let codes: Vec<String> = op
        .errors
        .iter()
        .map(|e| format!("``errors.{}``", names::constant(e, "E")))
        .collect();
    let mut raises = vec!["Raises:".to_owned()];
    raises.push(if codes.is_empty() {
        "    ApiError: the server answered with an error envelope.".to_owned()
    } else {
        format!(
            "    ApiError: the server answered with an error envelope, e.g. {}.",
            codes.join(", ")
        )
    });
    raises.push(
        "    ClientError: no usable answer came back (``kind`` says why), or a token or header is missing."
            .into(),
    );
    paragraphs.push(raises.join("\n"));
    docstring(&paragraphs, "        ")
}

/// A summary as a docstring's first line: a sentence, with its full stop.
fn sentence(summary: &str) -> String {
    let s = summary.trim();
    if s.is_empty() || s.ends_with(['.', '!', '?', '。']) {
        s.to_owned()
    } else {
        format!("{s}.")
    }
}
