//! `bizgen release`: the semver bump and the changelog entries from spec
//! pairs (the diff's fixtures with a release history added), the history
//! checks of the loader, and the versions every package states.

use std::path::{Path, PathBuf};

use bizgen::date::Date;
use bizgen::diff::{AcceptFile, Options};
use bizgen::ir::{Breaking, ChangeSection, Version};
use bizgen::release::{changelog, plan, Bump, Plan};
use bizgen::{load_dir, load_sources, Loaded, Source};

fn fixture(rule: &str, side: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(rule)
        .join(side)
}

/// A fixture spec at `version`, with `releases` as its history.
fn with_history(dir: &Path, version: &str, releases: &str) -> Loaded {
    let mut sources: Vec<Source> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let text = text.replacen("version: 0.0.1", &format!("version: {version}"), 1);
            Source { path, text }
        })
        .collect();
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    sources.push(Source {
        path: dir.join("releases.yaml"),
        text: releases.to_owned(),
    });
    load_sources(sources).unwrap_or_else(|e| panic!("{} does not load:\n{e}", dir.display()))
}

const RELEASED_1_4_2: &str =
    "releases:\n  - version: 1.4.2\n    date: 2026-11-02\n    changes: []\n";

fn day() -> Date {
    Date::parse("2026-12-03").unwrap()
}

/// The release of the fixture pair `rule` after 1.4.2.
fn release_of(rule: &str, options: &Options) -> Plan {
    let old = with_history(&fixture(rule, "old"), "1.4.2", RELEASED_1_4_2);
    let new = with_history(&fixture(rule, "new"), "1.4.2", RELEASED_1_4_2);
    plan(Some(&old), &new, options, day(), None).unwrap()
}

fn v(s: &str) -> Version {
    Version::parse(s).unwrap()
}

#[test]
fn a_removed_response_field_is_major() {
    let p = release_of("response-field-removed", &Options::default());
    assert_eq!((p.bump, p.next), (Bump::Major, v("2.0.0")));
    assert_eq!(p.current, Some(v("1.4.2")));
    assert!(p
        .deciding
        .iter()
        .all(|f| f.rule == "response-field-removed"));
    let c = &p.release.changes[0];
    assert_eq!(c.section, ChangeSection::Removed);
    assert_eq!(c.breaking, Some(Breaking::Wire));
    assert_eq!(c.type_name.as_deref(), Some("Profile"));
    assert_eq!(c.page.as_deref(), Some("types.md#profile"));
    let section = changelog::section(&p.release, changelog::Place::CRATE);
    assert!(
        section.starts_with("## [2.0.0] - 2026-12-03\n"),
        "{section}"
    );
    assert!(
        section.contains("**Breaking:** 1 change(s) break deployed clients"),
        "{section}"
    );
    assert!(
        section.contains("### Removed\n\n- **Breaking (wire):** [`Profile`](docs/types.md#profile): Field `email` was removed"),
        "{section}"
    );
    // The operations that read the type are named.
    assert!(
        section.contains("(used in responses); operations: `Shop.getProfile`."),
        "{section}"
    );
}

#[test]
fn a_new_optional_request_field_is_minor() {
    let p = release_of("request-field-added", &Options::default());
    assert_eq!((p.bump, p.next), (Bump::Minor, v("1.5.0")));
    let c = &p.release.changes[0];
    assert_eq!(c.section, ChangeSection::Added);
    assert_eq!(c.breaking, None);
    let op = c.operation.as_deref().unwrap();
    assert!(op.ends_with("/api/c/demo.Shop.getProfile"), "{op}");
    assert_eq!(c.page.as_deref(), Some("operations/shop/get-profile.md"));
    let section = changelog::section(&p.release, changelog::Place::PACKAGE);
    assert!(
        section.contains("### Added\n\n- [`Shop.getProfile`](../docs/operations/shop/get-profile.md): Optional field `extra`"),
        "{section}"
    );
}

