//! `bizgen diff`: one fixture pair per rule under `fixtures/diff/<rule-id>/`
//! (`old/` and `new/`, each a complete spec), the real spec against itself,
//! the output formats, `--fail-on` and `--against` a git ref.

use std::path::{Path, PathBuf};
use std::process::Command;

use bizgen::diff::{diff, load_git_ref, render, run_diff, DiffArgs, Finding, Format, Level, RULES};
use bizgen::{load_dir, load_sources, Loaded, Source};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff")
}

fn spec_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn load(dir: &Path) -> Loaded {
    load_dir(dir).unwrap_or_else(|e| panic!("{} does not load:\n{e}", dir.display()))
}

/// Each rule's fixture: where its one finding points (`old` for removals).
const CASES: &[(&str, Level, &str)] = &[
    ("operation-removed", Level::Err, "old/service.yaml:55:7"),
    ("operation-added", Level::Info, "new/service.yaml:55:7"),
    ("operation-renamed", Level::Info, "new/service.yaml:50:7"),
    ("path-changed", Level::Err, "new/service.yaml:50:7"),
    ("access-tightened", Level::Err, "new/service.yaml:50:7"),
    ("access-loosened", Level::Info, "new/service.yaml:38:7"),
    ("version-changed", Level::Warn, "new/service.yaml:50:7"),
    ("operation-deprecated", Level::Warn, "new/service.yaml:50:7"),
    ("header-required-added", Level::Err, "new/service.yaml:50:7"),
    ("header-added", Level::Info, "new/service.yaml:50:7"),
    ("header-relaxed", Level::Info, "new/service.yaml:50:7"),
    ("error-code-added", Level::Info, "new/service.yaml:38:7"),
    ("error-code-removed", Level::Info, "new/service.yaml:38:7"),
    (
        "request-field-added-required",
        Level::Err,
        "new/service.yaml:43:11",
    ),
    ("request-field-added", Level::Info, "new/service.yaml:43:11"),
    (
        "request-field-removed",
        Level::Warn,
        "old/service.yaml:43:11",
    ),
    (
        "request-field-became-required",
        Level::Err,
        "new/service.yaml:43:11",
    ),
    (
        "request-field-became-optional",
        Level::Info,
        "new/service.yaml:42:11",
    ),
    (
        "request-field-became-non-nullable",
        Level::Err,
        "new/service.yaml:46:11",
    ),
    (
        "request-field-became-nullable",
        Level::Info,
        "new/service.yaml:43:11",
    ),
    (
        "request-constraint-narrowed",
        Level::Err,
        "new/service.yaml:43:11",
    ),
    (
        "request-constraint-relaxed",
        Level::Info,
        "new/service.yaml:43:11",
    ),
    (
        "request-default-changed",
        Level::Warn,
        "new/service.yaml:45:11",
    ),
    (
        "request-enum-value-removed",
        Level::Err,
        "old/service.yaml:10:9",
    ),
    (
        "request-enum-value-added",
        Level::Info,
        "new/service.yaml:10:9",
    ),
    (
        "response-field-removed",
        Level::Err,
        "old/service.yaml:27:7",
    ),
    ("response-field-added", Level::Info, "new/service.yaml:27:7"),
    (
        "response-field-became-optional",
        Level::Err,
        "new/service.yaml:26:7",
    ),
    (
        "response-field-became-required",
        Level::Info,
        "new/service.yaml:27:7",
    ),
    (
        "response-field-became-nullable",
        Level::Err,
        "new/service.yaml:27:7",
    ),
    (
        "response-field-became-non-nullable",
        Level::Info,
        "new/service.yaml:29:7",
    ),
    (
        "response-constraint-relaxed",
        Level::Warn,
        "new/service.yaml:27:7",
    ),
    (
        "response-enum-value-added",
        Level::Warn,
        "new/service.yaml:16:9",
    ),
    (
        "response-enum-value-removed",
        Level::Info,
        "old/service.yaml:16:9",
    ),
    ("response-type-changed", Level::Err, "new/service.yaml:50:7"),
    (
        "response-became-nullable",
        Level::Err,
        "new/service.yaml:38:7",
    ),
    (
        "response-became-non-nullable",
        Level::Info,
        "new/service.yaml:38:7",
    ),
    ("field-type-changed", Level::Err, "new/service.yaml:44:11"),
    ("field-deprecated", Level::Warn, "new/service.yaml:46:11"),
    ("enum-type-changed", Level::Err, "new/service.yaml:10:3"),
    ("enum-value-renamed", Level::Info, "new/service.yaml:9:9"),
    (
        "envelope-success-code-changed",
        Level::Err,
        "new/common.yaml:23:5",
    ),
    ("docs-changed", Level::Info, "new/service.yaml:38:7"),
];

