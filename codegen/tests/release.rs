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
