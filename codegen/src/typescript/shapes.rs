//! TypeScript type expressions and decoder descriptors, both read off the
//! runtime [`Schema`] values of [`crate::wire`]: the one IR → shape mapping
//! that the Rust validator and OpenAPI use too.

use bizgen_runtime::schema::{EnumCodes, Schema};

use super::names;

/// How a type expression names the shared types: bare inside `schemas.ts`,
/// as `types.X` in the service modules and the modules of `types/`.
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    /// Prefix of a shared type or enum name (`""` or `"types."`).
    pub types: &'static str,
    /// Prefix of a shared object descriptor (`""` or `"schemas."`).
    pub schemas: &'static str,
}

pub const IN_TYPES: Scope = Scope {
    types: "",
    schemas: "",
};
pub const IN_SERVICE: Scope = Scope {
    types: "types.",
    schemas: "schemas.",
};

/// The TypeScript type of a value of this schema: int64 is `bigint`
/// (decoded without loss), decimal a `string`, timestamp a `number` of
/// epoch milliseconds, json `unknown`.
pub fn ts_type(schema: &Schema, scope: Scope) -> String {
    match schema {
        Schema::String(_) | Schema::Decimal => "string".into(),
        Schema::Int32(_) | Schema::Timestamp => "number".into(),
        Schema::Int64(_) => "bigint".into(),
        Schema::Bool => "boolean".into(),
        Schema::Json => "unknown".into(),
        Schema::Object(o) => format!("{}{}", scope.types, names::type_name(&o.name)),
        Schema::Enum(e) => format!("{}{}", scope.types, names::type_name(&e.name)),
        Schema::List(item) => {
            let inner = ts_type(item, scope);
            if matches!(**item, Schema::Nullable(_)) {
                format!("({inner})[]")
            } else {
                format!("{inner}[]")
            }
        }
        Schema::Map(item) => format!("{{ [key: string]: {} }}", ts_type(item, scope)),
        // `unknown` already admits null.
        Schema::Nullable(inner) if matches!(**inner, Schema::Json) => "unknown".into(),
        Schema::Nullable(inner) => format!("{} | null", ts_type(inner, scope)),
    }
}

/// The decoder descriptor of this schema (see `runtime/schema.ts`), with
/// the helpers under `s.`.
pub fn descriptor(schema: &Schema, scope: Scope) -> String {
    match schema {
        Schema::String(_) => "\"string\"".into(),
        Schema::Int32(_) => "\"int32\"".into(),
        Schema::Int64(_) => "\"int64\"".into(),
        Schema::Bool => "\"boolean\"".into(),
        Schema::Decimal => "\"decimal\"".into(),
        Schema::Timestamp => "\"timestamp\"".into(),
        Schema::Json => "\"json\"".into(),
        Schema::Object(o) => format!("{}{}", scope.schemas, names::type_name(&o.name)),
        Schema::Enum(e) => match e.codes {
            EnumCodes::Int(_) => "\"intEnum\"".into(),
            EnumCodes::Str(_) => "\"stringEnum\"".into(),
        },
        Schema::List(item) => format!("s.list({})", descriptor(item, scope)),
        Schema::Map(item) => format!("s.map({})", descriptor(item, scope)),
        Schema::Nullable(inner) => format!("s.nullable({})", descriptor(inner, scope)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bizgen_runtime::schema::Node;

    #[test]
    fn nested_types_read_naturally() {
        let s = Schema::List(Node::new(Schema::Nullable(Node::new(Schema::INT64))));
        assert_eq!(ts_type(&s, IN_TYPES), "(bigint | null)[]");
        assert_eq!(descriptor(&s, IN_TYPES), "s.list(s.nullable(\"int64\"))");
        let m = Schema::Map(Node::new(Schema::Decimal));
        assert_eq!(ts_type(&m, IN_SERVICE), "{ [key: string]: string }");
    }
}
