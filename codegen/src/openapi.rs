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

pub mod document;
pub mod responses;
pub mod schema;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::rc::Rc;

use bizgen_runtime::schema::{EnumCodes, Schema};
use serde_json::Value;

use crate::ir::{Access, Api, Constraints, ExampleKind, Operation, Presence, Service, Ty};
use crate::wire;
use document::{
    Components, Document, Example, Info, Lazy, MediaType, Ordered, Parameter, PathItem,
    RequestBody, SchemaObject, SecurityScheme, Server, Tag,
};
pub use responses::Statuses;
pub use schema::Version;
use schema::{EnumText, Meta, Shapes};

/// The security scheme of C-side customer tokens.
pub const CUSTOMER_TOKEN: &str = "customerToken";
/// The security scheme of B-side admin tokens.
pub const ADMIN_TOKEN: &str = "adminToken";
const JSON: &str = "application/json";

/// `openapi/openapi.json` (3.1) and `openapi/openapi-3.0.json`, and
/// `openapi/openapi-semantic.json` (3.1, for servers with semantic HTTP
/// statuses), by path relative to the output directory.
pub fn files(api: &Api) -> crate::Result<Vec<(PathBuf, String)>> {
    [
        ("openapi/openapi.json", Version::V3_1, Statuses::Platform),
        (
            "openapi/openapi-3.0.json",
            Version::V3_0,
            Statuses::Platform,
        ),
        (
            "openapi/openapi-semantic.json",
            Version::V3_1,
            Statuses::Semantic,
        ),
    ]
    .into_iter()
    .map(|(file, version, statuses)| {
        let text =
            render_for(api, version, statuses).map_err(|source| crate::Error::ExportJson {
                file: file.into(),
                source,
            })?;
        Ok((PathBuf::from(file), text))
    })
    .collect()
}

/// The document (every answer HTTP 200) as pretty-printed JSON with a
/// final newline.
pub fn render(api: &Api, version: Version) -> Result<String, serde_json::Error> {
    render_for(api, version, Statuses::Platform)
}

/// [`render`] for servers with the given status policy.
pub fn render_for(
    api: &Api,
    version: Version,
    statuses: Statuses,
) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(&document_for(api, version, statuses))?;
    text.push('\n');
    Ok(text)
}

/// The stable `operationId` of an operation: `Service.operation`, unique
/// because operation names are unique within a service and service names
/// hold no dots.
pub fn operation_id(service: &Service, op: &Operation) -> String {
    format!("{}.{}", service.name, op.name)
}

/// Names of bizgen's own components, kept apart from the spec's types.
struct OwnNames {
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

/// Builds the whole document (every answer HTTP 200).
pub fn document(api: &Api, version: Version) -> Document<'_> {
    document_for(api, version, Statuses::Platform)
}

