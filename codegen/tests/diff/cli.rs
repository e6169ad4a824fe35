//! The command: `--fail-on` (wire errors vs sdk breaks), `--category`,
//! `--accept`, `--severity-levels`, `--list-rules`, usage errors and the
//! clap arguments.

use std::path::PathBuf;

use bizgen::diff::{CategoryFilter, DiffArgs, FailOn, Format, RULES};

use crate::common::{fixtures, pair, run, spec_dir};

fn fail_on(rule: &str, fail_on: FailOn) -> u8 {
    let args = DiffArgs {
        fail_on: Some(fail_on),
        ..pair(rule, Format::Text)
    };
    run(&args, &spec_dir()).0
}

#[test]
fn fail_on_sets_the_exit_code() {
    // A wire break.
    assert_eq!(run(&pair("path-changed", Format::Text), &spec_dir()).0, 0);
    assert_eq!(fail_on("path-changed", FailOn::Err), 1);
    assert_eq!(fail_on("path-changed", FailOn::Info), 1);
    // A warning.
    assert_eq!(fail_on("version-changed", FailOn::Err), 0);
    assert_eq!(fail_on("version-changed", FailOn::Warn), 1);
    // A compatible change.
    assert_eq!(fail_on("operation-added", FailOn::Warn), 0);
    assert_eq!(fail_on("operation-added", FailOn::Info), 1);
    // An sdk break fails only `sdk-err`.
    assert_eq!(fail_on("type-renamed", FailOn::Err), 0);
    assert_eq!(fail_on("type-renamed", FailOn::Warn), 0);
    assert_eq!(fail_on("type-renamed", FailOn::SdkErr), 1);
    assert_eq!(fail_on("path-changed", FailOn::SdkErr), 1);
    // A security warning counts as a wire warning.
    assert_eq!(fail_on("access-loosened", FailOn::Err), 0);
    assert_eq!(fail_on("access-loosened", FailOn::Warn), 1);
}

#[test]
fn category_filters_the_output() {
    let show = |rule: &str, category: CategoryFilter| {
        let args = DiffArgs {
            category,
            ..pair(rule, Format::Text)
        };
        run(&args, &spec_dir()).1
    };
    assert!(show("type-renamed", CategoryFilter::Sdk).contains("sdk error[type-renamed]"));
    assert_eq!(show("type-renamed", CategoryFilter::Wire), "no changes\n");
    assert_eq!(show("path-changed", CategoryFilter::Sdk), "no changes\n");
    let loosened = show("access-loosened", CategoryFilter::Wire);
    assert!(
        loosened.contains("security warning[access-loosened]"),
        "{loosened}"
    );
    assert!(show("access-loosened", CategoryFilter::Security).contains("[access-loosened]"));
    assert_eq!(
        show("path-changed", CategoryFilter::Security),
        "no changes\n"
    );
}

/// A scratch file under the target directory.
fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("diff-cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn an_entry_one_key_off_gets_a_did_you_mean() {
    let accept = scratch(
        "near-miss.yaml",
        "accepted:\n  - rule: request-field-removed\n    operation: demo.Shop.getProfile\n    path: extra\n    reason: the path written without its side\n  - rule: request-field-removed\n    operation: demo.Shop.getProfil\n    reason: a typo in the operation\n",
    );
    let args = DiffArgs {
        accept: Some(accept.clone()),
        ..pair("request-field-removed", Format::Text)
    };
    let (_, out, err) = run(&args, &spec_dir());
    let shown = accept.display();
    assert!(
        out.contains(&format!("{shown}:2: warning: the acceptance of `request-field-removed` for `demo.Shop.getProfile` matches no finding; did you mean `path: request.extra`?")),
        "{out}{err}"
    );
    assert!(
        out.contains(&format!("{shown}:6: warning: the acceptance of `request-field-removed` for `demo.Shop.getProfil` matches no finding; did you mean `operation: /api/c/demo.Shop.getProfile`?")),
        "{out}{err}"
    );
}

#[test]
fn an_accepted_finding_no_longer_fails_and_a_stale_entry_warns() {
    let accept = scratch(
        "accepted-changes.yaml",
        "# Breaks on purpose.\naccepted:\n  - rule: operation-removed\n    operation: demo.Shop.extra\n    reason: retired with app 2.0\n    until: 2999-12-31\n  - rule: path-changed\n    operation: /api/c/demo.Shop.ping\n    reason: long fixed\n  - rule: operation-removed\n    operation: demo.Shop.gone\n    reason: expired\n    until: 2000-01-01\n",
    );
    let args = DiffArgs {
        fail_on: Some(FailOn::Err),
        accept: Some(accept.clone()),
        ..pair("operation-removed", Format::Text)
    };
    let (code, out, err) = run(&args, &spec_dir());
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("error[operation-removed]"), "{out}");
    assert!(out.contains("  accepted: retired with app 2.0\n"), "{out}");
    let shown = accept.display();
    assert!(
        out.contains(&format!("{shown}:7: warning: the acceptance of `path-changed` for `/api/c/demo.Shop.ping` matches no finding: remove it")),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{shown}:10: warning: the acceptance of `operation-removed` expired on 2000-01-01"
        )),
        "{out}"
    );
    assert!(
        out.ends_with("0 breaking changes, 0 warnings, 0 compatible changes, 1 accepted\n"),
        "{out}"
    );

    // Without the file it fails.
    let args = DiffArgs {
        accept: None,
        ..args
    };
    assert_eq!(run(&args, &spec_dir()).0, 1);

    // An expired acceptance counts again.
    let expired = scratch(
        "expired.yaml",
        "accepted:\n  - {rule: operation-removed, operation: demo.Shop.extra, reason: was ok, until: 2001-01-01}\n",
    );
    let args = DiffArgs {
        accept: Some(expired),
        ..args
    };
    let (code, out, _) = run(&args, &spec_dir());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("expired on 2001-01-01; the finding counts again"),
        "{out}"
    );
}

