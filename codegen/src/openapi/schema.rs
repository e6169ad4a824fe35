//! Schema Objects from the ONE IR → shape mapping ([`crate::wire`]): the
//! runtime [`Schema`] gives the shape and constraints, the IR adds names,
//! descriptions, defaults, examples and sensitivity. Named object types and
//! enums become `$ref`s to `components/schemas`.
//!
//! OpenAPI 3.1 and 3.0 differ in how they say "may be null" (`type: [t,
//! "null"]` vs `nullable: true`), in `const`, in field examples and in what
//! may stand beside a `$ref`; [`Version`] picks the spelling.

use bizgen_runtime::schema::{
    EnumCodes, EnumSchema, Format, ObjectSchema, RequiredWhen, Schema, StringRules, When,
};
use serde_json::Value;

use std::borrow::Cow;

use super::document::{Ordered, SchemaObject, Types};
use crate::facts::field::{self, FieldDoc};
use crate::ir::{Api, Condition, Constraints, Field};

/// The OpenAPI version being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V3_1,
    V3_0,
}

impl Version {
    pub fn number(self) -> &'static str {
        match self {
            Version::V3_1 => "3.1.0",
            Version::V3_0 => "3.0.3",
        }
    }
}

/// The runtime validator's decimal form (`bizgen_runtime::validate::is_decimal`).
pub const DECIMAL_PATTERN: &str = r"^-?[0-9]+(\.[0-9]+)?$";

/// Patterns that say exactly what a spec format checks, where a regular
/// expression can (`bizgen_runtime::validate::check_format`).
fn format_pattern(format: Format) -> Option<&'static str> {
    match format {
        Format::Md5Hex => Some("^[0-9a-fA-F]{32}$"),
        Format::CountryCode => Some("^[A-Z]{2}$"),
        Format::Lang => Some("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$"),
        _ => None,
    }
}

/// What a field adds to its shape.
#[derive(Debug, Default)]
pub struct Meta<'a> {
    pub description: Cow<'a, str>,
    pub description_zh: Option<&'a str>,
    pub default: Option<&'a Value>,
    pub example: Option<&'a Value>,
    pub sensitive: bool,
    /// Sensitive and only ever sent by clients: `writeOnly`.
    pub write_only: bool,
    pub deprecated: bool,
    /// The field's `requiredWhen`.
    pub required_when: Option<&'a Condition>,
    /// The field's `assumed` constraints.
    pub assumed: Option<&'a Constraints>,
}

impl<'a> Meta<'a> {
    /// A field's: its description is the field's description fact
    /// ([`FieldDoc::describe`]), word for word as the SDKs' doc comments
    /// say it; the Chinese goes to `x-description-zh`.
    pub fn of_field(api: &'a Api, f: &'a Field, request_only: bool) -> Meta<'a> {
        Meta {
            description: Cow::Owned(FieldDoc::new(api, f).describe(&field::code_link)),
            description_zh: f.description_zh.as_deref(),
            default: f.default.as_ref(),
            example: f.example.as_ref(),
            sensitive: f.sensitive,
            write_only: f.sensitive && request_only,
            deprecated: f.deprecated,
            required_when: f.required_when.as_ref(),
            assumed: (!f.assumed.is_empty()).then_some(&f.assumed),
        }
    }
}

/// Turns wire schemas into Schema Objects for one OpenAPI version.
#[derive(Clone, Copy)]
pub struct Shapes<'a> {
    pub api: &'a Api,
    pub version: Version,
}

