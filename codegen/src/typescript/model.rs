//! View models of the TypeScript files: what each template shows, prepared
//! from the IR (names, docs) and the wire schemas (shapes).

use std::collections::BTreeSet;

use askama::Template;
use serde_json::json;

use super::names::{method, property, string_literal, type_name, value_name};
use super::shapes::{descriptor, object_refs, ts_type, Scope, IN_SERVICE, IN_TYPES};
use super::{HEADER, TYPESCRIPT_VERSION};
use crate::ir::{Access, Api, Enum, Field, Operation, Presence, Service, Struct, Ty, TypeModule};
use crate::wire;

// ---------------------------------------------------------------- files

#[derive(Template)]
#[template(path = "ts/index.ts", escape = "none")]
pub(super) struct IndexFile {
    header: &'static str,
    title: String,
    services: Vec<ServiceRef>,
}

#[derive(Template)]
#[template(path = "ts/client.ts", escape = "none")]
pub(super) struct ClientFile {
    header: &'static str,
    title: String,
    services: Vec<ServiceRef>,
}

#[derive(Template)]
#[template(path = "ts/types.ts", escape = "none")]
pub(super) struct TypesFile {
    header: &'static str,
    /// File stems under `src/types/`.
    modules: Vec<String>,
}

#[derive(Template)]
#[template(path = "ts/typeModule.ts", escape = "none")]
pub(super) struct TypeModuleFile {
    header: &'static str,
    spec_file: String,
    uses_types: bool,
    enums: Vec<EnumView>,
    types: Vec<InterfaceView>,
}

#[derive(Template)]
#[template(path = "ts/schemas.ts", escape = "none")]
pub(super) struct SchemasFile {
    header: &'static str,
    objects: Vec<ObjectDescriptor>,
}

#[derive(Template)]
#[template(path = "ts/errorCodes.ts", escape = "none")]
pub(super) struct ErrorCodesFile {
    header: &'static str,
    codes: Vec<ErrorCodeView>,
}

#[derive(Template)]
#[template(path = "ts/redact.ts", escape = "none")]
pub(super) struct RedactFile {
    header: &'static str,
    fields: Vec<String>,
}

#[derive(Template)]
#[template(path = "ts/service.ts", escape = "none")]
pub(super) struct ServiceFile {
    header: &'static str,
    /// File stem under `src/services/`.
    pub(super) file: String,
    class: String,
    module_doc: Vec<String>,
    doc: Vec<String>,
    uses_types: bool,
    uses_helpers: bool,
    uses_schemas: bool,
    requests: Vec<InterfaceView>,
    ops: Vec<OpView>,
}

macro_rules! runtime_file {
    ($name:ident, $path:literal) => {
        #[derive(Template)]
        #[template(path = $path, escape = "none")]
        struct $name {
            header: &'static str,
        }
    };
}
runtime_file!(JsonFile, "ts/runtime/json.ts");
runtime_file!(SchemaFile, "ts/runtime/schema.ts");
runtime_file!(ErrorsFile, "ts/runtime/errors.ts");
runtime_file!(TransportFile, "ts/runtime/transport.ts");
runtime_file!(RetryFile, "ts/runtime/retry.ts");
runtime_file!(HooksFile, "ts/runtime/hooks.ts");
runtime_file!(PagingFile, "ts/runtime/paging.ts");

// ---------------------------------------------------------------- parts

struct ServiceRef {
    class: String,
    property: String,
    file: String,
    doc: Vec<String>,
}

struct EnumView {
    doc: Vec<String>,
    name: String,
    members: Vec<MemberView>,
    /// The union type: every known code and `(number & {})` or `(string & {})`.
    union: String,
}

struct MemberView {
    doc: Vec<String>,
    key: String,
    value: String,
}

pub(super) struct InterfaceView {
    doc: Vec<String>,
    name: String,
    fields: Vec<FieldView>,
}

struct FieldView {
    doc: Vec<String>,
    key: String,
    optional: bool,
    ty: String,
}

