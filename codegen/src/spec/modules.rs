//! Which module of the generated code each spec file's types and enums go
//! to: the file's stem (`services/login.yaml` → `login`), prefixed with its
//! directories from the top where stems collide
//! (`copy001/services/login.yaml` → `copy001_login`). Paths are taken
//! relative to the directory that holds every spec file. What the module is
//! called in a language (`types.yaml` is `types_` in Rust, whose modules
//! are inside `types`) is the target's business.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Pos;
use crate::ir::TypeModule;
use crate::names;

/// One spec file's module name and its path relative to the spec directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FileModule {
    pub name: String,
    /// `/`-separated, e.g. `services/login.yaml`.
    pub path: String,
}

/// The module of every spec file, by file index.
#[derive(Debug, Clone, Default)]
pub(super) struct FileModules {
    files: Vec<FileModule>,
}

impl FileModules {
    /// Names every file: shallow files first, each taking the first of its
    /// candidate names (stem, then stem prefixed with one more directory at a
    /// time) that no other file took; a numbered name if all are taken.
    pub fn new(paths: &[PathBuf]) -> FileModules {
        let relative = relative_paths(paths);
        let mut order: Vec<usize> = (0..relative.len()).collect();
        order.sort_by_key(|&i| (relative[i].len(), relative[i].clone()));
        let mut taken = BTreeSet::new();
        let mut names = vec![String::new(); relative.len()];
        for i in order {
            let parts = &relative[i];
            let Some((file, dirs)) = parts.split_last() else {
                continue;
            };
            let stem = file
                .rsplit_once('.')
                .map_or(file.as_str(), |(stem, _)| stem);
            let candidates = (0..=dirs.len()).map(|n| {
                let mut words: Vec<&str> = dirs[..n].iter().map(String::as_str).collect();
                words.push(stem);
                names::module_name(&words.join("_"))
            });
            let mut chosen = None;
            for candidate in candidates {
                if !taken.contains(&candidate) {
                    chosen = Some(candidate);
                    break;
                }
            }
            let name = chosen.unwrap_or_else(|| {
                let base = names::module_name(&parts.join("_"));
                (2..)
                    .map(|n| format!("{base}_{n}"))
                    .find(|c| !taken.contains(c))
                    .unwrap_or(base)
            });
            taken.insert(name.clone());
            names[i] = name;
        }
        let files = names
            .into_iter()
            .zip(relative)
            .map(|(name, parts)| FileModule {
                name,
                path: parts.join("/"),
            })
            .collect();
        FileModules { files }
    }

    /// The modules of the files at `positions` (where types and enums are
    /// declared), sorted by name.
    pub fn type_modules(&self, positions: impl Iterator<Item = Pos>) -> Vec<TypeModule> {
        let modules: BTreeMap<String, String> = positions
            .map(|pos| {
                let m = self.get(pos.file);
                (m.name, m.path)
            })
            .collect();
        modules
            .into_iter()
            .map(|(name, spec_file)| TypeModule { name, spec_file })
            .collect()
    }

    /// Every file's path relative to the spec directory, by file index.
    pub fn paths(&self) -> Vec<String> {
        self.files.iter().map(|f| f.path.clone()).collect()
    }

    /// The module of the file at `index` (positions without a file, which
    /// loaded specs do not have, go to `spec`).
    pub fn get(&self, index: usize) -> FileModule {
        self.files
            .get(index)
            .cloned()
            .unwrap_or_else(|| FileModule {
                name: "spec".into(),
                path: String::new(),
            })
    }
}

/// Every path's components below the deepest directory common to all.
fn relative_paths(paths: &[PathBuf]) -> Vec<Vec<String>> {
    let parts: Vec<Vec<String>> = paths.iter().map(|p| components(p)).collect();
    let common = parts
        .iter()
        .map(|p| &p[..p.len().saturating_sub(1)])
        .reduce(|a, b| {
            let n = a.iter().zip(b).take_while(|(x, y)| x == y).count();
            &a[..n]
        })
        .map_or(0, <[String]>::len);
    parts.into_iter().map(|p| p[common..].to_vec()).collect()
}

fn components(path: &Path) -> Vec<String> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(paths: &[&str]) -> Vec<(String, String)> {
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        let modules = FileModules::new(&paths);
        (0..paths.len())
            .map(|i| {
                let m = modules.get(i);
                (m.name, m.path)
            })
            .collect()
    }

    #[test]
    fn stems_then_directories_where_stems_collide() {
        let got = names(&[
            "spec/api.yaml",
            "spec/copy001/services/login.yaml",
            "spec/copy001/types.yaml",
            "spec/services/login.yaml",
            "spec/services/type.yaml",
            "spec/services/Odd-Name.v2.yaml",
            "spec/types.yaml",
        ]);
        let want = [
            ("api", "api.yaml"),
            ("copy001_login", "copy001/services/login.yaml"),
            ("copy001_types", "copy001/types.yaml"),
            ("login", "services/login.yaml"),
            ("type", "services/type.yaml"),
            ("odd_name_v2", "services/Odd-Name.v2.yaml"),
            ("types", "types.yaml"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(n, p)| (n.to_string(), p.to_string()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn names_stay_distinct_when_every_candidate_is_taken() {
        let got = names(&["a/b_c.yaml", "a_b/c.yaml", "x/a_b_c.yaml", "x/a/b_c.yaml"]);
        let distinct: BTreeSet<&String> = got.iter().map(|(n, _)| n).collect();
        assert_eq!(distinct.len(), got.len(), "{got:?}");
    }
}
