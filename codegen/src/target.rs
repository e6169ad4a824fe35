//! The target interface: every output bizgen writes (the Rust crate, the
//! TypeScript package, the Python package, OpenAPI, Postman, the docs in
//! each language) is a [`Target`], and `bizgen generate`, `bizgen check`
//! and the drift tests go over the registry of them
//! ([`crate::generate::registry`]).
//!
//! A target declares its root folder, the header that marks its files
//! and the folders it owns, and emits its files into one [`Sink`]. It asks
//! the facts ([`Facts`]) for whatever another target states too, and has
//! its own naming module for its language's names.
//!
//! Adding a language is one folder (its emitter and templates) and one line
//! in [`crate::generate::registry`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::facts::Facts;

/// Receives the generated files one at a time (path relative to the
/// target's root, content), from several threads.
pub type Sink<'a> = &'a (dyn Fn(PathBuf, String) -> crate::Result<()> + Sync);

/// Where a target writes and what it owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// A short name (`rust`, `typescript`, `docs-zh`, ...), for messages.
    pub name: &'static str,
    /// The folder it writes, relative to the output directory (`""`: the
    /// output directory itself, as for the Rust crate's `Cargo.toml`).
    pub root: &'static str,
    /// The first line of each of its files that says it is generated;
    /// `None` when its files cannot carry one (JSON, Markdown), in which
    /// case every file in the folders it owns is its own.
    pub header: Option<&'static str>,
    /// The folders, relative to `root` (`""` for the root itself), whose
    /// every file it writes: a file there that it no longer writes is
    /// stale, and removed if it is a generated one (it carries the header,
    /// or the target has none).
    pub owned: &'static [&'static str],
    /// Names of folders that tools make below its owned folders (Python's
    /// `__pycache__`): never listed as stale, never removed.
    pub ignored: &'static [&'static str],
}

/// One output of bizgen.
pub trait Target: Sync {
    /// Its name, root folder, header and owned folders.
    fn layout(&self) -> Layout;

    /// Whether it spreads its own work over the cores (the Rust crate's
    /// formatting): it then runs on the calling thread, while the other
    /// targets render one after another on a thread beside it.
    fn parallel(&self) -> bool {
        false
    }

    /// Renders every file and gives each to `sink` as soon as it is done,
    /// with its path relative to [`root`](Self::root).
    fn emit(&self, facts: &Facts<'_>, sink: Sink<'_>) -> crate::Result<()>;
}

/// Renders every target of `targets` into `sink` (paths relative to the
/// output directory). The targets that spread their own work over the
/// cores run on this thread; the others run one after another on a thread
/// beside them, so that both cores stay busy to the end.
pub fn emit_all(
    targets: &[Box<dyn Target + '_>],
    facts: &Facts<'_>,
    sink: Sink<'_>,
) -> crate::Result<()> {
    let (parallel, serial): (Vec<_>, Vec<_>) = targets.iter().partition(|t| t.parallel());
    let run = |t: &dyn Target| -> crate::Result<()> {
        let root = Path::new(t.layout().root);
        t.emit(facts, &|path, text| sink(root.join(path), text))
    };
    std::thread::scope(|scope| {
        let others = scope.spawn(|| serial.iter().try_for_each(|t| run(t.as_ref())));
        let mine = parallel.iter().try_for_each(|t| run(t.as_ref()));
        let others = others
            .join()
            .unwrap_or(Err(crate::Error::Internal("a rendering thread panicked")));
        mine.and(others)
    })
}

/// Every file of one target, rendered in memory: path relative to the
/// target's root → content. For tests and the per-target entry points
/// (`docs::render_docs`, `typescript::render_package`, ...).
pub fn render_files(
    target: &dyn Target,
    facts: &Facts<'_>,
) -> crate::Result<BTreeMap<PathBuf, String>> {
    let files = Mutex::new(BTreeMap::new());
    target.emit(facts, &|path, text| {
        files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path, text);
        Ok(())
    })?;
    Ok(files.into_inner().unwrap_or_else(PoisonError::into_inner))
}

/// Gives a rendered text file to `sink`: lines without trailing spaces and
/// exactly one final newline; a template error names the target and file.
/// What a text target (TypeScript, Markdown, Python, ...) does with each
/// askama template it renders.
pub fn put_rendered(
    sink: Sink<'_>,
    target: &'static str,
    file: impl Into<PathBuf>,
    rendered: Result<String, askama::Error>,
) -> crate::Result<()> {
    let file = file.into();
    let text = rendered.map_err(|source| crate::Error::Render {
        target,
        file: file.display().to_string(),
        source,
    })?;
    sink(file, tidy(&text))
}

