//! TypeScript names for wire names: keywords, odd characters and globals
//! the generated code relies on never become identifiers as they are.

use heck::{ToLowerCamelCase, ToUpperCamelCase};

/// Reserved words of JavaScript and TypeScript, and the primitive type
/// names, which cannot name a type or a value.
const RESERVED: &[&str] = &[
    "any",
    "arguments",
    "as",
    "async",
    "await",
    "bigint",
    "boolean",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "constructor",
    "continue",
    "debugger",
    "declare",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "from",
    "function",
    "get",
    "if",
    "implements",
    "import",
    "in",
    "infer",
    "instanceof",
    "interface",
    "is",
    "keyof",
    "let",
    "module",
    "namespace",
    "never",
    "new",
    "null",
    "number",
    "object",
    "of",
    "package",
    "private",
    "protected",
    "public",
    "readonly",
    "require",
    "return",
    "set",
    "static",
    "string",
    "super",
    "switch",
    "symbol",
    "this",
    "throw",
    "true",
    "try",
    "type",
    "typeof",
    "undefined",
    "unique",
    "unknown",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// Whether `s` can be written bare as an identifier or property name.
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A name for a type and its value (`LoginType`): the wire name when it is
/// a usable identifier, else its UpperCamelCase, with `_` after a reserved word.
pub fn type_name(wire: &str) -> String {
    let name = if is_identifier(wire) {
        wire.to_owned()
    } else {
        sanitize(wire).to_upper_camel_case()
    };
    escape(name)
}

/// `CustomerWebApiService` → `customerWebApiService`: the client property
/// and the namespace of a service.
pub fn value_name(wire: &str) -> String {
    escape(sanitize(wire).to_lower_camel_case())
}

/// A property key: bare when it can be, else a string literal (`"1st"`,
/// `"with-dash"`).
pub fn property(wire: &str) -> String {
    if is_identifier(wire) {
        wire.to_owned()
    } else {
        string_literal(wire)
    }
}

/// A class method key: as [`property`], but `constructor` is computed
/// (`["constructor"]`): bare or quoted it would be the class constructor.
pub fn method(wire: &str) -> String {
    if wire == "constructor" {
        format!("[{}]", string_literal(wire))
    } else {
        property(wire)
    }
}

/// A TypeScript string literal.
pub fn string_literal(s: &str) -> String {
    // JSON string syntax is valid TypeScript; line separators read better escaped.
    serde_json::to_string(s)
        .unwrap_or_default()
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

fn escape(name: String) -> String {
    let name = if name.is_empty() {
        "_unnamed".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else {
        name
    };
    if RESERVED.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// Keeps ASCII letters and digits; anything else separates words.
fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names() {
        assert_eq!(type_name("Type"), "Type");
        assert_eq!(type_name("string"), "string_");
        assert_eq!(type_name("with-dash"), "WithDash");
        assert_eq!(value_name("CustomerWebApiService"), "customerWebApiService");
        assert_eq!(value_name("new"), "new_");
        assert_eq!(property("type"), "type");
        assert_eq!(property("1st"), "\"1st\"");
        assert_eq!(property("with.dot"), "\"with.dot\"");
        assert_eq!(method("constructor"), "[\"constructor\"]");
    }
}