#[test]
fn a_description_change_is_a_patch() {
    let p = release_of("docs-changed", &Options::default());
    assert_eq!((p.bump, p.next), (Bump::Patch, v("1.4.3")));
    assert_eq!(p.release.changes[0].section, ChangeSection::Changed);
    assert!(p.release.changes[0]
        .operation
        .as_deref()
        .unwrap()
        .ends_with(".getProfile"));
}

#[test]
fn an_accepted_break_is_still_major() {
    let accept = AcceptFile::parse(
        Path::new("accepted-changes.yaml"),
        "accepted:\n  - rule: response-field-removed\n    type: Profile\n    reason: nobody reads it\n",
    )
    .unwrap();
    let options = Options {
        accept: Some(accept),
        ..Options::default()
    };
    let p = release_of("response-field-removed", &options);
    assert_eq!((p.bump, p.next), (Bump::Major, v("2.0.0")));
    assert!(p.deciding[0].accepted);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert_eq!(p.release.changes[0].breaking, Some(Breaking::Wire));
}

#[test]
fn zero_versions_shift_and_requests_are_checked() {
    let released = "releases:\n  - version: 0.3.1\n    date: 2026-11-02\n";
    let old = with_history(&fixture("response-field-removed", "old"), "0.3.1", released);
    let new = with_history(&fixture("response-field-removed", "new"), "0.3.1", released);
    let o = Options::default();
    let p = plan(Some(&old), &new, &o, day(), None).unwrap();
    assert_eq!((p.bump, p.next), (Bump::Major, v("0.4.0")));
    // Going stable on purpose.
    let p = plan(Some(&old), &new, &o, day(), Some(v("1.0.0"))).unwrap();
    assert_eq!(p.next, v("1.0.0"));
    // Too small a step for a break, or not a step at all.
    let e = plan(Some(&old), &new, &o, day(), Some(v("0.3.2"))).unwrap_err();
    assert_eq!(
        e.to_string(),
        "version 0.3.2 is a smaller step than the changes since 0.3.1 need: a major change, 0.4.0 at least"
    );
    let e = plan(Some(&old), &new, &o, day(), Some(v("0.3.1"))).unwrap_err();
    assert_eq!(
        e.to_string(),
        "version 0.3.1 is not after the last release 0.3.1"
    );
}

#[test]
fn the_first_release_is_api_version_and_adds_everything() {
    let new = with_history(&fixture("docs-changed", "new"), "0.1.0", "releases: []\n");
    let p = plan(None, &new, &Options::default(), day(), None).unwrap();
    assert_eq!((p.current, p.next), (None, v("0.1.0")));
    assert!(p
        .release
        .changes
        .iter()
        .all(|c| c.section == ChangeSection::Added && c.rule == "operation-added"));
}

#[test]
fn the_loader_checks_the_history() {
    let dir = fixture("docs-changed", "new");
    let errors = |version: &str, releases: &str| -> String {
        let mut sources: Vec<Source> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                let text = text.replacen("version: 0.0.1", &format!("version: {version}"), 1);
                Source { path, text }
            })
            .collect();
        sources.push(Source {
            path: "spec/releases.yaml".into(),
            text: releases.into(),
        });
        load_sources(sources).unwrap_err().to_string()
    };
    let e = errors("1.0", "releases: []\n");
    assert!(
        e.contains("api.version `1.0` is not a version MAJOR.MINOR.PATCH"),
        "{e}"
    );
    let e = errors(
        "1.0.0",
        "releases:\n  - {version: 0.9.0, date: 2026-10-01}\n  - {version: 0.9.1, date: 2026-09-01}\n",
    );
    assert!(e.contains("spec/releases.yaml:3:"), "{e}");
    assert!(e.contains("release 0.9.1 is listed below 0.9.0"), "{e}");
    let e = errors(
        "0.1.0",
        "releases:\n  - {version: 0.2.0, date: 2026-10-01}\n",
    );
    assert!(
        e.contains("api.version 0.1.0 is behind the last release 0.2.0"),
        "{e}"
    );
    let e = errors(
        "0.2.0",
        "releases:\n  - {version: 0.2.0, date: 2026-13-01}\n",
    );
    assert!(e.contains("release date `2026-13-01` is not a date"), "{e}");
}

