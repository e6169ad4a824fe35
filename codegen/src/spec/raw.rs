//! The spec format as written in YAML: a direct serde model. Nothing here is
//! resolved; see `ir` for the checked, resolved form.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

use super::located::{Located, OrderedMap};
use crate::ir::{Access, EnumRepr, ExampleKind, Origin, Presence, Side};

/// One spec file. Every section is optional; the loader merges all files.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(title = "bizgen spec file")]
pub struct SpecFile {
    /// API-wide information; exactly one file must have it.
    pub api: Option<Located<ApiInfo>>,
    /// Gateways by name: path prefixes with their headers.
    #[serde(default)]
    pub gateways: OrderedMap<GatewayDef>,
    /// Every header used anywhere, by wire name.
    #[serde(default)]
    pub headers: OrderedMap<HeaderDef>,
    /// The response envelope, once for the whole API.
    pub envelope: Option<Located<EnvelopeDef>>,
    /// Error codes by code.
    #[serde(default)]
    pub errors: OrderedMap<ErrorDef>,
    /// Enumerations by name (UpperCamelCase).
    #[serde(default)]
    pub enums: OrderedMap<EnumDef>,
    /// Object types by name (UpperCamelCase).
    #[serde(default)]
    pub types: OrderedMap<TypeDef>,
    /// Services by name (UpperCamelCase); one may span several files.
    #[serde(default)]
    pub services: OrderedMap<ServiceDef>,
    /// The release history, newest first (`spec/releases.yaml`, written by
    /// `bizgen release`): what the changelogs are rendered from.
    pub releases: Option<Located<Vec<Located<ReleaseDef>>>>,
}

/// One release of the API: its version, day, tag and changes.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ReleaseDef {
    /// Its semantic version (`MAJOR.MINOR.PATCH`).
    pub version: Located<String>,
    /// The day it was cut (`YYYY-MM-DD`).
    pub date: Located<String>,
    /// The git tag of the released spec (`bizgen release` compares with it
    /// next time); default `v<version>`.
    pub tag: Option<String>,
    /// Its changelog entries, in order.
    #[serde(default)]
    pub changes: Vec<ChangeDef>,
}

/// One changelog entry, as `bizgen release` wrote it from a diff finding.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ChangeDef {
    /// Its Keep a Changelog section.
    pub section: crate::ir::ChangeSection,
    /// The diff rule that found it.
    pub rule: String,
    /// The operation's path.
    pub operation: Option<String>,
    /// The shared type or enum.
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    /// What inside it changed (`request.email`, an enum code, ...).
    pub path: Option<String>,
    /// Its docs page, relative to the docs root, as it was at release time.
    pub page: Option<String>,
    /// `wire` or `sdk` when it breaks existing clients or code built on the SDKs.
    pub breaking: Option<crate::ir::Breaking>,
    /// What changed, in one sentence.
    pub text: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ApiInfo {
    /// Crate-style name of the API, e.g. `customer-api`.
    pub name: Located<String>,
    pub title: String,
    /// `title` in Chinese.
    #[serde(default)]
    pub title_zh: Option<String>,
    /// The API's version (`MAJOR.MINOR.PATCH`): every package's version,
    /// stamped by `bizgen release`.
    pub version: Located<String>,
    /// Value of the `version` header that clients send (default:
    /// `version`). Give it to keep the header still while releases move.
    pub version_header: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_zh: Option<String>,
    /// Task groups of the docs index (in this order), by name: operations
    /// name theirs in `group`.
    #[serde(default)]
    pub groups: OrderedMap<GroupDef>,
    /// The docs' quick start: operations called in this order.
    #[serde(default)]
    pub quick_start: Vec<Located<QuickStepDef>>,
}

/// A task group of the docs index.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct GroupDef {
    pub title: String,
    pub title_zh: Option<String>,
}

