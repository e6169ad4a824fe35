//! The Chinese edition and the reader/maintainer split, checked on the
//! checked-in `generated/docs/` and on `spec/`; no harness, so the counts
//! print in every `cargo test` run.
//!
//! 1. **Untranslated text.** No line of a page under `generated/docs/zh/`
//!    has an English word outside code, identifiers and wire names. Not
//!    prose: fenced code, code spans, HTML comments and tags, link targets,
//!    URLs; a link whose text is one spec name or `English` (the language
//!    switch); a heading made only of spec names; on the glossary page, the
//!    column headed `English`. Spec names are every gateway, header, error
//!    code, enum (its value names and codes), type, service (and the parts
//!    of its qualified name), operation, example, group and field name, and
//!    the string formats. Of what is left, each word (`[A-Za-z][A-Za-z0-9]*`
//!    joined by `- _ . '`) must be code-like (a digit or `_`, one letter, a
//!    part of two or more capitals such as `KYC`, an inner capital such as
//!    `loginName`) or one of [`rules::ALLOWED`] (`token`, `curl`, `Rust`,
//!    the seed's device words, …). One such word fails the line.
//! 2. **Glossary.** No zh page (but the glossary page) and no `*Zh` string
//!    of the spec uses a variant of a term of
//!    `codegen/src/docs/lang/glossary.zh.yaml` (Chinese variants anywhere,
//!    Latin ones as whole words, after masking the term itself).
//! 3. **Reader pages.** No operation page in either language says seed,
//!    placeholder, captured, probe or Apidog; every B-side operation's curl
//!    sends `$ADMIN_TOKEN` (the mock's `--admin-token`), never `$TOKEN`; no
//!    English reader page shows Chinese outside code, the language switch
//!    and the glossary; every spec file with provenance has its
//!    maintainers' page, linked from the index.
//! 4. **Where the Chinese comes from** (a count, not a check): a `*Zh`
//!    string of the spec is *from the seeds* when, without spaces,
//!    punctuation and code-span backticks, it occurs in a seed document
//!    (`tests/seeds/`); *seed lead* when its first clause does and the rest
//!    does not; else *translated*.

#[path = "docs_zh/rules.rs"]
mod rules;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bizgen::ir::{Access, Api, Code, Side};
use serde_json::Value;

const PROVENANCE: [&str; 5] = ["seed", "placeholder", "captured", "probe", "apidog"];

fn main() -> ExitCode {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let api = match bizgen::load_dir(&repo.join("spec")) {
        Ok(l) => l.api,
        Err(e) => {
            eprintln!("the spec does not load:\n{e}");
            return ExitCode::FAILURE;
        }
    };
    let docs = repo.join("generated/docs");
    let pages = markdown_files(&docs);
    let names = spec_names(&api);
    let glossary: rules::Glossary = serde_saphyr::from_str(
        &std::fs::read_to_string(repo.join("codegen/src/docs/lang/glossary.zh.yaml"))
            .expect("glossary"),
    )
    .expect("glossary parses");
    let zh_strings = spec_zh_strings(&repo.join("spec"));

    let mut failures = Vec::new();
    let zh_pages: Vec<&(String, String)> =
        pages.iter().filter(|(p, _)| p.starts_with("zh/")).collect();

    // 1. untranslated text
    let mut flagged = 0;
    for (path, text) in &zh_pages {
        let skip: &[&str] = if path.ends_with("/glossary.md") {
            &["English"]
        } else {
            &[]
        };
        for (line, words) in rules::untranslated(text, &names, skip) {
            flagged += 1;
            failures.push(format!(
                "untranslated: docs/{path}:{line}: {}",
                words.join(" ")
            ));
        }
    }
    println!(
        "zh untranslated text: {} pages, {} lines with English outside code and names",
        zh_pages.len(),
        flagged
    );

    // 2. glossary
    let mut variants = 0;
    let mut texts = 0;
    for (path, text) in zh_pages
        .iter()
        .filter(|(p, _)| !p.ends_with("/glossary.md"))
    {
        for (n, line) in rules::prose(text, &BTreeSet::new()).lines().enumerate() {
            texts += 1;
            for (v, zh) in rules::variants_in(line, &glossary) {
                variants += 1;
                failures.push(format!(
                    "glossary: docs/{path}:{}: {v:?} -> use {zh:?}",
                    n + 1
                ));
            }
        }
    }
    for (at, text) in &zh_strings {
        texts += 1;
        for (v, zh) in rules::variants_in(&rules::prose(text, &BTreeSet::new()), &glossary) {
            variants += 1;
            failures.push(format!("glossary: spec/{at}: {v:?} -> use {zh:?}"));
        }
    }
    println!(
        "glossary: {} terms, {} texts ({} spec *Zh strings and the zh pages' lines), {} variants",
        glossary.terms.len(),
        texts,
        zh_strings.len(),
        variants
    );

    // 3. reader pages
    let reader_failures = reader_pages(&api, &pages);
    failures.extend(reader_failures);

    // 4. where the Chinese comes from
    share_from_seeds(&repo.join("tests/seeds"), &zh_strings);

    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        for f in &failures {
            eprintln!("{f}");
        }
        eprintln!("{} failure(s)", failures.len());
        ExitCode::FAILURE
    }
}

