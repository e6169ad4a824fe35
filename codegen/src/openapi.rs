//! OpenAPI documents of the API, 3.1.0 and 3.0.3, from the IR through one
//! emitter: [`render`] builds the serde [`document`] types and serializes
//! them. Shapes come from [`crate::wire`] (see [`schema`]); names, texts,
//! examples, headers and access levels from the IR.
//!
//! What it says about HTTP is what the generated server does: every
//! operation is a `POST` answered with HTTP 200 and the envelope, success or
//! error, so each operation has one `200` response whose schema is its
//! success envelope or the error envelope. A third document describes the
//! servers' semantic status mode (see [`responses`]).

mod components;
pub mod document;
mod operation;
pub mod responses;
pub mod schema;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::rc::Rc;

use bizgen_runtime::schema::Schema;

use crate::facts::Facts;
use crate::ir::{Access, Api, Constraints, Operation, Service, Ty};
use crate::wire;
use document::{
    Components, Document, Info, Lazy, PathItem, SchemaObject, SecurityScheme, Server, Tag,
};
pub use operation::BUILT_EXAMPLE;
pub use responses::Statuses;
pub use schema::Version;
use schema::{EnumText, Shapes};

/// The security scheme of C-side customer tokens.
pub const CUSTOMER_TOKEN: &str = "customerToken";
/// The security scheme of B-side admin tokens.
pub const ADMIN_TOKEN: &str = "adminToken";
const JSON: &str = "application/json";

/// The OpenAPI documents, under `openapi/`: `openapi.json` (3.1),
/// `openapi-3.0.json`, and `openapi-semantic.json` (3.1, for servers with
/// semantic HTTP statuses).
#[derive(Debug, Clone, Copy)]
pub struct OpenApi;

#[cfg(feature = "cli")]
impl crate::target::Target for OpenApi {
    fn layout(&self) -> crate::target::Layout {
        crate::target::Layout {
            name: "openapi",
            root: "openapi",
            // JSON has no comments: every file under `openapi/` is ours.
            header: None,
            owned: &[""],
            ignored: &[],
        }
    }

    fn emit(&self, facts: &Facts<'_>, sink: crate::target::Sink<'_>) -> crate::Result<()> {
        for (file, version, statuses) in FILES {
            sink(
                PathBuf::from(file),
                render_file(facts, file, version, statuses)?,
            )?;
        }
        Ok(())
    }
}

/// Each document's file, relative to `openapi/`, its version and the
/// status policy it describes.
const FILES: [(&str, Version, Statuses); 3] = [
    ("openapi.json", Version::V3_1, Statuses::Platform),
    ("openapi-3.0.json", Version::V3_0, Statuses::Platform),
    ("openapi-semantic.json", Version::V3_1, Statuses::Semantic),
];

/// `openapi/openapi.json` (3.1), `openapi/openapi-3.0.json` and
/// `openapi/openapi-semantic.json`, by path relative to the output
/// directory.
pub fn files(api: &Api) -> crate::Result<Vec<(PathBuf, String)>> {
    let facts = Facts::new(api);
    FILES
        .into_iter()
        .map(|(file, version, statuses)| {
            Ok((
                PathBuf::from("openapi").join(file),
                render_file(&facts, file, version, statuses)?,
            ))
        })
        .collect()
}

fn render_file(
    facts: &Facts,
    file: &str,
    version: Version,
    statuses: Statuses,
) -> crate::Result<String> {
    let document = document_for(facts, version, statuses)?;
    let mut text =
        serde_json::to_string_pretty(&document).map_err(|source| crate::Error::ExportJson {
            file: format!("openapi/{file}"),
            source,
        })?;
    text.push('\n');
    Ok(text)
}

/// The document (every answer HTTP 200) as pretty-printed JSON with a
/// final newline.
pub fn render(api: &Api, version: Version) -> crate::Result<String> {
    render_for(api, version, Statuses::Platform)
}

/// [`render`] for servers with the given status policy.
pub fn render_for(api: &Api, version: Version, statuses: Statuses) -> crate::Result<String> {
    let facts = Facts::new(api);
    let file = FILES
        .iter()
        .find(|(_, v, s)| *v == version && *s == statuses)
        .map_or("openapi.json", |(file, _, _)| file);
    render_file(&facts, file, version, statuses)
}

