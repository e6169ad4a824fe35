//! Proofs about the checked-in docs (`generated/docs`, both languages):
//! markdownlint passes, the Chinese edition mirrors the English one and
//! sends `lang: zh-CN`, and reader text never talks about seeds.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Every file with extension `ext` under `generated/<dir>`, relative path → text.
fn checked_in(dir: &str, ext: &str) -> BTreeMap<String, String> {
    fn walk(dir: &Path, base: &Path, ext: &str, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).expect("read generated dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                walk(&path, base, ext, out);
            } else if path.extension().is_some_and(|e| e == ext) {
                let rel = path
                    .strip_prefix(base)
                    .expect("under base")
                    .to_string_lossy();
                out.insert(
                    rel.replace('\\', "/"),
                    std::fs::read_to_string(&path).expect("read file"),
                );
            }
        }
    }
    let base = common::repo_root().join("generated").join(dir);
    let mut out = BTreeMap::new();
    walk(&base, &base, ext, &mut out);
    out
}

/// Every Markdown file under `generated/docs`, relative path → text.
fn checked_in_docs() -> BTreeMap<String, String> {
    checked_in("docs", "md")
}

#[test]
fn markdownlint_passes_on_both_languages() {
    let lint = common::tool("npm:markdownlint-cli2");
    let root = common::repo_root();
    let output = Command::new(lint)
        .current_dir(&root)
        .args([
            "--config",
            ".markdownlint-cli2.jsonc",
            "generated/docs/**/*.md",
        ])
        .output()
        .expect("run markdownlint-cli2");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "markdownlint:\n{report}");
    // It really looked at both editions.
    let docs = checked_in_docs();
    let linted = report
        .lines()
        .find_map(|l| l.strip_prefix("Linting: "))
        .and_then(|n| n.split_whitespace().next())
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or_else(|| panic!("no file count in:\n{report}"));
    assert_eq!(linted, docs.len(), "{report}");
    assert!(docs.keys().any(|k| k.starts_with("zh/")));
}

#[test]
fn the_chinese_edition_mirrors_the_english_one() {
    let docs = checked_in_docs();
    let english: Vec<&String> = docs.keys().filter(|k| !k.starts_with("zh/")).collect();
    assert!(english.len() > 60);
    for page in &english {
        let zh = format!("zh/{page}");
        assert!(docs.contains_key(&zh), "no Chinese page for {page}");
        // Same curl examples except the language they ask for.
        let en_text = &docs[*page];
        let zh_text = &docs[&zh];
        assert_eq!(
            en_text.matches("curl -s -X POST").count(),
            zh_text.matches("curl -s -X POST").count(),
            "{page}"
        );
        if en_text.contains("-H 'lang: ") {
            assert!(en_text.contains("-H 'lang: en-US'"), "{page}");
            assert!(!zh_text.contains("-H 'lang: en-US'"), "{zh}");
            assert!(zh_text.contains("-H 'lang: zh-CN'"), "{zh}");
        }
    }
    assert_eq!(english.len() * 2, docs.len());
    let index = &docs["zh/README.md"];
    for heading in [
        "## 快速上手",
        "## 访问级别",
        "## 网关",
        "## 接口",
        "## 参考",
    ] {
        assert!(index.contains(heading), "zh/README.md lacks {heading}");
    }
}

/// The reader-facing lines of a docs page: everything but the "Source
/// notes" blocks (a `## Source notes` section, or a `Source notes:`
/// paragraph with its list inside a type's section), which are for spec
/// maintainers.
fn reader_lines(page: &str) -> Vec<(usize, &str)> {
    const NOTES: [&str; 2] = ["Source notes", "来源说明"];
    let mut out = Vec::new();
    let mut in_notes = false;
    for (i, line) in page.lines().enumerate() {
        let heading = line.starts_with('#');
        let label = line
            .trim_start_matches('#')
            .trim()
            .trim_end_matches([':', '：']);
        if NOTES.contains(&label) {
            in_notes = true;
        } else if heading {
            in_notes = false;
        }
        if !in_notes {
            out.push((i + 1, line));
        }
    }
    out
}

/// Every string of a JSON document that a reader sees (descriptions,
/// summaries, titles, ...), with its JSON pointer; examples are data, not text.
fn json_texts(value: &serde_json::Value, pointer: String, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::String(s) => out.push((pointer, s.clone())),
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                json_texts(v, format!("{pointer}/{i}"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if k != "example" && k != "examples" {
                    json_texts(v, format!("{pointer}/{k}"), out);
                }
            }
        }
        _ => {}
    }
}

fn mentions_seed(text: &str) -> bool {
    text.to_lowercase().contains("seed")
}