fn reader_pages(api: &Api, pages: &[(String, String)]) -> Vec<String> {
    let mut failures = Vec::new();
    let op_pages: Vec<&(String, String)> = pages
        .iter()
        .filter(|(p, _)| p.starts_with("operations/") || p.starts_with("zh/operations/"))
        .collect();
    for (path, text) in &op_pages {
        let lower = text.to_lowercase();
        for w in PROVENANCE {
            if word_in(&lower, w) {
                failures.push(format!("provenance: docs/{path} says {w:?}"));
            }
        }
    }
    println!(
        "reader pages: {} operation pages free of {:?}",
        op_pages.len(),
        PROVENANCE
    );

    let pages_of = bizgen::docs::Pages::new(api);
    let mut b_side = 0;
    for (s, o) in api.operations().filter(|(_, o)| o.side == Side::B) {
        let page = pages_of.operation(s, o);
        for dir in ["", "zh/"] {
            let path = format!("{dir}{page}");
            let Some((_, text)) = pages.iter().find(|(p, _)| *p == path) else {
                failures.push(format!("admin token: docs/{path} is missing"));
                continue;
            };
            b_side += 1;
            let sends_admin = text.contains("-H \"token: $ADMIN_TOKEN\"");
            let ok = match o.access {
                Access::Guest => !text.contains("-H \"token: "),
                _ => sends_admin && !text.contains("$TOKEN\""),
            };
            if !ok {
                failures.push(format!(
                    "admin token: the curl of docs/{path} must send $ADMIN_TOKEN (none when guest)"
                ));
            }
        }
    }
    println!(
        "admin token: {b_side} B-side operation pages send $ADMIN_TOKEN (guest ones no token)"
    );

    let mut en_pages = 0;
    for (path, text) in pages.iter().filter(|(p, _)| {
        !p.starts_with("zh/") && !p.starts_with("maintainers/") && p != "glossary.md"
    }) {
        en_pages += 1;
        let prose = rules::prose(&text.replace("[中文版](", "]("), &BTreeSet::new());
        for (n, line) in prose.lines().enumerate() {
            if line.chars().any(is_cjk) {
                failures.push(format!(
                    "Chinese on an English page: docs/{path}:{}: {line}",
                    n + 1
                ));
            }
        }
    }
    println!("English edition: {en_pages} reader pages without Chinese outside code");

    let maintainers: Vec<&(String, String)> = pages
        .iter()
        .filter(|(p, _)| p.starts_with("maintainers/") && p != "maintainers/README.md")
        .collect();
    let index = pages
        .iter()
        .find(|(p, _)| p == "README.md")
        .map(|(_, t)| t.as_str());
    if !index.is_some_and(|t| t.contains("(maintainers/README.md)")) {
        failures.push("the index does not link the maintainers' pages".into());
    }
    let with_source = api
        .operations()
        .filter(|(_, o)| o.source.is_some())
        .map(|(_, o)| o.pos.file)
        .collect::<BTreeSet<_>>();
    for file in with_source {
        let stem = api.spec_files[file].trim_end_matches(".yaml");
        if !maintainers
            .iter()
            .any(|(p, _)| *p == format!("maintainers/{stem}.md"))
        {
            failures.push(format!(
                "no maintainers' page for spec/{}",
                api.spec_files[file]
            ));
        }
    }
    println!(
        "maintainers: {} pages, one per spec file with provenance",
        maintainers.len()
    );
    failures
}

/// `w` as a word (also plural) in lower-cased text.
fn word_in(lower: &str, w: &str) -> bool {
    lower.match_indices(w).any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + w.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric() && c != 's')
    })
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || ('\u{ff00}'..='\u{ffef}').contains(&c)
}

