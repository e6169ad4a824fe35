//! Small Markdown helpers shared by the docs and the diff report: code
//! spans, GitHub heading anchors, escaping and tidying template output.

/// A Markdown code span holding `s` verbatim.
pub fn code(s: &str) -> String {
    // The fence is one longer than the longest run of backticks inside (as
    // CommonMark reads a code span); padding keeps edge backticks apart.
    let longest = s
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{s}{fence}")
    } else {
        format!("{fence} {s} {fence}")
    }
}
/// The anchor GitHub gives a heading with this text: lower case, spaces to
/// `-`, punctuation other than `-` and `_` dropped (Markdown code ticks
/// included).
pub fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Tidies template output: no trailing spaces, at most one blank line in a
/// row outside code fences, no blank lines at the start, one final newline.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_fence = false;
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.starts_with("```") {
            in_fence = !in_fence;
        }
        if line.is_empty() && !in_fence {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Replaces `<` by `&lt;` outside code spans so that text such as
/// `map<Account>` is not taken for HTML.
pub fn escape_lt(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_code = false;
    for c in s.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '<' if !in_code => out.push_str("&lt;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("^`x`$"), "`` ^`x`$ ``");
        assert_eq!(code("``"), "``` `` ```");
    }

    #[test]
    fn slugs_like_github() {
        assert_eq!(slug("CheckStatusResult"), "checkstatusresult");
        assert_eq!(slug("Access levels"), "access-levels");
        assert_eq!(slug("`wrong-code` (captured)"), "wrong-code-captured");
        assert_eq!(slug("CUSTOMER_API_0000511"), "customer_api_0000511");
    }

    #[test]
    fn normalize_collapses_blank_lines_outside_fences() {
        assert_eq!(
            normalize("\n# a\n\n\n\nb  \n```\n\n\n```\n\n"),
            "# a\n\nb\n```\n\n\n```\n"
        );
    }

    #[test]
    fn escapes_lt_outside_code() {
        assert_eq!(escape_lt("a <b> `map<X>`"), "a &lt;b> `map<X>`");
    }
}
