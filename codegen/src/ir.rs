//! The resolved, checked model of an API: names, types and references are
//! resolved once here, and every emitter works from this alone.

use serde_json::Value;

mod constraints;
mod paging;
mod release;
mod vocabulary;
mod walk;

pub use crate::date::Date;
use crate::diagnostics::Pos;
pub use bizgen_runtime::operation::{Access, HeaderSource, Presence};
pub use bizgen_runtime::schema::{EnumCodes, RequiredWhen, When};
pub use constraints::Constraint;
pub use paging::{PageFields, Pagination};
pub use release::{default_tag, Breaking, Change, ChangeSection, Release, Version};
pub use vocabulary::{EnumRepr, ExampleKind, Origin, Side};
pub use walk::Sides;

#[derive(Debug, Clone)]
pub struct Api {
    pub name: String,
    pub title: String,
    pub title_zh: Option<String>,
    /// The default value of the `version` header (`api.versionHeader`,
    /// else `api.version`).
    pub version: String,
    /// The API's own version (`api.version`): every package's version.
    pub package_version: String,
    /// Where `api.version` is written.
    pub version_pos: Pos,
    /// The release history, newest first (`releases:`).
    pub releases: Vec<Release>,
    pub description: String,
    pub description_zh: Option<String>,
    pub gateways: Vec<Gateway>,
    pub headers: Vec<Header>,
    pub envelope: Envelope,
    pub errors: Vec<ErrorCode>,
    /// Sorted by name.
    pub enums: Vec<Enum>,
    /// Sorted by name.
    pub types: Vec<Struct>,
    /// The spec files that declare types or enums, sorted by module name:
    /// generated code puts each file's types in a module of its own.
    pub type_modules: Vec<TypeModule>,
    /// Every spec file relative to the spec directory, by the file index
    /// of [`Pos`] (the docs' maintainers pages are per file).
    pub spec_files: Vec<String>,
    /// Sorted by name.
    pub services: Vec<Service>,
    /// Task groups of the docs index, in spec order.
    pub groups: Vec<Group>,
    /// The docs' quick start, in order.
    pub quick_start: Vec<QuickStep>,
}

/// A task group of the docs index.
#[derive(Debug, Clone)]
pub struct Group {
    pub name: String,
    pub title: String,
    pub title_zh: Option<String>,
}

/// One step of the docs' quick start.
#[derive(Debug, Clone)]
pub struct QuickStep {
    /// Full path of the operation.
    pub operation: String,
    /// Name of the example whose request the step sends.
    pub example: Option<String>,
    /// JSON pointer of the token in the step's answer.
    pub token_from: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Gateway {
    pub name: String,
    pub prefix: String,
    pub side: Side,
    pub description: String,
    pub description_zh: Option<String>,
    /// Header presence for every operation on the gateway, as written.
    pub headers: Vec<GatewayHeader>,
    pub pos: Pos,
}

/// One header entry of a gateway.
#[derive(Debug, Clone, PartialEq)]
pub struct GatewayHeader {
    pub name: String,
    pub presence: Presence,
    pub pos: Pos,
}

/// How something deprecated goes away; set only when it is `deprecated`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deprecation {
    /// The last day it is served.
    pub sunset: Option<Date>,
    /// What to use instead (a name, or free text).
    pub replacement: Option<String>,
}

impl Deprecation {
    /// `served until 2026-12-31; use `loginV2` instead`, or that it may be
    /// removed when neither is known.
    pub fn details(&self) -> String {
        let mut parts = Vec::new();
        if let Some(sunset) = self.sunset {
            parts.push(format!("served until {sunset}"));
        }
        if let Some(r) = &self.replacement {
            parts.push(format!("use `{r}` instead"));
        }
        if parts.is_empty() {
            "it may be removed in a later version".into()
        } else {
            parts.join("; ")
        }
    }

    /// `Deprecated: served until ...`, for `#[deprecated]` notes.
    pub fn note(&self) -> String {
        format!("Deprecated: {}.", self.details())
    }
}

#[derive(Debug, Clone)]
pub struct Header {
    pub name: String,
    pub description: String,
    pub description_zh: Option<String>,
    pub example: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Envelope {
    pub description: String,
    pub description_zh: Option<String>,
    pub success_code: String,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone)]
pub struct ErrorCode {
    pub code: String,
    pub message: String,
    pub message_zh: Option<String>,
    pub description: String,
    pub description_zh: Option<String>,
    pub origin: Origin,
    pub pos: Pos,
}

