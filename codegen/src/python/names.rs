//! Python names for spec names. The rules, also in the package README:
//!
//! - services, operations, fields and parameters are snake_case
//!   (`changeEmailV1v1v2` → `change_email_v1v1v2`, `XMLHttpRequest` →
//!   `xml_http_request`), types are UpperCamelCase, enum members and error
//!   constants UPPER_SNAKE (`SelfValue` → `SELF_VALUE`);
//! - characters that cannot be in an identifier separate words (`with-dash`
//!   → `with_dash`); a name that starts with a digit gets a prefix
//!   (`1st` → `field_1st`, a member `VALUE_1ST`);
//! - a Python keyword, `self` or `cls` gets a trailing underscore, as PEP 8
//!   says (`from` → `from_`, `class` → `class_`, `self` → `self_`);
//! - builtins are kept (`type`, `id`, `list`): as attributes and keyword
//!   arguments they shadow nothing the caller uses, and the generated code
//!   writes `builtins.list` where a member would hide the builtin;
//! - a name that would hide something the generated code needs gets a
//!   trailing underscore too: a request field named `trace`, `headers`,
//!   `timeout`, `max_retries` or `idempotent` (the per-call options), a model
//!   field named `to_dict`, `from_dict` or `unknown_fields`, a service named
//!   like a client member (`token`, `close`), a type named `Any`, `Decimal`,
//!   `Mapping`, `Iterator` or `AsyncIterator`;
//! - when two spec names give the same Python name, the later one (in spec
//!   order) gets `_2`, the next `_3`, and so on; for the classes of types
//!   ([`type_class`]: `apiKey` and `ApiKey` are both `ApiKey`), enums come
//!   first, then the types, each in the IR's order.

use crate::names::ascii_words;
use std::collections::BTreeSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use crate::ir::Api;

/// Python's keywords (3.9 to 3.13); the soft keywords `match`, `case`,
/// `type` and `_` are usable names.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Names that would hide a method's receiver.
const RECEIVERS: &[&str] = &["self", "cls"];

/// The builtins the generated annotations use: a class member of the same
/// name would hide them inside the class body.
pub const ANNOTATION_BUILTINS: &[&str] = &["bool", "dict", "float", "int", "list", "object", "str"];

/// Names a spec type cannot take: what the generated modules import.
const TAKEN_TYPE_NAMES: &[&str] = &[
    "Any",
    "Decimal",
    "Mapping",
    "Iterator",
    "AsyncIterator",
    "ABSENT",
    "Absent",
];

/// Members of every model besides its fields.
pub const MODEL_MEMBERS: &[&str] = &["to_dict", "from_dict", "unknown_fields"];

/// Keyword arguments of every operation besides its request fields.
pub const CALL_OPTIONS: &[&str] = &["trace", "headers", "timeout", "max_retries", "idempotent"];

/// Members of `Client` and `AsyncClient` besides the services.
/// (The builtins and `type` are there because the client classes' own
/// annotations use them.)
pub const CLIENT_MEMBERS: &[&str] = &[
    "token",
    "admin_token",
    "base_url",
    "close",
    "aclose",
    "http_client",
    "max_retries",
    "retry",
    "on_request",
    "on_response",
    "with_response",
    "type",
    "bool",
    "dict",
    "float",
    "int",
    "list",
    "object",
    "str",
];

/// Whether `s` is a Python keyword.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// A snake_case name (attribute, parameter, method, module): keywords,
/// receivers and `taken` names get a trailing underscore, a leading digit
/// the prefix `prefix_`.
pub fn snake(wire: &str, prefix: &str, taken: &[&str]) -> String {
    let name = ascii_words(wire).to_snake_case();
    let name = if name.is_empty() {
        prefix.to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}_{name}")
    } else {
        name
    };
    if is_keyword(&name) || RECEIVERS.contains(&name.as_str()) || taken.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// A field of a model: `customerNo` → `customer_no`, `1st` → `field_1st`.
pub fn field(wire: &str) -> String {
    snake(wire, "field", MODEL_MEMBERS)
}

/// A request field as a keyword argument: `loginName` → `login_name`,
/// `trace` → `trace_`.
pub fn parameter(wire: &str) -> String {
    snake(wire, "field", CALL_OPTIONS)
}

/// An operation's method: `bindEmail` → `bind_email`, `with` → `with_`.
pub fn method(wire: &str) -> String {
    snake(wire, "op", &[])
}

/// A service's attribute on the client (and its module):
/// `CustomerWebApiService` → `customer_web_api_service`.
pub fn service_attribute(wire: &str) -> String {
    snake(wire, "service", CLIENT_MEMBERS)
}

/// A module of `types` (named after its spec file): `login`, `import` →
/// `import_`.
pub fn module(name: &str) -> String {
    snake(name, "module", &[])
}

