//! The operation pages of both docs editions show, in their code samples
//! section, the very samples of OpenAPI's `x-codeSamples`: the same text in
//! the same order (the Chinese curl asks for `lang: zh-CN`).

use std::collections::BTreeMap;
use std::path::Path;

use super::{common, samples, OpSamples};

/// The fences of the section's blocks and the `x-codeSamples` language of each.
const ORDER: [(&str, &str); 4] = [
    ("sh", "Shell"),
    ("rust", "Rust"),
    ("ts", "TypeScript"),
    ("python", "Python"),
];

/// Every operation page of an edition (`operations/` below `dir`): path → text.
fn pages(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let ops = dir.join("operations");
    for service in std::fs::read_dir(&ops).expect("read operations/") {
        let service = service.expect("entry").path();
        for page in std::fs::read_dir(&service).expect("read a service folder") {
            let page = page.expect("entry").path();
            let text = std::fs::read_to_string(&page).expect("read a page");
            out.insert(page.display().to_string(), text);
        }
    }
    out
}

/// The fenced blocks of a page's code samples section: (fence, code).
fn section_blocks(page: &str, text: &str, heading: &str) -> Vec<(String, String)> {
    let section = text
        .split_once(&format!("\n## {heading}\n"))
        .unwrap_or_else(|| panic!("{page}: no section {heading}"))
        .1;
    let section = section.split("\n## ").next().unwrap_or_default();
    section
        .split("\n```")
        .collect::<Vec<_>>()
        .chunks(2)
        .filter_map(|pair| match pair {
            [_, block] => {
                let (fence, code) = block.split_once('\n')?;
                Some((fence.to_owned(), code.to_owned()))
            }
            _ => None,
        })
        .collect()
}

fn check_edition(dir: &str, heading: &str, lang_header: &str, all: &[OpSamples]) {
    let root = common::repo_root().join("generated/docs").join(dir);
    let mut by_path = BTreeMap::new();
    for (page, text) in pages(&root) {
        let blocks = section_blocks(&page, &text, heading);
        let fences: Vec<&str> = blocks.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fences, ["sh", "rust", "ts", "python"], "{page}");
        let curl = &blocks[0].1;
        let path = curl
            .split("\"$BASE_URL")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{page}: no $BASE_URL path in {curl}"))
            .to_owned();
        assert!(
            by_path.insert(path, (page, blocks)).is_none(),
            "two pages call one path"
        );
    }
    assert_eq!(by_path.len(), all.len(), "{dir}: one page per operation");
    for op in all {
        let (page, blocks) = by_path
            .get(&op.path)
            .unwrap_or_else(|| panic!("{dir}: no page calls {}", op.path));
        for ((fence, lang), (shown_fence, shown)) in ORDER.iter().zip(blocks) {
            assert_eq!(fence, shown_fence, "{page}");
            let mut want = super::source(op, lang).to_owned();
            if *lang == "Shell" {
                want = want.replace("-H 'lang: en-US'", &format!("-H 'lang: {lang_header}'"));
            }
            assert_eq!(
                shown, &want,
                "{page}: the {lang} sample differs from x-codeSamples"
            );
        }
    }
    eprintln!(
        "{dir}operations: {} pages show the x-codeSamples",
        all.len()
    );
}

#[test]
fn both_docs_editions_show_the_openapi_samples() {
    let all = samples();
    check_edition("", "Code samples", "en-US", &all);
    check_edition("zh/", "调用示例", "zh-CN", &all);
}
