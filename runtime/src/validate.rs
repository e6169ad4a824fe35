//! Validation of a JSON value against a [`Schema`], reporting every violation
//! with its JSON pointer rather than stopping at the first.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::schema::{EnumCodes, Format, IntRules, ObjectSchema, Schema, StringRules};

/// One way in which a value breaks its schema.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Violation {
    /// RFC 6901 JSON pointer to the offending value (`""` is the whole document).
    pub pointer: String,
    /// What is wrong, in plain words.
    pub reason: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{at}: {}", self.reason)
    }
}

/// Options of a validation run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Fields that the schema does not declare are violations.
    pub strict: bool,
}

/// Validates `value` against `schema`; an empty result means valid.
pub fn validate(value: &Value, schema: &Schema, options: Options) -> Vec<Violation> {
    let mut run = Run {
        options,
        pointer: String::new(),
        out: Vec::new(),
    };
    run.value(value, schema);
    run.out
}

/// Validates `value` as an object of shape `object` (a request body).
pub fn validate_object(value: &Value, object: &ObjectSchema, options: Options) -> Vec<Violation> {
    let mut run = Run {
        options,
        pointer: String::new(),
        out: Vec::new(),
    };
    match value.as_object() {
        Some(map) => run.object(map, object),
        None if value.is_null() => {
            run.fail(format!("must be an object ({}), not null", object.name))
        }
        None => run.fail(format!(
            "must be an object ({}), got {}",
            object.name,
            kind(value)
        )),
    }
    run.out
}

/// The wording of an enum violation, kept in one place so that tools can
/// tell a code the spec lacks (drift a tolerant client survives) from a
/// broken shape: see [`is_unknown_enum_code`].
const NOT_A_CODE_OF: &str = " is not a code of ";
const NOT_A_VALUE_OF: &str = " is not a value of ";

/// Whether a violation is a value of the right type that the enum does not
/// list.
pub fn is_unknown_enum_code(v: &Violation) -> bool {
    v.reason.contains(NOT_A_CODE_OF) || v.reason.contains(NOT_A_VALUE_OF)
}

struct Run {
    options: Options,
    pointer: String,
    out: Vec<Violation>,
}

impl Run {
    fn fail(&mut self, reason: impl Into<String>) {
        self.out.push(Violation {
            pointer: self.pointer.clone(),
            reason: reason.into(),
        });
    }

    /// Runs `f` with `segment` appended to the pointer.
    fn at(&mut self, segment: &str, f: impl FnOnce(&mut Self)) {
        let len = self.pointer.len();
        self.pointer.push('/');
        for c in segment.chars() {
            match c {
                '~' => self.pointer.push_str("~0"),
                '/' => self.pointer.push_str("~1"),
                c => self.pointer.push(c),
            }
        }
        f(self);
        self.pointer.truncate(len);
    }

    fn value(&mut self, value: &Value, schema: &Schema) {
        match schema {
            Schema::Nullable(inner) => {
                if !value.is_null() {
                    self.value(value, inner);
                }
            }
            _ if value.is_null() => self.fail(format!("must be {}, not null", describe(schema))),
            Schema::String(rules) => match value.as_str() {
                Some(s) => self.string(s, rules),
                None => self.wrong_type(value, schema),
            },
            Schema::Int32(rules) => {
                self.int(value, rules, i32::MIN.into(), i32::MAX.into(), schema)
            }
            Schema::Int64(rules) => self.int(value, rules, i64::MIN, i64::MAX, schema),
            Schema::Timestamp => self.int(value, &IntRules::NONE, i64::MIN, i64::MAX, schema),
            Schema::Bool => {
                if !value.is_boolean() {
                    self.wrong_type(value, schema)
                }
            }
            Schema::Decimal => match value.as_str() {
                Some(s) if is_decimal(s) => {}
                Some(s) => self.fail(format!(
                    "must be a decimal number in a string such as \"12.50\", got {s:?}"
                )),
                None => self.wrong_type(value, schema),
            },
            Schema::Json => {}
            Schema::Object(object) => match value.as_object() {
                Some(map) => self.object(map, object),
                None => self.wrong_type(value, schema),
            },
            Schema::Enum(e) => self.enumeration(value, &e.codes, &e.name, schema),
            Schema::List(item) => match value.as_array() {
                Some(items) => {
                    for (i, v) in items.iter().enumerate() {
                        self.at(&i.to_string(), |run| run.value(v, item));
                    }
                }
                None => self.wrong_type(value, schema),
            },
            Schema::Map(item) => match value.as_object() {
                Some(map) => {
                    for (k, v) in map {
                        self.at(k, |run| run.value(v, item));
                    }
                }
                None => self.wrong_type(value, schema),
            },
        }
    }