/// A rendered snippet (a code sample): a template error names the target
/// and template; lines without trailing spaces, no final newline.
pub fn rendered_text(
    target: &'static str,
    template: &str,
    rendered: Result<String, askama::Error>,
) -> crate::Result<String> {
    let text = rendered.map_err(|source| crate::Error::Render {
        target,
        file: template.to_owned(),
        source,
    })?;
    Ok(tidy(&text).trim_end_matches('\n').to_owned())
}

/// Trailing spaces off every line, exactly one newline at the end.
pub fn tidy(text: &str) -> String {
    let mut out: String = text
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    while out.ends_with('\n') {
        out.pop();
    }
    out.push('\n');
    out
}

/// The folders the targets own and the header of each, for telling stale
/// generated files from files someone put there by hand.
#[derive(Debug, Clone)]
pub struct Ownership {
    /// Folder relative to the output directory, and its target's header.
    folders: Vec<(PathBuf, Option<&'static str>)>,
    /// Folder names no target owns the content of ([`Layout::ignored`]).
    ignored: Vec<&'static str>,
    /// Each target's root folder and header, deepest root first.
    targets: Vec<(PathBuf, Option<&'static str>)>,
}

impl Ownership {
    pub fn of(targets: &[Box<dyn Target + '_>]) -> Ownership {
        let mut folders: Vec<(PathBuf, Option<&'static str>)> = targets
            .iter()
            .flat_map(|t| {
                let layout = t.layout();
                layout
                    .owned
                    .iter()
                    .map(move |dir| (Path::new(layout.root).join(dir), layout.header))
            })
            .collect();
        folders.sort();
        let mut ignored: Vec<&'static str> = targets
            .iter()
            .flat_map(|t| t.layout().ignored.iter().copied())
            .collect();
        ignored.sort_unstable();
        ignored.dedup();
        let mut roots: Vec<(PathBuf, Option<&'static str>)> = targets
            .iter()
            .map(|t| (PathBuf::from(t.layout().root), t.layout().header))
            .collect();
        roots.sort_by_key(|(root, _)| std::cmp::Reverse(root.components().count()));
        Ownership {
            folders,
            ignored,
            targets: roots,
        }
    }

    /// Whether a folder called `name` is a tool's (a cache), not to be looked into.
    pub fn ignores(&self, name: &std::ffi::OsStr) -> bool {
        self.ignored.iter().any(|i| name == *i)
    }

    /// The owned folders to look for stale files in: none inside another.
    pub fn roots(&self) -> Vec<&Path> {
        let mut roots: Vec<&Path> = Vec::new();
        for (dir, _) in &self.folders {
            if !roots.iter().any(|r| dir.starts_with(r)) {
                roots.push(dir);
            }
        }
        roots
    }

    /// Whether a file that no target wrote (`rel` relative to the output
    /// directory, `path` on disk) is a generated one: it carries the header
    /// of the target owning the deepest folder that holds it, or that
    /// target has none. Files bizgen left half-written are always its own.
    pub fn is_generated(&self, rel: &Path, path: &Path) -> bool {
        if rel.extension().is_some_and(|e| e == "bizgen-tmp") {
            return true;
        }
        let owner = self
            .folders
            .iter()
            .filter(|(dir, _)| rel.starts_with(dir))
            .max_by_key(|(dir, _)| dir.components().count());
        match owner {
            None => false,
            Some((_, None)) => true,
            Some((_, Some(header))) => starts_with(path, header),
        }
    }
}

/// The mark every generated file that can carry a comment has in its first
/// line, whatever its comment syntax (`//`, `#`, `<!-- -->`) and wording.
pub const GENERATED_MARK: &str = "@generated";

/// Whose the files at bizgen's output paths are, as the output directory
/// was before a run: a file of a format with a comment syntax is bizgen's
/// when its first line has the [`GENERATED_MARK`]; a file that cannot carry
/// one (JSON, an empty marker file) when it lies in a folder a header-less
/// target owns whole, or when its target's owned folders held a file with
/// the target's header (the folder is a bizgen output).
#[derive(Debug)]
pub struct Claims {
    out_dir: PathBuf,
    ownership: Ownership,
    /// Roots of the targets that had generated files in `out_dir`.
    generated_roots: Vec<PathBuf>,
}

impl Claims {
    /// Surveys `out_dir` before anything is written to it.
    pub fn survey(out_dir: &Path, ownership: Ownership) -> Claims {
        let generated_roots = ownership
            .targets
            .iter()
            .filter_map(|(root, header)| {
                let header = (*header)?;
                ownership
                    .folders
                    .iter()
                    .filter(|(dir, h)| dir.starts_with(root) && *h == Some(header))
                    .any(|(dir, _)| holds_file_with(&out_dir.join(dir), header, &ownership))
                    .then(|| root.clone())
            })
            .collect();
        Claims {
            out_dir: out_dir.to_path_buf(),
            ownership,
            generated_roots,
        }
    }

    /// The folders owned and their headers.
    pub fn ownership(&self) -> &Ownership {
        &self.ownership
    }

    /// Why bizgen may not overwrite its output `rel` with `text`; `None`
    /// when the file there is bizgen's, or there is none.
    pub fn foreign(&self, rel: &Path, text: &str) -> Option<String> {
        let path = &self.out_dir.join(rel);
        let marked = |s: &str| {
            s.lines()
                .next()
                .unwrap_or_default()
                .contains(GENERATED_MARK)
        };
        if marked(text) {
            let head = read_head(path, 512)?;
            return (!marked(&String::from_utf8_lossy(&head))).then(|| {
                format!(
                    "its first line has no `{GENERATED_MARK}` header, so bizgen did not write it"
                )
            });
        }
        std::fs::metadata(path).ok()?;
        let owner = self
            .ownership
            .folders
            .iter()
            .filter(|(dir, _)| rel.starts_with(dir))
            .max_by_key(|(dir, _)| dir.components().count());
        if let Some((_, None)) = owner {
            return None;
        }
        let root = self
            .ownership
            .targets
            .iter()
            .find(|(root, _)| rel.starts_with(root));
        if root.is_some_and(|(root, _)| self.generated_roots.contains(root)) {
            return None;
        }
        Some(format!(
            "a {} file cannot carry a `{GENERATED_MARK}` header, and nothing beside it was generated by bizgen",
            rel.extension()
                .map_or_else(|| "plain".to_owned(), |e| format!(".{}", e.to_string_lossy()))
        ))
    }
}

/// Whether any file below `dir` starts with `header` (stops at the first).
fn holds_file_with(dir: &Path, header: &str, ownership: &Ownership) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => {
                !ownership.ignores(&entry.file_name()) && holds_file_with(&path, header, ownership)
            }
            Ok(_) => starts_with(&path, header),
            Err(_) => false,
        }
    })
}

/// Up to `limit` first bytes of a file; `None` when it cannot be read.
fn read_head(path: &Path, limit: u64) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(limit)
        .read_to_end(&mut head)
        .ok()?;
    Some(head)
}

