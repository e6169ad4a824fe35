//! "Did you mean": the closest known name to a misspelt one, by edit distance.

/// "did you mean" by a simple edit distance.
pub(super) fn suggest<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a String>,
) -> Option<String> {
    let lower = name.to_lowercase();
    let len = lower.chars().count();
    candidates
        .map(|c| (distance(&lower, &c.to_lowercase()), c))
        // Close but not a replacement of the whole name (`d` → `b`), or a
        // prefix of the candidate (`maxLen` → `maxLength`).
        .filter(|(d, c)| {
            (*d <= 2.max(c.len() / 4) && *d < len)
                || (len >= 3 && c.to_lowercase().starts_with(&lower))
        })
        .min()
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

/// Whether `written` is probably a slip for `meant`: a few letters off, or
/// `meant` with its leading parts left out (`deviceName` for
/// `request.deviceName`, `demo.Shop.ping` for `/api/c/demo.Shop.ping`).
#[cfg(feature = "cli")] // only `bizgen diff`'s accept file uses it
pub(crate) fn close(written: &str, meant: &str) -> bool {
    let (w, m) = (written.to_lowercase(), meant.to_lowercase());
    let d = distance(&w, &m);
    (d <= 2.max(m.len() / 4) && d < w.chars().count())
        || m.ends_with(&format!(".{w}"))
        || m.ends_with(&format!("/{w}"))
        || w.ends_with(&format!(".{m}"))
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}
