//! Proofs about the checked-in docs (`generated/docs`, both languages):
//! markdownlint passes, the Chinese edition mirrors the English one and
//! sends `lang: zh-CN`, and reader text never talks about seeds.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Every Markdown file under `generated/docs`, relative path → text.
fn checked_in_docs() -> BTreeMap<String, String> {
    fn walk(dir: &Path, base: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).expect("read docs dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                walk(&path, base, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                let rel = path
                    .strip_prefix(base)
                    .expect("under docs")
                    .to_string_lossy();
                out.insert(
                    rel.replace('\\', "/"),
                    std::fs::read_to_string(&path).expect("read page"),
                );
            }
        }
    }
    let base = common::repo_root().join("generated/docs");
    let mut out = BTreeMap::new();
    walk(&base, &base, &mut out);
    out
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
