//! The N-times spec of the scaling benchmark (`scripts/scale-bench`) and of
//! the layout test: copy 0 is the spec verbatim; copies 1..N repeat its
//! enums, types and services under new names, so the result loads as one
//! valid API of N times the operations.
//!
//! Per copy `k`, every type, enum and service name gets the suffix `X{k}`
//! (`LoginResult` → `LoginResultX7`), qualified names and bizType/path
//! overrides too, and type expressions (`list<Account>`) follow the renames.
//! The API-wide sections (`api`, gateways, headers, envelope, errors) stay
//! in copy 0 only. The YAML is read generically (any key the spec format
//! gains later is copied as is); examples are copied untouched. Copy `k` of
//! `services/login.yaml` is `copy00k/services/login.yaml`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::spec::Source;

/// Sections that are repeated per copy; the others are API-wide.
const COPIED: &[&str] = &["enums", "types", "services"];
/// Keys whose values are JSON payloads, never spec: copied untouched.
const PAYLOADS: &[&str] = &["examples", "example", "default"];

/// The spec files below `spec_dir` and `n - 1` renamed copies (at least the
/// spec itself), by path relative to `spec_dir`.
pub fn copies(spec_dir: &Path, n: usize) -> crate::Result<Vec<Source>> {
    let mut files = Vec::new();
    list_yaml(spec_dir, spec_dir, &mut files)?;
    let mut parsed = Vec::new();
    for rel in files {
        let path = spec_dir.join(&rel);
        let text = std::fs::read_to_string(&path).map_err(crate::Error::io("read", &path))?;
        let value: Value = serde_saphyr::from_str(&text).map_err(|e| crate::Error::Scale {
            path: path.clone(),
            source: Box::new(e),
        })?;
        parsed.push((rel, text, value));
    }
    // Every name a type expression can refer to.
    let mut names = BTreeSet::new();
    for (_, _, value) in &parsed {
        for section in ["enums", "types"] {
            if let Some(Value::Object(map)) = value.get(section) {
                names.extend(map.keys().cloned());
            }
        }
    }
    let mut out = Vec::new();
    for (rel, text, value) in parsed {
        for k in 1..n {
            let Some(copy) = copy_of(&value, k, &names) else {
                continue;
            };
            let text = serde_saphyr::to_string(&copy).map_err(|e| crate::Error::Scale {
                path: rel.clone(),
                source: Box::new(e),
            })?;
            out.push(Source {
                path: Path::new(&format!("copy{k:03}")).join(&rel),
                text,
            });
        }
        out.push(Source { path: rel, text });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The number of operations of a spec file.
pub fn count_operations(text: &str) -> usize {
    let Ok(file) = serde_saphyr::from_str::<Value>(text) else {
        return 0;
    };
    file.get("services")
        .and_then(Value::as_object)
        .map_or(0, |services| {
            services
                .values()
                .filter_map(|s| s.get("operations").and_then(Value::as_object))
                .map(Map::len)
                .sum()
        })
}

/// Copy `k` of one spec file: its repeated sections renamed, or `None` when
/// it has none.
fn copy_of(file: &Value, k: usize, names: &BTreeSet<String>) -> Option<Value> {
    let suffix = format!("X{k}");
    let mut out = Map::new();
    for section in COPIED {
        let Some(Value::Object(items)) = file.get(*section) else {
            continue;
        };
        let renamed = items
            .iter()
            .map(|(name, def)| {
                let mut def = rename_types(def, &suffix, names);
                if *section == "services" {
                    rename_service(&mut def, &suffix);
                }
                (format!("{name}{suffix}"), def)
            })
            .collect();
        out.insert((*section).to_owned(), Value::Object(renamed));
    }
    (!out.is_empty()).then_some(Value::Object(out))
}

/// Qualified name, and bizType/path overrides (which would collide across
/// copies otherwise).
fn rename_service(service: &mut Value, suffix: &str) {
    if let Some(Value::String(q)) = service.get_mut("qualifiedName") {
        q.push_str(suffix);
    }
    let Some(Value::Object(ops)) = service.get_mut("operations") else {
        return;
    };
    for op in ops.values_mut() {
        for key in ["bizType", "path"] {
            if let Some(Value::String(s)) = op.get_mut(key) {
                s.push_str(suffix);
            }
        }
    }
}

/// Every `type: <expression>` below `value`, with known names suffixed.
fn rename_types(value: &Value, suffix: &str, names: &BTreeSet<String>) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, v)| {
                    let v = match (key.as_str(), v) {
                        ("type", Value::String(expr)) => {
                            Value::String(rename_expr(expr, suffix, names))
                        }
                        (key, v) if PAYLOADS.contains(&key) => v.clone(),
                        (_, v) => rename_types(v, suffix, names),
                    };
                    (key.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| rename_types(v, suffix, names))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `list<Account>` → `list<AccountX7>`: identifiers that name a type or enum.
fn rename_expr(expr: &str, suffix: &str, names: &BTreeSet<String>) -> String {
    let mut out = String::with_capacity(expr.len() + suffix.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        out.push_str(word);
        if names.contains(word.as_str()) {
            out.push_str(suffix);
        }
        word.clear();
    };
    for c in expr.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The `*.yaml` files below `dir`, relative to `root`, sorted.
fn list_yaml(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> crate::Result<()> {
    let entries = std::fs::read_dir(dir).map_err(crate::Error::io("read", dir))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            list_yaml(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml") {
            if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_path_buf());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_expressions_follow_the_renames() {
        let names: BTreeSet<String> = ["Account".to_owned()].into();
        assert_eq!(
            rename_expr("map<list<Account>>", "X7", &names),
            "map<list<AccountX7>>"
        );
        assert_eq!(rename_expr("AccountType", "X7", &names), "AccountType");
    }
}
