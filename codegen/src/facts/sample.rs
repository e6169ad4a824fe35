//! The one sample-value generator: an illustrative JSON value for any IR
//! type, field, request or envelope, for where the spec has no example.
//! A value it builds passes the server's checks: strings meet their
//! format, pattern and lengths, numbers their bounds, enums take their
//! first code.

use serde_json::{json, Map, Value};

use bizgen_runtime::schema::Format;

use crate::ir::{Api, Code, Constraints, Field, Operation, Ty};

/// Types may not be recursive, but keep the recursion bounded anyway.
const MAX_DEPTH: usize = 8;

/// A request body with every field: its example, else its default, else a
/// value of its type.
pub fn request_body(api: &Api, op: &Operation) -> Value {
    object(api, &op.request.fields, 0)
}

/// A success envelope whose `data` is a value of the response type.
pub fn success_envelope(api: &Api, op: &Operation) -> Value {
    let data = match &op.response.ty {
        None => Value::Null,
        Some(ty) => value(api, ty, &Constraints::default(), 0),
    };
    envelope(api, &api.envelope.success_code, data)
}

/// An envelope with `code`: `ok`/`fail` from whether it is the success
/// code, every other field its example or a sample, and `data`.
pub fn envelope(api: &Api, code: &str, data: Value) -> Value {
    let ok = code == api.envelope.success_code;
    let mut map = Map::new();
    for f in &api.envelope.fields {
        let v = match f.name.as_str() {
            "code" => Value::String(code.to_owned()),
            "ok" => Value::Bool(ok),
            "fail" => Value::Bool(!ok),
            _ => field(api, f, 0),
        };
        map.insert(f.name.clone(), v);
    }
    map.insert("data".into(), data);
    Value::Object(map)
}

/// A value of `ty` (a named type through its fields).
pub fn of_type(api: &Api, ty: &Ty) -> Value {
    value(api, ty, &Constraints::default(), 0)
}

fn object(api: &Api, fields: &[Field], depth: usize) -> Value {
    Value::Object(
        fields
            .iter()
            .map(|f| (f.name.clone(), field(api, f, depth)))
            .collect(),
    )
}

fn field(api: &Api, f: &Field, depth: usize) -> Value {
    if let Some(v) = f.example.as_ref().or(f.default.as_ref()) {
        return v.clone();
    }
    if f.nullable && !f.required {
        return Value::Null;
    }
    // A sample also keeps to what is only assumed: it reads as a likely value.
    value(api, &f.ty, &f.constraints.or(&f.assumed), depth)
}

fn value(api: &Api, ty: &Ty, c: &Constraints, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match ty {
        Ty::String => Value::String(string_value(c)),
        Ty::Int32 | Ty::Int64 => json!(c.minimum.or(c.maximum.map(|m| m.min(1))).unwrap_or(1)),
        Ty::Bool => Value::Bool(true),
        Ty::Decimal => Value::String("1.00".into()),
        Ty::Timestamp => json!(1_700_000_000_000_i64),
        Ty::Json => json!({}),
        Ty::Struct(name) => match api.find_struct(name) {
            Some(s) => object(api, &s.fields, depth + 1),
            None => json!({}),
        },
        Ty::Enum(name) => match api.find_enum(name).and_then(|e| {
            e.values
                .iter()
                .find(|v| c.allowed.as_ref().is_none_or(|a| a.contains(&v.code)))
        }) {
            Some(v) => match &v.code {
                Code::Int(i) => json!(i),
                Code::Str(s) => Value::String(s.clone()),
            },
            None => Value::Null,
        },
        Ty::List(t) => Value::Array(vec![value(api, t, &Constraints::default(), depth + 1)]),
        Ty::Map(t) => json!({ "key": value(api, t, &Constraints::default(), depth + 1) }),
    }
}

fn string_value(c: &Constraints) -> String {
    let base = match c.format {
        Some(Format::Md5Hex) => "5f4dcc3b5aa765d61d8327deb882cf99",
        Some(Format::Email) => "user@example.com",
        Some(Format::Phone) => "13800000000",
        Some(Format::CountryCode) => "US",
        Some(Format::Lang) => "en-US",
        Some(Format::IpList) => "203.0.113.7",
        Some(Format::JsonText) => "{}",
        None => "string",
    };
    if let Some(p) = c.pattern.as_deref().and_then(matching_string) {
        return p;
    }
    let mut s = base.to_owned();
    if let Some(min) = c.min_length {
        while (s.chars().count() as u64) < min {
            s.push('x');
        }
    }
    if let Some(max) = c.max_length {
        s = s.chars().take(max as usize).collect();
    }
    s
}

/// A short string that `pattern` matches: the first alternative, the least
/// repetitions, a plain character of each class. `None` when that fails.
fn matching_string(pattern: &str) -> Option<String> {
    use regex_syntax::hir::{Class, Hir, HirKind};
    fn walk(h: &Hir, out: &mut String) -> Option<()> {
        match h.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(l) => out.push_str(std::str::from_utf8(&l.0).ok()?),
            HirKind::Class(Class::Unicode(c)) => {
                let preferred = ['a', '0', 'A', 'x', '1', '-', '.'];
                let pick = preferred
                    .into_iter()
                    .find(|p| c.ranges().iter().any(|r| r.start() <= *p && *p <= r.end()))
                    .or_else(|| c.ranges().first().map(|r| r.start()))?;
                out.push(pick);
            }
            HirKind::Class(Class::Bytes(_)) => return None,
            HirKind::Repetition(r) => {
                for _ in 0..r.min.min(64) {
                    walk(&r.sub, out)?;
                }
            }
            HirKind::Capture(c) => walk(&c.sub, out)?,
            HirKind::Concat(hs) => {
                for h in hs {
                    walk(h, out)?;
                }
            }
            HirKind::Alternation(hs) => walk(hs.first()?, out)?,
        }
        Some(())
    }
    let hir = regex_syntax::parse(pattern).ok()?;
    let mut out = String::new();
    walk(&hir, &mut out)?;
    let re = regex::Regex::new(pattern).ok()?;
    re.is_match(&out).then_some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn strings_match_their_pattern_and_lengths() {
        let c = crate::ir::Constraints {
            pattern: Some(r"^[0-9]{6}$".into()),
            ..Default::default()
        };
        assert_eq!(super::string_value(&c), "000000");
        let c = crate::ir::Constraints {
            min_length: Some(8),
            max_length: Some(10),
            ..Default::default()
        };
        assert_eq!(super::string_value(&c), "stringxx");
    }
}
