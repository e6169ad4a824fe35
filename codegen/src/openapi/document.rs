//! The OpenAPI document as serde types: only the parts bizgen writes, with
//! fields in the order the specification lists them, so that the JSON reads
//! like a hand-written document and is byte-stable.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

/// A JSON object whose keys keep the order they were pushed in (properties in
/// wire order); serde would sort a `BTreeMap`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ordered<T>(pub Vec<(String, T)>);

impl<T> Ordered<T> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A JSON object whose values are built one at a time while it is written,
/// and dropped right after: a 5,000-operation document is never whole in
/// memory. Keys are written in the order given (sorted by the caller).
pub struct Lazy<'a, V>(pub Vec<(String, Box<dyn Fn() -> V + 'a>)>);

impl<V> Lazy<'_, V> {
    /// The entries' keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
}

impl<V: Serialize> Serialize for Lazy<'_, V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, value) in &self.0 {
            map.serialize_entry(k, &value())?;
        }
        map.end()
    }
}

impl<V> std::fmt::Debug for Lazy<'_, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.keys()).finish()
    }
}

#[derive(Debug, Serialize)]
pub struct Document<'a> {
    pub openapi: &'static str,
    pub info: Info,
    pub servers: Vec<Server>,
    pub tags: Vec<Tag>,
    pub paths: Lazy<'a, PathItem>,
    pub components: Components<'a>,
}

#[derive(Debug, Serialize)]
pub struct Info {
    pub title: String,
    pub version: String,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct Server {
    pub url: String,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct Tag {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct PathItem {
    pub post: Operation,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    pub tags: Vec<String>,
    pub summary: String,
    pub description: String,
    pub operation_id: String,
    pub parameters: Vec<Parameter>,
    pub request_body: RequestBody,
    pub responses: BTreeMap<String, Response>,
    /// `[]` for guest operations, `[{}, {customerToken: []}]` for optional ones.
    pub security: Vec<BTreeMap<String, Vec<String>>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    #[serde(rename = "x-description-zh", skip_serializing_if = "Option::is_none")]
    pub description_zh: Option<String>,
    #[serde(rename = "x-bizgen-biz-type")]
    pub biz_type: String,
    #[serde(rename = "x-bizgen-access")]
    pub access: &'static str,
    /// The spec's `readOnly`: a pure query, which `bizgen probe` calls.
    #[serde(
        rename = "x-bizgen-read-only",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub read_only: bool,
    #[serde(rename = "x-bizgen-errors", skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
    /// How to call it in each language (Redoc-style renderers show them
    /// as tabs): the docs' code samples, the same text.
    #[serde(rename = "x-codeSamples", skip_serializing_if = "Vec::is_empty")]
    pub code_samples: Vec<CodeSampleObject>,
}

/// One entry of `x-codeSamples`.
#[derive(Debug, Clone, Serialize)]
pub struct CodeSampleObject {
    pub lang: &'static str,
    pub label: &'static str,
    pub source: String,
}

#[derive(Debug, Serialize)]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "in")]
    pub location: &'static str,
    pub description: String,
    pub required: bool,
    pub schema: SchemaObject,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    #[serde(rename = "x-description-zh", skip_serializing_if = "Option::is_none")]
    pub description_zh: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct RequestBody {
    pub description: String,
    pub required: bool,
    pub content: BTreeMap<String, MediaType>,
}

#[derive(Debug, Serialize)]
pub struct Response {
    pub description: String,
    pub content: BTreeMap<String, MediaType>,
}

#[derive(Debug, Serialize)]
pub struct MediaType {
    pub schema: SchemaObject,
    /// In the order tools show them: a request's first is the operation's
    /// request example (the one the docs and Postman send too).
    #[serde(skip_serializing_if = "Ordered::is_empty")]
    pub examples: Ordered<Example>,
}

#[derive(Debug, Serialize)]
pub struct Example {
    pub summary: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub value: Value,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Components<'a> {
    pub schemas: Lazy<'a, SchemaObject>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub security_schemes: BTreeMap<String, SecurityScheme>,
}

#[derive(Debug, Serialize)]
pub struct SecurityScheme {
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(rename = "in")]
    pub location: &'static str,
    pub name: String,
    pub description: String,
    #[serde(rename = "x-bizgen-access")]
    pub access: &'static str,
}

/// `type`: one name, or (3.1) a list such as `["string", "null"]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Types {
    One(&'static str),
    Many(Vec<&'static str>),
}

/// A Schema Object (the subset bizgen uses, for 3.0 and 3.1 alike; the
/// emitter leaves out what a version does not know).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemaObject {
    #[serde(rename = "$ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub types: Option<Types>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// 3.0 only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nullable: Option<bool>,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    pub enum_values: Option<Vec<Value>>,
    /// 3.1 only.
    #[serde(rename = "const", skip_serializing_if = "Option::is_none")]
    pub constant: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<i64>,
    /// 3.1 only: `application/json` for strings that hold JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_media_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<SchemaObject>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Ordered<SchemaObject>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_properties: Option<Box<SchemaObject>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub all_of: Option<Vec<SchemaObject>>,
    /// 3.1 only: `if`/`then` of a conditional requirement, `not` of a negated condition.
    #[serde(rename = "if", skip_serializing_if = "Option::is_none")]
    pub if_: Option<Box<SchemaObject>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub then: Option<Box<SchemaObject>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not: Option<Box<SchemaObject>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub any_of: Option<Vec<SchemaObject>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<SchemaObject>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// 3.0 only (3.1 uses `examples`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub examples: Option<Vec<Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub write_only: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<bool>,
    #[serde(rename = "x-bizgen-type", skip_serializing_if = "Option::is_none")]
    pub bizgen_type: Option<&'static str>,
    #[serde(rename = "x-sensitive", skip_serializing_if = "Option::is_none")]
    pub sensitive: Option<bool>,
    #[serde(rename = "x-enum-varnames", skip_serializing_if = "Option::is_none")]
    pub enum_varnames: Option<Vec<String>>,
    #[serde(
        rename = "x-enum-descriptions",
        skip_serializing_if = "Option::is_none"
    )]
    pub enum_descriptions: Option<Vec<String>>,
    #[serde(rename = "x-description-zh", skip_serializing_if = "Option::is_none")]
    pub description_zh: Option<String>,
    /// A conditionally required property: the spec's `requiredWhen`.
    #[serde(
        rename = "x-bizgen-required-when",
        skip_serializing_if = "Option::is_none"
    )]
    pub required_when: Option<Value>,
    /// Constraints the spec marks `assumed`: presumed, not checked by
    /// servers (so not stated as JSON Schema keywords).
    #[serde(rename = "x-bizgen-assumed", skip_serializing_if = "Option::is_none")]
    pub assumed: Option<Value>,
}

impl SchemaObject {
    /// A `$ref` to `#/components/schemas/{name}`.
    pub fn component(name: &str) -> SchemaObject {
        SchemaObject {
            reference: Some(format!("#/components/schemas/{name}")),
            ..SchemaObject::default()
        }
    }

    pub fn of_type(t: &'static str) -> SchemaObject {
        SchemaObject {
            types: Some(Types::One(t)),
            ..SchemaObject::default()
        }
    }

    /// Only a `$ref`: 3.0 ignores anything beside it.
    pub fn is_bare_ref(&self) -> bool {
        self.reference.is_some() && *self == SchemaObject::component_of(self)
    }

    fn component_of(s: &SchemaObject) -> SchemaObject {
        SchemaObject {
            reference: s.reference.clone(),
            ..SchemaObject::default()
        }
    }
}
