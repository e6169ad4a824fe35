//! A static description of wire shapes, shared by the generated server (which
//! validates request bodies against it) and the `bizgen` tool (which validates
//! payloads and spec examples). One validator, two users.

use std::borrow::Cow;

/// The shape of one JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Schema {
    String(StringRules),
    Int32(IntRules),
    Int64(IntRules),
    Bool,
    /// A decimal number carried as a JSON string (`"2904318.4696"`).
    Decimal,
    /// Epoch milliseconds as a JSON integer.
    Timestamp,
    /// Any JSON value.
    Json,
    Object(Cow<'static, ObjectSchema>),
    Enum(Cow<'static, EnumSchema>),
    List(Node),
    Map(Node),
    /// `null` is accepted besides the inner shape.
    Nullable(Node),
}

/// A nested schema (list item, map value, nullable inner), boxed.
#[derive(Debug, Clone, PartialEq)]
pub struct Node(Box<Schema>);

impl Node {
    pub fn new(schema: Schema) -> Node {
        Node(Box::new(schema))
    }
}

impl std::ops::Deref for Node {
    type Target = Schema;
    fn deref(&self) -> &Schema {
        &self.0
    }
}

/// Constraints on a string.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StringRules {
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<Cow<'static, str>>,
    pub format: Option<Format>,
}

impl StringRules {
    pub const NONE: StringRules = StringRules {
        min_length: None,
        max_length: None,
        pattern: None,
        format: None,
    };
}

/// Constraints on an integer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IntRules {
    pub minimum: Option<i64>,
    pub maximum: Option<i64>,
}

impl IntRules {
    pub const NONE: IntRules = IntRules {
        minimum: None,
        maximum: None,
    };
}

/// Well-known string formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// 32 lowercase hexadecimal digits (an MD5 digest).
    Md5Hex,
    Email,
    /// Digits, optionally with a leading `+`, spaces or dashes; 5 to 20 characters.
    Phone,
    /// ISO 3166-1 alpha-2 country code, upper case.
    CountryCode,
    /// A language tag such as `en-US` or `zh-CN`.
    Lang,
    /// Comma-separated IP addresses.
    IpList,
    /// A string that itself holds JSON.
    JsonText,
}

impl Format {
    /// The spec spelling of the format.
    pub fn name(self) -> &'static str {
        match self {
            Format::Md5Hex => "md5-hex",
            Format::Email => "email",
            Format::Phone => "phone",
            Format::CountryCode => "country-code",
            Format::Lang => "lang",
            Format::IpList => "ip-list",
            Format::JsonText => "json-text",
        }
    }

    /// Parses the spec spelling of a format.
    pub fn from_name(name: &str) -> Option<Format> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    pub const ALL: [Format; 7] = [
        Format::Md5Hex,
        Format::Email,
        Format::Phone,
        Format::CountryCode,
        Format::Lang,
        Format::IpList,
        Format::JsonText,
    ];
}

/// An object with named fields.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectSchema {
    pub name: Cow<'static, str>,
    pub fields: Cow<'static, [FieldSchema]>,
}

impl Schema {
    pub const STRING: Schema = Schema::String(StringRules::NONE);
    pub const INT32: Schema = Schema::Int32(IntRules::NONE);
    pub const INT64: Schema = Schema::Int64(IntRules::NONE);
}

impl ObjectSchema {
    /// An object schema with static name and the given fields.
    pub fn new(name: &'static str, fields: impl Into<Vec<FieldSchema>>) -> Self {
        ObjectSchema {
            name: Cow::Borrowed(name),
            fields: Cow::Owned(fields.into()),
        }
    }
}

impl FieldSchema {
    /// A field that must be present.
    pub fn required(name: &'static str, schema: Schema) -> Self {
        FieldSchema {
            name: Cow::Borrowed(name),
            required: true,
            schema,
        }
    }
    /// A field that may be absent.
    pub fn optional(name: &'static str, schema: Schema) -> Self {
        FieldSchema {
            name: Cow::Borrowed(name),
            required: false,
            schema,
        }
    }
}

/// One field of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSchema {
    pub name: Cow<'static, str>,
    pub required: bool,
    pub schema: Schema,
}

/// An enumeration of integer or string codes.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumSchema {
    pub name: Cow<'static, str>,
    pub codes: EnumCodes,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EnumCodes {
    Int(Cow<'static, [i64]>),
    Str(Cow<'static, [Cow<'static, str>]>),
}
