//! The one IR → schema mapping: the wire shape of every type, field,
//! request, response and envelope of the IR as runtime [`Schema`] values.
//!
//! Everything that describes or checks shapes starts here: the tool's
//! validation (`bizgen validate`, spec examples), the schemas compiled into
//! generated crates (the Rust emitter spells these values as tokens, see
//! `rust::schema`; `tests/tests/schemas.rs` proves them equal), and the
//! OpenAPI and TypeScript emitters. Named objects and enums are expanded in
//! place ([`Schema::Object`], [`Schema::Enum`] carry their names, so a
//! consumer can still refer to them by name).
//!
//! - shapes: [`ty_schema`], [`field_schema`], [`struct_schema`],
//!   [`enum_schema`], [`request_schema`], [`data_schema`], [`envelope_schema`];
//! - checks: [`check_request`], [`check_response`], [`check_example`].

use std::borrow::Cow;

use bizgen_runtime::schema::{
    EnumCodes, EnumSchema, FieldSchema, IntRules, Node, ObjectSchema, Schema, StringRules,
};
use bizgen_runtime::validate::{validate, Options, Violation};
use serde_json::Value;

use crate::ir::{Api, Code, Condition, Constraints, Enum, Example, Field, Operation, Struct, Ty};

/// The schema of a type, with a field's constraints applied at the top level.
pub fn ty_schema(api: &Api, ty: &Ty, c: &Constraints) -> Schema {
    match ty {
        Ty::String => Schema::String(StringRules {
            min_length: c.min_length,
            max_length: c.max_length,
            pattern: c.pattern.clone().map(Cow::Owned),
            format: c.format,
        }),
        Ty::Int32 => Schema::Int32(IntRules {
            minimum: c.minimum,
            maximum: c.maximum,
        }),
        Ty::Int64 => Schema::Int64(IntRules {
            minimum: c.minimum,
            maximum: c.maximum,
        }),
        Ty::Bool => Schema::Bool,
        Ty::Decimal => Schema::Decimal,
        Ty::Timestamp => Schema::Timestamp,
        Ty::Json => Schema::Json,
        Ty::Struct(name) => match api.find_struct(name) {
            Some(s) => Schema::Object(Cow::Owned(struct_schema(api, s))),
            // The loader reports unknown names; keep validation total anyway.
            None => Schema::Json,
        },
        Ty::Enum(name) => match api.find_enum(name) {
            // `allowed`: the enum's name, only the codes the field takes.
            Some(e) => Schema::Enum(Cow::Owned(match &c.allowed {
                Some(allowed) => EnumSchema {
                    name: Cow::Owned(e.name.clone()),
                    codes: enum_codes(
                        e.values
                            .iter()
                            .map(|v| &v.code)
                            .filter(|code| allowed.contains(code)),
                    ),
                },
                None => enum_schema(e),
            })),
            None => Schema::Json,
        },
        Ty::List(t) => Schema::List(Node::new(ty_schema(api, t, &Constraints::default()))),
        Ty::Map(t) => Schema::Map(Node::new(ty_schema(api, t, &Constraints::default()))),
    }
}

/// An enum: its name and wire codes (integers for `int32` enums).
pub fn enum_schema(e: &Enum) -> EnumSchema {
    EnumSchema {
        name: Cow::Owned(e.name.clone()),
        codes: enum_codes(e.values.iter().map(|v| &v.code)),
    }
}

fn enum_codes<'a>(codes: impl Iterator<Item = &'a Code>) -> EnumCodes {
    let codes: Vec<&Code> = codes.collect();
    if codes.iter().all(|c| matches!(c, Code::Int(_))) {
        EnumCodes::Int(Cow::Owned(
            codes
                .iter()
                .filter_map(|c| match c {
                    Code::Int(i) => Some(*i),
                    _ => None,
                })
                .collect(),
        ))
    } else {
        EnumCodes::Str(Cow::Owned(
            codes.iter().map(|c| Cow::Owned(c.to_string())).collect(),
        ))
    }
}

/// The schema of a field's value: its type with its constraints, `null`
/// accepted when it is nullable. (Whether it may be absent is
/// the `required` flag and `required_when` condition of [`FieldSchema`],
/// see [`struct_schema`].)
pub fn field_schema(api: &Api, f: &Field) -> Schema {
    let s = ty_schema(api, &f.ty, &f.constraints);
    if f.nullable {
        Schema::Nullable(Node::new(s))
    } else {
        s
    }
}

