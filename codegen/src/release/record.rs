//! Recording a release in the spec: the new entry at the top of
//! `releases.yaml` and the new `api.version`, both edited as text so that
//! comments and layout stay as they are. If the edited spec does not load,
//! both files are put back.

use std::path::{Path, PathBuf};

use super::{ReleaseError, HISTORY_FILE};
use crate::ir::{default_tag, Change, Release};
use crate::spec::Loaded;

/// Writes `release` into the history and stamps its version as
/// `api.version`. `loaded` is the spec of `spec_dir` as loaded from disk.
pub fn record(spec_dir: &Path, loaded: &Loaded, release: &Release) -> Result<(), ReleaseError> {
    let history = spec_dir.join(HISTORY_FILE);
    let history_text = read(&history)?;
    let api_file = loaded
        .files
        .paths
        .get(loaded.api.version_pos.file)
        .cloned()
        .ok_or_else(|| ReleaseError::Write("cannot tell which file holds api.version".into()))?;
    let edits: Vec<(PathBuf, String, String)> = if api_file == history {
        let text = insert_release(&history_text, release, &history)?;
        let text = stamp(&text, loaded, &release.version.to_string(), &history)?;
        vec![(history, history_text, text)]
    } else {
        let api_text = read(&api_file)?;
        vec![
            (
                history.clone(),
                history_text.clone(),
                insert_release(&history_text, release, &history)?,
            ),
            (
                api_file.clone(),
                api_text.clone(),
                stamp(&api_text, loaded, &release.version.to_string(), &api_file)?,
            ),
        ]
    };
    for (path, _, new) in &edits {
        write(path, new)?;
    }
    if let Err(e) = crate::spec::load_dir(spec_dir) {
        for (path, old, _) in &edits {
            write(path, old)?;
        }
        return Err(ReleaseError::Write(format!(
            "the spec with the release recorded does not load, so nothing was changed:\n{e}"
        )));
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, ReleaseError> {
    std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReleaseError::NoHistory {
            path: path.to_owned(),
        },
        _ => ReleaseError::Write(format!("cannot read {}: {e}", path.display())),
    })
}

fn write(path: &Path, text: &str) -> Result<(), ReleaseError> {
    std::fs::write(path, text)
        .map_err(|e| ReleaseError::Write(format!("cannot write {}: {e}", path.display())))
}

/// The history with `release` first in its `releases:` list.
pub fn insert_release(text: &str, release: &Release, path: &Path) -> Result<String, ReleaseError> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(at) = lines.iter().position(|l| {
        let l = l.split('#').next().unwrap_or_default().trim_end();
        l == "releases:" || l.replace(' ', "") == "releases:[]"
    }) else {
        return Err(ReleaseError::Write(format!(
            "{} has no top-level `releases:` line to add the release to",
            path.display()
        )));
    };
    // Indent like the entries already there.
    let indent = lines[at + 1..]
        .iter()
        .find(|l| l.trim_start().starts_with("- "))
        .map_or(2, |l| l.len() - l.trim_start().len());
    let mut out: Vec<String> = lines[..at].iter().map(|l| l.to_string()).collect();
    out.push("releases:".into());
    out.extend(entry_lines(release, indent));
    out.extend(lines[at + 1..].iter().map(|l| l.to_string()));
    Ok(out.join("\n") + "\n")
}

fn entry_lines(release: &Release, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    let mut out = vec![
        format!("{pad}- version: {}", release.version),
        format!("{pad}  date: {}", release.date),
    ];
    if release.tag != default_tag(release.version) {
        out.push(format!("{pad}  tag: {}", quoted(&release.tag)));
    }
    if release.changes.is_empty() {
        out.push(format!("{pad}  changes: []"));
        return out;
    }
    out.push(format!("{pad}  changes:"));
    for c in &release.changes {
        out.extend(change_lines(c, &format!("{pad}    ")));
    }
    out
}

fn change_lines(c: &Change, pad: &str) -> Vec<String> {
    let mut fields = vec![
        ("section", c.section.as_str().to_owned()),
        ("rule", c.rule.clone()),
    ];
    let optional = [
        ("operation", &c.operation),
        ("type", &c.type_name),
        ("path", &c.path),
        ("page", &c.page),
    ];
    for (key, value) in optional {
        if let Some(v) = value {
            fields.push((key, quoted(v)));
        }
    }
    if let Some(b) = c.breaking {
        let word = match b {
            crate::ir::Breaking::Wire => "wire",
            crate::ir::Breaking::Sdk => "sdk",
        };
        fields.push(("breaking", word.to_owned()));
    }
    fields.push(("text", quoted(&c.text)));
    fields
        .into_iter()
        .enumerate()
        .map(|(i, (k, v))| {
            let lead = if i == 0 { "- " } else { "  " };
            format!("{pad}{lead}{k}: {v}")
        })
        .collect()
}

/// A YAML double-quoted scalar (JSON's string syntax is YAML's).
fn quoted(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// `text` (the file holding `api.version`) with the version replaced.
fn stamp(text: &str, loaded: &Loaded, version: &str, path: &Path) -> Result<String, ReleaseError> {
    let pos = loaded.api.version_pos;
    let old = &loaded.api.package_version;
    let not_found = || {
        ReleaseError::Write(format!(
            "{}:{}:{}: cannot find api.version `{old}` to stamp {version}",
            path.display(),
            pos.line,
            pos.column
        ))
    };
    let line_start: usize = text
        .split_inclusive('\n')
        .take(pos.line.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let line = text[line_start..].lines().next().ok_or_else(not_found)?;
    let column = line
        .char_indices()
        .nth(pos.column.saturating_sub(1) as usize)
        .map(|(i, _)| i)
        .ok_or_else(not_found)?;
    let rest = &line[column..];
    let (skip, len) = match rest.chars().next() {
        Some('"' | '\'') if rest[1..].starts_with(old.as_str()) => (1, old.len()),
        _ if rest.starts_with(old.as_str()) => (0, old.len()),
        _ => return Err(not_found()),
    };
    let start = line_start + column + skip;
    Ok(format!(
        "{}{version}{}",
        &text[..start],
        &text[start + len..]
    ))
}
