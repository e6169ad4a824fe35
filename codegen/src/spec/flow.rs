//! Where an unclosed flow collection (`{...` or `[...` without its `}` or
//! `]`) really is. The YAML parser notices only at the next token that can't
//! go on, often the start of the next line; the author needs the bracket
//! that was left open and the place its closer belongs.

/// A 1-based line and column.
pub(super) type LineCol = (u64, u64);

/// The unclosed bracket, and the end of the last content before `at` (where
/// its closer is missing), when a flow collection is open at `at`.
pub(super) fn unclosed(text: &str, at: LineCol) -> Option<(char, LineCol, LineCol)> {
    let mut open: Vec<(char, LineCol)> = Vec::new();
    let mut last_content: Option<LineCol> = None;
    for (index, line) in text.lines().enumerate() {
        let number = index as u64 + 1;
        if number > at.0 {
            break;
        }
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        for (i, c) in line.chars().enumerate() {
            let column = i as u64 + 1;
            if (number, column) >= at {
                break;
            }
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    '#' if previous.is_whitespace() => break,
                    '"' | '\'' => quote = Some(c),
                    '{' | '[' => open.push((c, (number, column))),
                    '}' | ']' => {
                        open.pop();
                    }
                    _ => {}
                },
            }
            if !c.is_whitespace() {
                last_content = Some((number, column + 1));
            }
            previous = c;
        }
    }
    let (bracket, opened) = open.pop()?;
    Some((bracket, opened, last_content?))
}

#[cfg(test)]
mod tests {
    use super::unclosed;

    #[test]
    fn finds_the_open_brace_and_where_its_closer_belongs() {
        let text = "a:\n  b: {name: {type: string}\n  c: 1\n";
        assert_eq!(unclosed(text, (3, 3)), Some(('{', (2, 6), (2, 27))));
    }

    #[test]
    fn brackets_in_quotes_and_comments_do_not_count() {
        let text = "a: [\"{\", '[' # {\n  ]\nb: 1\n";
        assert_eq!(unclosed(text, (3, 1)), None);
    }

    #[test]
    fn nothing_open_gives_nothing() {
        assert_eq!(unclosed("a: {b: 1}\nc: 2\n", (2, 1)), None);
    }
}
