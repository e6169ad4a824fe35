//! Stage 1, parse: each YAML file becomes a [`raw::SpecFile`], or one
//! diagnostic worded for spec authors (where serde-saphyr words its errors
//! for Rust developers).

use super::flow;
use super::suggest::suggest;
use super::{located, raw, Source};
use crate::diagnostics::{Diagnostic, Pos};

/// Parses every file, spread over the available cores (YAML parsing is most
/// of a load's time); results come back in file order.
pub(super) fn parse_all(sources: &[Source]) -> Vec<Result<raw::SpecFile, Diagnostic>> {
    crate::parallel::map_balanced(sources, |s| s.text.len(), |i, s| parse_file(i, &s.text))
        .into_iter()
        .map(|result| {
            result.unwrap_or_else(|| {
                Err(Diagnostic::error(
                    None,
                    "internal error: a parser thread panicked",
                ))
            })
        })
        .collect()
}

fn parse_file(index: usize, text: &str) -> Result<raw::SpecFile, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(raw::SpecFile::default());
    }
    let result = located::with_file(index, || serde_saphyr::from_str::<raw::SpecFile>(text));
    result.map_err(|e| {
        let pos = e.location().map(|l| Pos {
            file: index,
            line: l.line(),
            column: l.column(),
        });
        let (message, mut help) = match spec_author_message(&e) {
            Some((message, help)) => (message, Some(help)),
            None => {
                let message = first_line(&e.to_string());
                let help = help_for(&message);
                (message, help)
            }
        };
        let mut pos = pos;
        // The parser notices an unclosed `{`/`[` only at the next token: point
        // at where the closer belongs, and name the bracket left open.
        if message.contains("did not find expected") {
            if let Some((bracket, opened, end)) =
                pos.and_then(|p| flow::unclosed(text, (p.line, p.column)))
            {
                let closer = if bracket == '{' { '}' } else { ']' };
                pos = Some(Pos {
                    file: index,
                    line: end.0,
                    column: end.1,
                });
                help = Some(format!(
                    "the `{bracket}` at line {}, column {} is not closed: add `{closer}` here, or a `,` if the entries go on",
                    opened.0, opened.1
                ));
            }
        }
        let d = Diagnostic::error(
            pos.or(Some(Pos {
                file: index,
                line: 1,
                column: 1,
            })),
            message,
        );
        match help {
            Some(h) => d.help(h),
            None => d,
        }
    })
}

/// serde-saphyr's messages for the errors that it words for Rust developers
/// (naming its own API or Rust types), reworded for spec authors.
fn spec_author_message(e: &serde_saphyr::Error) -> Option<(String, String)> {
    use serde_saphyr::Error as E;
    let mut e = e;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = e {
        e = error;
    }
    Some(match e {
        E::DuplicateMappingKey { key, .. } => (
            match key {
                Some(k) => format!("duplicate key `{k}` in this mapping"),
                None => "duplicate key in this mapping".to_owned(),
            },
            "remove or rename one of the two entries".to_owned(),
        ),
        E::MultipleDocuments { .. } => (
            "a second YAML document starts here (after `---`)".to_owned(),
            "a spec file holds one document: remove the `---` or move what follows into a file of its own".to_owned(),
        ),
        E::SerdeUnknownField { field, expected, .. } => (
            format!("unknown key `{field}`{}", did_you_mean(field, expected)),
            format!("expected one of {}; see spec/README.md or the JSON Schema (bizgen schema)", expected.join(", ")),
        ),
        E::SerdeUnknownVariant { variant, expected, .. } => (
            format!("unknown value `{variant}`{}", did_you_mean(variant, expected)),
            format!("expected one of {}", expected.join(", ")),
        ),
        E::SerdeMissingField { field, .. } => (
            format!("missing required key `{field}`"),
            format!(
                "add `{field}:` to the mapping that holds this position; spec/README.md lists what each section needs"
            ),
        ),
        E::Unexpected { expected: "mapping start", .. } => (
            "expected a mapping (`key: value` entries) here".to_owned(),
            "spec/README.md shows the shape of every section".to_owned(),
        ),
        E::InvalidScalar { ty: "u64", .. } => (
            "expected a non-negative whole number".to_owned(),
            "lengths are whole numbers such as `0` or `50`".to_owned(),
        ),
        E::InvalidScalar { ty: "i64", .. } => (
            "expected a whole number that fits in 64 bits".to_owned(),
            "bounds are whole numbers such as `-1` or `100`".to_owned(),
        ),
        E::NullIntoString { .. } => (
            "expected a string, found nothing (null)".to_owned(),
            "write a value after the `:`, quoted if it could be read as something else".to_owned(),
        ),
        _ => return None,
    })
}

fn did_you_mean(name: &str, expected: &[&str]) -> String {
    let candidates: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    suggest(name, candidates.iter())
        .map(|s| format!("; {s}"))
        .unwrap_or_default()
}

/// serde-saphyr renders a source snippet after the message; diagnostics carry
/// their own location, so keep the message line alone.
fn first_line(rendered: &str) -> String {
    let mut line = rendered.lines().next().unwrap_or("invalid YAML").trim();
    line = line.strip_prefix("error: ").unwrap_or(line);
    // Drop a leading "line X column Y: " that repeats our own location.
    if let Some(rest) = line.strip_prefix("line ") {
        if let Some((_, message)) = rest.split_once(": ") {
            line = message;
        }
    }
    line.to_owned()
}

fn help_for(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some("check the spelling against spec/README.md or the JSON Schema (bizgen schema)".into())
    } else if message.contains("missing field") {
        Some("add the field; spec/README.md lists what each section needs".into())
    } else if message.contains("duplicate") {
        Some("remove or rename one of the two entries".into())
    } else if message.contains("tabs disallowed") {
        Some("indent with spaces: YAML does not allow tabs in indentation".into())
    } else if message.contains("mapping values are not allowed") {
        Some("check this line's indentation against its neighbours, or quote a value that contains `: `".into())
    } else if message.contains("did not find expected") {
        Some("a `{` or `[` is not closed, or an entry in it lacks its `,`".into())
    } else {
        None
    }
}
