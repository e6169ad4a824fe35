//! `--against REF`: the old spec read from git, removals located in the old
//! file (its own line, marked old), and a base ref that has no spec yet.

use std::path::{Path, PathBuf};
use std::process::Command;

use bizgen::diff::{diff, load_git_ref, DiffArgs, FailOn, Format};

use crate::common::{fixtures, load, run};

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

/// An empty repository with one commit (a README).
fn empty_repo(name: &str) -> TempRepo {
    let root = std::env::temp_dir().join(format!("bizgen-diff-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let repo = TempRepo(root);
    git(&repo.0, &["init", "--quiet"]);
    std::fs::write(repo.0.join("README.md"), "test\n").unwrap();
    git(&repo.0, &["add", "README.md"]);
    git(&repo.0, &["commit", "--quiet", "-m", "start"]);
    repo
}

/// A repository whose HEAD holds the fixture's `old/` as `spec/`, and whose
/// work tree holds its `new/`.
fn repo_with(rule: &str, name: &str) -> TempRepo {
    let repo = empty_repo(name);
    copy_dir(&fixtures().join(rule).join("old"), &repo.0.join("spec"));
    git(&repo.0, &["add", "spec"]);
    git(&repo.0, &["commit", "--quiet", "-m", "old spec"]);
    std::fs::remove_dir_all(repo.0.join("spec")).unwrap();
    copy_dir(&fixtures().join(rule).join("new"), &repo.0.join("spec"));
    repo
}

fn against(git_ref: &str, format: Format) -> DiffArgs {
    DiffArgs {
        against: Some(git_ref.into()),
        format,
        ..DiffArgs::default()
    }
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
    assert_eq!(
        findings[0].location.to_string(),
        "spec/service.yaml:55:7 (old)"
    );

    let err = load_git_ref(&repo.0, "no-such-branch", Path::new("spec"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown git ref `no-such-branch`"), "{err}");
    let err = load_git_ref(&repo.0, "HEAD", Path::new("elsewhere"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("no spec files"), "{err}");
}

#[test]
fn against_a_git_ref() {
    let repo = repo_with("request-field-added-required", "against");
    let args = DiffArgs {
        fail_on: Some(FailOn::Err),
        ..against("HEAD", Format::Github)
    };
    let (code, out, err) = run(&args, &repo.0.join("spec"));
    assert_eq!(code, 1, "{err}");
    assert!(
        out.starts_with("::error file=spec/service.yaml,line=43,"),
        "{out}"
    );
    assert!(
        out.contains("title=error request-field-added-required"),
        "{out}"
    );

    let (code, _, err) = run(&against("v9.9.9", Format::Text), &repo.0.join("spec"));
    assert_eq!(code, 2);
    assert!(err.contains("unknown git ref `v9.9.9`"), "{err}");
}

#[test]
fn a_removal_points_at_its_own_line_in_the_old_file() {
    let repo = repo_with("operation-removed", "old-side");
    // The new file has moved on: its line 55 is some other operation's.
    let service = repo.0.join("spec/service.yaml");
    let text = std::fs::read_to_string(&service).unwrap();
    std::fs::write(&service, format!("# one\n# two\n# three\n{text}")).unwrap();
    let (code, out, err) = run(&against("HEAD", Format::Json), &repo.0.join("spec"));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "operation-removed");
    assert_eq!(
        f["location"],
        serde_json::json!({"side": "old", "file": "spec/service.yaml", "line": 55, "column": 7})
    );
    let old_text = Command::new("git")
        .arg("-C")
        .arg(&repo.0)
        .args(["show", "HEAD:spec/service.yaml"])
        .output()
        .unwrap()
        .stdout;
    let old_line = String::from_utf8(old_text)
        .unwrap()
        .lines()
        .nth(54)
        .unwrap()
        .to_owned();
    assert_eq!(old_line, "      extra:");
    let new_line = std::fs::read_to_string(&service)
        .unwrap()
        .lines()
        .nth(54)
        .unwrap()
        .to_owned();
    assert_ne!(new_line, "      extra:");
    // The same finding from a subdirectory: paths stay repository-relative.
    let (_, out, _) = run(
        &against("HEAD", Format::Text),
        Path::new(&repo.0.join("spec/../spec")),
    );
    assert!(
        out.starts_with("spec/service.yaml:55:7 (old): error[operation-removed]"),
        "{out}"
    );
    let (_, out, _) = run(&against("HEAD", Format::Github), &repo.0.join("spec"));
    assert!(
        out.starts_with("::error file=spec/service.yaml,title="),
        "{out}"
    );
}

#[test]
fn a_base_ref_without_a_spec_reports_everything_as_added() {
    let repo = empty_repo("no-spec");
    copy_dir(
        &fixtures().join("operation-removed/old"),
        &repo.0.join("spec"),
    );
    let args = DiffArgs {
        fail_on: Some(FailOn::Err),
        ..against("HEAD", Format::Json)
    };
    let (code, out, err) = run(&args, &repo.0.join("spec"));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["operation-added"; 3]);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["location"]["side"] == "new"));
}

#[test]
fn a_spec_dir_outside_the_repository_is_relative_to_nothing() {
    // A directory not in git: paths are shown as given.
    let dir = std::env::temp_dir().join(format!("bizgen-diff-nogit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&fixtures().join("operation-removed/old"), &dir.join("old"));
    copy_dir(&fixtures().join("operation-removed/new"), &dir.join("new"));
    let args = DiffArgs {
        old: Some(dir.join("old")),
        new: Some(dir.join("new")),
        ..DiffArgs::default()
    };
    let (code, out, err) = run(&args, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, 0, "{err}");
    let old = dir.join("old/service.yaml");
    assert!(
        out.starts_with(&format!("{}:55:7 (old)", old.display())),
        "{out}"
    );
}
