//! The loader's language-neutral names: which wire names are plain, the
//! name of a spec file's module and of an operation's request type. What a
//! name becomes in a language (keywords, collisions after casing) is that
//! target's business: see `rust::names`, `typescript::names`.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// `services/Odd-Name.v2` → `odd_name_v2`: a spec file's module name, in
/// snake case (which every target can read as words).
pub fn module_name(stem: &str) -> String {
    sanitize(stem).to_snake_case()
}

/// `changeEmailV1v1v2` → `ChangeEmailV1v1v2Request`: the name of an
/// operation's request type.
pub fn request_type_name(operation: &str) -> String {
    format!("{}Request", sanitize(operation).to_upper_camel_case())
}

/// Keeps letters, digits and underscores; anything else separates words.
pub fn sanitize(s: &str) -> String {
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

/// Keeps ASCII letters and digits; anything else separates words (`_`):
/// the raw material of a target language's identifiers.
pub fn ascii_words(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
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
    fn neutral_names() {
        assert_eq!(module_name("type"), "type");
        assert_eq!(module_name("Odd-Name.v2"), "odd_name_v2");
        assert_eq!(module_name("copy001_login"), "copy001_login");
        assert_eq!(request_type_name("self"), "SelfRequest");
        assert_eq!(
            request_type_name("changeEmailV1v1v2"),
            "ChangeEmailV1v1v2Request"
        );
        assert!(is_plain("with.dot") && !is_plain("with space"));
    }
}