impl Shapes<'_> {
    /// The shape alone.
    pub fn schema(&self, schema: &Schema) -> SchemaObject {
        match schema {
            Schema::String(rules) => self.string(rules),
            Schema::Int32(rules) | Schema::Int64(rules) => SchemaObject {
                format: Some(if matches!(schema, Schema::Int32(_)) {
                    "int32"
                } else {
                    "int64"
                }),
                minimum: rules.minimum,
                maximum: rules.maximum,
                ..SchemaObject::of_type("integer")
            },
            Schema::Bool => SchemaObject::of_type("boolean"),
            Schema::Decimal => SchemaObject {
                pattern: Some(DECIMAL_PATTERN.into()),
                bizgen_type: Some("decimal"),
                ..SchemaObject::of_type("string")
            },
            Schema::Timestamp => SchemaObject {
                format: Some("int64"),
                bizgen_type: Some("timestamp"),
                ..SchemaObject::of_type("integer")
            },
            Schema::Json => SchemaObject::default(),
            Schema::Object(o) => match self.api.find_struct(&o.name) {
                Some(_) => SchemaObject::component(&o.name),
                // An unnamed shape such as the empty object of `data: none`.
                None => self.object(o, &[], |_| false),
            },
            Schema::Enum(e) => self.enum_ref(e),
            Schema::List(inner) => SchemaObject {
                items: Some(Box::new(self.schema(inner))),
                ..SchemaObject::of_type("array")
            },
            Schema::Map(inner) => SchemaObject {
                additional_properties: Some(Box::new(self.schema(inner))),
                ..SchemaObject::of_type("object")
            },
            Schema::Nullable(inner) => self.nullable(self.schema(inner)),
        }
    }

    /// A `$ref` to the enum, narrowed by an `enum` of the codes a field
    /// takes where it has `allowed`.
    fn enum_ref(&self, e: &EnumSchema) -> SchemaObject {
        let reference = SchemaObject::component(&e.name);
        let full = self.api.find_enum(&e.name).map(crate::wire::enum_schema);
        if full.is_none_or(|full| full.codes == e.codes) {
            return reference;
        }
        let codes: Vec<Value> = match &e.codes {
            EnumCodes::Int(c) => c.iter().map(|&n| Value::from(n)).collect(),
            EnumCodes::Str(c) => c.iter().map(|s| Value::from(s.as_ref())).collect(),
        };
        SchemaObject {
            all_of: Some(vec![
                reference,
                SchemaObject {
                    enum_values: Some(codes),
                    ..SchemaObject::default()
                },
            ]),
            ..SchemaObject::default()
        }
    }

    fn string(&self, rules: &StringRules) -> SchemaObject {
        let format = rules.format;
        SchemaObject {
            format: format.map(Format::name),
            min_length: rules.min_length,
            max_length: rules.max_length,
            pattern: rules
                .pattern
                .as_deref()
                .or_else(|| format.and_then(format_pattern))
                .map(str::to_owned),
            content_media_type: (format == Some(Format::JsonText) && self.version == Version::V3_1)
                .then_some("application/json"),
            ..SchemaObject::of_type("string")
        }
    }

    /// `inner` or null.
    pub fn nullable(&self, inner: SchemaObject) -> SchemaObject {
        if inner == SchemaObject::default() {
            // Any value already includes null.
            return inner;
        }
        let plain_type = match &inner.types {
            Some(Types::One(t)) if inner.reference.is_none() => Some(*t),
            _ => None,
        };
        match (self.version, plain_type) {
            (Version::V3_1, Some(t)) => SchemaObject {
                types: Some(Types::Many(vec![t, "null"])),
                ..inner
            },
            (Version::V3_0, Some(_)) => SchemaObject {
                nullable: Some(true),
                ..inner
            },
            // A `$ref` cannot be made nullable in place.
            (Version::V3_1, None) => SchemaObject {
                any_of: Some(vec![inner, SchemaObject::of_type("null")]),
                ..SchemaObject::default()
            },
            (Version::V3_0, None) => SchemaObject {
                any_of: Some(vec![
                    inner,
                    SchemaObject {
                        nullable: Some(true),
                        enum_values: Some(vec![Value::Null]),
                        ..SchemaObject::of_type("object")
                    },
                ]),
                ..SchemaObject::default()
            },
        }
    }

    /// A value fixed to one constant (`ok: true` of a success envelope).
    pub fn constant(&self, value: Value) -> SchemaObject {
        let types = match &value {
            Value::Bool(_) => Some(Types::One("boolean")),
            Value::String(_) => Some(Types::One("string")),
            _ => None,
        };
        match self.version {
            Version::V3_1 => SchemaObject {
                types,
                constant: Some(value),
                ..SchemaObject::default()
            },
            Version::V3_0 => SchemaObject {
                types,
                enum_values: Some(vec![value]),
                ..SchemaObject::default()
            },
        }
    }

    /// The shape with what a field says about it.
    pub fn with_meta(&self, shape: SchemaObject, meta: &Meta) -> SchemaObject {
        let mut s = if shape.is_bare_ref() && self.version == Version::V3_0 {
            // 3.0 ignores siblings of `$ref`: wrap it.
            SchemaObject {
                all_of: Some(vec![shape]),
                ..SchemaObject::default()
            }
        } else {
            shape
        };
        if let Some(c) = meta.required_when {
            s.required_when = Some(c.to_json());
        }
        // The text of assumed constraints is in the description fact.
        if let Some(a) = meta.assumed {
            s.assumed = Some(a.to_json());
        }
        let description = meta.description.trim();
        if !description.is_empty() {
            s.description = Some(description.to_owned());
        }
        s.description_zh = meta.description_zh.map(str::to_owned);
        s.default = meta.default.cloned();
        if let Some(example) = meta.example {
            match self.version {
                Version::V3_1 => s.examples = Some(vec![example.clone()]),
                Version::V3_0 => s.example = Some(example.clone()),
            }
        }
        if meta.sensitive {
            s.sensitive = Some(true);
        }
        if meta.write_only {
            s.write_only = Some(true);
        }
        if meta.deprecated {
            s.deprecated = Some(true);
        }
        s
    }

    /// An object: properties in wire order, each with its field's metadata
    /// (`fields` are the IR fields of the same object, in the same order).
    pub fn object(
        &self,
        o: &ObjectSchema,
        fields: &[Field],
        request_only: impl Fn(&Field) -> bool,
    ) -> SchemaObject {
        let mut properties = Vec::new();
        let mut required = Vec::new();
        for (i, fs) in o.fields.iter().enumerate() {
            let shape = self.schema(&fs.schema);
            let s = match fields.get(i).filter(|f| f.name == fs.name) {
                Some(f) => self.with_meta(shape, &Meta::of_field(self.api, f, request_only(f))),
                None => shape,
            };
            if fs.required {
                required.push(fs.name.to_string());
            }
            properties.push((fs.name.to_string(), s));
        }
        // 3.1: each conditional requirement as `if` the sibling matches
        // `then` the field is required (3.0 has no `if`; the
        // `x-bizgen-required-when` of the property says it there).
        let conditions: Vec<SchemaObject> = match self.version {
            Version::V3_1 => o
                .fields
                .iter()
                .filter_map(|fs| {
                    let c = fs.required_when.as_ref()?;
                    Some(SchemaObject {
                        if_: Some(Box::new(condition_schema(c))),
                        then: Some(Box::new(SchemaObject {
                            required: Some(vec![fs.name.to_string()]),
                            ..SchemaObject::default()
                        })),
                        ..SchemaObject::default()
                    })
                })
                .collect(),
            Version::V3_0 => Vec::new(),
        };
        SchemaObject {
            required: (!required.is_empty()).then_some(required),
            properties: Some(Ordered(properties)),
            all_of: (!conditions.is_empty()).then_some(conditions),
            ..SchemaObject::of_type("object")
        }
    }

    /// An enum component: codes from the wire schema, a name and a
    /// description per code (in the same order) from the IR.
    pub fn enumeration(&self, text: EnumText, codes: &EnumCodes) -> SchemaObject {
        let (types, format, values): (_, _, Vec<Value>) = match codes {
            EnumCodes::Int(c) => (
                "integer",
                Some("int32"),
                c.iter().map(|i| (*i).into()).collect(),
            ),
            EnumCodes::Str(c) => (
                "string",
                None,
                c.iter().map(|s| s.to_string().into()).collect(),
            ),
        };
        let listing: Vec<String> = values
            .iter()
            .zip(&text.values)
            .map(|(code, (name, description))| format!("- `{code}` {name}: {description}"))
            .collect();
        let mut description = text.description.trim().to_owned();
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&listing.join("\n"));
        let (varnames, descriptions) = text.values.into_iter().unzip();
        SchemaObject {
            format,
            description: Some(description),
            enum_values: Some(values),
            enum_varnames: Some(varnames),
            enum_descriptions: Some(descriptions),
            description_zh: text.description_zh,
            ..SchemaObject::of_type(types)
        }
    }
}