/// An object type (or request body): its fields in spec order, named by
/// their wire names.
pub fn struct_schema(api: &Api, s: &Struct) -> ObjectSchema {
    ObjectSchema {
        name: Cow::Owned(s.name.clone()),
        fields: Cow::Owned(
            s.fields
                .iter()
                .map(|f| FieldSchema {
                    name: Cow::Owned(f.name.clone()),
                    required: f.required,
                    required_when: f
                        .required_when
                        .as_ref()
                        .and_then(Condition::sibling)
                        .cloned(),
                    schema: field_schema(api, f),
                })
                .collect(),
        ),
    }
}

/// The request body of an operation.
pub fn request_schema(api: &Api, op: &Operation) -> Schema {
    Schema::Object(Cow::Owned(struct_schema(api, &op.request)))
}

/// `data` of a successful response.
pub fn data_schema(api: &Api, op: &Operation) -> Schema {
    match &op.response.ty {
        // `none`: null, or an empty object as some gateways send.
        None => Schema::Nullable(Node::new(Schema::Object(Cow::Owned(ObjectSchema {
            name: Cow::Borrowed("empty object"),
            fields: Cow::Owned(Vec::new()),
        })))),
        Some(ty) => {
            let s = ty_schema(api, ty, &Constraints::default());
            if op.response.nullable {
                Schema::Nullable(Node::new(s))
            } else {
                s
            }
        }
    }
}

/// The whole envelope, with `data` of the given schema.
pub fn envelope_schema(api: &Api, data: Schema) -> Schema {
    let mut fields: Vec<FieldSchema> = api
        .envelope
        .fields
        .iter()
        .map(|f| FieldSchema {
            name: Cow::Owned(f.name.clone()),
            required: f.required,
            required_when: None,
            schema: field_schema(api, f),
        })
        .collect();
    fields.push(FieldSchema::optional("data", data));
    Schema::Object(Cow::Owned(ObjectSchema {
        name: Cow::Borrowed("envelope"),
        fields: Cow::Owned(fields),
    }))
}

/// Validates a request body.
pub fn check_request(api: &Api, op: &Operation, body: &Value, strict: bool) -> Vec<Violation> {
    validate(body, &request_schema(api, op), Options { strict })
}

/// Validates a whole response envelope: a success against the operation's
/// `data` shape, an error envelope (`ok: false`) against the error shape.
pub fn check_response(api: &Api, op: &Operation, envelope: &Value, strict: bool) -> Vec<Violation> {
    let ok = envelope.get("ok").and_then(Value::as_bool);
    let data = match ok {
        // Error envelopes carry anything in `data`, often the bizType, often null.
        Some(false) => Schema::Nullable(Node::new(Schema::Json)),
        _ => data_schema(api, op),
    };
    let mut out = validate(envelope, &envelope_schema(api, data), Options { strict });
    let fail = envelope.get("fail").and_then(Value::as_bool);
    if let (Some(ok), Some(fail)) = (ok, fail) {
        if ok == fail {
            out.push(Violation {
                pointer: "/fail".into(),
                reason: format!("`fail` must be the opposite of `ok` ({ok})"),
            });
        }
    }
    if let (Some(ok), Some(code)) = (ok, envelope.get("code").and_then(Value::as_str)) {
        let success = code == api.envelope.success_code;
        if ok && !success {
            out.push(Violation {
                pointer: "/code".into(),
                reason: format!(
                    "a successful envelope has code {:?}, got {code:?}",
                    api.envelope.success_code
                ),
            });
        } else if !ok && success {
            out.push(Violation {
                pointer: "/code".into(),
                reason: format!("an error envelope cannot have the success code {code:?}"),
            });
        }
    }
    out
}

/// Every way in which an example breaks its operation's schemas (strict:
/// an example may not carry fields the spec does not declare).
pub fn check_example(api: &Api, op: &Operation, ex: &Example) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(req) = &ex.request {
        out.extend(
            check_request(api, op, req, true)
                .into_iter()
                .map(|v| format!("request {v}")),
        );
    }
    if let Some(resp) = &ex.response {
        out.extend(
            check_response(api, op, resp, true)
                .into_iter()
                .map(|v| format!("response {v}")),
        );
        if resp.get("ok").and_then(Value::as_bool) == Some(false) {
            if let Some(code) = resp.get("code").and_then(Value::as_str) {
                if !op.errors.iter().any(|e| e == code) {
                    out.push(format!("response has error code {code} which the operation's `errors` does not list"));
                }
            }
        }
    }
    out
}
