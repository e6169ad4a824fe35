//! Rust source for a request example, as a user of the generated crate
//! writes it: `LoginRequest::new(required...)` and one `.with_*(..)` per
//! optional field the example sets, never JSON parsing (which needs the
//! crate's `serde` feature). For the docs' code.

use std::collections::BTreeSet;

use serde_json::Value;

use super::names::{self, RustNames};
use crate::ir::{Api, Code, Operation, Service, Ty};

/// A request expression and the `use` lines it needs.
#[derive(Debug, Default)]
pub struct RequestSource {
    /// `LoginRequest::new(LoginType::Phone, ...)\n    .with_phone_area("+86")`.
    pub expr: String,
    /// Paths to import, crate-relative (`customer_web_api_service::LoginRequest`,
    /// `types::LoginType`).
    pub imports: BTreeSet<String>,
}

/// The request of `op` with the fields of `body` (a request example), the
/// required fields it lacks taken from a sample body. `None` when a value
/// has no constructor-only spelling (a nested object, a list, a map, JSON,
/// a decimal): the caller shows no Rust for it rather than a wrong one.
pub fn request_source(
    api: &Api,
    names: &RustNames,
    service: &Service,
    op: &Operation,
    body: &Value,
) -> Option<RequestSource> {
    let service_names = names.service_named(&service.name)?;
    let op_names = service_names.operation(service, op)?;
    let mut out = RequestSource::default();
    out.imports
        .insert(format!("{}::{}", service_names.module, op_names.request));
    let sample = crate::facts::sample::request_body(api, op);
    let field_names = names::fields(&op.request);
    let mut args = Vec::new();
    let mut setters = Vec::new();
    for (f, rust) in op.request.fields.iter().zip(&field_names) {
        let required = f.required && !f.nullable;
        let value = match body.get(&f.name) {
            Some(v) if !v.is_null() => v,
            _ if required => sample.get(&f.name)?,
            _ => continue,
        };
        let source = value_source(api, names, &f.ty, value, &mut out.imports)?;
        if required {
            args.push(source);
        } else {
            setters.push(format!(".with_{}({source})", rust.trim_start_matches("r#")));
        }
    }
    out.expr = format!("{}::new({})", op_names.request, args.join(", "));
    for setter in setters {
        out.expr.push_str("\n    ");
        out.expr.push_str(&setter);
    }
    Some(out)
}

/// A value that converts `Into` the field's type: a literal or an enum
/// variant.
fn value_source(
    api: &Api,
    names: &RustNames,
    ty: &Ty,
    v: &Value,
    imports: &mut BTreeSet<String>,
) -> Option<String> {
    match (ty, v) {
        (Ty::String, Value::String(s)) => Some(string_literal(s)),
        (Ty::Bool, Value::Bool(b)) => Some(b.to_string()),
        (Ty::Int32 | Ty::Int64, Value::Number(n)) if n.is_i64() => Some(n.to_string()),
        (Ty::Int32 | Ty::Int64, Value::String(s)) if s.parse::<i64>().is_ok() => Some(s.clone()),
        (Ty::Timestamp, Value::Number(n)) if n.is_i64() => {
            imports.insert("runtime::EpochMillis".to_owned());
            Some(format!("EpochMillis({n})"))
        }
        (Ty::Enum(name), _) => {
            let e = api.find_enum(name)?;
            let type_name = names.ty(name)?;
            let index = e.values.iter().position(|value| match &value.code {
                Code::Int(n) => v.as_i64() == Some(*n),
                Code::Str(s) => v.as_str() == Some(s.as_str()),
            })?;
            let variant = names::variants(e).into_iter().nth(index)?;
            imports.insert(format!("types::{}", type_name.ident));
            Some(format!("{}::{variant}", type_name.ident))
        }
        _ => None,
    }
}

/// A Rust string literal (`"a\"b"`).
fn string_literal(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::string_literal;

    #[test]
    fn string_literals_escape_quotes_backslashes_and_controls() {
        assert_eq!(string_literal("a\"b\\c\n\u{1}"), r#""a\"b\\c\n\u{1}""#);
        assert_eq!(string_literal("中文"), "\"中文\"");
    }
}