#[test]
fn a_bad_accept_or_levels_file_is_a_usage_error_with_its_line() {
    let accept = scratch(
        "bad-accept.yaml",
        "accepted:\n  - rule: no-such-rule\n    operation: x\n    reason: r\n",
    );
    let args = DiffArgs {
        accept: Some(accept.clone()),
        ..pair("operation-removed", Format::Text)
    };
    let (code, _, err) = run(&args, &spec_dir());
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!(
            "{}:2: unknown rule `no-such-rule`",
            accept.display()
        )),
        "{err}"
    );
    let accept = scratch("no-reason.yaml", "accepted:\n  - rule: operation-removed\n");
    let args = DiffArgs {
        accept: Some(accept),
        ..pair("operation-removed", Format::Text)
    };
    let (code, _, err) = run(&args, &spec_dir());
    assert_eq!(code, 2);
    assert!(err.contains("reason"), "{err}");
    let levels = scratch("levels.txt", "operation-removed fatal\n");
    let args = DiffArgs {
        severity_levels: Some(levels),
        ..pair("operation-removed", Format::Text)
    };
    let (code, _, err) = run(&args, &spec_dir());
    assert_eq!(code, 2);
    assert!(err.contains("levels.txt:1: unknown level `fatal`"), "{err}");
}

#[test]
fn severity_levels_override_a_rule() {
    let levels = scratch(
        "severity-levels.txt",
        "# our policy\nresponse-enum-value-added err\ndocs-changed none\n",
    );
    let args = DiffArgs {
        severity_levels: Some(levels.clone()),
        fail_on: Some(FailOn::Err),
        ..pair("response-enum-value-added", Format::Text)
    };
    let (code, out, _) = run(&args, &spec_dir());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[response-enum-value-added]"), "{out}");
    let args = DiffArgs {
        severity_levels: Some(levels),
        ..pair("docs-changed", Format::Text)
    };
    assert_eq!(run(&args, &spec_dir()).1, "no changes\n");
}

#[test]
fn list_rules_prints_the_catalogue() {
    let args = DiffArgs {
        list_rules: true,
        ..DiffArgs::default()
    };
    let (code, out, _) = run(&args, &spec_dir());
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), RULES.len());
    assert!(out.contains("type-renamed"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("access-loosened")
        && l.contains(" warn ")
        && l.contains("security")));
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
    assert_eq!(out, bizgen::diff::render(&Default::default(), Format::Json));
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

#[test]
fn fail_on_parses_levels_and_aliases() {
    use clap::ValueEnum;
    for (s, l) in [
        ("err", FailOn::Err),
        ("error", FailOn::Err),
        ("sdk-err", FailOn::SdkErr),
        ("warn", FailOn::Warn),
        ("warning", FailOn::Warn),
        ("info", FailOn::Info),
    ] {
        assert_eq!(FailOn::from_str(s, false).unwrap(), l, "{s}");
    }
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
        "sdk-err",
        "--category",
        "wire",
        "--accept",
        "spec/accepted-changes.yaml",
        "--severity-levels",
        "levels.txt",
    ])
    .unwrap();
    assert_eq!(cli.args.against.as_deref(), Some("main"));
    assert_eq!(cli.args.format, Format::Github);
    assert_eq!(cli.args.fail_on, Some(FailOn::SdkErr));
    assert_eq!(cli.args.category, CategoryFilter::Wire);
    assert_eq!(
        cli.args.accept,
        Some(PathBuf::from("spec/accepted-changes.yaml"))
    );
    assert_eq!(cli.args.severity_levels, Some(PathBuf::from("levels.txt")));
    let cli = Cli::try_parse_from(["diff", "old", "new"]).unwrap();
    assert_eq!(cli.args.old, Some(PathBuf::from("old")));
    assert_eq!(cli.args.new, Some(PathBuf::from("new")));
    assert_eq!(cli.args.format, Format::Text);
    assert_eq!(cli.args.category, CategoryFilter::All);
    assert!(Cli::try_parse_from(["diff", "old", "--against", "main"]).is_err());
    assert!(Cli::try_parse_from(["diff", "--format", "yaml"]).is_err());
    <Cli as clap::CommandFactory>::command().debug_assert();
}

#[test]
fn the_checked_in_accept_file_and_the_manual_example_parse() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let file = bizgen::diff::AcceptFile::read(&root.join("accepted-changes.yaml")).unwrap();
    // Every checked-in acceptance says why.
    assert!(
        file.entries.iter().all(|e| !e.reason.trim().is_empty()),
        "{file:?}"
    );
    let manual = std::fs::read_to_string(root.join("manual/diff.md")).unwrap();
    let section = manual
        .split("## A pull request that breaks on purpose")
        .nth(1)
        .expect("manual/diff.md has the accept workflow");
    let example = section
        .split("```yaml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("a yaml example");
    let parsed =
        bizgen::diff::AcceptFile::parse(std::path::Path::new("README.md"), example).unwrap();
    let rules: Vec<&str> = parsed.entries.iter().map(|e| e.rule.as_str()).collect();
    assert_eq!(rules, ["operation-removed", "type-renamed"]);
}