/// Whether the file begins with `prefix` (reading no more than that).
fn starts_with(path: &Path, prefix: &str) -> bool {
    use std::io::Read;
    let mut head = vec![0; prefix.len()];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == prefix.as_bytes())
}

/// How to call one operation in one language: a code sample of the docs'
/// operation pages and of OpenAPI's `x-codeSamples`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeSample {
    /// The language as `x-codeSamples` names it (`Shell`, `Rust`, ...).
    pub lang: &'static str,
    /// The tab's label (`curl`, `Rust`, ...).
    pub label: &'static str,
    /// The info string of its Markdown fence (`sh`, `rust`, `ts`, `python`).
    pub fence: &'static str,
    /// The code, without a final newline.
    pub source: String,
}

/// A language's writer of code samples, in the language's own folder
/// (`rust/sample.rs`, `typescript/sample.rs`, ...), built once per API
/// with its naming module; listed in [`crate::samples::samplers`].
pub trait Sampler: Sync {
    /// The sample calling `op` of `service` with its request example
    /// ([`Facts::request_example`]). `lang` is the docs edition the curl
    /// sample's `lang` header follows; the SDK samples are the same in both.
    fn sample<'a>(
        &self,
        facts: &Facts<'a>,
        service: &'a crate::ir::Service,
        op: &'a crate::ir::Operation,
        lang: crate::lang::Lang,
    ) -> crate::Result<CodeSample>;
}