/// Builds the whole document for servers with the given status policy.
pub fn document_for(api: &Api, version: Version, statuses: Statuses) -> Document<'_> {
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
    schemas.insert(names.envelope.clone(), Box::new(move || envelope(shapes)));
    schemas.insert(
        names.error_code.clone(),
        Box::new(move || error_codes(shapes)),
    );
    let own = Rc::clone(&names);
    schemas.insert(
        names.error_envelope.clone(),
        Box::new(move || error_envelope(shapes, &own)),
    );

    let mut paths: BTreeMap<String, Box<dyn Fn() -> PathItem>> = BTreeMap::new();
    let mut uses_customer = false;
    let mut uses_admin = false;
    for (service, op) in api.operations() {
        let success = format!("{}.Response", operation_id(service, op));
        let own = Rc::clone(&names);
        schemas.insert(
            success.clone(),
            Box::new(move || success_envelope(shapes, &own, op)),
        );
        uses_customer |= matches!(op.access, Access::Login | Access::Optional);
        uses_admin |= op.access == Access::Admin;
        let own = Rc::clone(&names);
        paths.insert(
            op.path.clone(),
            Box::new(move || PathItem {
                post: operation(
                    shapes,
                    statuses,
                    &own,
                    service,
                    op,
                    operation_id(service, op),
                    &success,
                ),
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

    Document {
        openapi: version.number(),
        info: Info {
            title: api.title.clone(),
            version: api.version.clone(),
            description: info_description(api, &names, statuses),
        },
        servers: vec![Server {
            url: "http://127.0.0.1:8080".into(),
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

fn non_empty(s: &str) -> Option<String> {
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
    let mut out = BTreeSet::new();
    for (_, op) in api.operations() {
        schema::reachable_structs(api, &wire::data_schema(api, op), &mut out);
    }
    for f in &api.envelope.fields {
        schema::reachable_structs(api, &wire::field_schema(api, f), &mut out);
    }
    out
}

/// The fields every envelope has; `data` is any value here.
fn envelope(shapes: Shapes) -> SchemaObject {
    let api = shapes.api;
    let Schema::Object(o) = wire::envelope_schema(api, Schema::Json) else {
        return SchemaObject::default();
    };
    let mut s = shapes.object(&o, &api.envelope.fields, |_| false);
    if let Some(props) = &mut s.properties {
        for (name, p) in &mut props.0 {
            if name == "data" {
                p.description = Some(
                    "The operation's result on success (see its response schema); \
                     on error often the bizType as a string, or the violations."
                        .into(),
                );
            }
        }
    }
    s.description = non_empty(&api.envelope.description);
    s
}

/// `allOf` the envelope and what a specific envelope fixes.
fn refine(
    envelope: &str,
    description: String,
    properties: Vec<(String, SchemaObject)>,
) -> SchemaObject {
    SchemaObject {
        description: Some(description),
        all_of: Some(vec![
            SchemaObject::component(envelope),
            SchemaObject {
                properties: Some(Ordered(properties)),
                ..SchemaObject::of_type("object")
            },
        ]),
        ..SchemaObject::default()
    }
}

fn success_envelope(shapes: Shapes, names: &OwnNames, op: &Operation) -> SchemaObject {
    let api = shapes.api;
    let data = shapes.with_meta(
        shapes.schema(&wire::data_schema(api, op)),
        &Meta {
            description: match (&op.response.ty, op.response.description.trim()) {
                (None, "") => "Null (or an empty object): the operation returns nothing.",
                (Some(_), "") => "The result.",
                (_, text) => text,
            },
            ..Meta::default()
        },
        false,
    );
    refine(
        &names.envelope,
        format!("The success envelope of `{}`.", op.biz_type),
        vec![
            (
                "code".into(),
                shapes.constant(Value::String(api.envelope.success_code.clone())),
            ),
            ("ok".into(), shapes.constant(Value::Bool(true))),
            ("fail".into(), shapes.constant(Value::Bool(false))),
            ("data".into(), data),
        ],
    )
}

fn error_envelope(shapes: Shapes, names: &OwnNames) -> SchemaObject {
    refine(
        &names.envelope,
        "An error envelope: `code` says what went wrong.".into(),
        vec![
            ("code".into(), SchemaObject::component(&names.error_code)),
            ("ok".into(), shapes.constant(Value::Bool(false))),
            ("fail".into(), shapes.constant(Value::Bool(true))),
        ],
    )
}

/// The spec's error codes plus those a bizgen server itself answers.
fn error_codes(shapes: Shapes) -> SchemaObject {
    use bizgen_runtime::error::codes;
    let mut listed: Vec<(String, String)> = shapes
        .api
        .errors
        .iter()
        .map(|e| {
            let text = match non_empty(&e.description) {
                Some(d) => format!("{} {d}", e.message.trim_end_matches('.').to_owned() + "."),
                None => e.message.clone(),
            };
            (e.code.clone(), text)
        })
        .collect();
    for code in [
        codes::VALIDATION,
        codes::UNAUTHENTICATED,
        codes::MALFORMED,
        codes::NOT_FOUND,
        codes::NOT_IMPLEMENTED,
        codes::INTERNAL,
    ] {
        if !listed.iter().any(|(c, _)| c == code) {
            listed.push((code.into(), "Answered by bizgen servers.".into()));
        }
    }
    let codes = EnumCodes::Str(Cow::Owned(
        listed.iter().map(|(c, _)| Cow::Owned(c.clone())).collect(),
    ));
    let text = EnumText {
        description: "Error codes of the envelope's `code` (the success code is not one of them)."
            .into(),
        description_zh: None,
        values: listed,
    };
    shapes.enumeration(text, &codes)
}

fn operation(
    shapes: Shapes,
    statuses: Statuses,
    names: &OwnNames,
    service: &Service,
    op: &Operation,
    id: String,
    success: &str,
) -> document::Operation {
    let api = shapes.api;
    let request_schema = wire::struct_schema(api, &op.request);
    let request = shapes.object(&request_schema, &op.request.fields, |_| true);
    let examples = |pick: fn(&crate::ir::Example) -> Option<&Value>| -> BTreeMap<String, Example> {
        op.examples
            .iter()
            .filter_map(|ex| {
                let value = pick(ex)?.clone();
                let origin = match (ex.kind, &ex.source) {
                    (ExampleKind::Captured, Some(src)) => {
                        format!("Captured from the platform's docs ({src}).")
                    }
                    (ExampleKind::Captured, None) => "Captured from the platform's docs.".into(),
                    (ExampleKind::Illustrative, _) => "Illustrative.".into(),
                };
                let summary = non_empty(&ex.description).unwrap_or_else(|| ex.name.clone());
                Some((
                    ex.name.clone(),
                    Example {
                        summary,
                        description: origin,
                        value,
                    },
                ))
            })
            .collect()
    };
    let responses = responses::responses(
        shapes,
        statuses,
        op,
        success,
        &names.error_envelope,
        examples(|ex| ex.response.as_ref()),
    );
    document::Operation {
        tags: vec![service.name.clone()],
        summary: non_empty(&op.summary).unwrap_or_else(|| op.name.clone()),
        description: operation_description(op),
        operation_id: id,
        parameters: parameters(shapes, op),
        request_body: RequestBody {
            description: format!("The request of `{}`.", op.biz_type),
            required: true,
            content: BTreeMap::from([(
                JSON.to_owned(),
                MediaType {
                    schema: request,
                    examples: examples(|ex| ex.request.as_ref()),
                },
            )]),
        },
        responses,
        security: security(op.access),
        deprecated: op.deprecated,
        description_zh: op.description_zh.clone(),
        biz_type: op.biz_type.clone(),
        access: op.access.as_str(),
        read_only: op.read_only,
        errors: op.errors.clone(),
    }
}

fn operation_description(op: &Operation) -> String {
    let access = match op.access {
        Access::Guest => "Guest access: no token.",
        Access::Login => "Needs the C-side customer token from `login` in the `token` header.",
        Access::Admin => "Needs the B-side admin token in the `token` header.",
        Access::Optional => "Takes the C-side customer token if there is one; works without.",
    };
    let text = non_empty(&op.description).unwrap_or_else(|| op.summary.trim().to_owned());
    format!("{text}\n\nbizType `{}`. {access}", op.biz_type)
}

fn security(access: Access) -> Vec<BTreeMap<String, Vec<String>>> {
    let scheme = |name: &str| BTreeMap::from([(name.to_owned(), Vec::new())]);
    match access {
        Access::Guest => Vec::new(),
        Access::Login => vec![scheme(CUSTOMER_TOKEN)],
        Access::Admin => vec![scheme(ADMIN_TOKEN)],
        Access::Optional => vec![BTreeMap::new(), scheme(CUSTOMER_TOKEN)],
    }
}

/// The operation's headers except `token` (a security scheme).
fn parameters(shapes: Shapes, op: &Operation) -> Vec<Parameter> {
    op.headers
        .iter()
        .filter(|h| h.name != "token" && h.presence != Presence::Absent)
        .map(|h| {
            let def = shapes.api.headers.iter().find(|d| d.name == h.name);
            let example = if h.name == "version" {
                Some(op.version.clone())
            } else {
                def.and_then(|d| d.example.clone())
            };
            Parameter {
                name: h.name.clone(),
                location: "header",
                description: def
                    .and_then(|d| non_empty(&d.description))
                    .unwrap_or_else(|| format!("The `{}` header.", h.name)),
                required: h.presence == Presence::Required,
                schema: header_schema(h.presence),
                example: example.map(Value::String),
                description_zh: def.and_then(|d| d.description_zh.clone()),
            }
        })
        .collect()
}

/// What bizgen servers accept in a header: visible ASCII (spaces inside),
/// at most [`DEFAULT_HEADER_LIMIT`] characters; a required header that is
/// empty or blank counts as missing, an optional one as not sent.
///
/// [`DEFAULT_HEADER_LIMIT`]: bizgen_runtime::operation::DEFAULT_HEADER_LIMIT
fn header_schema(presence: Presence) -> SchemaObject {
    const VISIBLE: &str = r"[\x21-\x7E]([\x20-\x7E]*[\x21-\x7E])?";
    let required = presence == Presence::Required;
    SchemaObject {
        min_length: required.then_some(1),
        max_length: Some(bizgen_runtime::operation::DEFAULT_HEADER_LIMIT as u64),
        pattern: Some(if required {
            format!("^{VISIBLE}$")
        } else {
            format!("^({VISIBLE})?$")
        }),
        ..SchemaObject::of_type("string")
    }
}