    fn wrong_type(&mut self, value: &Value, schema: &Schema) {
        self.fail(format!("must be {}, got {}", describe(schema), kind(value)));
    }

    fn int(&mut self, value: &Value, rules: &IntRules, lo: i64, hi: i64, schema: &Schema) {
        let Some(n) = integer(value) else {
            return self.wrong_type(value, schema);
        };
        if n < lo || n > hi {
            return self.fail(format!("{n} is out of range for {}", describe(schema)));
        }
        if let Some(min) = rules.minimum {
            if n < min {
                self.fail(format!("must be at least {min}, got {n}"));
            }
        }
        if let Some(max) = rules.maximum {
            if n > max {
                self.fail(format!("must be at most {max}, got {n}"));
            }
        }
    }

    fn string(&mut self, s: &str, rules: &StringRules) {
        let len = s.chars().count() as u64;
        if let Some(min) = rules.min_length {
            if len < min {
                self.fail(format!("must have at least {min} characters, has {len}"));
            }
        }
        if let Some(max) = rules.max_length {
            if len > max {
                self.fail(format!("must have at most {max} characters, has {len}"));
            }
        }
        if let Some(pattern) = &rules.pattern {
            match matches_pattern(pattern, s) {
                Ok(true) => {}
                Ok(false) => self.fail(format!("must match the pattern {pattern}")),
                Err(e) => self.fail(format!("the schema's pattern {pattern} is invalid: {e}")),
            }
        }
        if let Some(format) = rules.format {
            if let Err(why) = check_format(format, s) {
                self.fail(why);
            }
        }
    }

    fn object(&mut self, map: &serde_json::Map<String, Value>, object: &ObjectSchema) {
        for field in object.fields.iter() {
            match map.get(field.name.as_ref()) {
                Some(v) => self.at(&field.name, |run| run.value(v, &field.schema)),
                None if field.required => self.at(&field.name, |run| {
                    run.fail(format!("required field `{}` is missing", field.name))
                }),
                None => match &field.required_when {
                    Some(c) if c.holds(map) => self.at(&field.name, |run| {
                        run.fail(format!("field `{}` is required when {c}", field.name))
                    }),
                    _ => {}
                },
            }
        }
        if self.options.strict {
            for key in map.keys() {
                if !object.fields.iter().any(|f| f.name == *key) {
                    self.at(key, |run| {
                        run.fail(format!("unknown field `{key}` (not in {})", object.name))
                    });
                }
            }
        }
    }

