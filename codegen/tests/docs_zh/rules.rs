//! The text rules of the Chinese edition: what counts as prose on a page,
//! the untranslated-English rule and the glossary rule.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

/// Lower-case or capitalised words a Chinese reader meets as they are: the
/// glossary's keep-as-is terms, and the Latin words of the platform's own
/// Chinese (seed 004's device list). ALL-CAPS, camelCase and words with
/// digits or `_` are code-like (see [`code_like`]).
pub const ALLOWED: [&str; 26] = [
    "token", "Key", "curl", "npm", "crate", "mock", "bizgen", "null", "true", "false", "Rust",
    "Python", "Promise", "Google", "Telegram", "Android", "Windows", "Mac", "base64", "web",
    "pcweb", "app", "pc", "windows", "mac", "System",
];

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z][A-Za-z0-9]*(?:[-_.'][A-Za-z0-9]+)*").unwrap());
static HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^#{1,6}\s+(.*?)\s*$").unwrap());
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").unwrap());
static COMMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->").unwrap());
static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<https?://[^>]*>|https?://\S+").unwrap());
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]+>").unwrap());

/// A word that is plainly an identifier or a code, not prose: with a digit
/// or `_`, a single letter, a part of two or more capitals (`KYC`,
/// `zh-CN`), or an inner capital (`loginName`, `iOS`).
pub fn code_like(w: &str) -> bool {
    if w.chars().any(|c| c.is_ascii_digit() || c == '_') || w.chars().count() == 1 {
        return true;
    }
    w.split(['-', '.', '\'']).any(|p| {
        let upper = p.len() >= 2 && p.chars().all(|c| c.is_ascii_uppercase());
        let inner = p
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
        upper || inner
    })
}

/// Fenced code blocks blanked line by line (line numbers stay).
fn without_fences(md: &str) -> String {
    let mut fence: Option<&str> = None;
    let mut out = Vec::new();
    for line in md.lines() {
        let t = line.trim_start();
        match fence {
            Some(f) => {
                if t.starts_with(f) {
                    fence = None;
                }
                out.push("");
            }
            None if t.starts_with("```") || t.starts_with("~~~") => {
                fence = Some(&t[..3]);
                out.push("");
            }
            None => out.push(line),
        }
    }
    out.join("\n")
}

/// Code spans (any run of backticks up to the same run on the line) blanked.
fn without_code_spans(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut rest = line;
        while let Some(start) = rest.find('`') {
            let run = rest[start..].chars().take_while(|&c| c == '`').count();
            let ticks = "`".repeat(run);
            let after = &rest[start + run..];
            match find_run(after, &ticks) {
                Some(end) => {
                    out.push_str(&rest[..start]);
                    out.push(' ');
                    rest = &after[end + run..];
                }
                None => {
                    out.push_str(&rest[..start + run]);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
    }
    out
}

/// The first run of exactly `ticks` in `s`.
fn find_run(s: &str, ticks: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find(ticks) {
        let at = from + i;
        let end = at + ticks.len();
        let longer = s[end..].starts_with('`');
        if !longer {
            return Some(at);
        }
        from = end + s[end..].chars().take_while(|&c| c == '`').count();
    }
    None
}

/// A page's prose: no fenced code, code spans, HTML comments or tags,
/// link targets (a link keeps its text, except that a link whose text is
/// one spec name or `English`, the language switch, is a name), no URLs.
pub fn prose(md: &str, names: &BTreeSet<String>) -> String {
    let text = without_fences(md);
    let text = COMMENT.replace_all(&text, " ");
    let text = without_code_spans(&text);
    let text = LINK.replace_all(&text, |c: &regex::Captures| {
        let t = c[1].trim();
        if t == "English" || names.contains(t) {
            " ".to_owned()
        } else {
            c[1].to_owned()
        }
    });
    let text = URL.replace_all(&text, " ");
    TAG.replace_all(&text, " ").into_owned()
}

/// (line number, words) of every line of `md` with an English word that is
/// neither code-like nor allowed. A heading of spec names only is a name;
/// table columns headed by one of `skip_columns` are left out.
pub fn untranslated(
    md: &str,
    names: &BTreeSet<String>,
    skip_columns: &[&str],
) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut header: Option<Vec<String>> = None;
    for (n, line) in prose(md, names).lines().enumerate() {
        if let Some(h) = HEADING.captures(line) {
            if WORD.find_iter(&h[1]).all(|w| names.contains(w.as_str())) {
                continue;
            }
        }
        let mut cells = vec![line.to_owned()];
        if line.trim_start().starts_with('|') {
            let row: Vec<String> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::to_owned)
                .collect();
            let head =
                header.get_or_insert_with(|| row.iter().map(|c| c.trim().to_owned()).collect());
            cells = row
                .into_iter()
                .enumerate()
                .filter(|(i, _)| {
                    !head
                        .get(*i)
                        .is_some_and(|h| skip_columns.contains(&h.as_str()))
                })
                .map(|(_, c)| c)
                .collect();
        } else {
            header = None;
        }
        let bad: Vec<String> = cells
            .iter()
            .flat_map(|c| {
                WORD.find_iter(c)
                    .map(|w| w.as_str().to_owned())
                    .collect::<Vec<_>>()
            })
            .filter(|w| !ALLOWED.contains(&w.as_str()) && !code_like(w))
            .collect();
        if !bad.is_empty() {
            out.push((n + 1, bad));
        }
    }
    out
}

/// One concept of the glossary.
#[derive(Deserialize)]
pub struct Term {
    pub zh: String,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Deserialize)]
pub struct Glossary {
    pub terms: Vec<Term>,
}

/// (variant, term to use) for each variant of a glossary term in `text`:
/// the term itself and its `allow` words are masked first; a Chinese
/// variant matches anywhere, a Latin one as a whole word, case-sensitively
/// (so `sendToken` never matches `Token`).
pub fn variants_in(text: &str, glossary: &Glossary) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for t in glossary.terms.iter().filter(|t| !t.variants.is_empty()) {
        let mut masked = text.to_owned();
        for keep in std::iter::once(&t.zh).chain(&t.allow) {
            masked = masked.replace(keep.as_str(), "\u{0}");
        }
        for v in &t.variants {
            let latin = v.chars().any(|c| c.is_ascii_alphabetic());
            let word_char =
                |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
            let hit = masked.match_indices(v.as_str()).any(|(i, _)| {
                !latin
                    || (!word_char(masked[..i].chars().next_back())
                        && !word_char(masked[i + v.len()..].chars().next()))
            });
            if hit {
                out.push((v.clone(), t.zh.clone()));
            }
        }
    }
    out
}
