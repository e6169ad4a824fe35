//! The targets agree where they state the same fact, read back from the
//! files they write (on the real spec, the obstacle course and the headers
//! spec):
//!
//! - every field's description is the same text in the Rust doc comments,
//!   the TSDoc, OpenAPI (3.1 and 3.0) and the Python docstrings (of the
//!   models' attributes and the methods' arguments), links and markup aside;
//! - every operation's request body is the same JSON in the docs' curl
//!   (both languages), the Postman item and the first OpenAPI request
//!   example (3.1 and 3.0);
//! - every quick-start call of the Python README sends the body of the
//!   docs' quick-start curl.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bizgen::ir::{Api, Struct};
use regex::Regex;
use serde_json::Value;

fn load(dir: &str) -> Api {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
    match bizgen::load_dir(&dir) {
        Ok(loaded) => loaded.api,
        Err(e) => panic!("{} does not load:\n{e}", dir.display()),
    }
}

const SPECS: [&str; 3] = ["../spec", "../tests/obstacle-spec", "../tests/headers-spec"];

type Files = BTreeMap<PathBuf, String>;

fn outputs(api: &Api) -> Files {
    bizgen::generate::outputs(api, &Default::default()).expect("renders")
}

fn json_file(files: &Files, path: &str) -> Value {
    let text = files
        .get(Path::new(path))
        .unwrap_or_else(|| panic!("{path} is written"));
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

// ------------------------------------------------------------ field descriptions

/// Rust: struct (by the spec name its `object_schema()` gives, its file
/// and its Rust name: two operations' requests may share a spec name and
/// a file) → the doc text of each field, in order.
fn rust_field_docs(files: &Files) -> BTreeMap<RustStruct, Vec<String>> {
    let spec_name = Regex::new(r#"ObjectSchema\s*::\s*new\s*\(\s*"((?:[^"\\]|\\.)*)""#).unwrap();
    fn walk(
        items: &[syn::Item],
        structs: &mut BTreeMap<String, Vec<String>>,
        names: &mut BTreeMap<String, String>,
        spec_name: &Regex,
    ) {
        for item in items {
            match item {
                syn::Item::Struct(s) => {
                    let docs = s.fields.iter().map(|f| doc_text(&f.attrs)).collect();
                    structs.insert(s.ident.to_string(), docs);
                }
                syn::Item::Impl(i) => {
                    let syn::Type::Path(p) = &*i.self_ty else {
                        continue;
                    };
                    let Some(ident) = p.path.segments.last() else {
                        continue;
                    };
                    let tokens = quote::ToTokens::to_token_stream(i).to_string();
                    if let Some(c) = spec_name.captures(&tokens) {
                        names.insert(ident.ident.to_string(), c[1].replace("\\\"", "\""));
                    }
                }
                syn::Item::Mod(m) => {
                    if let Some((_, inner)) = &m.content {
                        walk(inner, structs, names, spec_name);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = BTreeMap::new();
    for (path, text) in files {
        if path.extension().is_some_and(|e| e == "rs") && path.starts_with("src") {
            let file = syn::parse_file(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let (mut structs, mut names) = (BTreeMap::new(), BTreeMap::new());
            walk(&file.items, &mut structs, &mut names, &spec_name);
            for (rust, spec) in names {
                if let Some(docs) = structs.remove(&rust) {
                    out.insert((spec, path.clone(), rust), docs);
                }
            }
        }
    }
    out
}

/// A Rust struct: its spec name, file and Rust name.
type RustStruct = (String, PathBuf, String);

/// The field docs of every Rust struct of the spec name `name` with
/// `fields` fields: one, or one per service where request types of two
/// services share a name.
fn rust_docs_of<'r>(
    rust: &'r BTreeMap<RustStruct, Vec<String>>,
    name: &str,
    fields: usize,
) -> Vec<&'r Vec<String>> {
    rust.iter()
        .filter(|((spec, ..), docs)| spec == name && docs.len() == fields)
        .map(|(_, docs)| docs)
        .collect()
}

fn doc_text(attrs: &[syn::Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|l| l.strip_prefix(' ').unwrap_or(&l).to_owned())
        .collect();
    lines.join("\n").trim().to_owned()
}

/// `[`Account`](super::types::Account)` → `` `Account` ``.
fn unlink_rust(text: &str) -> String {
    let link = Regex::new(r"\[(`+[^\]]*?`+)\]\([^)\s]*\)").unwrap();
    link.replace_all(text, "$1").into_owned()
}

/// TypeScript: (file, interface) → key → doc text.
fn ts_field_docs(files: &Files) -> BTreeMap<(String, String), BTreeMap<String, String>> {
    let interface = Regex::new(r"^export interface (\S+) \{$").unwrap();
    let property = Regex::new(r#"^\s*("(?:[^"\\]|\\.)*"|[A-Za-z_$][\w$]*)\??: "#).unwrap();
    let mut out = BTreeMap::new();
    for (path, text) in files {
        if !(path.extension().is_some_and(|e| e == "ts") && path.starts_with("ts/src")) {
            continue;
        }
        let file = path.display().to_string();
        let mut current: Option<(String, BTreeMap<String, String>)> = None;
        let mut doc: Vec<String> = Vec::new();
        let mut in_doc = false;
        for line in text.lines() {
            let trimmed = line.trim();
            if let Some(c) = interface.captures(line) {
                current = Some((c[1].to_owned(), BTreeMap::new()));
                doc.clear();
                continue;
            }
            let Some((_, fields)) = current.as_mut() else {
                continue;
            };
            if line == "}" {
                if let Some((name, fields)) = current.take() {
                    out.insert((file.clone(), name), fields);
                }
                continue;
            }
            if let Some(one) = trimmed
                .strip_prefix("/** ")
                .and_then(|t| t.strip_suffix(" */"))
            {
                doc = vec![one.to_owned()];
            } else if trimmed == "/**" {
                doc.clear();
                in_doc = true;
            } else if in_doc && trimmed == "*/" {
                in_doc = false;
            } else if in_doc {
                let l = trimmed.strip_prefix('*').unwrap_or(trimmed);
                doc.push(l.strip_prefix(' ').unwrap_or(l).to_owned());
            } else if let Some(c) = property.captures(line) {
                let key = c[1].to_owned();
                let key = if key.starts_with('"') {
                    serde_json::from_str(&key).expect("a JSON string key")
                } else {
                    key
                };
                let text: Vec<&str> = doc
                    .iter()
                    .map(String::as_str)
                    .filter(|l| !l.starts_with("@deprecated"))
                    .collect();
                fields.insert(key, text.join("\n").trim().replace("*\\/", "*/"));
                doc.clear();
            }
        }
    }
    out
}

/// `{@link types.LoginType}` → `` `LoginType` ``; `{@link types.X | x}` → `` `x` ``.
fn unlink_ts(text: &str) -> String {
    let named = Regex::new(r"\{@link [^}|]+\| ([^}]+)\}").unwrap();
    let plain = Regex::new(r"\{@link (?:types\.)?([^}|\s]+)\}").unwrap();
    let text = named.replace_all(text, "`$1`");
    plain.replace_all(&text, "`$1`").into_owned()
}

// ------------------------------------------------------------ Python docstrings

/// Docstring or doc-comment text as the agreement compares it: markup
/// aside (reST's ``` ``code`` ``` and `:class:` roles read as Markdown's
/// code spans), whitespace runs as one space.
fn plain(text: &str) -> String {
    let role = Regex::new(r":class:`(?:([^`<]*?) <[^`>]*>|([^`]*))`").unwrap();
    let text = role.replace_all(text, |c: &regex::Captures| {
        format!("`{}`", c.get(1).or(c.get(2)).map_or("", |m| m.as_str()))
    });
    text.replace("``", "`")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of a Python docstring's source: `\\` and `\"` unescaped.
fn unescape_py(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => out.extend(chars.next()),
            (c, false) => out.push(c),
        }
    }
    out
}

/// The docstrings of a Python model's attributes, in order.
fn py_attribute_docs(text: &str, class: &str) -> Vec<String> {
    let attribute = Regex::new(r"^    [A-Za-z_]\w*: ").unwrap();
    let start = format!("class {class}(_rt.Model):");
    let mut lines = text
        .lines()
        .skip_while(|l| *l != start)
        .skip(1)
        .take_while(|l| !l.starts_with("    def "));
    let mut docs = Vec::new();
    while let Some(line) = lines.next() {
        if !attribute.is_match(line) {
            continue;
        }
        let Some(first) = lines.next().and_then(|l| l.strip_prefix("    \"\"\"")) else {
            continue;
        };
        let mut doc = vec![first.to_owned()];
        if let Some(one) = first.strip_suffix("\"\"\"") {
            doc = vec![one.to_owned()];
        } else {
            for l in lines.by_ref() {
                if l.trim() == "\"\"\"" {
                    break;
                }
                doc.push(l.to_owned());
            }
        }
        docs.push(unescape_py(&doc.join("\n")));
    }
    docs
}

/// The texts of the entries of the `Args:` section of a Python method's
/// docstring (`name: text`), of the first method called `method` in the
/// file (the blocking client's).
fn py_argument_docs(text: &str, method: &str) -> Vec<String> {
    let def = format!("    def {method}(");
    let mut entries: Vec<String> = Vec::new();
    let section = text
        .lines()
        .skip_while(|l| !l.starts_with(&def))
        .skip_while(|l| l.trim() != "Args:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty());
    for line in section {
        match (line.strip_prefix("            "), entries.last_mut()) {
            (Some(more), Some(last)) if more.starts_with(' ') => {
                last.push(' ');
                last.push_str(more.trim());
            }
            _ => {
                let entry = line.trim();
                let text = entry.split_once(": ").map_or(entry, |(_, t)| t);
                entries.push(unescape_py(text));
            }
        }
    }
    entries
}

/// The Python docstring of field `wire` among `docs`: the one that states
/// its wire name.
fn py_doc_of<'d>(docs: &'d [String], wire: &str) -> Option<&'d str> {
    let needle = format!("Wire name `{wire}`,");
    docs.iter()
        .find(|d| plain(d).contains(&needle))
        .map(String::as_str)
}

/// OpenAPI: the property of a field, in a shared type or a request body.
fn openapi_property<'v>(doc: &'v Value, api: &Api, s: &Struct, field: &str) -> &'v Value {
    let op = api
        .operations()
        .find(|(_, o)| std::ptr::eq(&o.request, s))
        .map(|(_, o)| o);
    let schema = match op {
        Some(op) => {
            &doc["paths"][&op.path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        }
        None => &doc["components"]["schemas"][&s.name],
    };
    &schema["properties"][field]
}

#[test]
fn every_field_is_described_alike_in_rust_typescript_openapi_and_python() {
    for spec in SPECS {
        let api = load(spec);
        let files = outputs(&api);
        let rust = rust_field_docs(&files);
        let ts = ts_field_docs(&files);
        let openapi = [
            json_file(&files, "openapi/openapi.json"),
            json_file(&files, "openapi/openapi-3.0.json"),
        ];
        let names = bizgen::typescript::Names::new(&api);
        let py_pkg = format!("python/src/{}", bizgen::python::import_name(&api));
        let py_file = |path: String| {
            files
                .get(Path::new(&path))
                .unwrap_or_else(|| panic!("{spec}: no {path}"))
        };
        let shared = api.types.iter().map(|t| {
            let module = api
                .type_modules
                .iter()
                .find(|m| m.name == t.module)
                .expect("a type module");
            let py = py_file(format!(
                "{py_pkg}/types/{}.py",
                bizgen::python::names::module(&module.name)
            ));
            (
                t,
                format!("ts/src/types/{}.ts", names.type_file(module)),
                py_attribute_docs(py, &bizgen::python::names::type_class(&api, &t.name)),
            )
        });
        let requests = api.services.iter().flat_map(|s| {
            let file = format!("ts/src/services/{}.ts", names.service_file(s));
            let (api, py_pkg, py_file) = (&api, &py_pkg, &py_file);
            s.operations.iter().map(move |o| {
                let (attr, method) = bizgen::python::values::path_of(api, o);
                let py = py_file(format!("{py_pkg}/services/{attr}.py"));
                (&o.request, file.clone(), py_argument_docs(py, &method))
            })
        });
        let mut checked = 0;
        for (s, ts_file, py_docs) in shared.chain(requests) {
            let candidates = rust_docs_of(&rust, &s.name, s.fields.len());
            assert!(
                !candidates.is_empty(),
                "{spec}: no Rust struct for `{}`",
                s.name
            );
            let ts_docs = ts
                .get(&(ts_file.clone(), bizgen::typescript::type_name(&s.name)))
                .unwrap_or_else(|| panic!("{spec}: no interface for `{}` in {ts_file}", s.name));
            for (i, f) in s.fields.iter().enumerate() {
                let at = format!("{spec}: `{}.{}`", s.name, f.name);
                let ts_text = unlink_ts(&ts_docs[&f.name]);
                // Requests of the same name in two services: one of them is this one.
                let rust_text = candidates
                    .iter()
                    .map(|docs| unlink_rust(&docs[i]))
                    .find(|t| *t == ts_text)
                    .unwrap_or_else(|| unlink_rust(&candidates[0][i]));
                assert_eq!(rust_text, ts_text, "{at}: Rust docs and TSDoc differ");
                let python = py_doc_of(&py_docs, &f.name)
                    .unwrap_or_else(|| panic!("{at}: no Python docstring"));
                let (python, rust_plain) = (plain(python), plain(&rust_text));
                assert!(
                    python.starts_with(&rust_plain),
                    "{at}: the Python docstring does not carry the Rust docs' text\n  \
                     Python: {python}\n  Rust:   {rust_plain}"
                );
                let zh = f
                    .description_zh
                    .as_deref()
                    .map(str::trim)
                    .filter(|z| !z.is_empty());
                let english = match zh {
                    Some(zh) => rust_text.replacen(&format!("{zh}\n\n"), "", 1),
                    None => rust_text.clone(),
                };
                for doc in &openapi {
                    let property = openapi_property(doc, &api, s, &f.name);
                    assert_eq!(
                        property["description"].as_str(),
                        Some(english.as_str()),
                        "{at}: OpenAPI {} and the Rust docs differ",
                        doc["openapi"]
                    );
                    assert_eq!(
                        property["x-description-zh"].as_str(),
                        zh,
                        "{at}: Chinese text"
                    );
                }
                checked += 1;
            }
        }
        assert!(checked > 0, "{spec}: no field checked");
    }
}

// ------------------------------------------------------------ request bodies

/// The body of the docs' curl command on an operation page.
fn curl_body(page: &str, path: &str) -> Value {
    let start = page
        .find(&format!("curl -s -X POST \"$BASE_URL{path}\""))
        .unwrap_or_else(|| panic!("a curl command for {path}"));
    let line = page[start..]
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("-d '"))
        .unwrap_or_else(|| panic!("a body for {path}"));
    let quoted = line.strip_suffix('\'').expect("a single-quoted body");
    serde_json::from_str(&quoted.replace("'\\''", "'")).expect("the curl body is JSON")
}

/// Postman: the raw body of the item that posts to `path`.
fn postman_body(collection: &Value, path: &str) -> Value {
    let want = format!("{{{{baseUrl}}}}{path}");
    let items = collection["item"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|folder| folder["item"].as_array().into_iter().flatten());
    for item in items {
        if item["request"]["url"]["raw"] == want.as_str() {
            let raw = item["request"]["body"]["raw"].as_str().expect("a raw body");
            return serde_json::from_str(raw).expect("the Postman body is JSON");
        }
    }
    panic!("no Postman item posts to {path}")
}

#[test]
fn every_request_body_is_the_same_in_docs_postman_and_openapi() {
    for spec in SPECS {
        let api = load(spec);
        let files = outputs(&api);
        let pages = bizgen::docs::Pages::new(&api);
        let collection = json_file(
            &files,
            &format!("postman/{}.postman_collection.json", api.name),
        );
        let openapi = [
            json_file(&files, "openapi/openapi.json"),
            json_file(&files, "openapi/openapi-3.0.json"),
        ];
        for (s, op) in api.operations() {
            let at = format!("{spec}: {}", op.path);
            let postman = postman_body(&collection, &op.path);
            for dir in ["docs", "docs/zh"] {
                let page = Path::new(dir).join(pages.operation(s, op));
                let text = files
                    .get(&page)
                    .unwrap_or_else(|| panic!("{}", page.display()));
                assert_eq!(
                    curl_body(text, &op.path),
                    postman,
                    "{at}: {dir} curl and Postman differ"
                );
            }
            for doc in &openapi {
                let examples = &doc["paths"][&op.path]["post"]["requestBody"]["content"]
                    ["application/json"]["examples"];
                let first = examples
                    .as_object()
                    .and_then(|m| m.values().next())
                    .unwrap_or_else(|| {
                        panic!("{at}: OpenAPI {} has no request example", doc["openapi"])
                    });
                assert_eq!(
                    first["value"], postman,
                    "{at}: the first OpenAPI {} example and Postman differ",
                    doc["openapi"]
                );
            }
        }
    }
}

// ------------------------------------------------------------ the Python README

/// The keyword arguments of the first call of `client.{attr}.{method}(` in
/// `text`, one `name=value` each.
fn py_call_arguments(text: &str, attr: &str, method: &str) -> Vec<String> {
    let call = format!("client.{attr}.{method}(");
    let start = text.find(&call).unwrap_or_else(|| panic!("no call {call}")) + call.len();
    let (mut depth, mut quoted, mut escaped) = (0usize, false, false);
    let (mut args, mut current) = (Vec::new(), String::new());
    for c in text[start..].chars() {
        if quoted {
            current.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => quoted = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                args.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    args.push(current);
    args.iter()
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect()
}

/// The body of the curl command of a quick-start step (`ANSWER=$(curl …)`
/// when the next step takes its token).
fn quick_start_curl_body(page: &str, path: &str) -> Value {
    let start = page
        .find(&format!("curl -s -X POST \"$BASE_URL{path}\""))
        .unwrap_or_else(|| panic!("a quick-start curl command for {path}"));
    let line = page[start..]
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("-d '"))
        .unwrap_or_else(|| panic!("a body for {path}"));
    let quoted = line
        .trim_end_matches(')')
        .strip_suffix('\'')
        .expect("a quoted body");
    serde_json::from_str(&quoted.replace("'\\''", "'")).expect("the curl body is JSON")
}

#[test]
fn the_python_readme_sends_the_quick_start_bodies_of_the_docs() {
    let api = load("../spec");
    assert!(!api.quick_start.is_empty(), "the spec has a quick start");
    let files = outputs(&api);
    let docs = &files[Path::new("docs/README.md")];
    let readme = &files[Path::new("python/README.md")];
    let collection = json_file(
        &files,
        &format!("postman/{}.postman_collection.json", api.name),
    );
    for step in &api.quick_start {
        let (_, op) = api
            .operations()
            .find(|(_, o)| o.path == step.operation)
            .expect("a quick-start operation");
        let curl = quick_start_curl_body(docs, &op.path);
        if step.example.is_none() {
            assert_eq!(curl, postman_body(&collection, &op.path), "{}", op.path);
        }
        // The body as the Python target writes a call of it: values as
        // Python literals, fields as keyword arguments.
        let mut want = bizgen::python::values::Values::default().arguments(&api, op, &curl);
        let (attr, method) = bizgen::python::values::path_of(&api, op);
        let mut got = py_call_arguments(readme, &attr, &method);
        want.sort();
        got.sort();
        assert_eq!(
            got, want,
            "{}: the Python README's call and the docs' curl send different bodies",
            op.path
        );
    }
}