    fn enumeration(&mut self, value: &Value, codes: &EnumCodes, name: &str, schema: &Schema) {
        match codes {
            EnumCodes::Int(codes) => match integer(value) {
                Some(n) if codes.contains(&n) => {}
                Some(n) => self.fail(format!(
                    "{n}{NOT_A_CODE_OF}{name} (allowed: {})",
                    codes
                        .iter()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
                None => self.wrong_type(value, schema),
            },
            EnumCodes::Str(codes) => match value.as_str() {
                Some(s) if codes.iter().any(|c| c == s) => {}
                Some(s) => self.fail(format!(
                    "{s:?}{NOT_A_VALUE_OF}{name} (allowed: {})",
                    codes.join(", ")
                )),
                None => self.wrong_type(value, schema),
            },
        }
    }
}

/// The integer a JSON number stands for: `3` and `3.0` alike (JSON Schema
/// counts both as integers), `None` for a fraction or a number outside the
/// 64-bit range. A number with a fraction part or an exponent is taken only
/// below 2^53, where floating point is exact: beyond, it may be an
/// out-of-range integer that the parser had to round.
fn integer(value: &Value) -> Option<i64> {
    if let Some(n) = value.as_i64() {
        return Some(n);
    }
    let f = value.as_f64().filter(|_| value.is_f64())?;
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    (f.fract() == 0.0 && f.abs() < EXACT).then_some(f as i64)
}

/// Rewrites the integers of `value` written with a fraction (`3.0`) as
/// plain integers (`3`), where `object` expects an integer, so that typed
/// handlers decode what validation accepted.
pub fn normalize_integers(value: &mut Value, object: &ObjectSchema) {
    if let Some(map) = value.as_object_mut() {
        for field in object.fields.iter() {
            if let Some(v) = map.get_mut(field.name.as_ref()) {
                normalize(v, &field.schema);
            }
        }
    }
}

fn normalize(value: &mut Value, schema: &Schema) {
    match schema {
        Schema::Int32(_) | Schema::Int64(_) | Schema::Timestamp => to_integer(value),
        Schema::Enum(e) if matches!(e.codes, EnumCodes::Int(_)) => to_integer(value),
        Schema::Nullable(inner) => normalize(value, inner),
        Schema::Object(o) => normalize_integers(value, o),
        Schema::List(item) => {
            for v in value.as_array_mut().into_iter().flatten() {
                normalize(v, item);
            }
        }
        Schema::Map(item) => {
            for v in value
                .as_object_mut()
                .into_iter()
                .flat_map(|m| m.values_mut())
            {
                normalize(v, item);
            }
        }
        _ => {}
    }
}

fn to_integer(value: &mut Value) {
    if value.is_f64() {
        if let Some(n) = integer(value) {
            *value = Value::from(n);
        }
    }
}

/// A short human name for what a schema accepts.
pub fn describe(schema: &Schema) -> String {
    match schema {
        Schema::String(_) => "a string".into(),
        Schema::Int32(_) => "a 32-bit integer".into(),
        Schema::Int64(_) => "a 64-bit integer".into(),
        Schema::Bool => "a boolean".into(),
        Schema::Decimal => "a decimal number in a string".into(),
        Schema::Timestamp => "an epoch-millisecond integer".into(),
        Schema::Json => "any JSON value".into(),
        Schema::Object(o) => format!("an object ({})", o.name),
        Schema::Enum(e) => match e.codes {
            EnumCodes::Int(_) => format!("an integer code of {}", e.name),
            EnumCodes::Str(_) => format!("a string value of {}", e.name),
        },
        Schema::List(_) => "an array".into(),
        Schema::Map(_) => "an object (string-keyed map)".into(),
        Schema::Nullable(inner) => format!("{} or null", describe(inner)),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a fractional number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `-?digits(.digits)?`, the lossless decimal-as-string form.
pub fn is_decimal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && frac.is_none_or(all_digits)
}

/// Checks a well-known format; the error says what was expected.
pub fn check_format(format: Format, s: &str) -> Result<(), String> {
    let ok = match format {
        // Either case: the platform says only "MD5 encryption", and clients
        // print digests in upper or lower case.
        Format::Md5Hex => s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit()),
        Format::Email => match s.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !s.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        },
        Format::Phone => {
            let body = s.strip_prefix('+').unwrap_or(s);
            (5..=20).contains(&s.len())
                && body
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b' ' || b == b'-')
        }
        Format::CountryCode => s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()),
        Format::Lang => {
            let mut parts = s.split(['-', '_']);
            parts.next().is_some_and(|p| {
                (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic())
            }) && parts
                .all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
        }
        Format::IpList => s
            .split(',')
            .all(|ip| ip.trim().parse::<std::net::IpAddr>().is_ok()),
        Format::JsonText => serde_json::from_str::<Value>(s).is_ok(),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "must be in the {} format, got {s:?}",
            format.name()
        ))
    }
}