fn fixture_findings(rule: &str) -> Vec<Finding> {
    let dir = fixtures().join(rule);
    diff(&load(&dir.join("old")), &load(&dir.join("new")))
}

#[test]
fn each_rule_fires_alone_on_its_fixture() {
    let mut failures = Vec::new();
    for &(rule, level, at) in CASES {
        let findings = fixture_findings(rule);
        let (file, line_col) = at.split_once(':').unwrap();
        let location = format!("{}:{line_col}", fixtures().join(rule).join(file).display());
        let ok = matches!(findings.as_slice(), [f] if f.rule == rule && f.level == level && f.location == location);
        if !ok {
            failures.push(format!(
                "{rule}: want one {level} finding at {location}, got {findings:#?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_rule_has_a_fixture_and_a_case() {
    let mut dirs: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    let mut rules: Vec<String> = RULES.iter().map(|r| r.id.to_owned()).collect();
    rules.sort();
    assert_eq!(dirs, rules, "fixture directories and RULES differ");
    for r in RULES {
        let case = CASES
            .iter()
            .find(|c| c.0 == r.id)
            .unwrap_or_else(|| panic!("no case for {}", r.id));
        assert_eq!(
            case.1, r.level,
            "{}: the case's level is not the rule's",
            r.id
        );
    }
}

#[test]
fn the_real_spec_against_itself_has_no_findings() {
    let a = load(&spec_dir());
    let b = load(&spec_dir());
    assert_eq!(diff(&a, &b), Vec::new());
}

/// The real spec, with `edit` applied to the file whose name ends in `file`.
fn edited_real_spec(file: &str, from: &str, to: &str) -> Loaded {
    let mut paths: Vec<PathBuf> = Vec::new();
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "yaml") {
                out.push(p);
            }
        }
    }
    walk(&spec_dir(), &mut paths);
    paths.sort();
    let sources = paths
        .into_iter()
        .map(|path| {
            let mut text = std::fs::read_to_string(&path).unwrap();
            if path.ends_with(file) {
                assert_eq!(
                    text.matches(from).count(),
                    1,
                    "{from:?} is not unique in {file}"
                );
                text = text.replace(from, to);
            }
            Source { path, text }
        })
        .collect();
    load_sources(sources).unwrap_or_else(|e| panic!("edited spec does not load:\n{e}"))
}

#[test]
fn enum_changes_apply_to_every_side_that_uses_the_enum() {
    // ClientSource is sent by register and read back by findCustomerInfo.
    let old = load(&spec_dir());
    let new = edited_real_spec(
        "types.yaml",
        "      - {value: 9, name: Other, description: \"None of the above: other\", descriptionZh: \"不属于以上的:其他\"}\n",
        "      - {value: 9, name: Other, description: \"None of the above: other\", descriptionZh: \"不属于以上的:其他\"}\n      - {value: 10, name: Tv, description: \"Smart TV\"}\n",
    );
    let rules: Vec<(&str, Level)> = diff(&old, &new).iter().map(|f| (f.rule, f.level)).collect();
    assert_eq!(
        rules,
        [
            ("response-enum-value-added", Level::Warn),
            ("request-enum-value-added", Level::Info)
        ]
    );
    // And removing a code breaks senders, while readers only lose a case.
    let rules: Vec<(&str, Level)> = diff(&new, &old).iter().map(|f| (f.rule, f.level)).collect();
    assert_eq!(
        rules,
        [
            ("request-enum-value-removed", Level::Err),
            ("response-enum-value-removed", Level::Info)
        ]
    );
}

#[test]
fn a_new_required_field_in_the_real_spec_is_breaking() {
    let old = load(&spec_dir());
    let new = edited_real_spec(
        "customer_web_profile.yaml",
        "          emailArea: {type: string, description: Email area code.}\n          googleCode: {type: string, sensitive: true, description: Google verification code (MFA).}\n        response: {type: none}\n        errors: [CUSTOMER_API_0000511]\n        examples:\n          - name: wrong-code\n            kind: captured\n            source: \"000#bindEmail\"",
        "          emailArea: {type: string, required: true, description: Email area code.}\n          googleCode: {type: string, sensitive: true, description: Google verification code (MFA).}\n        response: {type: none}\n        errors: [CUSTOMER_API_0000511]\n        examples:\n          - name: wrong-code\n            kind: captured\n            source: \"000#bindEmail\"",
    );
    let findings = diff(&old, &new);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f.rule, "request-field-became-required");
    assert_eq!(
        f.operation.as_deref(),
        Some("/api/global/customer.app.CustomerWebApiService.bindEmail")
    );
    assert!(
        f.location.ends_with("customer_web_profile.yaml:348:11"),
        "{}",
        f.location
    );
    assert!(f.message.contains("`emailArea`"), "{}", f.message);
}