struct ObjectDescriptor {
    name: String,
    wire_name: String,
    fields: Vec<(String, String)>,
}

struct ErrorCodeView {
    doc: Vec<String>,
    key: String,
    value: String,
}

struct OpView {
    doc: Vec<String>,
    method: String,
    /// `operations.login` or `operations["1st"]`.
    descriptor_ref: String,
    descriptor_key: String,
    request: String,
    /// The request may be left out (no required field).
    request_optional: bool,
    response: String,
    biz_type: String,
    path: String,
    access: &'static str,
    version: String,
    headers: String,
    data: String,
    /// `operations.page`'s wire name, as a string literal.
    name: String,
    read_only: bool,
    /// The iterator over every item, for a paged operation.
    page_all: Option<super::paging::PageAllView>,
}

// ---------------------------------------------------------------- builders

fn service_refs(api: &Api) -> Vec<ServiceRef> {
    api.services
        .iter()
        .map(|s| ServiceRef {
            class: type_name(&s.name),
            property: value_name(&s.name),
            file: value_name(&s.name),
            doc: doc_lines(&[&s.description]),
        })
        .collect()
}

pub(super) fn index(api: &Api) -> IndexFile {
    IndexFile {
        header: HEADER,
        title: api.title.clone(),
        services: service_refs(api),
    }
}

pub(super) fn client(api: &Api) -> ClientFile {
    ClientFile {
        header: HEADER,
        title: api.title.clone(),
        services: service_refs(api),
    }
}

/// The index of the shared types: one module per spec file.
pub(super) fn types(api: &Api) -> TypesFile {
    TypesFile {
        header: HEADER,
        modules: api.type_modules.iter().map(|m| m.name.clone()).collect(),
    }
}

/// The types and enums of one spec file (`src/types/<module>.ts`); the
/// other shared types by way of the index, as the services name them.
pub(super) fn type_module(api: &Api, module: &TypeModule) -> TypeModuleFile {
    let types: Vec<InterfaceView> = api
        .types
        .iter()
        .filter(|t| t.module == module.name)
        .map(|s| interface(api, s, IN_SERVICE))
        .collect();
    TypeModuleFile {
        header: HEADER,
        spec_file: module.spec_file.clone(),
        uses_types: types
            .iter()
            .flat_map(|t| &t.fields)
            .any(|f| f.ty.contains(IN_SERVICE.types)),
        enums: api
            .enums
            .iter()
            .filter(|e| e.module == module.name)
            .map(enum_view)
            .collect(),
        types,
    }
}

fn enum_view(e: &Enum) -> EnumView {
    let int = e
        .values
        .iter()
        .all(|v| matches!(v.code, crate::ir::Code::Int(_)));
    let literal = |code: &crate::ir::Code| match code {
        crate::ir::Code::Int(n) if int => n.to_string(),
        other => string_literal(&other.to_string()),
    };
    let mut union: Vec<String> = e.values.iter().map(|v| literal(&v.code)).collect();
    union.push(
        if int {
            "(number & {})"
        } else {
            "(string & {})"
        }
        .into(),
    );
    EnumView {
        doc: doc_lines(&[
            &e.description,
            e.description_zh.as_deref().unwrap_or_default(),
            &format!(
                "Wire name `{}`. The type admits codes this version does not know, so that a client survives new ones.",
                e.name
            ),
        ]),
        name: type_name(&e.name),
        members: e
            .values
            .iter()
            .map(|v| MemberView {
                doc: doc_lines(&[
                    &v.description,
                    v.description_zh.as_deref().unwrap_or_default(),
                ]),
                key: property(&v.name),
                value: literal(&v.code),
            })
            .collect(),
        union: union.join(" | "),
    }
}

fn interface(api: &Api, s: &Struct, scope: Scope) -> InterfaceView {
    let schema = wire::struct_schema(api, s);
    let fields = s
        .fields
        .iter()
        .zip(schema.fields.iter())
        .map(|(f, fs)| FieldView {
            doc: field_doc(f, scope),
            key: property(&f.name),
            optional: !fs.required,
            ty: ts_type(&fs.schema, scope),
        })
        .collect();
    InterfaceView {
        doc: doc_lines(&[
            &s.description,
            s.description_zh.as_deref().unwrap_or_default(),
        ]),
        name: type_name(&s.name),
        fields,
    }
}

