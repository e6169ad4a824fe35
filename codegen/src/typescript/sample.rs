//! The TypeScript code sample of an operation: a typed call on the
//! generated client with the request example as an object literal (int64
//! values as `bigint`, enum values as the enum's members), then the answer
//! printed. An ES module with top-level `await`.

use std::collections::BTreeSet;

use askama::Template;
use serde_json::Value;

use super::names::{is_identifier, property, string_literal, type_name, Names};
use crate::facts::{mock, Facts};
use crate::ir::{Access, Api, Code, HeaderSource, Operation, Service, Ty};
use crate::target::CodeSample;

#[derive(Template)]
#[template(path = "ts/sample.ts", escape = "none")]
struct SampleFile {
    imports: Vec<String>,
    package: String,
    options: Vec<String>,
    returns: bool,
    call: String,
}

/// Writes the TypeScript samples of one API with its TypeScript names.
#[derive(Debug)]
pub struct Sampler {
    names: Names,
}

impl Sampler {
    pub fn new(api: &Api) -> Sampler {
        Sampler {
            names: Names::new(api),
        }
    }
}

impl crate::target::Sampler for Sampler {
    fn sample<'a>(
        &self,
        facts: &Facts<'a>,
        service: &'a Service,
        op: &'a Operation,
        _lang: crate::lang::Lang,
    ) -> crate::Result<CodeSample> {
        let api = facts.api;
        let example = facts.request_example(op);
        let body = example.body.as_ref();
        let mut values = Values {
            api,
            enums: BTreeSet::new(),
        };
        let request = values.request(op, body);
        let mut options = vec![
            format!("baseUrl: {}", string_literal(&mock::base_url())),
            format!(
                "companyId: {}",
                string_literal(&crate::facts::example::company_id(api))
            ),
        ];
        match op.access {
            Access::Guest => {}
            Access::Admin => {
                options.push(format!("adminToken: {}", string_literal(mock::ADMIN_TOKEN)))
            }
            Access::Login | Access::Optional => {
                options.push(format!("token: {}", string_literal(mock::TOKEN)));
            }
        }
        // `X-Forwarded-For` is an option of its own; the spec's custom
        // headers go in the `headers` option, by name.
        let headers = crate::facts::headers::client_headers(api, op);
        let mut custom = Vec::new();
        for h in &headers {
            match h.source {
                HeaderSource::ForwardedFor => {
                    options.push(format!("forwardedFor: {}", string_literal(h.value)))
                }
                _ => custom.push(format!("{}: {}", property(h.name), string_literal(h.value))),
            }
        }
        if !custom.is_empty() {
            options.push(format!("headers: {{ {} }}", custom.join(", ")));
        }
        let method = if is_identifier(&op.name) && op.name != "constructor" {
            format!(".{}", op.name)
        } else {
            format!("[{}]", string_literal(&op.name))
        };
        let mut imports = vec!["Client".to_owned()];
        imports.extend(values.enums);
        let file = SampleFile {
            imports,
            package: string_literal(&api.name),
            options,
            returns: op.response.ty.is_some(),
            call: format!("client.{}{method}({request})", self.names.service(service)),
        };
        let source = crate::target::rendered_text("typescript", "ts/sample.ts", file.render())?;
        Ok(CodeSample {
            lang: "TypeScript",
            label: "TypeScript",
            fence: "ts",
            source,
        })
    }
}

/// Renders values as TypeScript and remembers the enums they name.
struct Values<'v> {
    api: &'v Api,
    enums: BTreeSet<String>,
}

impl Values<'_> {
    /// The request object: one member a line; the required fields the
    /// example lacks taken from a sample body.
    fn request(&mut self, op: &Operation, body: &Value) -> String {
        let sample = crate::facts::sample::request_body(self.api, op);
        let members: Vec<String> = op
            .request
            .fields
            .iter()
            .filter_map(|f| {
                let value = match body.get(&f.name) {
                    Some(v) if !v.is_null() || f.nullable => v,
                    _ if f.required => sample.get(&f.name)?,
                    _ => return None,
                };
                Some(format!(
                    "  {}: {},",
                    property(&f.name),
                    self.value(&f.ty, value)
                ))
            })
            .collect();
        if members.is_empty() {
            "{}".into()
        } else {
            format!("{{\n{}\n}}", members.join("\n"))
        }
    }

    fn value(&mut self, ty: &Ty, v: &Value) -> String {
        if v.is_null() {
            return "null".into();
        }
        match ty {
            Ty::String | Ty::Decimal => match v {
                Value::String(s) => string_literal(s),
                other => string_literal(&other.to_string()),
            },
            Ty::Int64 => match v {
                Value::String(s) => format!("{s}n"),
                other => format!("{other}n"),
            },
            Ty::Int32 | Ty::Timestamp => match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            },
            Ty::Bool | Ty::Json => v.to_string(),
            Ty::Enum(name) => self.enum_value(name, v),
            Ty::Struct(name) => match (self.api.find_struct(name), v.as_object()) {
                (Some(s), Some(map)) => {
                    let members: Vec<String> = s
                        .fields
                        .iter()
                        .filter_map(|f| {
                            let value = map.get(&f.name)?;
                            (!value.is_null() || f.nullable).then(|| {
                                format!("{}: {}", property(&f.name), self.value(&f.ty, value))
                            })
                        })
                        .collect();
                    object(&members)
                }
                _ => v.to_string(),
            },
            Ty::List(item) => match v.as_array() {
                Some(items) => {
                    let items: Vec<String> = items.iter().map(|i| self.value(item, i)).collect();
                    format!("[{}]", items.join(", "))
                }
                None => v.to_string(),
            },
            Ty::Map(item) => match v.as_object() {
                Some(map) => {
                    let members: Vec<String> = map
                        .iter()
                        .map(|(k, i)| format!("{}: {}", property(k), self.value(item, i)))
                        .collect();
                    object(&members)
                }
                None => v.to_string(),
            },
        }
    }

    /// `LoginType.Phone`: the member with the value's code, else the code.
    fn enum_value(&mut self, name: &str, v: &Value) -> String {
        let Some(e) = self.api.find_enum(name) else {
            return v.to_string();
        };
        let found = e.values.iter().find(|value| match &value.code {
            Code::Int(n) => v.as_i64() == Some(*n),
            Code::Str(s) => v.as_str() == Some(s.as_str()),
        });
        let Some(member) = found else {
            return v.to_string();
        };
        let ty = type_name(&e.name);
        self.enums.insert(ty.clone());
        if is_identifier(&member.name) {
            format!("{ty}.{}", member.name)
        } else {
            format!("{ty}[{}]", string_literal(&member.name))
        }
    }
}

/// `{ a: 1, b: "x" }`, or `{}`.
fn object(members: &[String]) -> String {
    if members.is_empty() {
        "{}".into()
    } else {
        format!("{{ {} }}", members.join(", "))
    }
}