/// The stable `operationId` of an operation: `Service.operation`, unique
/// because operation names are unique within a service and service names
/// hold no dots.
pub fn operation_id(service: &Service, op: &Operation) -> String {
    format!("{}.{}", service.name, op.name)
}

/// Names of bizgen's own components, kept apart from the spec's types.
pub(crate) struct OwnNames {
    envelope: String,
    error_envelope: String,
    error_code: String,
}

impl OwnNames {
    fn new(api: &Api) -> OwnNames {
        let taken = |n: &str| api.find_struct(n).is_some() || api.find_enum(n).is_some();
        let pick = |base: &str| {
            let mut name = base.to_owned();
            while taken(&name) {
                name.insert_str(0, "Bizgen");
            }
            name
        };
        OwnNames {
            envelope: pick("Envelope"),
            error_envelope: pick("ErrorEnvelope"),
            error_code: pick("ErrorCode"),
        }
    }
}

/// Builds the whole document (every answer HTTP 200); its parts are built
/// as it is written.
pub fn document<'f, 'a>(facts: &'f Facts<'a>, version: Version) -> crate::Result<Document<'f>> {
    document_for(facts, version, Statuses::Platform)
}

/// Builds the whole document for servers with the given status policy.
pub fn document_for<'f, 'a>(
    facts: &'f Facts<'a>,
    version: Version,
    statuses: Statuses,
) -> crate::Result<Document<'f>> {
    let api = facts.api;
    let mut samples = code_samples(facts)?;
    let shapes = Shapes { api, version };
    let names = Rc::new(OwnNames::new(api));
    let response_structs = Rc::new(response_structs(api));

    // Every schema and path item is built when the document is written
    // (`Lazy`); here they only get their key.
    let mut schemas: BTreeMap<String, Box<dyn Fn() -> SchemaObject>> = BTreeMap::new();
    for e in &api.enums {
        if let Schema::Enum(es) =
            wire::ty_schema(api, &Ty::Enum(e.name.clone()), &Constraints::default())
        {
            schemas.insert(
                e.name.clone(),
                Box::new(move || shapes.enumeration(EnumText::of(e), &es.codes)),
            );
        }
    }
    for s in &api.types {
        let response_structs = Rc::clone(&response_structs);
        schemas.insert(
            s.name.clone(),
            Box::new(move || {
                let request_only = !response_structs.contains(&s.name);
                let mut object =
                    shapes.object(&wire::struct_schema(api, s), &s.fields, |_| request_only);
                object.description = non_empty(&s.description);
                object.description_zh = s.description_zh.clone();
                object
            }),
        );
    }
    schemas.insert(
        names.envelope.clone(),
        Box::new(move || components::envelope(shapes)),
    );
    schemas.insert(
        names.error_code.clone(),
        Box::new(move || components::error_codes(shapes)),
    );
    let own = Rc::clone(&names);
    schemas.insert(
        names.error_envelope.clone(),
        Box::new(move || components::error_envelope(shapes, &own)),
    );

    let mut paths: BTreeMap<String, Box<dyn Fn() -> PathItem>> = BTreeMap::new();
    let mut uses_customer = false;
    let mut uses_admin = false;
    for (service, op) in api.operations() {
        let success = format!("{}.Response", operation_id(service, op));
        let own = Rc::clone(&names);
        schemas.insert(
            success.clone(),
            Box::new(move || components::success_envelope(shapes, &own, op)),
        );
        uses_customer |= matches!(op.access, Access::Login | Access::Optional);
        uses_admin |= op.access == Access::Admin;
        let own = Rc::clone(&names);
        let op_samples = samples.remove(op.path.as_str()).unwrap_or_default();
        paths.insert(
            op.path.clone(),
            Box::new(move || {
                let mut post =
                    operation::operation(facts, shapes, statuses, &own, service, op, &success);
                post.code_samples = op_samples.clone();
                PathItem { post }
            }),
        );
    }

    let mut security_schemes = BTreeMap::new();
    if uses_customer {
        security_schemes.insert(
            CUSTOMER_TOKEN.to_owned(),
            token_scheme(
                "The C-side customer token that `login` returns (`data.token`).",
                "login",
            ),
        );
    }
    if uses_admin {
        security_schemes.insert(
            ADMIN_TOKEN.to_owned(),
            token_scheme("The B-side admin token of B-side authentication.", "admin"),
        );
    }

    Ok(Document {
        openapi: version.number(),
        info: Info {
            title: api.title.clone(),
            version: api.package_version.clone(),
            description: info_description(api, &names, statuses),
        },
        servers: vec![Server {
            url: crate::facts::mock::base_url(),
            description: match statuses {
                Statuses::Platform => format!(
                    "The generated mock server (`cargo run -p {0} --bin {0}-mock`).",
                    api.name
                ),
                Statuses::Semantic => format!(
                    "The generated mock server with semantic statuses \
                     (`cargo run -p {0} --bin {0}-mock -- --http-status semantic`).",
                    api.name
                ),
            },
        }],
        tags: api
            .services
            .iter()
            .map(|s| Tag {
                name: s.name.clone(),
                description: non_empty(&s.description).unwrap_or_else(|| s.qualified_name.clone()),
            })
            .collect(),
        paths: Lazy(paths.into_iter().collect()),
        components: Components {
            schemas: Lazy(schemas.into_iter().collect()),
            security_schemes,
        },
    })
}