/// One step of the docs' quick start.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct QuickStepDef {
    /// The operation: its name (bizType method) or its full path.
    pub operation: Located<String>,
    /// Which of its examples gives the request body (default: the first with one).
    pub example: Option<String>,
    /// JSON pointer into the answer of the token this step returns, e.g. `/data/token`.
    pub token_from: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct GatewayDef {
    /// Path prefix, starting and ending with `/`.
    pub prefix: Located<String>,
    pub side: Side,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_zh: Option<String>,
    /// Header presence for every operation on this gateway.
    #[serde(default)]
    pub headers: OrderedMap<Presence>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HeaderDef {
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_zh: Option<String>,
    #[serde(default)]
    pub example: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EnvelopeDef {
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_zh: Option<String>,
    /// The `code` of a successful response.
    pub success_code: String,
    /// Envelope fields other than `data`.
    pub fields: OrderedMap<FieldDef>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ErrorDef {
    pub message: String,
    /// `message` in Chinese (docs text; servers send `message`).
    #[serde(default)]
    pub message_zh: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_zh: Option<String>,
    pub origin: Origin,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EnumDef {
    #[serde(rename = "type")]
    pub repr: EnumRepr,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_zh: Option<String>,
    pub values: Vec<Located<EnumValueDef>>,
    /// The set of codes may grow (a response enum): clients must expect
    /// codes they do not know, and adding one is not a breaking change.
    #[serde(default)]
    pub extensible: bool,
    /// Codes removed earlier that must never come back with another meaning.
    #[serde(default)]
    pub reserved: Vec<Located<Value>>,
    /// The sentence of the source documents that lists the codes, quoted
    /// verbatim (a value may quote its own).
    pub source: Option<Located<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EnumValueDef {
    /// The wire code: an integer for `int32` enums, a string for `string` enums.
    pub value: Located<Value>,
    /// Rust variant name (UpperCamelCase).
    pub name: Located<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_zh: Option<String>,
    /// Still served, but going away.
    #[serde(default)]
    pub deprecated: bool,
    /// With `deprecated`: the last day it is served (YYYY-MM-DD).
    pub sunset: Option<Located<String>>,
    /// With `deprecated`: what to use instead.
    pub replacement: Option<String>,
    /// The sentence of the source documents that names this code, quoted
    /// verbatim, where the enum's `source` does not.
    pub source: Option<Located<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TypeDef {
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_zh: Option<String>,
    #[serde(default)]
    pub fields: OrderedMap<FieldDef>,
    /// Field names removed earlier that must never come back with another meaning.
    #[serde(default)]
    pub reserved: Vec<Located<String>>,
    /// Provenance and doubts, for spec maintainers (the docs' maintainers pages).
    #[serde(default)]
    pub notes: Vec<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct FieldDef {
    /// Type expression: string, int32, int64, boolean, decimal, timestamp,
    /// json, a type or enum name, list<T>, map<T>.
    #[serde(rename = "type")]
    pub ty: Located<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub nullable: bool,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_zh: Option<String>,
    pub default: Option<Located<Value>>,
    #[serde(default)]
    pub sensitive: bool,
    pub min_length: Option<Located<u64>>,
    pub max_length: Option<Located<u64>>,
    pub pattern: Option<Located<String>>,
    /// md5-hex | email | phone | country-code | lang | ip-list | json-text
    pub format: Option<Located<String>>,
    pub minimum: Option<Located<i64>>,
    pub maximum: Option<Located<i64>>,
    pub example: Option<Located<Value>>,
    /// Still served, but going away.
    #[serde(default)]
    pub deprecated: bool,
    /// With `deprecated`: the last day it is served (YYYY-MM-DD).
    pub sunset: Option<Located<String>>,
    /// With `deprecated`: what to use instead.
    pub replacement: Option<String>,
    /// Provenance and doubts, for spec maintainers (the docs' maintainers pages).
    #[serde(default)]
    pub notes: Vec<String>,
    /// Request fields only, not with `required: true`: the field is required
    /// when this condition holds.
    pub required_when: Option<Located<RequiredWhenDef>>,
    /// Enum fields: the codes this field takes, a subset of the enum's
    /// (checked by servers, like any constraint).
    pub allowed: Option<Located<Vec<Value>>>,
    /// Constraints the source documents do not state but that the field
    /// presumably has: shown as assumptions, never checked by servers.
    pub assumed: Option<Located<AssumedDef>>,
    /// The sentence of the source documents that the field's rules
    /// (`required`, `requiredWhen`, `default`, `allowed`) rest on, quoted
    /// verbatim; for spec maintainers (shown on the docs' maintainers pages).
    pub source: Option<Located<String>>,
}

/// Constraints taken as likely but not documented: the same keys as on a
/// field, rendered as assumptions and not checked by servers.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AssumedDef {
    pub min_length: Option<Located<u64>>,
    pub max_length: Option<Located<u64>>,
    pub pattern: Option<Located<String>>,
    /// md5-hex | email | phone | country-code | lang | ip-list | json-text
    pub format: Option<Located<String>>,
    pub minimum: Option<Located<i64>>,
    pub maximum: Option<Located<i64>>,
    /// Enum fields: the codes presumably taken.
    pub allowed: Option<Located<Vec<Value>>>,
}

/// When an optional request field is required: either a test on a sibling
/// field of the same request (`field` with one of `equals`, `oneOf` or
/// `given`), which servers check, or a `state` of the customer outside the
/// request, which is documented only.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RequiredWhenDef {
    /// The sibling request field that decides, by wire name.
    pub field: Option<Located<String>>,
    /// With `field`: the sibling has this value (an integer or string code).
    pub equals: Option<Located<Value>>,
    /// With `field`: the sibling has one of these values.
    pub one_of: Option<Located<Vec<Value>>>,
    /// With `field`: `true` when the sibling is given (present, not null, not
    /// ""), `false` when it is not.
    pub given: Option<Located<bool>>,
    /// A condition outside the request, in words ("the customer has enabled
    /// MFA"): documented, not checked.
    pub state: Option<Located<String>>,
    /// `state` in Chinese.
    pub state_zh: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ServiceDef {
    /// bizType prefix, e.g. `customer.app.CustomerWebApiService`.
    pub qualified_name: Option<Located<String>>,
    pub description: Option<String>,
    /// `description` in Chinese; must agree across files like `description`.
    pub description_zh: Option<String>,
    /// Default gateway of the operations.
    pub gateway: Option<Located<String>>,
    /// Default access level of the operations.
    pub access: Option<Access>,
    #[serde(default)]
    pub operations: OrderedMap<OperationDef>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct OperationDef {
    /// One line, English.
    pub summary: String,
    /// The same line in Chinese.
    #[serde(default)]
    pub summary_zh: Option<String>,
    /// Task group of the docs index (a name from `api.groups`).
    pub group: Option<Located<String>>,
    /// Provenance and doubts, for spec maintainers (the docs' maintainers pages).
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_zh: Option<String>,
    pub gateway: Option<Located<String>>,
    pub access: Option<Access>,
    /// Overrides `qualifiedName + "." + operation name`.
    pub biz_type: Option<Located<String>>,
    /// Overrides `gateway prefix + bizType`.
    pub path: Option<Located<String>>,
    /// Value of the `version` header; default `api.version`.
    pub version: Option<String>,
    /// Header presence, merged over the gateway's.
    #[serde(default)]
    pub headers: OrderedMap<Presence>,
    /// Where the seeds document this operation.
    #[serde(default)]
    pub source: Option<String>,
    /// Top-level request fields in wire order.
    #[serde(default)]
    pub request: OrderedMap<FieldDef>,
    /// Shape of the envelope's `data` on success.
    pub response: Located<ResponseDef>,
    /// Error codes this operation is known to return.
    #[serde(default)]
    pub errors: Vec<Located<String>>,
    #[serde(default)]
    pub examples: Vec<Located<ExampleDef>>,
    /// Still served, but going away.
    #[serde(default)]
    pub deprecated: bool,
    /// A pure query: calling it changes nothing on the server, so `bizgen
    /// probe` may call it against a live gateway.
    #[serde(default)]
    pub read_only: bool,
    /// The field of the response that is the session token this operation
    /// issues (`token` on `login`): generated clients store it and send it
    /// with later calls.
    #[serde(default)]
    pub sets_token: Option<Located<String>>,
    /// The operation ends the session (a logout): generated clients forget
    /// their token after it succeeds.
    #[serde(default)]
    pub clears_token: bool,
    /// The operation returns one page of a list: which request fields
    /// choose the page and which response fields hold its items and the
    /// total. Generated SDKs add an iterator over every item (`page_all`).
    pub paginate: Option<Located<PaginateDef>>,
    /// With `deprecated`: the last day it is served (YYYY-MM-DD).
    pub sunset: Option<Located<String>>,
    /// With `deprecated`: what to use instead.
    pub replacement: Option<String>,
}

/// How an operation pages: `paginate: {request: {page: current, size:
/// size}, response: {items: records, total: total}}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaginateDef {
    /// The request fields that choose the page.
    pub request: PageRequestDef,
    /// The fields of the response object (`data`) that hold the page.
    pub response: PageResponseDef,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageRequestDef {
    /// The integer field with the 1-based page number (e.g. `current`).
    pub page: Located<String>,
    /// The integer field with the number of items per page (e.g. `size`).
    pub size: Located<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageResponseDef {
    /// The list field with the page's items (e.g. `records`).
    pub items: Located<String>,
    /// The integer field with the number of items of all pages (e.g.
    /// `total`); without it, iterators stop at an empty or short page.
    #[serde(default)]
    pub total: Option<Located<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ResponseDef {
    /// `none` (data is null) or a type expression.
    #[serde(rename = "type")]
    pub ty: Located<String>,
    #[serde(default)]
    pub nullable: bool,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_zh: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ExampleDef {
    pub name: Located<String>,
    pub kind: ExampleKind,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_zh: Option<String>,
    /// Request body.
    pub request: Option<Located<Value>>,
    /// The whole response envelope.
    pub response: Option<Located<Value>>,
}
