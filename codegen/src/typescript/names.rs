//! The TypeScript target's names: identifiers for wire names (keywords,
//! odd characters and globals the generated code relies on never become
//! identifiers as they are), and the package's file and member names for
//! the whole API ([`Names`]), collisions resolved.
//!
//! One convention for files: lowerCamelCase stems (`src/types/apiKeys.ts`,
//! `src/services/customerWebApiService.ts`), unique even on a file system
//! that ignores case.

use crate::names::ascii_words;
use std::collections::{BTreeMap, BTreeSet};

use heck::{ToLowerCamelCase, ToUpperCamelCase};

use crate::ir::{Api, Service, TypeModule};

/// The names of the package that depend on the whole API.
#[derive(Debug, Default)]
pub struct Names {
    /// Type module (IR name) → file stem under `src/types/`.
    type_files: BTreeMap<String, String>,
    /// Service name → its property on the client, its namespace and the
    /// file stem under `src/services/`.
    services: BTreeMap<String, String>,
}

impl Names {
    pub fn new(api: &Api) -> Names {
        Names {
            type_files: type_files(&api.type_modules),
            services: unique(
                api.services
                    .iter()
                    .map(|s| (s.name.clone(), value_name(&s.name))),
            ),
        }
    }

    /// The file stem of a spec file's types: `login`, `apiKeys`, `types`.
    pub fn type_file(&self, module: &TypeModule) -> String {
        self.type_files
            .get(&module.name)
            .cloned()
            .unwrap_or_else(|| file_stem(&module.spec_file))
    }

    /// A service's client property and namespace: `customerWebApiService`.
    pub fn service(&self, service: &Service) -> String {
        self.services
            .get(&service.name)
            .cloned()
            .unwrap_or_else(|| value_name(&service.name))
    }

    /// A service's file stem under `src/services/`: its property.
    pub fn service_file(&self, service: &Service) -> String {
        self.service(service)
    }
}

/// File stems for the spec files that declare types: the file's stem in
/// lowerCamelCase; where stems collide, with its directories from the
/// top, one at a time (`copy001/services/login.yaml` → `copy001Login`);
/// shallow files choose first.
fn type_files(modules: &[TypeModule]) -> BTreeMap<String, String> {
    let mut order: Vec<&TypeModule> = modules.iter().collect();
    order.sort_by_key(|m| (m.spec_file.matches('/').count(), m.spec_file.clone()));
    let mut taken = BTreeSet::new();
    let mut out = BTreeMap::new();
    for m in order {
        let parts: Vec<&str> = m.spec_file.split('/').filter(|p| !p.is_empty()).collect();
        let (file, dirs) = parts.split_last().unwrap_or((&"types", &[]));
        let stem = file.rsplit_once('.').map_or(*file, |(stem, _)| stem);
        let candidates: Vec<String> = (0..=dirs.len())
            .map(|n| {
                let mut words: Vec<&str> = dirs[..n].to_vec();
                words.push(stem);
                file_stem(&words.join("_"))
            })
            .collect();
        let chosen = candidates
            .iter()
            .find(|c| !taken.contains(&c.to_lowercase()))
            .cloned()
            .unwrap_or_else(|| numbered(&candidates[candidates.len() - 1], &taken));
        taken.insert(chosen.to_lowercase());
        out.insert(m.name.clone(), chosen);
    }
    out
}

/// Names made unique in order (case-insensitively), later ones numbered.
fn unique(names: impl Iterator<Item = (String, String)>) -> BTreeMap<String, String> {
    let mut taken = BTreeSet::new();
    let mut out = BTreeMap::new();
    for (key, name) in names {
        let chosen = if taken.contains(&name.to_lowercase()) {
            numbered(&name, &taken)
        } else {
            name
        };
        taken.insert(chosen.to_lowercase());
        out.insert(key, chosen);
    }
    out
}

fn numbered(base: &str, taken: &BTreeSet<String>) -> String {
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|c| !taken.contains(&c.to_lowercase()))
        .unwrap_or_else(|| base.to_owned())
}

/// A file stem in lowerCamelCase, never empty: `api_keys.yaml` → `apiKeys`.
fn file_stem(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(s, ext)| {
        if ext == "yaml" || ext == "yml" {
            s
        } else {
            name
        }
    });
    let camel = ascii_words(stem).to_lower_camel_case();
    if camel.is_empty() {
        "types".into()
    } else {
        camel
    }
}

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
        ascii_words(wire).to_upper_camel_case()
    };
    escape(name)
}

/// `CustomerWebApiService` → `customerWebApiService`: the client property
/// and the namespace of a service.
pub fn value_name(wire: &str) -> String {
    escape(ascii_words(wire).to_lower_camel_case())
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

    #[test]
    fn type_files_are_camel_case_and_unique_ignoring_case() {
        let module = |name: &str, spec_file: &str| TypeModule {
            name: name.into(),
            spec_file: spec_file.into(),
        };
        let files = type_files(&[
            module("types_", "types.yaml"),
            module("api_keys", "services/api_keys.yaml"),
            module("login", "services/login.yaml"),
            module("copy001_login", "copy001/services/login.yaml"),
            module("type_", "services/type.yaml"),
        ]);
        assert_eq!(files["types_"], "types");
        assert_eq!(files["api_keys"], "apiKeys");
        assert_eq!(files["login"], "login");
        assert_eq!(files["copy001_login"], "copy001Login");
        assert_eq!(files["type_"], "type");
        let services = unique(
            [
                ("Foo-Bar", "fooBar"),
                ("FooBar", "fooBar"),
                ("foobar", "foobar"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned())),
        );
        assert_eq!(services["Foo-Bar"], "fooBar");
        assert_eq!(services["FooBar"], "fooBar2");
        assert_eq!(services["foobar"], "foobar3");
    }
}
