//! GitHub Actions workflow commands (`::error file=…::message`): the
//! escaping that `bizgen diff --format github` and `bizgen validate --har
//! --format github` share.

/// Escapes a workflow command's message: `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value: as a message, and also
/// `:` and `,`, which separate properties.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn separators_and_newlines_are_escaped() {
        assert_eq!(super::escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(super::escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
