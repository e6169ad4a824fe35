//! The output formats: snapshots of one report with every kind of finding,
//! every fixture in every format (the JSON parsed), markdown escaping, and
//! a spec that does not load, said in every format.

use std::path::Path;

use bizgen::diff::{render, AcceptFile, Date, DiffArgs, Format, Options, Report};

use crate::common::{base_spec, fixture_names, fixtures, pair, run, spec_dir};

const FORMATS: [Format; 4] = [Format::Text, Format::Json, Format::Markdown, Format::Github];

/// One change of every kind: a wire break, an sdk break, a security
/// warning, a shared enum, a removal (old side), an accepted finding and a
/// stale acceptance.
fn sample_report() -> Report {
    let old = base_spec(&[]);
    let new = base_spec(&[
        (
            "          id: {type: int64, required: true, description: Id.}\n",
            "          id: {type: int64, required: true, description: Id.}\n          shop: {type: string, required: true, description: Shop.}\n",
        ),
        (
            "      - {value: 2, name: Blocked, description: Blocked}\n",
            "      - {value: 2, name: Blocked, description: Blocked}\n      - {value: 3, name: Closed, description: Closed}\n",
        ),
        ("  Filter:\n", "  SearchFilter:\n"),
        ("filter: {type: Filter,", "filter: {type: SearchFilter,"),
        (
            "name: {type: string, minLength: 1, maxLength: 50,",
            "name: {type: string, minLength: 1, maxLength: 50, pattern: \"^a`b*$\",",
        ),
        (
            "        summary: Get a profile\n",
            "        summary: Get a profile\n        access: guest\n",
        ),
        (
            "      extra:\n        summary: Extra\n        request: {}\n        response: {type: none}\n",
            "",
        ),
    ]);
    let accept = AcceptFile::parse(
        Path::new("spec/accepted-changes.yaml"),
        "accepted:\n  - rule: operation-removed\n    operation: demo.Shop.extra\n    reason: retired with app 2.0\n  - rule: path-changed\n    operation: demo.Shop.ping\n    reason: stale\n",
    )
    .unwrap();
    let options = Options {
        accept: Some(accept),
        today: Date::parse("2026-06-01").unwrap(),
        ..Options::default()
    };
    bizgen::diff::diff_report(&old, &new, &options)
}

#[test]
fn text_format() {
    let text = render(&sample_report(), Format::Text);
    insta::assert_snapshot!("text", text);
    assert_eq!(render(&Report::default(), Format::Text), "no changes\n");
}

#[test]
fn json_format() {
    let text = render(&sample_report(), Format::Json);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["summary"],
        serde_json::json!({"err": 2, "sdkErr": 1, "warn": 2, "info": 0, "accepted": 1})
    );
    let removed = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "operation-removed")
        .unwrap();
    assert_eq!(
        removed["location"],
        serde_json::json!({"side": "old", "file": "spec/service.yaml", "line": 55, "column": 7})
    );
    assert_eq!(removed["accepted"], true);
    assert_eq!(removed["acceptance"]["reason"], "retired with app 2.0");
    assert_eq!(v["warnings"][0]["line"], 5);
    insta::assert_snapshot!("json", text);
}

#[test]
fn markdown_format() {
    let text = render(&sample_report(), Format::Markdown);
    assert!(text.starts_with("# API changes\n"));
    // Grouped by operation, shared changes last.
    let get = text.find("## `/api/c/demo.Shop.getProfile`").unwrap();
    let extra = text.find("## `/api/c/demo.Shop.extra`").unwrap();
    let shared = text.find("## Shared types").unwrap();
    assert!(extra < get && get < shared, "{text}");
    // The pattern's backtick stays inside a code span that holds it.
    assert!(text.contains("pattern `` ^a`b*$ `` added"), "{text}");
    insta::assert_snapshot!("markdown", text);
    assert_eq!(
        render(&Report::default(), Format::Markdown),
        "# API changes\n\nNo changes.\n"
    );
}