fn field_doc(f: &Field, scope: Scope) -> Vec<String> {
    let mut facts = vec![format!(
        "Wire name `{}`, {}",
        f.name,
        ty_words(&f.ty, scope)
    )];
    if f.required {
        facts.push("required".into());
    }
    if let Some(when) = &f.required_when {
        facts.push(format!("required when {when}"));
    }
    if f.nullable {
        facts.push("nullable".into());
    }
    facts.extend(f.constraints.list().iter().map(ToString::to_string));
    if let Some(d) = &f.default {
        facts.push(format!("default `{d}`"));
    }
    let mut facts = facts.join(", ") + ".";
    if f.sensitive {
        facts.push_str(" Sensitive: `redact()` masks it for logging.");
    }
    let mut lines = doc_lines(&[
        &f.description,
        f.description_zh.as_deref().unwrap_or_default(),
        &facts,
    ]);
    if f.deprecated {
        lines.push(format!("@deprecated {}", f.deprecation.details()));
    }
    lines
}

/// How the docs name a type: the spec's words, with the TypeScript type
/// where it is not obvious; links resolve in `scope`.
fn ty_words(ty: &Ty, scope: Scope) -> String {
    let link = |name: &str| format!("{{@link {}{}}}", scope.types, type_name(name));
    match ty {
        Ty::Int64 => "int64 (a `bigint`, decoded without loss)".into(),
        Ty::Decimal => "decimal (a string such as `\"12.50\"`)".into(),
        Ty::Timestamp => "timestamp (epoch milliseconds)".into(),
        Ty::Enum(name) => format!("enum {}", link(name)),
        Ty::Struct(name) => link(name),
        other => format!("`{other}`"),
    }
}

