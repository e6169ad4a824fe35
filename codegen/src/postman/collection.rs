//! Postman collection (format v2.1) and environment files as serde types:
//! only the parts bizgen writes.

use serde::Serialize;

/// The schema URL that marks a v2.1 collection.
pub const SCHEMA_V2_1: &str =
    "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

#[derive(Debug, Serialize)]
pub struct Collection {
    pub info: Info,
    pub item: Vec<Folder>,
    pub event: Vec<Event>,
    pub variable: Vec<Variable>,
}

#[derive(Debug, Serialize)]
pub struct Info {
    pub name: String,
    pub description: String,
    pub schema: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Folder {
    pub name: String,
    pub description: String,
    pub item: Vec<Item>,
}

#[derive(Debug, Serialize)]
pub struct Item {
    pub name: String,
    pub request: Request,
    pub event: Vec<Event>,
}

#[derive(Debug, Serialize)]
pub struct Request {
    pub method: &'static str,
    pub header: Vec<Header>,
    pub body: Body,
    pub url: Url,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct Header {
    pub key: String,
    pub value: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct Body {
    pub mode: &'static str,
    pub raw: String,
    pub options: BodyOptions,
}

#[derive(Debug, Serialize)]
pub struct BodyOptions {
    pub raw: RawOptions,
}

#[derive(Debug, Serialize)]
pub struct RawOptions {
    pub language: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Url {
    pub raw: String,
    pub host: Vec<String>,
    pub path: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Event {
    pub listen: &'static str,
    pub script: Script,
}

#[derive(Debug, Serialize)]
pub struct Script {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub exec: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Variable {
    pub key: String,
    pub value: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Environment {
    pub name: String,
    pub values: Vec<EnvironmentValue>,
    #[serde(rename = "_postman_variable_scope")]
    pub scope: &'static str,
}

#[derive(Debug, Serialize)]
pub struct EnvironmentValue {
    pub key: String,
    pub value: String,
    /// `default` or `secret`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub enabled: bool,
}