// ------------------------------------------------------------------ formats

fn sample_findings() -> Vec<Finding> {
    vec![
        Finding {
            rule: "request-field-added-required",
            level: Level::Err,
            operation: Some("/api/global/demo.Shop.getProfile".into()),
            message: "required field `extra` was added to the request of `getProfile`".into(),
            location: "spec/services/shop.yaml:43:11".into(),
        },
        Finding {
            rule: "response-enum-value-added",
            level: Level::Warn,
            operation: None,
            message:
                "code `3` (Closed) was added to enum `Status` (used in responses of getProfile)"
                    .into(),
            location: "spec/types.yaml:16:9".into(),
        },
        Finding {
            rule: "operation-added",
            level: Level::Info,
            operation: Some("/api/global/demo.Shop.extra".into()),
            message: "operation `Shop.extra` (`demo.Shop.extra`) was added, 100% new: a,b".into(),
            location: "spec/services/shop.yaml:55:7".into(),
        },
    ]
}

#[test]
fn text_format() {
    insta::assert_snapshot!("text", render(&sample_findings(), Format::Text));
    assert_eq!(render(&[], Format::Text), "no changes\n");
}

#[test]
fn json_format() {
    let text = render(&sample_findings(), Format::Json);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["summary"],
        serde_json::json!({"err": 1, "warn": 1, "info": 1})
    );
    assert_eq!(v["findings"][0]["rule"], "request-field-added-required");
    assert_eq!(v["findings"][0]["level"], "err");
    assert_eq!(v["findings"][1]["operation"], serde_json::Value::Null);
    assert_eq!(v["findings"][2]["location"], "spec/services/shop.yaml:55:7");
    insta::assert_snapshot!("json", text);
}

#[test]
fn markdown_format() {
    let text = render(&sample_findings(), Format::Markdown);
    assert!(text.starts_with("# API changes\n"));
    // Grouped by operation, shared changes last.
    let getp = text.find("## `/api/global/demo.Shop.getProfile`").unwrap();
    let extra = text.find("## `/api/global/demo.Shop.extra`").unwrap();
    let shared = text.find("## Shared types, enums and envelope").unwrap();
    assert!(extra < getp && getp < shared, "{text}");
    insta::assert_snapshot!("markdown", text);
    assert_eq!(
        render(&[], Format::Markdown),
        "# API changes\n\nNo changes.\n"
    );
}

