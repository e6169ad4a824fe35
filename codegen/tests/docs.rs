//! The Markdown docs of the real spec: deterministic, every internal link
//! resolves to a page and a heading, and snapshots of two pages.
//!
//! Set `BIZGEN_DOCS_OUT=DIR` to also write the pages to DIR (to run
//! markdownlint on them).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use bizgen::docs::render_docs;

fn spec_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn docs() -> BTreeMap<String, String> {
    let loaded =
        bizgen::load_dir(&spec_dir()).unwrap_or_else(|e| panic!("spec does not load:\n{e}"));
    let docs = render_docs(&loaded.api).expect("docs render");
    write_out("spec", &docs);
    docs
}

fn write_out(name: &str, docs: &BTreeMap<String, String>) {
    if let Ok(out) = std::env::var("BIZGEN_DOCS_OUT") {
        for (path, text) in docs {
            let path = Path::new(&out).join(name).join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }
}

/// GitHub's heading anchor: lower case, spaces to `-`, other punctuation
/// than `-` and `_` dropped. Written independently of `bizgen::markdown::slug`.
fn github_slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

/// The visible text of inline Markdown: links to their text, code ticks dropped.
fn plain(inline: &str) -> String {
    let link = regex::Regex::new(r"\[([^\]]*)\]\([^)]*\)").unwrap();
    link.replace_all(inline, "$1").replace(['`', '*'], "")
}

/// Anchors of every heading of a page, with GitHub's `-1`, `-2` suffixes for repeats.
fn anchors(page: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut in_fence = false;
    for line in page.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            let base = github_slug(&plain(&line[hashes + 1..]));
            let n = counts.entry(base.clone()).or_insert(0);
            out.insert(if *n == 0 {
                base.clone()
            } else {
                format!("{base}-{n}")
            });
            *n += 1;
        }
    }
    out
}

/// `[text](target)` links outside code fences and code spans.
fn links(page: &str) -> Vec<String> {
    let re = regex::Regex::new(r"\]\(([^)\s]+)\)").unwrap();
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in page.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if !in_fence {
            out.extend(re.captures_iter(line).map(|c| c[1].to_owned()));
        }
    }
    out
}

/// `dir/../x.md` → `x.md`, relative to the docs root.
fn resolve(from_page: &str, target: &str) -> String {
    let mut parts: Vec<&str> = from_page.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "{from_page}: link {target} leaves the docs"
                );
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[test]
fn rendering_is_deterministic() {
    let a = docs();
    let b = docs();
    assert_eq!(a, b);
    assert!(a.keys().all(|k| !k.contains('\\') && k.ends_with(".md")));
}

#[test]
fn has_an_index_and_a_page_per_operation() {
    let loaded = bizgen::load_dir(&spec_dir()).unwrap();
    let docs = docs();
    for page in [
        "README.md",
        "types.md",
        "enums.md",
        "errors.md",
        "envelope.md",
    ] {
        assert!(docs.contains_key(page), "no {page}");
    }
    let op_pages: Vec<&String> = docs
        .keys()
        .filter(|k| k.starts_with("operations/"))
        .collect();
    assert_eq!(op_pages.len(), loaded.api.operations().count());
    assert_eq!(op_pages.len(), 58);
    let index_links: BTreeSet<String> = links(&docs["README.md"]).into_iter().collect();
    for page in op_pages {
        assert!(
            index_links.contains(page.as_str()),
            "the index does not link {page}"
        );
    }
    for (_, op) in loaded.api.operations() {
        assert!(
            docs["README.md"].contains(&format!("[{}](", op.name)),
            "{} not in the index",
            op.name
        );
    }
}