/// Every package and export states `api.version`; the `version` header
/// keeps `api.versionHeader`.
#[test]
fn every_output_states_the_api_version() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let api = load_dir(&root.join("spec")).unwrap().api;
    let version = &api.package_version;
    let read = |p: &str| std::fs::read_to_string(root.join("generated").join(p)).unwrap();
    let toml_version = |text: &str| -> String {
        let line = text
            .lines()
            .find(|l| l.starts_with("version = "))
            .expect("a version line");
        line["version = ".len()..].trim_matches('"').to_owned()
    };
    let json = |p: &str| -> serde_json::Value { serde_json::from_str(&read(p)).unwrap() };
    let stated = [
        ("Cargo.toml", toml_version(&read("Cargo.toml"))),
        (
            "python/pyproject.toml",
            toml_version(&read("python/pyproject.toml")),
        ),
        (
            "ts/package.json",
            json("ts/package.json")["version"]
                .as_str()
                .unwrap()
                .to_owned(),
        ),
        (
            "openapi/openapi.json",
            json("openapi/openapi.json")["info"]["version"]
                .as_str()
                .unwrap()
                .to_owned(),
        ),
        (
            "openapi/openapi-3.0.json",
            json("openapi/openapi-3.0.json")["info"]["version"]
                .as_str()
                .unwrap()
                .to_owned(),
        ),
    ];
    for (file, v) in &stated {
        assert_eq!(
            v, version,
            "generated/{file} states {v}, api.version is {version}"
        );
    }
    let init = read("python/src/customer_api/__init__.py");
    assert!(
        init.contains(&format!("__version__ = \"{version}\"")),
        "{init}"
    );
    // The changelogs start from the last release, if any.
    if let Some(last) = api.releases.first() {
        assert_eq!(
            last.version.to_string(),
            *version,
            "api.version is not the last release"
        );
        for file in [
            "CHANGELOG.md",
            "ts/CHANGELOG.md",
            "python/CHANGELOG.md",
            "docs/CHANGELOG.md",
        ] {
            assert!(read(file).contains(&format!("## [{version}] - ")), "{file}");
        }
    }
    // The wire's `version` header does not move with releases.
    assert_eq!(api.version, "0.0.1");
}

/// A temporary git repository with a copy of the real spec.
struct TempRepo(PathBuf);

