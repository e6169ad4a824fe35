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
    /// 32 hexadecimal digits, upper or lower case (an MD5 digest).
    Md5Hex,
    /// `local@domain.tld`: something before the `@`, a dot in the domain,
    /// no white space or control characters.
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
            required_when: None,
            schema,
        }
    }
    /// A field that may be absent.
    pub fn optional(name: &'static str, schema: Schema) -> Self {
        FieldSchema {
            name: Cow::Borrowed(name),
            required: false,
            required_when: None,
            schema,
        }
    }
    /// The same field, required when `condition` holds.
    pub fn required_when(self, condition: RequiredWhen) -> Self {
        FieldSchema {
            required_when: Some(condition),
            ..self
        }
    }
}

/// One field of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSchema {
    pub name: Cow<'static, str>,
    pub required: bool,
    /// An optional field that must be present when a sibling field of the
    /// same object says so.
    pub required_when: Option<RequiredWhen>,
    pub schema: Schema,
}

/// A condition on a sibling field under which an optional field is required
/// (`phoneArea` when `type` is 2).
#[derive(Debug, Clone, PartialEq)]
pub struct RequiredWhen {
    /// The sibling field's wire name.
    pub field: Cow<'static, str>,
    pub when: When,
}

/// What the sibling field of a [`RequiredWhen`] must be for the condition to hold.
#[derive(Debug, Clone, PartialEq)]
pub enum When {
    /// One of these codes.
    OneOf(EnumCodes),
    /// Given: present, not null and not the empty string.
    Given,
    /// Not given: absent, null or the empty string.
    NotGiven,
}

impl RequiredWhen {
    /// When the integer field `field` is one of `codes`.
    pub fn int_in(field: &'static str, codes: &'static [i64]) -> Self {
        RequiredWhen {
            field: Cow::Borrowed(field),
            when: When::OneOf(EnumCodes::Int(Cow::Borrowed(codes))),
        }
    }
    /// When the string field `field` is one of `codes`.
    pub fn str_in(field: &'static str, codes: &'static [&'static str]) -> Self {
        RequiredWhen {
            field: Cow::Borrowed(field),
            when: When::OneOf(EnumCodes::Str(
                codes.iter().map(|c| Cow::Borrowed(*c)).collect(),
            )),
        }
    }
    /// When `field` is given.
    pub fn given(field: &'static str) -> Self {
        RequiredWhen {
            field: Cow::Borrowed(field),
            when: When::Given,
        }
    }
    /// When `field` is not given.
    pub fn not_given(field: &'static str) -> Self {
        RequiredWhen {
            field: Cow::Borrowed(field),
            when: When::NotGiven,
        }
    }

    /// Whether the condition holds in `object` (a JSON object's members).
    pub fn holds(&self, object: &serde_json::Map<String, serde_json::Value>) -> bool {
        let value = object.get(self.field.as_ref());
        let given = value.is_some_and(|v| !v.is_null() && v.as_str() != Some(""));
        match &self.when {
            When::Given => given,
            When::NotGiven => !given,
            When::OneOf(EnumCodes::Int(codes)) => value
                .and_then(serde_json::Value::as_i64)
                .is_some_and(|n| codes.contains(&n)),
            When::OneOf(EnumCodes::Str(codes)) => value
                .and_then(serde_json::Value::as_str)
                .is_some_and(|s| codes.iter().any(|c| c == s)),
        }
    }
}

impl std::fmt::Display for RequiredWhen {
    /// `` `type` is 2``, `` `type` is 1 or 2``, `` `phoneSendToken` is given``.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let field = &self.field;
        match &self.when {
            When::Given => write!(f, "`{field}` is given"),
            When::NotGiven => write!(f, "`{field}` is not given"),
            When::OneOf(codes) => {
                let codes: Vec<String> = match codes {
                    EnumCodes::Int(c) => c.iter().map(i64::to_string).collect(),
                    EnumCodes::Str(c) => c.iter().map(|s| format!("{s:?}")).collect(),
                };
                let list = match codes.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} or {last}", rest.join(", "))
                    }
                    _ => codes.join(""),
                };
                write!(f, "`{field}` is {list}")
            }
        }
    }
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