/// A class: `LoginResult` stays, `with-dash` → `WithDash`, a keyword or a
/// name the modules import gets `_`.
pub fn class(wire: &str) -> String {
    let name = ascii_words(wire).to_upper_camel_case();
    let name = if name.is_empty() {
        "Unnamed".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("T{name}")
    } else {
        name
    };
    if is_keyword(&name) || TAKEN_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// The class of a spec type or enum of `api`: its [`class`], numbered
/// where the classes of two of them meet (`apiKey` and `ApiKey`: the
/// later one, enums first then types, gets `ApiKey_2`).
pub fn type_class(api: &Api, wire: &str) -> String {
    let base = class(wire);
    let names = api
        .enums
        .iter()
        .map(|e| e.name.as_str())
        .chain(api.types.iter().map(|t| t.name.as_str()));
    let mut earlier = 0;
    for name in names {
        if name == wire {
            break;
        }
        // The letters and digits first: the same class needs the same ones.
        if class_letters(name).eq(class_letters(wire)) && class(name) == base {
            earlier += 1;
        }
    }
    if earlier == 0 {
        base
    } else {
        format!("{base}_{}", earlier + 1)
    }
}

/// The letters and digits of [`class`]`(wire)`, lowercase, without
/// allocating: what two names whose classes meet have in common.
fn class_letters(wire: &str) -> impl Iterator<Item = u8> + '_ {
    let mut alnum = wire
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
        .peekable();
    let prefix: &'static [u8] = match alnum.peek() {
        None => b"unnamed",
        Some(b) if b.is_ascii_digit() => b"t",
        Some(_) => b"",
    };
    prefix.iter().copied().chain(alnum)
}

/// An UPPER_SNAKE constant (enum member, error code): `SelfValue` →
/// `SELF_VALUE`, `1st` → `VALUE_1ST`.
pub fn constant(wire: &str, prefix: &str) -> String {
    let name = ascii_words(wire).to_shouty_snake_case();
    if name.is_empty() {
        prefix.to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}_{name}")
    } else {
        name
    }
}

/// Makes names unique in order: the second `camel_case` becomes
/// `camel_case_2`, and so on (never a name already in the list).
pub fn dedupe(names: Vec<String>) -> Vec<String> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let all: BTreeSet<String> = names.iter().cloned().collect();
    names
        .into_iter()
        .map(|name| {
            if seen.insert(name.clone()) {
                return name;
            }
            let mut n = 2;
            loop {
                let candidate = format!("{name}_{n}");
                if !all.contains(&candidate) && seen.insert(candidate.clone()) {
                    return candidate;
                }
                n += 1;
            }
        })
        .collect()
}

/// A Python string literal (double quotes), for any text.
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names() {
        assert_eq!(field("customerNo"), "customer_no");
        assert_eq!(field("type"), "type");
        assert_eq!(field("id"), "id");
        assert_eq!(field("from"), "from_");
        assert_eq!(field("class"), "class_");
        assert_eq!(field("self"), "self_");
        assert_eq!(field("1st"), "field_1st");
        assert_eq!(field("with-dash"), "with_dash");
        assert_eq!(field("with.dot"), "with_dot");
        assert_eq!(field("XMLHttpRequest"), "xml_http_request");
        assert_eq!(field("to_dict"), "to_dict_");
        assert_eq!(parameter("trace"), "trace_");
        assert_eq!(parameter("timeout"), "timeout_");
        assert_eq!(method("changeEmailV1v1v2"), "change_email_v1v1v2");
        assert_eq!(method("with"), "with_");
        assert_eq!(method("new"), "new");
        assert_eq!(service_attribute("Token"), "token_");
        assert_eq!(class("Type"), "Type");
        assert_eq!(class("None"), "None_");
        assert_eq!(class("Decimal"), "Decimal_");
        assert_eq!(class("with-dash"), "WithDash");
        assert_eq!(constant("SelfValue", "VALUE"), "SELF_VALUE");
        assert_eq!(constant("1st", "VALUE"), "VALUE_1ST");
        assert_eq!(
            constant("CUSTOMER_API_0000511", "E"),
            "CUSTOMER_API_0000511"
        );
    }

    #[test]
    fn collisions_get_numbers_in_spec_order() {
        let names = vec![
            field("camelCASE"),
            field("camel_case"),
            "camel_case_2".to_owned(),
            field("camel-case"),
        ];
        assert_eq!(
            dedupe(names),
            ["camel_case", "camel_case_3", "camel_case_2", "camel_case_4"]
        );
    }

    #[test]
    fn string_literals_escape_what_python_needs() {
        assert_eq!(string_literal("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(string_literal("中文"), "\"中文\"");
    }
}
