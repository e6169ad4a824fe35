//! The spec says only what the platform's documents support: checked
//! mechanically against the seed documents, and printed (this test has no
//! harness, so its report shows in every `cargo test` run).
//!
//! - Every `requiredWhen`, `default` and `allowed` of a request field has a
//!   `source` quote, and every `required: true` has one where the seed
//!   marks nothing required (000, 001, 003): the quote must occur verbatim
//!   (white space aside) in that operation's part of its seed document.
//! - Where the seed marks each field Required or Optional (002, 004), the
//!   spec's `required` agrees with the mark.
//! - Every enum code is in a `source` quote (the enum's or the value's own)
//!   that occurs in the seeds.
//!
//! Which seeds: `$BIZGEN_SEEDS` if set; else `../shared/seeds/` beside the
//! repository, the source of truth (CI has it), whose committed copy
//! `tests/seeds/` must then be identical; else that committed copy, saying
//! so. With neither, the check is skipped and says why.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bizgen::ir::{Api, Code, Field, Operation};

/// Seeds whose field lists mark nothing required.
const UNMARKED: [&str; 3] = ["000", "001", "003"];

fn main() -> ExitCode {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let copy = repo.join("tests/seeds");
    let (dir, origin) = match std::env::var_os("BIZGEN_SEEDS") {
        Some(dir) => (PathBuf::from(dir), "$BIZGEN_SEEDS".to_owned()),
        None => {
            let truth = repo.join("../shared/seeds");
            if truth.is_dir() {
                (truth, "../shared/seeds/ (the source of truth)".to_owned())
            } else if copy.is_dir() {
                let why = "tests/seeds/, the committed copy (../shared/seeds/, the source of truth, is not beside this clone; CI checks the copy against it)";
                (copy.clone(), why.to_owned())
            } else {
                println!("spec fidelity: skipped: no seed documents (neither ../shared/seeds/ beside the repository nor tests/seeds/ in it)");
                return ExitCode::SUCCESS;
            }
        }
    };
    let seeds = match read_seeds(&dir) {
        Ok(s) if !s.is_empty() => s,
        Ok(_) => return fail(&format!("no *.txt seed documents in {}", dir.display())),
        Err(e) => return fail(&format!("cannot read {}: {e}", dir.display())),
    };
    let api = match bizgen::load_dir(&repo.join("spec")) {
        Ok(loaded) => loaded.api,
        Err(e) => return fail(&format!("the spec does not load:\n{e}")),
    };
    let mut report = Report::default();
    println!(
        "spec fidelity: {} seed documents from {origin}",
        seeds.len()
    );
    if dir != copy && copy.is_dir() {
        report.copy_matches(&seeds, &copy);
    }
    for (_, op) in api.operations() {
        report.operation(&seeds, op);
    }
    report.enums(&seeds, &api);
    report.print()
}

fn fail(why: &str) -> ExitCode {
    println!("spec fidelity: FAILED: {why}");
    ExitCode::FAILURE
}

/// Seed documents by the number their name starts with (`000`), as text.
fn read_seeds(dir: &Path) -> std::io::Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let number = name.split('_').next().unwrap_or_default().to_owned();
            out.insert(number, std::fs::read_to_string(&path)?);
        }
    }
    Ok(out)
}

