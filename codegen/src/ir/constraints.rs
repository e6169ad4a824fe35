//! A field's constraints one by one, as the spec spells them: the one
//! wording of constraints in every output that describes them in text
//! (Rust and TypeScript doc comments, the Markdown docs).

use std::fmt;

use super::{Code, Constraints};
use crate::markdown::code;
use bizgen_runtime::schema::Format;

/// One constraint of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constraint<'a> {
    MinLength(u64),
    MaxLength(u64),
    Minimum(i64),
    Maximum(i64),
    Pattern(&'a str),
    Format(Format),
    /// The codes an enum field takes (a subset of the enum's).
    Allowed(&'a [Code]),
}

impl Constraints {
    /// The constraints that are set: lengths, bounds, pattern, format,
    /// allowed codes.
    pub fn list(&self) -> Vec<Constraint<'_>> {
        let mut out = Vec::new();
        out.extend(self.min_length.map(Constraint::MinLength));
        out.extend(self.max_length.map(Constraint::MaxLength));
        out.extend(self.minimum.map(Constraint::Minimum));
        out.extend(self.maximum.map(Constraint::Maximum));
        out.extend(self.pattern.as_deref().map(Constraint::Pattern));
        out.extend(self.format.map(Constraint::Format));
        out.extend(self.allowed.as_deref().map(Constraint::Allowed));
        out
    }
}

impl Constraints {
    /// The constraints as the spec writes them (`{"minimum": 1}`), for
    /// OpenAPI's `x-bizgen-assumed`.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::{json, Map, Value};
        let mut out = Map::new();
        let mut put = |key: &str, v: Option<Value>| {
            if let Some(v) = v {
                out.insert(key.into(), v);
            }
        };
        put("minLength", self.min_length.map(|v| json!(v)));
        put("maxLength", self.max_length.map(|v| json!(v)));
        put("minimum", self.minimum.map(|v| json!(v)));
        put("maximum", self.maximum.map(|v| json!(v)));
        put("pattern", self.pattern.as_ref().map(|v| json!(v)));
        put("format", self.format.map(|v| json!(v.name())));
        put(
            "allowed",
            self.allowed
                .as_ref()
                .map(|codes| codes.iter().map(Code::to_json).collect()),
        );
        Value::Object(out)
    }

    /// These constraints, with those of `other` where these have none.
    pub fn or(&self, other: &Constraints) -> Constraints {
        Constraints {
            min_length: self.min_length.or(other.min_length),
            max_length: self.max_length.or(other.max_length),
            pattern: self.pattern.clone().or_else(|| other.pattern.clone()),
            format: self.format.or(other.format),
            minimum: self.minimum.or(other.minimum),
            maximum: self.maximum.or(other.maximum),
            allowed: self.allowed.clone().or_else(|| other.allowed.clone()),
        }
    }

    /// `Assumed, not checked by servers: minimum 1.`, the one wording of
    /// assumed constraints in doc comments and descriptions; `None` when
    /// there are none.
    pub fn assumed_text(&self) -> Option<String> {
        let list: Vec<String> = self.list().iter().map(ToString::to_string).collect();
        (!list.is_empty()).then(|| format!("Assumed, not checked by servers: {}.", list.join("; ")))
    }
}

/// The spec's keyword and the value, the pattern and format as Markdown
/// code: `minLength 1`, ``pattern `^\d+$` ``.
impl fmt::Display for Constraint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Constraint::MinLength(v) => write!(f, "minLength {v}"),
            Constraint::MaxLength(v) => write!(f, "maxLength {v}"),
            Constraint::Minimum(v) => write!(f, "minimum {v}"),
            Constraint::Maximum(v) => write!(f, "maximum {v}"),
            Constraint::Pattern(p) => write!(f, "pattern {}", code(p)),
            Constraint::Format(v) => write!(f, "format {}", code(v.name())),
            Constraint::Allowed(codes) => {
                let codes: Vec<String> = codes
                    .iter()
                    .map(|c| match c {
                        Code::Int(n) => code(&n.to_string()),
                        Code::Str(s) => code(&format!("{s:?}")),
                    })
                    .collect();
                write!(f, "allowed {}", codes.join(", "))
            }
        }
    }
}
