//! Loading the spec as committed at a git ref.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::error::DiffError;
use crate::spec::{load_sources, Loaded, Source};

/// Loads the spec directory `spec_rel` (relative to `repo_root`) as it is at
/// `git_ref` (a branch, tag or commit). The files are read with `git
/// ls-tree` and `git cat-file` straight from the object store (no checkout,
/// no temporary directory); diagnostics and findings name them by their
/// repository-relative paths, e.g. `spec/services/login.yaml`.
pub fn load_git_ref(repo_root: &Path, git_ref: &str, spec_rel: &Path) -> Result<Loaded, DiffError> {
    match sources_at_ref(repo_root, git_ref, spec_rel)? {
        Some(sources) => load_sources(sources)
            .map_err(|e| DiffError::Git(format!("the spec at `{git_ref}` does not load:\n{e}"))),
        None => Err(DiffError::Git(format!(
            "no spec files (*.yaml) under `{}` at `{git_ref}`",
            rel_str(spec_rel)
        ))),
    }
}

/// The spec files under `spec_rel` at `git_ref`; `None` when there are none
/// (the ref predates the spec).
pub(crate) fn sources_at_ref(
    repo_root: &Path,
    git_ref: &str,
    spec_rel: &Path,
) -> Result<Option<Vec<Source>>, DiffError> {
    if git_ref.is_empty() || git_ref.starts_with('-') {
        return Err(DiffError::Git(format!("`{git_ref}` is not a git ref")));
    }
    let commit = git(
        repo_root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{git_ref}^{{commit}}"),
        ],
    )
    .map_err(|e| match e {
        GitError::Failed(_) => format!("unknown git ref `{git_ref}` in {}", repo_root.display()),
        other => other.to_string(),
    })
    .map_err(DiffError::Git)?;
    let commit = String::from_utf8_lossy(&commit).trim().to_owned();
    let rel = rel_str(spec_rel);
    let listing = git(
        repo_root,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--full-name",
            "--name-only",
            &commit,
            "--",
            &rel,
        ],
    )
    .map_err(|e| DiffError::Git(format!("cannot list `{rel}` at `{git_ref}`: {e}")))?;
    let mut paths: Vec<String> = listing
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .filter(|p| p.ends_with(".yaml") || p.ends_with(".yml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Ok(None);
    }
    let mut sources = Vec::new();
    for path in paths {
        let bytes = git(
            repo_root,
            &["cat-file", "blob", &format!("{commit}:{path}")],
        )
        .map_err(|e| DiffError::Git(format!("cannot read `{path}` at `{git_ref}`: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            DiffError::Git(format!("`{path}` at `{git_ref}` is not UTF-8 text: {e}"))
        })?;
        sources.push(Source {
            path: PathBuf::from(path),
            text,
        });
    }
    Ok(Some(sources))
}

/// The git work tree that holds `dir`.
pub(crate) fn repo_root_of(dir: &Path) -> Result<PathBuf, DiffError> {
    let out = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|e| {
        DiffError::Git(match e {
            GitError::Failed(_) => format!("{} is not inside a git repository", dir.display()),
            other => other.to_string(),
        })
    })?;
    Ok(PathBuf::from(String::from_utf8_lossy(&out).trim()))
}

pub(crate) fn rel_str(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let s = s.trim_end_matches('/');
    if s.is_empty() {
        ".".into()
    } else {
        s.to_owned()
    }
}

/// The output of `git ARGS` run in `dir`, trimmed; the error says what
/// went wrong (git missing, or git's own message).
pub(crate) fn git_text(dir: &Path, args: &[&str]) -> Result<String, String> {
    git(dir, args)
        .map(|out| String::from_utf8_lossy(&out).trim().to_owned())
        .map_err(|e| e.to_string())
}

#[derive(Debug)]
enum GitError {
    /// git could not be started.
    Spawn(std::io::Error),
    /// git ran and failed; its standard error.
    Failed(String),
}

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GitError::Spawn(e) => write!(f, "cannot run git (is it installed and on PATH?): {e}"),
            GitError::Failed(stderr) if stderr.is_empty() => f.write_str("git failed"),
            GitError::Failed(stderr) => write!(f, "git: {stderr}"),
        }
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(GitError::Spawn)?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(GitError::Failed(
            String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        ))
    }
}