/// Reader text says what the API does; where a statement comes from goes to
/// the spec's `notes`, shown only as "Source notes".
#[test]
fn reader_text_never_mentions_seeds() {
    let mut found = Vec::new();
    let docs = checked_in_docs();
    let mut notes_seen = 0;
    for (page, text) in &docs {
        let reader = reader_lines(text);
        notes_seen += text.lines().count() - reader.len();
        for (n, line) in reader {
            if mentions_seed(line) {
                found.push(format!("generated/docs/{page}:{n}: {line}"));
            }
        }
    }
    // The exclusion is not vacuous: the spec has notes, in both languages.
    assert!(notes_seen > 0, "no Source notes block found in the docs");
    assert!(docs
        .iter()
        .any(|(p, t)| p.starts_with("zh/") && t.contains("## 来源说明")));
    for (file, text) in checked_in("openapi", "json") {
        let doc: serde_json::Value = serde_json::from_str(&text).expect("OpenAPI is JSON");
        let mut texts = Vec::new();
        json_texts(&doc, String::new(), &mut texts);
        assert!(texts.len() > 100, "{file}: too few texts");
        for (pointer, s) in texts {
            if mentions_seed(&s) {
                found.push(format!("generated/openapi/{file}#{pointer}: {s}"));
            }
        }
    }
    // Doc comments of the TypeScript and Rust SDKs.
    let comments = [("ts/src", "ts"), ("src", "rs")]
        .into_iter()
        .flat_map(|(dir, ext)| {
            checked_in(dir, ext)
                .into_iter()
                .map(move |(file, text)| (format!("generated/{dir}/{file}"), text))
        });
    let mut comment_lines = 0;
    for (file, text) in comments {
        for (i, line) in text.lines().enumerate() {
            let t = line.trim_start();
            let comment = ["///", "//!", "//", "/**", "* ", "*/", "#[doc"]
                .iter()
                .any(|p| t.starts_with(p))
                || t == "*";
            if comment {
                comment_lines += 1;
                if mentions_seed(t) {
                    found.push(format!("{file}:{}: {t}", i + 1));
                }
            }
        }
    }
    assert!(
        comment_lines > 1000,
        "too few doc comment lines: {comment_lines}"
    );
    assert!(
        found.is_empty(),
        "reader text mentions the seeds (move it to the spec's `notes`):\n{}",
        found.join("\n")
    );
}

/// Words that say where a statement comes from rather than what the API
/// does: they belong in the spec's `notes` (shown only as "Source notes").
const PROVENANCE_WORDS: [&str; 7] = [
    "seed",
    "placeholder",
    "captured",
    "seen only",
    "seen in",
    "in every example",
    "real example",
];

/// Every reader text of the spec (summaries, descriptions in both
/// languages, conditions in words) is free of provenance words; the
/// generated outputs only format these texts.
#[test]
fn spec_reader_text_has_no_provenance_words() {
    use bizgen::ir::{Condition, Field};
    let api = common::api();
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut push = |at: String, text: Option<&str>| {
        if let Some(t) = text {
            texts.push((at, t.to_owned()));
        }
    };
    let fields = |owner: &str, fs: &[Field], push: &mut dyn FnMut(String, Option<&str>)| {
        for f in fs {
            let at = format!("{owner}.{}", f.name);
            push(at.clone(), Some(&f.description));
            push(at.clone(), f.description_zh.as_deref());
            if let Some(Condition::State { text, text_zh }) = &f.required_when {
                push(at.clone(), Some(text));
                push(at, text_zh.as_deref());
            }
        }
    };
    for (service, op) in api.operations() {
        let at = format!("{}.{}", service.name, op.name);
        for t in [&op.summary, &op.description, &op.response.description] {
            push(at.clone(), Some(t));
        }
        push(at.clone(), op.summary_zh.as_deref());
        push(at.clone(), op.description_zh.as_deref());
        fields(&at, &op.request.fields, &mut push);
    }
    for t in &api.types {
        push(t.name.clone(), Some(&t.description));
        push(t.name.clone(), t.description_zh.as_deref());
        fields(&t.name, &t.fields, &mut push);
    }
    for e in &api.enums {
        push(e.name.clone(), Some(&e.description));
        for v in &e.values {
            push(format!("{}.{}", e.name, v.name), Some(&v.description));
        }
    }
    assert!(texts.len() > 500, "too few texts: {}", texts.len());
    let found: Vec<String> = texts
        .iter()
        .filter_map(|(at, text)| {
            let lower = text.to_lowercase();
            let word = PROVENANCE_WORDS.iter().find(|w| lower.contains(*w))?;
            Some(format!("{at}: \"{word}\" in {text:?}"))
        })
        .collect();
    assert!(
        found.is_empty(),
        "provenance words in reader text (move them to `notes`):\n{}",
        found.join("\n")
    );
}