/// A spec file that declares types or enums, as a module of generated code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeModule {
    /// The file's stem in snake case, with its directories where stems
    /// collide (`login`, `copy001_login`): distinct among the API's files.
    /// Targets make it a module name of their language.
    pub name: String,
    /// The spec file, relative to the spec directory (`services/login.yaml`).
    pub spec_file: String,
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub name: String,
    /// The [`TypeModule`] of the spec file that declares it.
    pub module: String,
    pub repr: EnumRepr,
    pub description: String,
    pub description_zh: Option<String>,
    pub values: Vec<EnumValue>,
    /// The set of codes may grow: clients must expect codes they do not know.
    pub extensible: bool,
    /// Codes removed earlier that must not come back.
    pub reserved: Vec<Code>,
    /// The verbatim quote of the source documents that lists the codes.
    pub source: Option<String>,
    /// Whether requests, responses or both carry it (from the operations).
    pub sides: Sides,
    /// The services whose operations reach it (spec names), sorted.
    pub services: Vec<String>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    Int(i64),
    Str(String),
}

impl Code {
    /// The code as a JSON value (`3`, `"baseInfo"`).
    pub fn to_json(&self) -> Value {
        match self {
            Code::Int(n) => Value::from(*n),
            Code::Str(s) => Value::from(s.as_str()),
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Code::Int(n) => write!(f, "{n}"),
            Code::Str(s) => write!(f, "{s}"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct EnumValue {
    pub code: Code,
    pub name: String,
    pub description: String,
    pub description_zh: Option<String>,
    pub deprecated: bool,
    pub deprecation: Deprecation,
    /// The verbatim quote of the source documents that names this code,
    /// where the enum's does not.
    pub source: Option<String>,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub struct Struct {
    /// The type's name; a request body's is the operation's name in
    /// UpperCamelCase with `Request` (`BindEmailRequest`).
    pub name: String,
    /// The module named after the spec file that declares it (for shared
    /// types, one of [`Api::type_modules`]).
    pub module: String,
    pub description: String,
    pub description_zh: Option<String>,
    pub fields: Vec<Field>,
    /// Field names removed earlier that must not come back (types only).
    pub reserved: Vec<String>,
    /// Provenance and doubts for spec maintainers.
    pub notes: Vec<String>,
    /// Whether requests, responses or both carry it: from the operations
    /// for shared types, [`Sides::REQUEST`] for a request body.
    pub sides: Sides,
    /// Shared types: the services whose operations reach it (spec names),
    /// sorted. Empty for a request body.
    pub services: Vec<String>,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// Wire name.
    pub name: String,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
    pub description: String,
    pub description_zh: Option<String>,
    pub default: Option<Value>,
    pub sensitive: bool,
    pub constraints: Constraints,
    pub example: Option<Value>,
    pub deprecated: bool,
    pub deprecation: Deprecation,
    /// Provenance and doubts for spec maintainers.
    pub notes: Vec<String>,
    /// When the (optional, request) field is required after all.
    pub required_when: Option<Condition>,
    /// Constraints presumed but not documented: shown as assumptions,
    /// never checked (not in the wire schema).
    pub assumed: Constraints,
    /// The verbatim quote of the source documents that the field's rules
    /// rest on (provenance, like `notes`).
    pub source: Option<String>,
    pub pos: Pos,
}

/// The condition of a conditionally required request field.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// A test on a sibling field of the same request: servers enforce it.
    Sibling(RequiredWhen),
    /// A state outside the request (the customer's settings), in words:
    /// documented, not checked.
    State {
        text: String,
        text_zh: Option<String>,
    },
}

impl Condition {
    /// The condition as the spec writes it (`{"field": "type", "equals": 2}`),
    /// for `bizgen list --json` and OpenAPI's `x-bizgen-required-when`.
    pub fn to_json(&self) -> Value {
        let mut out = serde_json::Map::new();
        match self {
            Condition::State { text, text_zh } => {
                out.insert("state".into(), text.clone().into());
                if let Some(zh) = text_zh {
                    out.insert("stateZh".into(), zh.clone().into());
                }
            }
            Condition::Sibling(c) => {
                out.insert("field".into(), c.field.to_string().into());
                let codes: Vec<Value> = match &c.when {
                    When::Given | When::NotGiven => {
                        out.insert("given".into(), (c.when == When::Given).into());
                        Vec::new()
                    }
                    When::OneOf(EnumCodes::Int(codes)) => codes.iter().map(|&n| n.into()).collect(),
                    When::OneOf(EnumCodes::Str(codes)) => {
                        codes.iter().map(|s| s.to_string().into()).collect()
                    }
                };
                match codes.as_slice() {
                    [] => {}
                    [one] => {
                        out.insert("equals".into(), one.clone());
                    }
                    _ => {
                        out.insert("oneOf".into(), codes.into());
                    }
                }
            }
        }
        Value::Object(out)
    }

    /// The test servers enforce, if any.
    pub fn sibling(&self) -> Option<&RequiredWhen> {
        match self {
            Condition::Sibling(c) => Some(c),
            Condition::State { .. } => None,
        }
    }
}

impl std::fmt::Display for Condition {
    /// `` `type` is 2``, or the state's text.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Condition::Sibling(c) => c.fmt(f),
            Condition::State { text, .. } => f.write_str(text),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub format: Option<bizgen_runtime::schema::Format>,
    pub minimum: Option<i64>,
    pub maximum: Option<i64>,
    /// Enum fields: the codes taken, a subset of the enum's, in enum order.
    pub allowed: Option<Vec<Code>>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// A resolved type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ty {
    String,
    Int32,
    Int64,
    Bool,
    Decimal,
    Timestamp,
    Json,
    /// A named object type.
    Struct(String),
    /// A named enum.
    Enum(String),
    List(Box<Ty>),
    Map(Box<Ty>),
}

impl std::fmt::Display for Ty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Ty::String => f.write_str("string"),
            Ty::Int32 => f.write_str("int32"),
            Ty::Int64 => f.write_str("int64"),
            Ty::Bool => f.write_str("boolean"),
            Ty::Decimal => f.write_str("decimal"),
            Ty::Timestamp => f.write_str("timestamp"),
            Ty::Json => f.write_str("json"),
            Ty::Struct(n) | Ty::Enum(n) => f.write_str(n),
            Ty::List(t) => write!(f, "list<{t}>"),
            Ty::Map(t) => write!(f, "map<{t}>"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Service {
    pub name: String,
    pub qualified_name: String,
    pub description: String,
    pub description_zh: Option<String>,
    pub operations: Vec<Operation>,
}

#[derive(Debug, Clone)]
pub struct Operation {
    /// Wire name (last part of the bizType).
    pub name: String,
    pub service: String,
    pub biz_type: String,
    pub path: String,
    pub gateway: String,
    pub side: Side,
    pub access: Access,
    pub version: String,
    /// Every header of the operation, `token` included, by wire name.
    pub headers: Vec<HeaderUse>,
    pub summary: String,
    pub description: String,
    pub description_zh: Option<String>,
    pub summary_zh: Option<String>,
    /// Task group in the docs index.
    pub group: Option<String>,
    /// Provenance and doubts for spec maintainers.
    pub notes: Vec<String>,
    pub source: Option<String>,
    pub request: Struct,
    pub response: Response,
    pub errors: Vec<String>,
    pub examples: Vec<Example>,
    pub deprecated: bool,
    /// A pure query (`readOnly: true`): safe to call against a live gateway.
    pub read_only: bool,
    /// What the operation does to the client's session token.
    pub session: Session,
    /// How the operation pages (`paginate:`), if it returns one page of a list.
    pub paginate: Option<Pagination>,
    pub deprecation: Deprecation,
    pub pos: Pos,
}

/// An operation's effect on the session token of its side (C-side for
/// customer gateways, B-side for admin ones).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Session {
    #[default]
    Keeps,
    /// `data.<field>` (a string) is the new token (`setsToken`).
    Sets { field: String, pos: Pos },
    /// The token is void after the call (`clearsToken`).
    Clears,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HeaderUse {
    pub name: String,
    pub presence: Presence,
    /// Built-in (version, companyId, ...) or custom: where clients take the value.
    pub source: HeaderSource,
}

#[derive(Debug, Clone)]
pub struct Response {
    /// `None`: `data` is null on success.
    pub ty: Option<Ty>,
    pub nullable: bool,
    pub description: String,
    pub description_zh: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Example {
    pub name: String,
    pub kind: ExampleKind,
    pub source: Option<String>,
    pub description: String,
    pub description_zh: Option<String>,
    pub request: Option<Value>,
    pub response: Option<Value>,
    pub pos: Pos,
}

impl Api {
    pub fn find_struct(&self, name: &str) -> Option<&Struct> {
        self.types.iter().find(|t| t.name == name)
    }
    pub fn find_enum(&self, name: &str) -> Option<&Enum> {
        self.enums.iter().find(|e| e.name == name)
    }
    pub fn operations(&self) -> impl Iterator<Item = (&Service, &Operation)> {
        self.services
            .iter()
            .flat_map(|s| s.operations.iter().map(move |o| (s, o)))
    }
    pub fn find_error(&self, code: &str) -> Option<&ErrorCode> {
        self.errors.iter().find(|e| e.code == code)
    }
    /// Finds an operation by full path, or by bizType when that is unambiguous.
    pub fn find_operation(&self, key: &str) -> crate::Result<&Operation> {
        if let Some((_, op)) = self.operations().find(|(_, o)| o.path == key) {
            return Ok(op);
        }
        let matches: Vec<&Operation> = self
            .operations()
            .filter(|(_, o)| o.biz_type == key || o.name == key)
            .map(|(_, o)| o)
            .collect();
        match matches.as_slice() {
            [op] => Ok(op),
            [] => Err(crate::Error::UnknownOperation(key.to_owned())),
            many => Err(crate::Error::AmbiguousOperation {
                key: key.to_owned(),
                paths: many.iter().map(|o| o.path.clone()).collect(),
            }),
        }
    }
}