impl Drop for TempRepo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=bizgen test",
            "-c",
            "user.email=test@example.com",
        ])
        .args(["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"])
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
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn repo_with_spec(name: &str) -> TempRepo {
    let root = std::env::temp_dir().join(format!("bizgen-release-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let repo = TempRepo(root);
    copy_dir(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec"),
        &repo.0.join("spec"),
    );
    git(&repo.0, &["init", "--quiet"]);
    git(&repo.0, &["add", "spec"]);
    git(&repo.0, &["commit", "--quiet", "-m", "spec"]);
    repo
}

/// `bizgen --spec DIR/spec ARGS`: exit code, stdout, stderr.
fn bizgen(repo: &Path, args: &[&str]) -> (u8, String, String) {
    let mut argv = vec!["bizgen".to_owned(), "--spec".into()];
    argv.push(repo.join("spec").display().to_string());
    argv.extend(args.iter().map(|s| s.to_string()));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let exit = bizgen::cli::run(argv, &mut out, &mut err);
    let code = (0..=2u8)
        .find(|c| exit == std::process::ExitCode::from(*c))
        .unwrap_or(u8::MAX);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// The fenced block of `kind` that follows `after` in the release manual.
fn readme_block(after: &str, kind: &str) -> String {
    let readme = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../manual/release.md"),
    )
    .unwrap();
    let from = readme
        .find(after)
        .unwrap_or_else(|| panic!("manual/release.md lacks {after:?}"));
    let rest = &readme[from..];
    let fence = format!("```{kind}\n");
    let start = rest.find(&fence).expect("a fenced block") + fence.len();
    let len = rest[start..].find("```").expect("its end");
    rest[start..start + len].to_owned()
}

#[test]
fn the_readme_worked_example_runs_as_written() {
    let repo = repo_with_spec("readme");
    let out_dir = repo.0.join("generated").display().to_string();
    // Release 0.0.1, committed and tagged.
    let (code, _, err) = bizgen(
        &repo.0,
        &["release", "--date", "2026-12-01", "--out", &out_dir],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("recorded 0.0.1 in"), "{err}");
    let changelog = std::fs::read_to_string(repo.0.join("generated/ts/CHANGELOG.md")).unwrap();
    assert!(changelog.contains("## [0.0.1] - 2026-12-01\n\n### Added\n\n- [`CustomerApiWebService.applyApi`](../docs/operations/customer-api-web-service/apply-api.md)"), "{changelog}");
    // The Chinese edition says it in Chinese.
    let zh = std::fs::read_to_string(repo.0.join("generated/docs/zh/CHANGELOG.md")).unwrap();
    assert!(
        zh.contains("- [`CustomerApiWebService.applyApi`](operations/customer-api-web-service/apply-api.md)：新增接口。"),
        "{zh}"
    );
    git(&repo.0, &["add", "-A"]);
    git(&repo.0, &["commit", "--quiet", "-m", "release 0.0.1"]);
    git(&repo.0, &["tag", "v0.0.1"]);
    // The manual's change to the spec.
    let added = readme_block("## Worked example", "yaml");
    let file = repo.0.join("spec/services/customer_web_profile.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let anchor = "          emailArea: {type: string, description: Email area code., descriptionZh: \"邮箱区号\"}\n";
    assert_eq!(text.matches(anchor).count(), 1);
    std::fs::write(&file, text.replace(anchor, &format!("{anchor}{added}"))).unwrap();
    // The manual's command, and what it prints (the day aside).
    let command = readme_block("and ask what the release would be", "sh");
    let args: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(args[..2], ["bizgen", "release"]);
    let (code, out, err) = bizgen(&repo.0, &args[1..]);
    assert_eq!(code, 0, "{err}");
    let today = bizgen::date::Date::today().to_string();
    let shown = readme_block("bizgen release --dry-run\n```", "text").replace("2026-12-03", &today);
    assert_eq!(out, shown);
    // Nothing written by the dry run; the release records and stamps.
    assert!(!std::fs::read_to_string(repo.0.join("spec/releases.yaml"))
        .unwrap()
        .contains("0.0.2"));
    let (code, out, err) = bizgen(&repo.0, &["release", "--format", "json", "--out", &out_dir]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (
            json["current"].as_str(),
            json["next"].as_str(),
            json["bump"].as_str()
        ),
        (Some("0.0.1"), Some("0.0.2"), Some("minor"))
    );
    assert_eq!(json["findings"][0]["rule"], "request-field-added");
    let api = load_dir(&repo.0.join("spec")).unwrap().api;
    assert_eq!(api.package_version, "0.0.2");
    assert_eq!(api.version, "0.0.1", "the version header does not move");
    assert_eq!(api.releases.len(), 2);
    let cargo = std::fs::read_to_string(repo.0.join("generated/Cargo.toml")).unwrap();
    assert!(cargo.contains("\nversion = \"0.0.2\"\n"));
    // Earlier sections stay as they were.
    let now = std::fs::read_to_string(repo.0.join("generated/ts/CHANGELOG.md")).unwrap();
    let first = &changelog[changelog.find("## [0.0.1]").unwrap()..];
    assert!(now.ends_with(first), "the 0.0.1 section changed");
    assert!(now.contains("## [0.0.2]"));
    // Not tagged yet: the commit that recorded 0.0.2 is the baseline.
    git(&repo.0, &["add", "-A"]);
    git(&repo.0, &["commit", "--quiet", "-m", "release 0.0.2"]);
    let (code, out, _) = bizgen(&repo.0, &["release", "--dry-run"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("release 0.0.2 → 0.0.3: a patch change\ncompared with commit "),
        "{out}"
    );
    assert!(
        out.contains("(it recorded release 0.0.2; no tag `v0.0.2`)"),
        "{out}"
    );
}

#[test]
fn bad_input_gets_a_clear_error() {
    let repo = repo_with_spec("errors");
    let (code, _, err) = bizgen(&repo.0, &["release", "--dry-run", "--version", "1.0"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--version: `1.0` is not a version MAJOR.MINOR.PATCH"),
        "{err}"
    );
    let (code, _, err) = bizgen(&repo.0, &["release", "--dry-run", "--date", "2026-02-30"]);
    assert_eq!(code, 2);
    assert!(err.contains("--date 2026-02-30 is not a date"), "{err}");
    let (code, _, err) = bizgen(
        &repo.0,
        &["release", "--dry-run", "--against", "no-such-ref"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("unknown git ref `no-such-ref`"), "{err}");
    // A recorded release that is neither tagged nor committed.
    let history = repo.0.join("spec/releases.yaml");
    std::fs::write(
        &history,
        "releases:\n  - version: 0.0.1\n    date: 2026-12-01\n",
    )
    .unwrap();
    let (code, _, err) = bizgen(&repo.0, &["release", "--dry-run"]);
    assert_eq!(code, 2);
    assert!(err.contains("the last release, 0.0.1 in spec/releases.yaml, has no tag `v0.0.1` and no commit records it yet"), "{err}");
    std::fs::remove_file(&history).unwrap();
    let (code, _, err) = bizgen(&repo.0, &["release", "--dry-run"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no release history:") && err.contains("releases.yaml does not exist"),
        "{err}"
    );
}

/// With `api.version` moved away from `api.versionHeader`, every package
/// and export states the former and every client still sends the latter.
#[test]
fn packages_take_api_version_and_clients_send_version_header() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut sources = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "yaml") {
                let text = std::fs::read_to_string(&path).unwrap();
                let text = text.replacen("  version: 0.0.1\n", "  version: 3.2.1\n", 1);
                sources.push(Source { path, text });
            }
        }
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    let api = load_sources(sources).unwrap().api;
    assert_eq!(
        (api.package_version.as_str(), api.version.as_str()),
        ("3.2.1", "0.0.1")
    );
    let files = bizgen::generate::outputs(&api, &Default::default()).unwrap();
    let file = |p: &str| files[Path::new(p)].as_str();
    assert!(file("Cargo.toml").contains("\nversion = \"3.2.1\"\n"));
    assert!(file("python/pyproject.toml").contains("\nversion = \"3.2.1\"\n"));
    assert!(file("python/src/customer_api/__init__.py").contains("__version__ = \"3.2.1\""));
    assert!(file("ts/package.json").contains("\"version\": \"3.2.1\""));
    for openapi in ["openapi/openapi.json", "openapi/openapi-3.0.json"] {
        let doc: serde_json::Value = serde_json::from_str(file(openapi)).unwrap();
        assert_eq!(doc["info"]["version"], "3.2.1", "{openapi}");
    }
    assert!(file("src/lib.rs").contains("pub const API_VERSION: &str = \"0.0.1\";"));
    let ts = file("ts/src/services/customerWebApiService.ts");
    assert!(ts.contains("\"0.0.1\"") && !ts.contains("3.2.1"));
}
