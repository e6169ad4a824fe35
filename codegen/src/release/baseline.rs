//! The spec to compare with: the one at `--against REF`, else the one of
//! the last release (its tag, or the commit that recorded it in
//! `releases.yaml`), else none (nothing is released yet).

use std::path::Path;

use super::ReleaseError;
use crate::diff::{git_text, repo_root_of, spec_at_ref};
use crate::ir::Release;
use crate::spec::Loaded;

/// The released spec and how it was found.
pub struct Baseline {
    /// `v0.1.0`, `main`, `commit 1a2b3c4 (recorded release 0.1.0)` or
    /// `nothing released yet`.
    pub label: String,
    /// `None`: nothing to compare with (every operation is an addition).
    pub spec: Option<Loaded>,
}

/// Finds and loads the baseline of a release of the spec in `spec_dir`,
/// whose history is `releases` (newest first).
pub fn baseline(
    spec_dir: &Path,
    against: Option<&str>,
    releases: &[Release],
) -> Result<Baseline, ReleaseError> {
    if let Some(git_ref) = against {
        return at(spec_dir, git_ref, git_ref.to_owned());
    }
    let Some(last) = releases.first() else {
        return Ok(Baseline {
            label: "nothing released yet".into(),
            spec: None,
        });
    };
    let root = repo_root_of(spec_dir).map_err(|e| ReleaseError::Git(e.to_string()))?;
    let tag_commit = format!("refs/tags/{}^{{commit}}", last.tag);
    if git_text(&root, &["rev-parse", "--verify", "--quiet", &tag_commit]).is_ok() {
        return at(spec_dir, &last.tag, last.tag.clone());
    }
    let history = history_in_repo(spec_dir, &root)?;
    // The commit that added the release's entry is the released spec.
    let record = format!("- version: {}\n", last.version);
    let commits = git_text(
        &root,
        &["log", "--format=%H", "-S", &record, "--", &history],
    )
    .map_err(ReleaseError::Git)?;
    let Some(commit) = commits.lines().last().filter(|c| !c.is_empty()) else {
        return Err(ReleaseError::Git(format!(
            "the last release, {} in {history}, has no tag `{}` and no commit records it yet: \
             commit the release and tag it `{}`, or pass --against REF",
            last.version, last.tag, last.tag
        )));
    };
    let short = &commit[..commit.len().min(10)];
    at(
        spec_dir,
        commit,
        format!(
            "commit {short} (it recorded release {}; no tag `{}`)",
            last.version, last.tag
        ),
    )
}

fn at(spec_dir: &Path, git_ref: &str, label: String) -> Result<Baseline, ReleaseError> {
    let spec = spec_at_ref(spec_dir, git_ref).map_err(ReleaseError::Baseline)?;
    Ok(Baseline { label, spec })
}

/// `spec/releases.yaml`, relative to the repository root.
fn history_in_repo(spec_dir: &Path, root: &Path) -> Result<String, ReleaseError> {
    let file = spec_dir.join(super::HISTORY_FILE);
    let (Ok(file), Ok(root)) = (file.canonicalize(), root.canonicalize()) else {
        return Err(ReleaseError::NoHistory {
            path: spec_dir.join(super::HISTORY_FILE),
        });
    };
    let rel = file.strip_prefix(&root).map_err(|_| {
        ReleaseError::Git(format!("{} is outside {}", file.display(), root.display()))
    })?;
    Ok(rel.to_string_lossy().replace('\\', "/"))
}