/// Object descriptors of every shared type a response can hold, each after
/// the types it refers to (constants must be defined before use).
pub(super) fn schemas(api: &Api) -> SchemasFile {
    let mut roots = Vec::new();
    for (_, op) in api.operations() {
        if op.response.ty.is_some() {
            object_refs(&wire::data_schema(api, op), &mut roots);
        }
    }
    let mut order = Vec::new();
    let mut seen = BTreeSet::new();
    roots.sort();
    for name in roots {
        visit(api, &name, &mut seen, &mut order);
    }
    SchemasFile {
        header: HEADER,
        objects: order
            .iter()
            .filter_map(|name| api.find_struct(name))
            .map(|s| ObjectDescriptor {
                name: type_name(&s.name),
                wire_name: string_literal(&s.name),
                fields: wire::struct_schema(api, s)
                    .fields
                    .iter()
                    .map(|f| {
                        let helper = if f.required { "s.req" } else { "s.opt" };
                        (
                            property(&f.name),
                            format!("{helper}({})", descriptor(&f.schema, IN_TYPES)),
                        )
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn visit(api: &Api, name: &str, seen: &mut BTreeSet<String>, order: &mut Vec<String>) {
    if !seen.insert(name.to_owned()) {
        return;
    }
    if let Some(s) = api.find_struct(name) {
        let mut refs = Vec::new();
        for f in wire::struct_schema(api, s).fields.iter() {
            object_refs(&f.schema, &mut refs);
        }
        refs.sort();
        for r in refs {
            visit(api, &r, seen, order);
        }
    }
    order.push(name.to_owned());
}

pub(super) fn error_codes(api: &Api) -> ErrorCodesFile {
    ErrorCodesFile {
        header: HEADER,
        codes: api
            .errors
            .iter()
            .map(|e| ErrorCodeView {
                doc: doc_lines(&[&e.message, &e.description]),
                key: property(&e.code),
                value: string_literal(&e.code),
            })
            .collect(),
    }
}

pub(super) fn redact(api: &Api) -> RedactFile {
    let mut names = BTreeSet::new();
    let structs = api
        .types
        .iter()
        .chain(api.operations().map(|(_, op)| &op.request));
    for s in structs {
        for f in s.fields.iter().filter(|f| f.sensitive) {
            names.insert(f.name.clone());
        }
    }
    RedactFile {
        header: HEADER,
        fields: names.iter().map(|n| string_literal(n)).collect(),
    }
}

pub(super) fn service(api: &Api, service: &Service) -> ServiceFile {
    let mut requests: Vec<InterfaceView> = service
        .operations
        .iter()
        .map(|op| interface(api, &op.request, IN_SERVICE))
        .collect();
    let mut ops: Vec<OpView> = service
        .operations
        .iter()
        .map(|op| op_view(api, op))
        .collect();
    // Operations whose names meet in UpperCamelCase (`bindEmail`,
    // `bind_email`): the later request types get a number.
    let mut taken = BTreeSet::new();
    for (request, op) in requests.iter_mut().zip(&mut ops) {
        let base = request.name.clone();
        let mut n = 1;
        while !taken.insert(request.name.clone()) {
            n += 1;
            request.name = format!("{base}{n}");
        }
        op.request.clone_from(&request.name);
    }
    let mentions = |needle: &str| {
        requests
            .iter()
            .flat_map(|r| &r.fields)
            .any(|f| f.ty.contains(needle))
            || ops.iter().any(|o| o.response.contains(needle))
    };
    let uses_types = mentions("types.");
    let uses_schemas = ops.iter().any(|o| o.data.contains("schemas."));
    let uses_helpers = ops.iter().any(|o| {
        ["s.list(", "s.map(", "s.nullable("]
            .iter()
            .any(|h| o.data.contains(h))
    });
    ServiceFile {
        header: HEADER,
        file: value_name(&service.name),
        class: type_name(&service.name),
        module_doc: doc_lines(&[
            &format!(
                "Service `{}` (`{}`): its request types and the class behind `client.{}`.",
                service.name,
                service.qualified_name,
                value_name(&service.name)
            ),
            "@module",
        ]),
        doc: doc_lines(&[
            &service.description,
            &format!(
                "Operations of `{}`; reach them as `client.{}`.",
                service.qualified_name,
                value_name(&service.name)
            ),
        ]),
        uses_types,
        uses_helpers,
        uses_schemas,
        requests,
        ops,
    }
}

fn op_view(api: &Api, op: &Operation) -> OpView {
    let (response, data) = match &op.response.ty {
        None => ("void".to_owned(), "null".to_owned()),
        Some(_) => {
            let schema = wire::data_schema(api, op);
            (
                ts_type(&schema, IN_SERVICE),
                descriptor(&schema, IN_SERVICE),
            )
        }
    };
    let access_text = match op.access {
        Access::Guest => "guest: sends no token",
        Access::Login => "login: sends the C-side customer token (`setToken`)",
        Access::Optional => "optional: sends the C-side customer token when the client has one",
        Access::Admin => "admin: sends the B-side admin token (`setAdminToken`)",
    };
    let mut facts = vec![
        format!("`POST {}`, access {access_text}.", op.path),
        match &op.response.ty {
            None => "Resolves with nothing on success.".to_owned(),
            Some(_) if op.response.description.is_empty() => {
                format!("Resolves with `data`: {}.", ty_words_opt(op))
            }
            Some(_) => format!(
                "Resolves with `data` ({}): {}",
                ty_words_opt(op),
                op.response.description.trim()
            ),
        },
    ];
    let errors: Vec<String> = op.errors.iter().map(|e| format!("`{e}`")).collect();
    let throws = if errors.is_empty() {
        "@throws {ApiError} on an error envelope.".to_owned()
    } else {
        format!(
            "@throws {{ApiError}} on an error envelope, e.g. {}.",
            errors.join(", ")
        )
    };
    facts.push(throws);
    facts.push("@throws {ClientError} when no usable answer came back.".into());
    let mut doc = doc_lines(&[
        &op.summary,
        &op.description,
        op.description_zh.as_deref().unwrap_or_default(),
    ]);
    doc.push(String::new());
    doc.extend(facts);
    if op.deprecated {
        doc.push(format!("@deprecated {}", op.deprecation.details()));
    }
    let headers: Vec<String> = op
        .headers
        .iter()
        .filter(|h| h.presence != Presence::Absent && h.name != "token" && h.name != "trace")
        .map(|h| string_literal(&h.name))
        .collect();
    let key = property(&op.name);
    let descriptor_ref = if key.starts_with('"') {
        format!("operations[{key}]")
    } else {
        format!("operations.{key}")
    };
    OpView {
        doc,
        method: method(&op.name),
        descriptor_ref,
        descriptor_key: key,
        request: type_name(&op.request.name),
        request_optional: op.request.fields.iter().all(|f| !f.required),
        response,
        biz_type: string_literal(&op.biz_type),
        path: string_literal(&op.path),
        access: op.access.as_str(),
        version: string_literal(&op.version),
        headers: format!("[{}]", headers.join(", ")),
        data,
        name: string_literal(&op.name),
        read_only: op.read_only,
        page_all: super::paging::page_all_view(api, op),
    }
}

fn ty_words_opt(op: &Operation) -> String {
    match &op.response.ty {
        Some(ty) if op.response.nullable => format!("{}, or `null`", ty_words(ty, IN_SERVICE)),
        Some(ty) => ty_words(ty, IN_SERVICE),
        None => String::new(),
    }
}

pub(super) fn runtime_files() -> Vec<(&'static str, Result<String, askama::Error>)> {
    vec![
        ("errors.ts", ErrorsFile { header: HEADER }.render()),
        ("json.ts", JsonFile { header: HEADER }.render()),
        ("schema.ts", SchemaFile { header: HEADER }.render()),
        ("transport.ts", TransportFile { header: HEADER }.render()),
        ("retry.ts", RetryFile { header: HEADER }.render()),
        ("hooks.ts", HooksFile { header: HEADER }.render()),
        ("paging.ts", PagingFile { header: HEADER }.render()),
    ]
}

// ---------------------------------------------------------------- JSON files

/// `package.json`: ESM, `exports` → `dist/`, TypeScript pinned, nothing at run time.
pub(super) fn package_json(api: &Api) -> String {
    let value = json!({
        "name": api.name,
        "version": api.version,
        "description": format!("{} (TypeScript SDK generated by bizgen)", api.title),
        "type": "module",
        "sideEffects": false,
        "exports": {
            ".": {
                "types": "./dist/index.d.ts",
                "default": "./dist/index.js"
            }
        },
        "main": "./dist/index.js",
        "types": "./dist/index.d.ts",
        "files": ["dist", "src"],
        "engines": {"node": ">=18"},
        "scripts": {
            "build": "tsc -p .",
            "typecheck": "tsc -p . --noEmit"
        },
        "devDependencies": {"typescript": TYPESCRIPT_VERSION}
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// `tsconfig.json`: strict, exact optional properties, ES2022 modules.
pub(super) fn tsconfig_json() -> String {
    let value = json!({
        "compilerOptions": {
            "target": "ES2022",
            "module": "NodeNext",
            "moduleResolution": "NodeNext",
            "lib": ["ES2022", "DOM"],
            "strict": true,
            "exactOptionalPropertyTypes": true,
            "noUncheckedIndexedAccess": true,
            "noImplicitOverride": true,
            "verbatimModuleSyntax": true,
            "declaration": true,
            "rootDir": "src",
            "outDir": "dist"
        },
        "include": ["src"]
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

// ---------------------------------------------------------------- docs

/// TSDoc lines from paragraphs: empty ones dropped, a blank line between
/// the others, and `*/` defused.
pub(super) fn doc_lines(paragraphs: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for p in paragraphs
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
    {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(p.lines().map(|l| l.trim_end().replace("*/", "*\\/")));
    }
    out
}