/// Every operation's code samples (the registry's languages; the curl of
/// the English docs), by operation path. Without feature `cli` there are
/// no SDK targets, and no samples.
fn code_samples<'a>(
    facts: &Facts<'a>,
) -> crate::Result<BTreeMap<&'a str, Vec<document::CodeSampleObject>>> {
    #[cfg(feature = "cli")]
    {
        let samplers = crate::samples::CodeSamples::new(facts.api);
        facts
            .api
            .operations()
            .map(|(service, op)| {
                let samples = samplers.of(facts, service, op, crate::lang::Lang::En)?;
                let objects = samples
                    .into_iter()
                    .map(|s| document::CodeSampleObject {
                        lang: s.lang,
                        label: s.label,
                        source: s.source,
                    })
                    .collect();
                Ok((op.path.as_str(), objects))
            })
            .collect()
    }
    #[cfg(not(feature = "cli"))]
    {
        let _ = facts;
        Ok(BTreeMap::new())
    }
}

fn info_description(api: &Api, names: &OwnNames, statuses: Statuses) -> String {
    let statuses = match statuses {
        Statuses::Platform => "Every answer, success or error, is HTTP 200",
        Statuses::Semantic => {
            "This document is for servers with semantic HTTP statuses \
             (`--http-status semantic`): bizgen's own errors are answered 400, 401, 413, \
             415, 422 or 500, everything else HTTP 200; every answer is"
        }
    };
    let about = format!(
        "Every operation is a `POST` of a JSON body; another method is answered 405 \
         with `Allow: POST`. {statuses} with the envelope (`{}`): `ok`/`fail` and `code` \
         tell the outcome, `data` has the operation's shape on success. Error codes are \
         listed in `{}`. Every header is at most {} characters long.",
        names.envelope,
        names.error_code,
        bizgen_runtime::operation::DEFAULT_HEADER_LIMIT
    );
    match non_empty(&api.description) {
        Some(text) => format!("{text}\n\n{about}"),
        None => about,
    }
}

pub(crate) fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

fn token_scheme(description: &str, access: &'static str) -> SecurityScheme {
    SecurityScheme {
        kind: "apiKey",
        location: "header",
        name: "token".into(),
        description: description.into(),
        access,
    }
}

/// Object types that appear in some response: their sensitive fields are
/// not `writeOnly`.
fn response_structs(api: &Api) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let responses = api
        .operations()
        .filter_map(|(_, op)| op.response.ty.as_ref());
    for ty in responses.chain(api.envelope.fields.iter().map(|f| &f.ty)) {
        api.reach(ty, &mut seen);
    }
    seen.into_iter()
        .filter(|n| api.find_struct(n).is_some())
        .map(str::to_owned)
        .collect()
}
