//! Headers and the `version` value. A change that comes from one place
//! shared by many operations (a gateway's header presence, the API-wide
//! `version`) is one finding at the line that changed, listing the
//! operations it reaches; a change of one operation's own headers or
//! version is a finding of that operation. `token` follows from the access
//! level and is judged there.

use super::{code, At, Details, Differ, Scope};
use crate::diff::finding::Affected;
use crate::diff::usage::Sides;
use crate::ir::{Api, Gateway, Operation, Presence};

/// A gateway, one of its headers, its presence before and after.
type GatewayHeaderChange = (String, String, Presence, Presence);

/// Changes of shared places, collected while operations are compared.
#[derive(Debug, Default)]
pub(crate) struct SharedChanges {
    /// (gateway, header, before, after) → operation paths, in the order found.
    gateway_headers: Vec<(GatewayHeaderChange, Vec<String>)>,
    /// Operations whose `version` follows the API-wide one that changed.
    version: Vec<String>,
}

impl Differ<'_> {
    pub(super) fn headers(&mut self, o: &Operation, n: &Operation) {
        let scope = Scope::Operation(&n.path);
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
            // The same change on the operation's gateway explains it.
            let from_gateway = o.gateway == n.gateway
                && gateway_presence(&self.old.api, &o.gateway, name) == before
                && gateway_presence(&self.new.api, &n.gateway, name) == after;
            if from_gateway {
                let key = (n.gateway.clone(), name.to_owned(), before, after);
                let groups = &mut self.shared.gateway_headers;
                match groups.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, ops)) => ops.push(n.path.clone()),
                    None => groups.push((key, vec![n.path.clone()])),
                }
                continue;
            }
            self.emit(
                rule,
                scope,
                Sides::default(),
                At::New(n.pos),
                format!("header {} {text}", code(name)),
            )
            .path(format!("headers.{name}"))
            .change(presence_name(before), presence_name(after));
        }
    }

    /// The value of the `version` header, for operations that send it.
    pub(super) fn version(&mut self, o: &Operation, n: &Operation) {
        if o.version == n.version || presence(n, "version") == Presence::Absent {
            return;
        }
        let (old_api, new_api) = (&self.old.api.version, &self.new.api.version);
        if old_api != new_api && o.version == *old_api && n.version == *new_api {
            self.shared.version.push(n.path.clone());
            return;
        }
        self.emit(
            "version-changed",
            Scope::Operation(&n.path),
            Sides::default(),
            At::New(n.pos),
            format!(
                "the {} header changed from {} to {}",
                code("version"),
                code(&o.version),
                code(&n.version)
            ),
        )
        .path("version")
        .change(&o.version, &n.version);
    }

    /// One finding per changed gateway header and for the API-wide version.
    pub(super) fn shared_changes(&mut self) {
        let shared = std::mem::take(&mut self.shared);
        for ((gateway, name, before, after), ops) in shared.gateway_headers {
            let Some((rule, text)) = header_change(before, after) else {
                continue;
            };
            let at = match (
                find_gateway(&self.new.api, &gateway),
                find_gateway(&self.old.api, &gateway),
            ) {
                (Some(g), _) if g.headers.iter().any(|h| h.name == name) => At::New(
                    g.headers
                        .iter()
                        .find(|h| h.name == name)
                        .map_or(g.pos, |h| h.pos),
                ),
                (_, Some(g)) if g.headers.iter().any(|h| h.name == name) => At::Old(
                    g.headers
                        .iter()
                        .find(|h| h.name == name)
                        .map_or(g.pos, |h| h.pos),
                ),
                (Some(g), _) | (None, Some(g)) => At::New(g.pos),
                (None, None) => continue,
            };
            let count = ops.len();
            self.emit(
                rule,
                Scope::Api,
                Sides::default(),
                at,
                format!(
                    "header {} of gateway {} {text}: {count} operation{}",
                    code(&name),
                    code(&gateway),
                    if count == 1 { "" } else { "s" }
                ),
            )
            .path(format!("gateways.{gateway}.headers.{name}"))
            .change(presence_name(before), presence_name(after))
            .affected_operations = affected(ops);
        }
        if !shared.version.is_empty() {
            let (o, n) = (&self.old.api.version, &self.new.api.version);
            let count = shared.version.len();
            let message = format!(
                "the API-wide {} header value changed from {} to {}: {count} operation{} send it",
                code("version"),
                code(o),
                code(n),
                if count == 1 { "" } else { "s" }
            );
            let pos = self.new.api.version_pos;
            self.emit(
                "version-changed",
                Scope::Api,
                Sides::default(),
                At::New(pos),
                message,
            )
            .path("api.version")
            .change(o, n)
            .affected_operations = affected(shared.version);
        }
    }
}

/// The operations, sorted by path.
fn affected(mut ops: Vec<String>) -> Vec<Affected> {
    ops.sort();
    ops.into_iter()
        .map(|operation| Affected {
            operation,
            side: None,
        })
        .collect()
}

fn find_gateway<'a>(api: &'a Api, name: &str) -> Option<&'a Gateway> {
    api.gateways.iter().find(|g| g.name == name)
}

fn gateway_presence(api: &Api, gateway: &str, header: &str) -> Presence {
    find_gateway(api, gateway)
        .and_then(|g| g.headers.iter().find(|h| h.name == header))
        .map_or(Presence::Absent, |h| h.presence)
}

/// The rule and message tail for a header whose presence changed.
fn header_change(before: Presence, after: Presence) -> Option<(&'static str, String)> {
    let was = format!(
        "is now {} (was {})",
        presence_name(after),
        presence_name(before)
    );
    match (before, after) {
        (a, b) if a == b => None,
        (_, Presence::Required) => Some(("header-required-added", was)),
        (Presence::Absent, Presence::Optional) => Some((
            "header-added",
            "is accepted as a new optional header".into(),
        )),
        _ => Some(("header-relaxed", was)),
    }
}

fn presence(op: &Operation, name: &str) -> Presence {
    op.headers
        .iter()
        .find(|h| h.name == name)
        .map_or(Presence::Absent, |h| h.presence)
}

fn presence_name(p: Presence) -> &'static str {
    match p {
        Presence::Required => "required",
        Presence::Optional => "optional",
        Presence::Absent => "absent",
    }
}
