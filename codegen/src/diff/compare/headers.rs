//! Header presence of one operation: newly required, newly accepted,
//! relaxed. `token` follows from the access level and is judged there.

use super::{code, At, Details, Differ, Scope};
use crate::diff::usage::Sides;
use crate::ir::{Operation, Presence};

impl Differ<'_> {
    pub(super) fn headers(&mut self, o: &Operation, n: &Operation) {
        let scope = Scope::Operation(&n.path);
        let at = At::New(n.pos);
        let names = o.headers.iter().chain(&n.headers).map(|h| h.name.as_str());
        let mut seen = std::collections::BTreeSet::new();
        for name in names.filter(|n| *n != "token") {
            if !seen.insert(name) {
                continue;
            }
            let (before, after) = (presence(o, name), presence(n, name));
            let Some((rule, text)) = header_change(before, after) else {
                continue;
            };
            self.emit(
                rule,
                scope,
                Sides::default(),
                at,
                format!("header {} {text}", code(name)),
            )
            .path(format!("headers.{name}"))
            .change(presence_name(before), presence_name(after));
        }
    }
}

/// The rule and message tail for a header whose presence changed.
pub(super) fn header_change(before: Presence, after: Presence) -> Option<(&'static str, String)> {
    let was = |p: Presence| {
        format!(
            "is now {} (was {})",
            presence_name(p),
            presence_name(before)
        )
    };
    match (before, after) {
        (a, b) if a == b => None,
        (_, Presence::Required) => Some(("header-required-added", was(after))),
        (Presence::Absent, Presence::Optional) => Some((
            "header-added",
            "is accepted as a new optional header".into(),
        )),
        _ => Some(("header-relaxed", was(after))),
    }
}

fn presence(op: &Operation, name: &str) -> Presence {
    op.headers
        .iter()
        .find(|h| h.name == name)
        .map_or(Presence::Absent, |h| h.presence)
}

pub(super) fn presence_name(p: Presence) -> &'static str {
    match p {
        Presence::Required => "required",
        Presence::Optional => "optional",
        Presence::Absent => "absent",
    }
}
