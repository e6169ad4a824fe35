//! View models of the TypeScript files but the services' ([`super::service`]):
//! what each template shows, prepared from the IR and its facts (names,
//! docs) and the wire schemas (shapes).

use std::collections::BTreeSet;

use askama::Template;

use super::names::{property, string_literal, type_name, Names};
use super::shapes::{descriptor, ts_type, Scope, IN_SERVICE, IN_TYPES};
use super::HEADER;
use crate::facts::Facts;
use crate::ir::{Api, Enum, Field, Struct, TypeModule};
use crate::wire;

/// What every file is built with: the facts and the package's names.
pub(super) struct Ctx<'f, 'a> {
    pub(super) facts: &'f Facts<'a>,
    pub(super) api: &'a Api,
    pub(super) names: &'f Names,
}

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

// Defined in each file that uses it: with one macro in lib.rs, askama's
// derive looked for the templates relative to the invoking file when the
// crate was built by trybuild (tests/tests/frontends.rs), and failed.
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
    pub(super) doc: Vec<String>,
    pub(super) name: String,
    pub(super) fields: Vec<FieldView>,
}

pub(super) struct FieldView {
    pub(super) doc: Vec<String>,
    pub(super) key: String,
    pub(super) optional: bool,
    pub(super) ty: String,
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

// ---------------------------------------------------------------- builders

fn service_refs(cx: &Ctx) -> Vec<ServiceRef> {
    cx.api
        .services
        .iter()
        .map(|s| ServiceRef {
            class: type_name(&s.name),
            property: cx.names.service(s),
            file: cx.names.service_file(s),
            doc: doc_lines(&[&s.description]),
        })
        .collect()
}

pub(super) fn index(cx: &Ctx) -> IndexFile {
    IndexFile {
        header: HEADER,
        title: cx.api.title.clone(),
        services: service_refs(cx),
    }
}

pub(super) fn client(cx: &Ctx) -> ClientFile {
    ClientFile {
        header: HEADER,
        title: cx.api.title.clone(),
        services: service_refs(cx),
    }
}

/// The index of the shared types: one module per spec file.
pub(super) fn types(cx: &Ctx) -> TypesFile {
    let mut modules: Vec<String> = cx
        .api
        .type_modules
        .iter()
        .map(|m| cx.names.type_file(m))
        .collect();
    modules.sort();
    TypesFile {
        header: HEADER,
        modules,
    }
}

/// The types and enums of one spec file (`src/types/<file>.ts`); the
/// other shared types by way of the index, as the services name them.
pub(super) fn type_module(cx: &Ctx, module: &TypeModule) -> TypeModuleFile {
    let api = cx.api;
    let types: Vec<InterfaceView> = api
        .types
        .iter()
        .filter(|t| t.module == module.name)
        .map(|s| interface(cx, s, IN_SERVICE))
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

pub(super) fn interface(cx: &Ctx, s: &Struct, scope: Scope) -> InterfaceView {
    let schema = wire::struct_schema(cx.api, s);
    let fields = s
        .fields
        .iter()
        .zip(schema.fields.iter())
        .map(|(f, fs)| FieldView {
            doc: field_doc(cx, f, scope),
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

/// The field's description fact as TSDoc, named types as `{@link}`s.
fn field_doc(cx: &Ctx, f: &Field, scope: Scope) -> Vec<String> {
    let link = |name: &str| ts_link(scope, name);
    let mut lines = doc_lines(&[&cx.facts.field(f).describe_with_zh(&link)]);
    if f.deprecated {
        lines.push(format!("@deprecated {}", f.deprecation.details()));
    }
    lines
}

/// `{@link types.LoginType}`; `{@link types.Type_ | type}` where the
/// TypeScript name is not the spec's.
pub(super) fn ts_link(scope: Scope, spec_name: &str) -> String {
    let name = type_name(spec_name);
    if name == spec_name {
        format!("{{@link {}{name}}}", scope.types)
    } else {
        format!("{{@link {}{name} | {spec_name}}}", scope.types)
    }
}

/// Object descriptors of every shared type a response can hold, each after
/// the types it refers to (constants must be defined before use).
pub(super) fn schemas(cx: &Ctx) -> SchemasFile {
    let api = cx.api;
    let roots = api
        .operations()
        .filter_map(|(_, op)| op.response.ty.as_ref());
    SchemasFile {
        header: HEADER,
        objects: api
            .structs_in_dependency_order(roots)
            .into_iter()
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