/// Matches `s` against a regular expression, compiling each pattern once.
pub fn matches_pattern(pattern: &str, s: &str) -> Result<bool, regex::Error> {
    static CACHE: OnceLock<Mutex<HashMap<String, regex::Regex>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    // A poisoned lock only means another thread panicked mid-insert; the map is still usable.
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(re) = cache.get(pattern) {
        return Ok(re.is_match(s));
    }
    let re = regex::Regex::new(pattern)?;
    let matched = re.is_match(s);
    cache.insert(pattern.to_owned(), re);
    Ok(matched)
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use serde_json::json;

    use super::*;
    use crate::schema::{FieldSchema, Node, ObjectSchema};

    fn object(fields: Vec<FieldSchema>) -> Schema {
        Schema::Object(Cow::Owned(ObjectSchema::new("T", fields)))
    }

    #[test]
    fn decimals_are_plain_digit_strings() {
        for ok in ["0", "-1", "2904318.4696", "0.05384909", "-960091.7606"] {
            assert!(is_decimal(ok), "{ok}");
        }
        for bad in ["", "-", ".5", "5.", "1e5", "+1", "1,000", "26.61%", " 1"] {
            assert!(!is_decimal(bad), "{bad}");
        }
    }

    #[test]
    fn integers_written_with_a_fraction_are_integers() {
        let schema = object(vec![
            FieldSchema::required("n", Schema::INT32),
            FieldSchema::optional("big", Schema::INT64),
            FieldSchema::optional("list", Schema::List(Node::new(Schema::INT64))),
        ]);
        let mut value = json!({"n": 389.0, "big": -3170807931.0, "list": [1.0, 2]});
        assert!(validate(&value, &schema, Options::default()).is_empty());
        let Schema::Object(o) = &schema else {
            unreachable!()
        };
        normalize_integers(&mut value, o);
        assert_eq!(
            value,
            json!({"n": 389, "big": -3170807931i64, "list": [1, 2]})
        );
        let bad = validate(
            &json!({"n": 1.5, "big": 1e19, "list": [-9.3e18]}),
            &schema,
            Options::default(),
        );
        let pointers: Vec<&str> = bad.iter().map(|v| v.pointer.as_str()).collect();
        assert_eq!(pointers, ["/n", "/big", "/list/0"]);
    }

    #[test]
    fn formats() {
        assert!(check_format(Format::Md5Hex, "dc483e80a7a0bd9ef71d8cf973673924").is_ok());
        assert!(check_format(Format::Md5Hex, "DC483E80A7A0BD9EF71D8CF973673924").is_ok());
        assert!(check_format(Format::Md5Hex, "dc483e80a7a0bd9ef71d8cf97367392").is_err());
        assert!(check_format(Format::Md5Hex, "dc483e80a7a0bd9ef71d8cf97367392g").is_err());
        assert!(check_format(Format::Email, "a@example.com").is_ok());
        assert!(check_format(Format::Email, "a@b").is_err());
        assert!(check_format(Format::Email, "a\0b@example.com").is_err());
        assert!(check_format(Format::Email, "a@exa\tmple.com").is_err());
        assert!(check_format(Format::Lang, "zh-CN").is_ok());
        assert!(check_format(Format::CountryCode, "cn").is_err());
        assert!(check_format(Format::IpList, "10.0.0.1, ::1").is_ok());
        assert!(check_format(Format::JsonText, "{\"id\": 1}").is_ok());
        assert!(check_format(Format::Phone, "+86 134-2983-7442").is_ok());
    }

    #[test]
    fn every_violation_with_escaped_pointers() {
        let schema = object(vec![
            FieldSchema::required("a/b", Schema::INT32),
            FieldSchema::required("c~d", Schema::STRING),
            FieldSchema::optional("list", Schema::List(Node::new(Schema::Bool))),
            FieldSchema::optional("maybe", Schema::Nullable(Node::new(Schema::Decimal))),
        ]);
        let out = validate(
            &json!({"a/b": 1u64 << 40, "list": [true, 1], "maybe": null, "extra": 1}),
            &schema,
            Options::default(),
        );
        let pointers: Vec<&str> = out.iter().map(|v| v.pointer.as_str()).collect();
        assert_eq!(pointers, ["/a~1b", "/c~0d", "/list/1"]);
        assert!(out[0].reason.contains("out of range"));
        let strict = validate(
            &json!({"a/b": 1, "c~d": "x", "extra": 1}),
            &schema,
            Options { strict: true },
        );
        assert_eq!(strict.len(), 1);
        assert_eq!(strict[0].pointer, "/extra");
    }

    #[test]
    fn conditional_requirements_hold_on_siblings() {
        use crate::schema::RequiredWhen;
        let schema = object(vec![
            FieldSchema::required("type", Schema::INT32),
            FieldSchema::optional("phoneArea", Schema::STRING)
                .required_when(RequiredWhen::int_in("type", &[2, 3])),
            FieldSchema::optional("sendToken", Schema::STRING),
            FieldSchema::optional("code", Schema::STRING)
                .required_when(RequiredWhen::given("sendToken")),
            FieldSchema::optional("id", Schema::STRING)
                .required_when(RequiredWhen::not_given("code")),
        ]);
        let reasons = |v: serde_json::Value| -> Vec<String> {
            validate(&v, &schema, Options::default())
                .into_iter()
                .map(|v| v.to_string())
                .collect()
        };
        assert_eq!(
            reasons(json!({"type": 3, "sendToken": "t", "id": "x"})),
            [
                "/phoneArea: field `phoneArea` is required when `type` is 2 or 3",
                "/code: field `code` is required when `sendToken` is given",
            ]
        );
        assert!(reasons(json!({"type": 1, "sendToken": "", "code": "c"})).is_empty());
        assert_eq!(
            reasons(json!({"type": 1, "code": ""})),
            ["/id: field `id` is required when `code` is not given"]
        );
    }

    #[test]
    fn invalid_patterns_are_violations_not_panics() {
        let schema = Schema::String(StringRules {
            pattern: Some(Cow::Borrowed("(")),
            ..StringRules::NONE
        });
        let out = validate(&json!("x"), &schema, Options::default());
        assert_eq!(out.len(), 1);
        assert!(out[0].reason.contains("invalid"));
    }
}