#[test]
fn github_format() {
    let text = render(&sample_findings(), Format::Github);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[0],
        "::error file=spec/services/shop.yaml,line=43,col=11,title=request-field-added-required::/api/global/demo.Shop.getProfile: required field `extra` was added to the request of `getProfile`"
    );
    assert!(lines[1].starts_with(
        "::warning file=spec/types.yaml,line=16,col=9,title=response-enum-value-added::code `3`"
    ));
    assert!(lines[2].starts_with("::notice "), "{}", lines[2]);
    assert!(lines[2].ends_with("100%25 new: a,b"), "{}", lines[2]);
}

#[test]
fn findings_of_a_fixture_render_in_every_format() {
    let findings = fixture_findings("request-constraint-narrowed");
    for format in [Format::Text, Format::Json, Format::Markdown, Format::Github] {
        let text = render(&findings, format);
        assert!(
            text.contains("maxLength lowered from 50 to 40"),
            "{format:?}: {text}"
        );
        assert!(text.ends_with('\n'));
    }
}

// ------------------------------------------------------------------ run_diff

fn run(args: &DiffArgs, spec: &Path) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_diff(args, spec, &mut out, &mut err).unwrap();
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn pair(rule: &str, fail_on: Option<Level>, format: Format) -> DiffArgs {
    DiffArgs {
        old: Some(fixtures().join(rule).join("old")),
        new: Some(fixtures().join(rule).join("new")),
        against: None,
        format,
        fail_on,
    }
}

#[test]
fn fail_on_sets_the_exit_code() {
    // A breaking change.
    assert_eq!(
        run(&pair("path-changed", None, Format::Text), &spec_dir()).0,
        0
    );
    assert_eq!(
        run(
            &pair("path-changed", Some(Level::Err), Format::Text),
            &spec_dir()
        )
        .0,
        1
    );
    assert_eq!(
        run(
            &pair("path-changed", Some(Level::Info), Format::Text),
            &spec_dir()
        )
        .0,
        1
    );
    // A warning.
    assert_eq!(
        run(
            &pair("version-changed", Some(Level::Err), Format::Text),
            &spec_dir()
        )
        .0,
        0
    );
    assert_eq!(
        run(
            &pair("version-changed", Some(Level::Warn), Format::Text),
            &spec_dir()
        )
        .0,
        1
    );
    // A compatible change.
    let (code, out, _) = run(
        &pair("operation-added", Some(Level::Warn), Format::Text),
        &spec_dir(),
    );
    assert_eq!(code, 0);
    assert!(out.contains("info[operation-added]"), "{out}");
    assert_eq!(
        run(
            &pair("operation-added", Some(Level::Info), Format::Text),
            &spec_dir()
        )
        .0,
        1
    );
}

#[test]
fn fail_on_parses_levels_and_aliases() {
    use clap::ValueEnum;
    for (s, l) in [
        ("err", Level::Err),
        ("error", Level::Err),
        ("warn", Level::Warn),
        ("warning", Level::Warn),
        ("info", Level::Info),
    ] {
        assert_eq!(Level::from_str(s, false).unwrap(), l, "{s}");
    }
}

#[test]
fn new_defaults_to_the_spec_dir_and_the_output_is_the_rendering() {
    let args = DiffArgs {
        old: Some(spec_dir()),
        new: None,
        format: Format::Json,
        ..DiffArgs::default()
    };
    let (code, out, err) = run(&args, &spec_dir());
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, render(&[], Format::Json));
}

#[test]
fn usage_errors_exit_with_2() {
    let (code, _, err) = run(&DiffArgs::default(), &spec_dir());
    assert_eq!(code, 2);
    assert!(err.contains("--against"), "{err}");

    let args = DiffArgs {
        old: Some(spec_dir()),
        against: Some("HEAD".into()),
        ..DiffArgs::default()
    };
    assert_eq!(run(&args, &spec_dir()).0, 2);

    let args = DiffArgs {
        old: Some(fixtures().join("no-such-dir")),
        ..DiffArgs::default()
    };
    let (code, _, err) = run(&args, &spec_dir());
    assert_eq!(code, 2);
    assert!(err.contains("the old spec"), "{err}");
}

