//! Rust names for wire names: keywords, odd casing and collisions are normal.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be identifiers even as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "extern", "_"];

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Is `s` a Rust keyword (strict or reserved)?
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// Makes `s` a usable identifier: keywords become raw identifiers (`r#type`)
/// or get a trailing underscore (`self_`), a leading digit gets `_`.
pub fn escape(s: &str) -> String {
    let s = if s.is_empty() {
        "_unnamed".to_owned()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{s}")
    } else {
        s.to_owned()
    };
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else if is_keyword(&s) {
        format!("r#{s}")
    } else {
        s
    }
}

/// Methods that a generated service client has besides its operations.
const CLIENT_METHODS: &[&str] = &["with"];

/// An operation's method name: a field name that also stays clear of the
/// service client's own methods (`with` → `with_`).
pub fn method_name(s: &str) -> String {
    let name = field_name(s);
    if CLIENT_METHODS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// `verifyCodeSMS` → `verify_code_sms`; `type` → `r#type`.
pub fn field_name(wire: &str) -> String {
    escape(&sanitize(wire).to_snake_case())
}

/// `changeEmailV1v1v2` → `ChangeEmailV1v1v2`.
pub fn type_name(wire: &str) -> String {
    escape(&sanitize(wire).to_upper_camel_case())
}

/// `CustomerWebApiService` → `customer_web_api_service`.
pub fn module_name(wire: &str) -> String {
    field_name(wire)
}

/// A module name for a file name (`Odd-Name.v2` → `odd_name_v2`): snake
/// case, and never a keyword, even a raw one (`type` → `type_`), as it also
/// names a file.
pub fn file_module_name(stem: &str) -> String {
    let name = escape(&sanitize(stem).to_snake_case());
    match name.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None => name,
    }
}

/// Keeps letters, digits and underscores; anything else separates words.
fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Whether `s` is a plain identifier-like wire name (letters, digits, `_`, `-`, `.`).
pub fn is_plain(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("verifyCodeSMS"), "verify_code_sms");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("businessType1"), "business_type1");
        assert_eq!(type_name("changeEmailV1v1v2"), "ChangeEmailV1v1v2");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(field_name("X-Forwarded-For"), "x_forwarded_for");
        assert_eq!(field_name("1st"), "_1st");
        assert_eq!(file_module_name("type"), "type_");
        assert_eq!(file_module_name("self"), "self_");
        assert_eq!(file_module_name("copy001_login"), "copy001_login");
    }
}