#[test]
fn github_format() {
    let text = render(&sample_report(), Format::Github);
    insta::assert_snapshot!("github", text);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.iter().all(|l| l.starts_with("::")), "{text}");
    // The removal is in the old file: no line of the new file is blamed.
    let removed = lines
        .iter()
        .find(|l| l.contains("operation-removed"))
        .unwrap();
    assert!(
        removed.starts_with("::notice file=spec/service.yaml,title="),
        "{removed}"
    );
    assert!(
        removed.contains("in the old spec at spec/service.yaml:55:7"),
        "{removed}"
    );
    assert!(lines
        .last()
        .unwrap()
        .starts_with("::warning file=spec/accepted-changes.yaml,line=5,"));
}

#[test]
fn every_fixture_renders_in_every_format() {
    for name in fixture_names() {
        for format in FORMATS {
            let (code, out, err) = run(&pair(&name, format), &spec_dir());
            assert_eq!(code, 0, "{name} {format:?}: {err}");
            assert!(out.ends_with('\n'), "{name} {format:?}: {out}");
            match format {
                Format::Json => {
                    let v: serde_json::Value =
                        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{name}: {e}\n{out}"));
                    let findings = v["findings"].as_array().unwrap();
                    assert!(!findings.is_empty(), "{name}");
                    for f in findings {
                        let loc = &f["location"];
                        assert!(loc["side"] == "old" || loc["side"] == "new", "{f}");
                        // Relative to the repository root, whatever the working directory.
                        let file = loc["file"].as_str().unwrap();
                        assert!(file.starts_with("codegen/tests/fixtures/diff/"), "{file}");
                        assert!(loc["line"].as_u64().unwrap() > 0);
                        assert!(f["affectedOperations"].is_array(), "{f}");
                        assert!(f["category"].is_string() && f["accepted"] == false, "{f}");
                        assert!(f["rule"] == name.as_str(), "{name}: {f}");
                    }
                }
                Format::Github => assert!(out.lines().all(|l| l.starts_with("::")), "{out}"),
                Format::Markdown => assert!(out.starts_with("# API changes\n\n"), "{out}"),
                Format::Text => assert!(out.contains(&format!("[{name}]")), "{out}"),
            }
        }
    }
}

#[test]
fn a_spec_that_does_not_load_is_said_in_every_format() {
    let broken = fixtures().join("../malformed/yaml_tab");
    for format in FORMATS {
        let args = DiffArgs {
            old: Some(fixtures().join("operation-removed/old")),
            new: Some(broken.clone()),
            format,
            ..DiffArgs::default()
        };
        let (code, out, err) = run(&args, &spec_dir());
        assert_eq!(code, 2, "{format:?}");
        assert!(err.contains("the new spec"), "{format:?}: {err}");
        match format {
            Format::Text => assert_eq!(out, ""),
            Format::Json => {
                let v: serde_json::Value = serde_json::from_str(&out).unwrap();
                assert_eq!(v["error"]["side"], "new");
                let p = &v["error"]["problems"][0];
                assert_eq!(
                    p["file"], "codegen/tests/fixtures/malformed/yaml_tab/ops.yaml",
                    "{v}"
                );
                assert!(p["line"].as_u64().is_some(), "{v}");
            }
            Format::Github => {
                assert!(
                    out.starts_with(
                        "::error file=codegen/tests/fixtures/malformed/yaml_tab/ops.yaml,line="
                    ),
                    "{out}"
                );
            }
            Format::Markdown => {
                assert!(
                    out.starts_with("# API changes\n\n**Not compared:** the new spec"),
                    "{out}"
                );
                assert!(
                    out.contains("- `codegen/tests/fixtures/malformed/yaml_tab/ops.yaml:"),
                    "{out}"
                );
            }
        }
    }
}