/// White space folded to single spaces, so that a quote matches across the
/// seeds' line breaks.
fn folded(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of a seed that documents `op`: from its bizType (or, for the
/// operations documented by path, its path) to the next operation's
/// `version=… bizType=…` line.
fn block<'a>(text: &'a str, op: &Operation) -> Option<&'a str> {
    let by_biz_type = format!("bizType={}", op.biz_type);
    let start = text
        .match_indices(&by_biz_type)
        .map(|(at, _)| at)
        .find(|&at| {
            text[at + by_biz_type.len()..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
        })
        .or_else(|| text.find(op.path.strip_prefix("/api").unwrap_or(&op.path)))?;
    let rest = &text[start + 1..];
    let end = rest.find("version=").map_or(text.len(), |e| start + 1 + e);
    Some(&text[start..end])
}

/// Whether `code` stands in `quote` as a token of its own (`3` in
/// "3-CROSS", not in "13").
fn has_token(quote: &str, code: &Code) -> bool {
    let code = code.to_string();
    quote.match_indices(&code).any(|(at, _)| {
        let before = quote[..at].chars().next_back();
        let after = quote[at + code.len()..].chars().next();
        let digit_or_letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        !digit_or_letter(before) && !digit_or_letter(after)
    })
}

/// The Required/Optional marks of a seed that has field tables (002,
/// 004): the `nameTYPE…Required` lines between the block's `Body` and
/// `Responses` lines.
fn marks(block: &str) -> BTreeMap<String, bool> {
    const TYPES: [&str; 6] = ["string", "integer", "number", "boolean", "object", "array"];
    let body = block.split_once("\nBody\n").map_or("", |(_, b)| b);
    let body = body.split_once("\nResponses\n").map_or(body, |(b, _)| b);
    let mut out = BTreeMap::new();
    for line in body.lines().map(str::trim) {
        let required = if let Some(l) = line.strip_suffix("Required") {
            (l, true)
        } else if let Some(l) = line.strip_suffix("Optional") {
            (l, false)
        } else {
            continue;
        };
        let (head, is_required) = required;
        // The shortest name followed by a type word.
        let name = (1..head.len())
            .filter(|&i| head.is_char_boundary(i))
            .find_map(|i| {
                TYPES
                    .iter()
                    .any(|t| head[i..].starts_with(t))
                    .then(|| &head[..i])
            });
        if let Some(name) = name.filter(|n| n.chars().all(|c| c.is_ascii_alphanumeric())) {
            out.insert(name.to_owned(), is_required);
        }
    }
    out
}

#[derive(Default)]
struct Report {
    operations: usize,
    quotes: usize,
    required_when: usize,
    defaults: usize,
    allowed: usize,
    required_unmarked: usize,
    marks_agree: usize,
    unmarked_fields: Vec<String>,
    enum_values: usize,
    enums: usize,
    failures: Vec<String>,
}

impl Report {
    fn copy_matches(&mut self, seeds: &BTreeMap<String, String>, copy: &Path) {
        match read_seeds(copy) {
            Ok(c) if c == *seeds => println!("  tests/seeds/ is identical to it"),
            Ok(_) => self
                .failures
                .push("tests/seeds/ differs from the source of truth: copy the seeds again".into()),
            Err(e) => self.failures.push(format!("tests/seeds/: {e}")),
        }
    }

    fn operation(&mut self, seeds: &BTreeMap<String, String>, op: &Operation) {
        let at = &op.path;
        let Some((seed, _)) = op.source.as_deref().and_then(|s| s.split_once('#')) else {
            self.failures
                .push(format!("{at}: no `source` naming its seed"));
            return;
        };
        let Some(text) = seeds.get(seed) else {
            self.failures.push(format!("{at}: no seed document {seed}"));
            return;
        };
        let Some(block) = block(text, op) else {
            self.failures
                .push(format!("{at}: not found in seed {seed}"));
            return;
        };
        self.operations += 1;
        let block_folded = folded(block);
        let marked = marks(block);
        for f in &op.request.fields {
            self.field(at, seed, &block_folded, &marked, f);
        }
        for (name, _) in marked
            .iter()
            .filter(|(n, _)| !op.request.fields.iter().any(|f| &f.name == *n))
        {
            self.failures.push(format!(
                "{at}: seed {seed} documents `{name}`, which the spec lacks"
            ));
        }
    }

    fn field(
        &mut self,
        at: &str,
        seed: &str,
        block: &str,
        marked: &BTreeMap<String, bool>,
        f: &Field,
    ) {
        let at = format!("{at} `{}`", f.name);
        let mut needs = Vec::new();
        if f.required_when.is_some() {
            self.required_when += 1;
            needs.push("requiredWhen");
        }
        if f.default.is_some() {
            self.defaults += 1;
            needs.push("default");
        }
        if f.constraints.allowed.is_some() {
            self.allowed += 1;
            needs.push("allowed");
        }
        if f.required && UNMARKED.contains(&seed) {
            self.required_unmarked += 1;
            needs.push("required");
        }
        match (&f.source, needs.is_empty()) {
            (None, false) => self.failures.push(format!(
                "{at}: {} without a `source` quote of seed {seed}",
                needs.join(", ")
            )),
            (Some(q), _) if !block.contains(&folded(q)) => self.failures.push(format!(
                "{at}: the quote {q:?} is not in this operation's part of seed {seed}"
            )),
            (Some(q), _) => {
                self.quotes += 1;
                for code in f.constraints.allowed.iter().flatten() {
                    if !has_token(q, code) {
                        self.failures.push(format!(
                            "{at}: allowed code {code} is not in its quote {q:?}"
                        ));
                    }
                }
            }
            (None, true) => {}
        }
        if !UNMARKED.contains(&seed) {
            match marked.get(&f.name) {
                Some(&req) if req == f.required => self.marks_agree += 1,
                Some(&req) => self.failures.push(format!(
                    "{at}: seed {seed} marks it {}, the spec says required: {}",
                    if req { "Required" } else { "Optional" },
                    f.required
                )),
                None => self.unmarked_fields.push(at),
            }
        }
    }

    fn enums(&mut self, seeds: &BTreeMap<String, String>, api: &Api) {
        let all: Vec<String> = seeds.values().map(|t| folded(t)).collect();
        for e in &api.enums {
            self.enums += 1;
            for v in &e.values {
                let at = format!("enum {} code {}", e.name, v.code);
                let Some(q) = v.source.as_ref().or(e.source.as_ref()) else {
                    self.failures
                        .push(format!("{at}: no `source` quote on the value or the enum"));
                    continue;
                };
                if !all.iter().any(|t| t.contains(&folded(q))) {
                    self.failures
                        .push(format!("{at}: the quote {q:?} is in no seed"));
                } else if !has_token(q, &v.code) {
                    self.failures
                        .push(format!("{at}: the code is not in its quote {q:?}"));
                } else {
                    self.enum_values += 1;
                }
            }
        }
    }

    fn print(self) -> ExitCode {
        println!("  operations found in their seed: {}", self.operations);
        println!(
            "  source quotes found in their operation's part of the seed: {}",
            self.quotes
        );
        println!(
            "  requiredWhen conditions: {}, each quoted",
            self.required_when
        );
        println!("  defaults: {}, each quoted", self.defaults);
        println!(
            "  allowed code subsets: {}, each code in its quote",
            self.allowed
        );
        println!(
            "  required fields of seeds that mark nothing (000, 001, 003): {}, each quoted",
            self.required_unmarked
        );
        println!(
            "  Required/Optional marks of 002 and 004 that the spec agrees with: {}",
            self.marks_agree
        );
        println!(
            "  request fields that 002 and 004 do not table (seen in examples only): {} ({})",
            self.unmarked_fields.len(),
            self.unmarked_fields.join(", ")
        );
        println!(
            "  enum codes quoted from the seeds: {} in {} enums",
            self.enum_values, self.enums
        );
        if self.failures.is_empty() {
            println!("spec fidelity: ok");
            return ExitCode::SUCCESS;
        }
        println!("spec fidelity: {} FAILED:", self.failures.len());
        for f in &self.failures {
            println!("  {f}");
        }
        ExitCode::FAILURE
    }
}