// ------------------------------------------------------------------ git

struct TempRepo(PathBuf);

impl Drop for TempRepo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=bizgen test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// A repository whose HEAD holds the fixture's `old/` as `spec/`, and whose
/// work tree holds its `new/`.
fn repo_with(rule: &str, name: &str) -> TempRepo {
    let root = std::env::temp_dir().join(format!("bizgen-diff-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let repo = TempRepo(root);
    git(&repo.0, &["init", "--quiet"]);
    copy_dir(&fixtures().join(rule).join("old"), &repo.0.join("spec"));
    git(&repo.0, &["add", "spec"]);
    git(&repo.0, &["commit", "--quiet", "-m", "old spec"]);
    std::fs::remove_dir_all(repo.0.join("spec")).unwrap();
    copy_dir(&fixtures().join(rule).join("new"), &repo.0.join("spec"));
    repo
}

#[test]
fn load_git_ref_reads_the_committed_spec() {
    let repo = repo_with("operation-removed", "load");
    let old = load_git_ref(&repo.0, "HEAD", Path::new("spec")).unwrap();
    assert_eq!(
        old.files.paths,
        [
            PathBuf::from("spec/common.yaml"),
            PathBuf::from("spec/service.yaml")
        ]
    );
    let new = load(&repo.0.join("spec"));
    let findings = diff(&old, &new);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule, "operation-removed");
    assert_eq!(findings[0].location, "spec/service.yaml:55:7");

    let err = load_git_ref(&repo.0, "no-such-branch", Path::new("spec")).unwrap_err();
    assert!(err.contains("unknown git ref `no-such-branch`"), "{err}");
    let err = load_git_ref(&repo.0, "HEAD", Path::new("elsewhere")).unwrap_err();
    assert!(err.contains("no spec files"), "{err}");
}

#[test]
fn against_a_git_ref() {
    let repo = repo_with("request-field-added-required", "against");
    let args = DiffArgs {
        against: Some("HEAD".into()),
        format: Format::Github,
        fail_on: Some(Level::Err),
        ..DiffArgs::default()
    };
    let (code, out, err) = run(&args, &repo.0.join("spec"));
    assert_eq!(code, 1, "{err}");
    assert!(out.starts_with("::error file="), "{out}");
    assert!(out.contains("title=request-field-added-required"), "{out}");

    let args = DiffArgs {
        against: Some("v9.9.9".into()),
        ..DiffArgs::default()
    };
    let (code, _, err) = run(&args, &repo.0.join("spec"));
    assert_eq!(code, 2);
    assert!(err.contains("unknown git ref `v9.9.9`"), "{err}");
}

#[test]
fn diff_args_parse_as_a_clap_subcommand() {
    use clap::Parser;
    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: DiffArgs,
    }
    let cli = Cli::try_parse_from([
        "diff",
        "--against",
        "main",
        "--format",
        "github",
        "--fail-on",
        "err",
    ])
    .unwrap();
    assert_eq!(cli.args.against.as_deref(), Some("main"));
    assert_eq!(cli.args.format, Format::Github);
    assert_eq!(cli.args.fail_on, Some(Level::Err));
    let cli = Cli::try_parse_from(["diff", "old", "new"]).unwrap();
    assert_eq!(cli.args.old, Some(PathBuf::from("old")));
    assert_eq!(cli.args.new, Some(PathBuf::from("new")));
    assert_eq!(cli.args.format, Format::Text);
    assert!(Cli::try_parse_from(["diff", "old", "--against", "main"]).is_err());
    assert!(Cli::try_parse_from(["diff", "--format", "yaml"]).is_err());
    <Cli as clap::CommandFactory>::command().debug_assert();
}