/// Every page under `dir`, `/`-separated path relative to it, sorted.
fn markdown_files(dir: &Path) -> Vec<(String, String)> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else if p.extension().is_some_and(|x| x == "md") {
                let rel = p.strip_prefix(base).unwrap_or(&p);
                let rel = rel
                    .iter()
                    .map(|c| c.to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((rel, std::fs::read_to_string(&p).unwrap_or_default()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Every name the spec defines: identifiers and wire names.
fn spec_names(api: &Api) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = [
        "md5-hex",
        "email",
        "phone",
        "country-code",
        "lang",
        "ip-list",
        "json-text",
    ]
    .map(String::from)
    .into();
    let mut add = |s: &str| {
        names.insert(s.to_owned());
    };
    api.gateways.iter().for_each(|g| add(&g.name));
    api.headers.iter().for_each(|h| add(&h.name));
    api.errors.iter().for_each(|e| add(&e.code));
    api.groups.iter().for_each(|g| add(&g.name));
    api.envelope.fields.iter().for_each(|f| add(&f.name));
    for e in &api.enums {
        add(&e.name);
        for v in &e.values {
            add(&v.name);
            add(&match &v.code {
                Code::Int(n) => n.to_string(),
                Code::Str(s) => s.clone(),
            });
        }
    }
    for t in &api.types {
        add(&t.name);
        t.fields.iter().for_each(|f| add(&f.name));
    }
    for s in &api.services {
        add(&s.name);
        s.qualified_name.split('.').for_each(&mut add);
        for o in &s.operations {
            add(&o.name);
            o.request.fields.iter().for_each(|f| add(&f.name));
            o.examples.iter().for_each(|x| add(&x.name));
        }
    }
    names
}

/// (file: path, text) of every `*Zh` string in the spec's YAML files.
fn spec_zh_strings(spec: &Path) -> Vec<(String, String)> {
    fn walk(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    match v {
                        Value::String(s) if k.ends_with("Zh") => {
                            out.push((format!("{at}.{k}"), s.clone()))
                        }
                        _ => walk(v, &format!("{at}.{k}"), out),
                    }
                }
            }
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, v)| walk(v, &format!("{at}[{i}]"), out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (rel, text) in files_with_ext(spec, "yaml") {
        let v: Value = serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("spec/{rel}: {e}"));
        walk(&v, &format!("{rel}:"), &mut out);
    }
    out
}

fn files_with_ext(dir: &Path, ext: &str) -> Vec<(String, String)> {
    fn walk(base: &Path, dir: &Path, ext: &str, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, ext, out);
            } else if p.extension().is_some_and(|x| x == ext) {
                let rel = p
                    .strip_prefix(base)
                    .unwrap_or(&p)
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&p).unwrap_or_default()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, ext, &mut out);
    out.sort();
    out
}

/// Text without white space, punctuation and backticks, for comparing
/// the spec's Chinese with the seeds'.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !c.is_ascii_punctuation()
                && !"，。：；（）、“”‘’！？《》【】".contains(*c)
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn share_from_seeds(seeds: &Path, zh: &[(String, String)]) {
    let seed_text: String = files_with_ext(seeds, "txt")
        .into_iter()
        .map(|(_, t)| squeeze(&t))
        .collect::<Vec<_>>()
        .join("\n");
    if seed_text.is_empty() {
        println!(
            "chinese sources: no seeds under {} to compare with",
            seeds.display()
        );
        return;
    }
    let (mut from_seed, mut lead, mut translated) = (0, 0, 0);
    for (_, text) in zh {
        let whole = squeeze(text);
        let first = text
            .split(['。', '；', ';'])
            .next()
            .map(squeeze)
            .unwrap_or_default();
        if !whole.is_empty() && seed_text.contains(&whole) {
            from_seed += 1;
        } else if first.chars().count() >= 2 && seed_text.contains(&first) {
            lead += 1;
        } else {
            translated += 1;
        }
    }
    let total = zh.len().max(1);
    println!(
        "chinese sources: {} *Zh strings in the spec: {from_seed} from the seeds ({:.1} %), {lead} with a seed lead and translated rest, {translated} translated ({:.1} %)",
        zh.len(),
        100.0 * from_seed as f64 / total as f64,
        100.0 * translated as f64 / total as f64
    );
}