/// Checks every internal link of a docs set; returns how many there are.
fn check_links(docs: &BTreeMap<String, String>) -> usize {
    let anchors: BTreeMap<&str, BTreeSet<String>> =
        docs.iter().map(|(k, v)| (k.as_str(), anchors(v))).collect();
    let mut checked = 0;
    for (page, text) in docs {
        for target in links(text) {
            assert!(!target.contains("://"), "{page}: external link {target}");
            let (path, fragment) = match target.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (target.as_str(), None),
            };
            let file = if path.is_empty() {
                page.clone()
            } else {
                resolve(page, path)
            };
            let Some(heads) = anchors.get(file.as_str()) else {
                panic!("{page}: link {target} points to a missing page {file}");
            };
            if let Some(f) = fragment {
                assert!(
                    heads.contains(f),
                    "{page}: link {target}: {file} has no heading #{f}"
                );
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn every_internal_link_resolves_to_a_page_and_heading() {
    let checked = check_links(&docs());
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn operation_pages_document_the_essentials() {
    let docs = docs();
    let page = &docs["operations/customer-web-api-service/bind-email.md"];
    for needle in [
        "# bindEmail",
        "`customer.app.CustomerWebApiService.bindEmail`",
        "`POST /api/global/customer.app.CustomerWebApiService.bindEmail`",
        "curl -s -X POST",
        "-H \"token: $TOKEN\"",
        "| `verifyCode` | `string` | yes |",
        "CUSTOMER_API_0000511",
        "BIZGEN_VALIDATION",
        "BIZGEN_UNAUTHENTICATED",
    ] {
        assert!(
            page.contains(needle),
            "bindEmail page lacks {needle:?}:\n{page}"
        );
    }
    // A guest operation takes no token and cannot fail authentication.
    let guest = &docs["operations/customer-web-api-service/check-customer-exist.md"];
    assert!(!guest.contains("token: $TOKEN"));
    assert!(!guest.contains("BIZGEN_UNAUTHENTICATED"));
    assert!(guest.contains("[`ContactType`](../../enums.md#contacttype)"));
}

#[test]
fn snapshot_of_the_bind_email_page() {
    let docs = docs();
    insta::assert_snapshot!(
        "bind_email",
        docs["operations/customer-web-api-service/bind-email.md"]
    );
}

#[test]
fn snapshot_of_the_index() {
    let docs = docs();
    insta::assert_snapshot!("index", docs["README.md"]);
}

/// A spec without examples, with deprecations, nested and string-coded
/// types and text that looks like Markdown or HTML.
const MINI: &str = r#"
api: {name: mini, title: Mini API, version: 1.0.0, description: "A <b>tiny</b> API | for tests."}
gateways:
  g: {prefix: /api/g/, side: c, headers: {version: required, lang: optional}}
headers:
  version: {description: Version.}
  lang: {description: Language.}
  token: {description: Token.}
envelope:
  successCode: "0"
  fields:
    code: {type: string, required: true, description: Code.}
    ok: {type: boolean, required: true, description: OK.}
    fail: {type: boolean, required: true, description: Failed.}
errors:
  BIZGEN_VALIDATION: {message: Request validation failed, origin: bizgen}
  BIZGEN_UNAUTHENTICATED: {message: Missing or invalid token, origin: bizgen}
  E_BUSY: {message: Busy, origin: platform}
enums:
  Mode:
    type: string
    description: A mode.
    values:
      - {value: fast, name: Fast, description: "Fast | quick"}
      - {value: slow, name: Slow}
types:
  Item:
    description: An item.
    fields:
      id: {type: int64, required: true, description: Id.}
      tags: {type: "map<string>", nullable: true, description: "Tags, a map<string, string>."}
      mode: {type: Mode, description: Mode.}
services:
  Store:
    qualifiedName: demo.Store
    gateway: g
    access: login
    operations:
      listItems:
        summary: List items
        deprecated: true
        request:
          code: {type: string, required: true, pattern: "^(a|b)[0-9]{2}$", description: "A code such as `a12`."}
          email: {type: string, format: email, description: Email.}
          size: {type: int32, minimum: 5, maximum: 10, description: Page size.}
          old: {type: string, deprecated: true, description: Old field.}
          mode: {type: Mode, required: true, description: Mode.}
          filter: {type: "list<Item>", description: Items to match.}
        response: {type: "list<Item>", nullable: true, description: The items.}
        errors: [E_BUSY]
      hello:
        summary: Say hello
        access: guest
        request: {}
        response: {type: none}
"#;

#[test]
fn a_spec_without_examples_gets_generated_examples() {
    let loaded = bizgen::load_sources(vec![bizgen::Source {
        path: "mini.yaml".into(),
        text: MINI.into(),
    }])
    .unwrap_or_else(|e| panic!("{e}"));
    let docs = render_docs(&loaded.api).unwrap();
    write_out("mini", &docs);
    check_links(&docs);
    let page = &docs["operations/store/list-items.md"];
    assert!(page.contains("**Deprecated:**"), "{page}");
    assert!(
        page.contains("Built from the field examples, defaults and types"),
        "{page}"
    );
    assert!(page.contains("### Generated success response"), "{page}");
    assert!(page.contains("| `old` (deprecated) |"), "{page}");
    // `|` inside a table cell is escaped, also inside code spans.
    assert!(page.contains(r"pattern `^(a\|b)[0-9]{2}$`"), "{page}");
    assert!(
        page.contains("list of [`Item`](../../types.md#item) or `null`"),
        "{page}"
    );
    // HTML-looking text is neutralised.
    assert!(
        docs["README.md"].contains("A &lt;b>tiny&lt;/b> API | for tests."),
        "{}",
        docs["README.md"]
    );
    assert!(
        docs["types.md"].contains("a map&lt;string, string>."),
        "{}",
        docs["types.md"]
    );

    // The generated request body is valid for the operation.
    let op = loaded.api.find_operation("listItems").unwrap();
    let json_block = page
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .unwrap();
    let body: serde_json::Value = serde_json::from_str(json_block).unwrap();
    let violations = bizgen::wire::check_request(&loaded.api, op, &body, true);
    assert!(violations.is_empty(), "{violations:?}\n{body:#}");
    let hello = &docs["operations/store/hello.md"];
    assert!(
        hello.contains("No fields: send an empty JSON object"),
        "{hello}"
    );
    assert!(hello.contains("-d '{}'"), "{hello}");
}