/// The texts of an enum component.
#[derive(Debug)]
pub struct EnumText {
    pub description: String,
    pub description_zh: Option<String>,
    /// Name and description of each code.
    pub values: Vec<(String, String)>,
}

impl EnumText {
    pub fn of(e: &crate::ir::Enum) -> EnumText {
        EnumText {
            description: e.description.clone(),
            description_zh: e.description_zh.clone(),
            values: e
                .values
                .iter()
                .map(|v| (v.name.clone(), v.description.clone()))
                .collect(),
        }
    }
}

/// The JSON Schema that holds exactly when a conditional requirement does:
/// the sibling is present with one of the codes, or given (present, not
/// null, not ""), or not given.
fn condition_schema(c: &RequiredWhen) -> SchemaObject {
    let sibling = |value: SchemaObject| SchemaObject {
        properties: Some(Ordered(vec![(c.field.to_string(), value)])),
        required: Some(vec![c.field.to_string()]),
        ..SchemaObject::default()
    };
    let empty = || SchemaObject {
        enum_values: Some(vec![Value::Null, Value::String(String::new())]),
        ..SchemaObject::default()
    };
    let given = || {
        sibling(SchemaObject {
            not: Some(Box::new(empty())),
            ..SchemaObject::default()
        })
    };
    match &c.when {
        When::OneOf(codes) => sibling(SchemaObject {
            enum_values: Some(match codes {
                EnumCodes::Int(c) => c.iter().map(|&n| Value::from(n)).collect(),
                EnumCodes::Str(c) => c.iter().map(|s| Value::from(s.as_ref())).collect(),
            }),
            ..SchemaObject::default()
        }),
        When::Given => given(),
        When::NotGiven => SchemaObject {
            not: Some(Box::new(given())),
            ..SchemaObject::default()
        },
    }
}
