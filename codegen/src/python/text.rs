//! Python source text: docstrings (escaped, wrapped at 88 columns) and
//! import lines as isort writes them.

/// A docstring from paragraphs (empty ones dropped, a blank line between
/// the others), indented by `indent`, quotes and backslashes escaped.
pub(crate) fn docstring<S: AsRef<str>>(paragraphs: &[S], indent: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for p in paragraphs
        .iter()
        .map(|p| p.as_ref().trim())
        .filter(|p| !p.is_empty())
    {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        for l in p.lines() {
            let escaped = l
                .trim_end()
                .replace('\\', "\\\\")
                .replace("\"\"\"", "\\\"\\\"\\\"");
            wrap(
                &escaped,
                88usize.saturating_sub(indent.len()).max(40),
                &mut lines,
            );
        }
    }
    if lines.is_empty() {
        return String::new();
    }
    if let Some(last) = lines.last_mut() {
        if last.ends_with('"') {
            last.push(' ');
        }
    }
    if lines.len() == 1 {
        return format!("{indent}\"\"\"{}\"\"\"", lines[0]);
    }
    let mut out = format!("{indent}\"\"\"{}", lines[0]);
    for line in &lines[1..] {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(indent);
            out.push_str(line);
        }
    }
    out.push('\n');
    out.push_str(indent);
    out.push_str("\"\"\"");
    out
}

/// Breaks a long line at spaces into lines of at most `width` characters;
/// continuation lines keep its indentation, plus four spaces after an
/// `Args:` entry (`name: text`).
fn wrap(line: &str, width: usize, out: &mut Vec<String>) {
    if line.chars().count() <= width {
        out.push(line.to_owned());
        return;
    }
    let lead = line.len() - line.trim_start().len();
    let body = line.trim_start();
    let hanging = body.split_once(": ").is_some_and(|(name, _)| {
        lead > 0
            && !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '*')
    });
    let next_lead = " ".repeat(lead + if hanging { 4 } else { 0 });
    let mut current = " ".repeat(lead);
    let mut current_len = lead;
    let mut first_word = true;
    for word in body.split(' ') {
        let wlen = word.chars().count();
        if !first_word && current_len + 1 + wlen > width {
            out.push(std::mem::take(&mut current));
            current = next_lead.clone();
            current_len = next_lead.len();
            first_word = true;
        }
        if !first_word {
            current.push(' ');
            current_len += 1;
        }
        current.push_str(word);
        current_len += wlen;
        first_word = false;
    }
    out.push(current);
}

/// `from MODULE import A, B` on one line when it fits in 88 columns, else
/// one name per line; names in isort's order (constants, classes, the rest).
pub(crate) fn import_from(module: &str, names: &[String]) -> String {
    let mut sorted: Vec<&String> = names.iter().collect();
    sorted.sort_by_key(|n| (isort_kind(n), n.as_str()));
    sorted.dedup();
    let joined: Vec<&str> = sorted.iter().map(|n| n.as_str()).collect();
    let one = format!("from {module} import {}", joined.join(", "));
    if one.len() <= 88 {
        return one;
    }
    let mut out = format!("from {module} import (\n");
    for n in joined {
        out.push_str(&format!("    {n},\n"));
    }
    out.push(')');
    out
}

/// isort's order by type: CONSTANTS, then Classes, then the rest.
pub(crate) fn isort_kind(name: &str) -> u8 {
    let letters = name.trim_start_matches('_');
    if letters.len() > 1 && letters.chars().all(|c| !c.is_ascii_lowercase()) {
        0
    } else if letters.starts_with(|c: char| c.is_ascii_uppercase()) {
        1
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docstrings_escape_and_indent() {
        assert_eq!(
            docstring(&["One line."], "    "),
            "    \"\"\"One line.\"\"\""
        );
        assert_eq!(
            docstring(&["Title.", "", "a \\ b \"\"\" c", "ends \"q\""], ""),
            "\"\"\"Title.\n\na \\\\ b \\\"\\\"\\\" c\n\nends \"q\" \n\"\"\""
        );
        assert_eq!(docstring(&["", " "], ""), "");
    }
}
