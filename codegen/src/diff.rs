//! `bizgen diff`: what changed between two versions of the spec, and whether
//! it breaks existing clients.
//!
//! Direction-aware, like oasdiff: a client *sends* requests, so tightening
//! what a request may hold breaks it (a new required field, a narrower
//! constraint, a removed enum code); a client *reads* responses, so
//! loosening what a response may hold breaks it (a removed or now-optional
//! field, a field that may now be null, a new enum code). Types and enums
//! are judged by where they are used: request side, response side or both.
//!
//! Every finding names a rule of [`RULES`] (stable kebab-case id with a
//! default [`Level`]) and a `file:line:col` in the new spec (in the old one
//! for removals).

mod cli;
mod git;
mod render;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

pub use cli::{run_diff, DiffArgs};
pub use git::load_git_ref;
pub use render::{render, Format};

use crate::diagnostics::Pos;
use crate::ir::{Access, Api, Constraints, Enum, Field, Operation, Presence, Service, Struct, Ty};
use crate::spec::Loaded;

/// How much a change matters to existing clients. Ordered: `Info < Warn < Err`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Compatible: additions, relaxations, documentation.
    #[value(alias = "notice")]
    Info,
    /// May break some clients or changes behaviour.
    #[value(alias = "warning")]
    Warn,
    /// Breaks existing clients.
    #[value(alias = "error")]
    Err,
}

impl Level {
    /// `err`, `warn` or `info`, as on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Err => "err",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One rule of the diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// Stable kebab-case id.
    pub id: &'static str,
    pub level: Level,
    /// One line: what the rule reports.
    pub description: &'static str,
}

const fn rule(id: &'static str, level: Level, description: &'static str) -> RuleInfo {
    RuleInfo {
        id,
        level,
        description,
    }
}

/// Every rule, with its level.
pub const RULES: &[RuleInfo] = &[
    // Operations.
    rule("operation-removed", Level::Err, "An operation was removed."),
    rule("operation-added", Level::Info, "An operation was added."),
    rule("operation-renamed", Level::Info, "An operation keeps its path but its service or name changed (generated code changes, the wire does not)."),
    rule("path-changed", Level::Err, "An operation (same service and name) moved to another path."),
    rule("access-tightened", Level::Err, "An operation needs a token it did not need, or a token of the other side (guest → login, optional → login, login ↔ admin, ...)."),
    rule("access-loosened", Level::Info, "An operation needs less of a token than before (login → optional, login → guest, ...)."),
    rule("version-changed", Level::Warn, "The value of an operation's `version` header changed."),
    rule("operation-deprecated", Level::Warn, "An operation became deprecated."),
    rule("header-required-added", Level::Err, "An operation requires a header it did not require."),
    rule("header-added", Level::Info, "An operation accepts a new optional header."),
    rule("header-relaxed", Level::Info, "An operation no longer requires (or no longer takes) a header."),
    rule("error-code-added", Level::Info, "An operation documents a new error code."),
    rule("error-code-removed", Level::Info, "An operation no longer documents an error code."),
    // Requests: tightening breaks clients.
    rule("request-field-added-required", Level::Err, "A required request field was added."),
    rule("request-field-added", Level::Info, "An optional request field was added."),
    rule("request-field-removed", Level::Warn, "A request field was removed (clients that send it may be rejected)."),
    rule("request-field-became-required", Level::Err, "An optional request field became required."),
    rule("request-field-became-optional", Level::Info, "A required request field became optional."),
    rule("request-field-became-non-nullable", Level::Err, "A request field that accepted null no longer does."),
    rule("request-field-became-nullable", Level::Info, "A request field now accepts null."),
    rule("request-constraint-narrowed", Level::Err, "A request field's constraint got stricter (minLength/minimum raised, maxLength/maximum lowered, pattern or format added or changed)."),
    rule("request-constraint-relaxed", Level::Info, "A request field's constraint got looser or was removed."),
    rule("request-default-changed", Level::Warn, "The documented default of a request field changed (the server behaves differently when it is omitted)."),
    rule("request-enum-value-removed", Level::Err, "A code was removed from an enum used in requests."),
    rule("request-enum-value-added", Level::Info, "A code was added to an enum used in requests."),
    // Responses: loosening breaks clients.
    rule("response-field-removed", Level::Err, "A response field was removed."),
    rule("response-field-added", Level::Info, "A response field was added."),
    rule("response-field-became-optional", Level::Err, "A required response field became optional (it may be missing)."),
    rule("response-field-became-required", Level::Info, "An optional response field became required."),
    rule("response-field-became-nullable", Level::Err, "A response field may now be null."),
    rule("response-field-became-non-nullable", Level::Info, "A response field can no longer be null."),
    rule("response-constraint-relaxed", Level::Warn, "A response field's constraint got looser (clients that check it may reject responses)."),
    rule("response-enum-value-added", Level::Warn, "A code was added to an enum used in responses (clients see `Unknown`)."),
    rule("response-enum-value-removed", Level::Info, "A code was removed from an enum used in responses."),
    rule("response-type-changed", Level::Err, "The type of an operation's `data` changed."),
    rule("response-became-nullable", Level::Err, "An operation's `data` may now be null."),
    rule("response-became-non-nullable", Level::Info, "An operation's `data` can no longer be null."),
    // Both directions.
    rule("field-type-changed", Level::Err, "The type of a field changed."),
    rule("field-deprecated", Level::Warn, "A field became deprecated."),
    rule("enum-type-changed", Level::Err, "An enum changed between integer and string codes."),
    rule("enum-value-renamed", Level::Info, "An enum code keeps its value but its name changed (generated code changes, the wire does not)."),
    rule("envelope-success-code-changed", Level::Err, "The envelope's success code changed."),
    rule("docs-changed", Level::Info, "A summary or description changed."),
];

/// The rule with this id.
pub fn rule_info(id: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id)
}

/// One change between the old and the new spec.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Id of a rule of [`RULES`].
    pub rule: &'static str,
    pub level: Level,
    /// The operation's path (unique; it ends in the bizType), `None` for
    /// changes of shared types, enums and the envelope.
    pub operation: Option<String>,
    pub message: String,
    /// `file:line:col` in the new spec, in the old one for removals.
    pub location: String,
}

/// Every change from `old` to `new`, most severe first.
pub fn diff(old: &Loaded, new: &Loaded) -> Vec<Finding> {
    let mut d = Differ {
        old,
        new,
        usage: usage(&old.api).merge(usage(&new.api)),
        out: Vec::new(),
    };
    d.operations();
    d.types();
    d.enums();
    d.envelope();
    let mut out = d.out;
    out.sort_by(|a, b| {
        (
            std::cmp::Reverse(a.level),
            &a.operation,
            a.rule,
            &a.location,
            &a.message,
        )
            .cmp(&(
                std::cmp::Reverse(b.level),
                &b.operation,
                b.rule,
                &b.location,
                &b.message,
            ))
    });
    out.dedup();
    out
}

// ---------------------------------------------------------------- usage

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Sides {
    request: bool,
    response: bool,
}

const REQUEST: Sides = Sides {
    request: true,
    response: false,
};
const RESPONSE: Sides = Sides {
    request: false,
    response: true,
};

/// Where each type and enum is used, and by which operations.
#[derive(Debug, Default)]
struct Usage {
    sides: BTreeMap<String, Sides>,
    users: BTreeMap<String, BTreeSet<String>>,
}

impl Usage {
    fn sides(&self, name: &str) -> Sides {
        self.sides.get(name).copied().unwrap_or_default()
    }

    fn merge(mut self, other: Usage) -> Usage {
        for (name, s) in other.sides {
            let e = self.sides.entry(name).or_default();
            e.request |= s.request;
            e.response |= s.response;
        }
        for (name, u) in other.users {
            self.users.entry(name).or_default().extend(u);
        }
        self
    }

    /// "requests of bindEmail, login" / "responses of ..." for messages.
    fn note(&self, name: &str) -> String {
        let s = self.sides(name);
        let side = match (s.request, s.response) {
            (true, true) => "requests and responses",
            (true, false) => "requests",
            (false, true) => "responses",
            (false, false) => return "not used by any operation".into(),
        };
        let users: Vec<&String> = self
            .users
            .get(name)
            .map(|u| u.iter().collect())
            .unwrap_or_default();
        let shown: Vec<&str> = users.iter().take(3).map(|s| s.as_str()).collect();
        let more = users.len().saturating_sub(shown.len());
        let mut text = format!("used in {side}");
        if !shown.is_empty() {
            text.push_str(&format!(" of {}", shown.join(", ")));
            if more > 0 {
                text.push_str(&format!(" and {more} more"));
            }
        }
        text
    }
}

fn usage(api: &Api) -> Usage {
    /// Every type and enum reachable from `ty`.
    fn reach(api: &Api, ty: &Ty, seen: &mut BTreeSet<String>) {
        match ty {
            Ty::Struct(n) if seen.insert(n.clone()) => {
                for f in api
                    .find_struct(n)
                    .map(|s| s.fields.as_slice())
                    .unwrap_or_default()
                {
                    reach(api, &f.ty, seen);
                }
            }
            Ty::Enum(n) => {
                seen.insert(n.clone());
            }
            Ty::List(t) | Ty::Map(t) => reach(api, t, seen),
            _ => {}
        }
    }
    let mut u = Usage::default();
    let mut record = |names: BTreeSet<String>, side: Sides, user: Option<&str>| {
        for name in names {
            let e = u.sides.entry(name.clone()).or_default();
            e.request |= side.request;
            e.response |= side.response;
            if let Some(user) = user {
                u.users.entry(name).or_default().insert(user.to_owned());
            }
        }
    };
    for (_, op) in api.operations() {
        let mut req = BTreeSet::new();
        for f in &op.request.fields {
            reach(api, &f.ty, &mut req);
        }
        record(req, REQUEST, Some(&op.name));
        let mut resp = BTreeSet::new();
        if let Some(t) = &op.response.ty {
            reach(api, t, &mut resp);
        }
        record(resp, RESPONSE, Some(&op.name));
    }
    let mut env = BTreeSet::new();
    for f in &api.envelope.fields {
        reach(api, &f.ty, &mut env);
    }
    record(env, RESPONSE, None);
    u
}

// ---------------------------------------------------------------- differ

/// Where a finding points.
#[derive(Clone, Copy)]
enum At {
    Old(Pos),
    New(Pos),
}

struct Differ<'a> {
    old: &'a Loaded,
    new: &'a Loaded,
    usage: Usage,
    out: Vec<Finding>,
}

/// How much of a token an access level needs: none, optional, required.
fn token_rank(a: Access) -> u8 {
    match a {
        Access::Guest => 0,
        Access::Optional => 1,
        Access::Login | Access::Admin => 2,
    }
}

fn ty_name(ty: Option<&Ty>) -> String {
    ty.map_or("none".into(), Ty::to_string)
}

impl<'a> Differ<'a> {
    fn emit(&mut self, rule: &'static str, operation: Option<&str>, at: At, message: String) {
        // Every id used here is in RULES (a test checks); an unlisted one is
        // reported as breaking rather than lost.
        debug_assert!(
            rule_info(rule).is_some(),
            "diff rule `{rule}` is not in RULES"
        );
        let level = rule_info(rule).map_or(Level::Err, |info| info.level);
        let location = match at {
            At::Old(pos) => self.old.files.location(pos),
            At::New(pos) => self.new.files.location(pos),
        };
        self.out.push(Finding {
            rule,
            level,
            operation: operation.map(str::to_owned),
            message,
            location,
        });
    }

    // ------------------------------------------------------------ operations

    fn operations(&mut self) {
        let old: Vec<(&'a Service, &'a Operation)> = self.old.api.operations().collect();
        let new: Vec<(&'a Service, &'a Operation)> = self.new.api.operations().collect();
        let key = |(s, o): &(&Service, &Operation)| (s.name.clone(), o.name.clone());
        let new_by_key: BTreeMap<(String, String), usize> =
            new.iter().enumerate().map(|(i, p)| (key(p), i)).collect();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let mut old_left: Vec<usize> = Vec::new();
        let mut new_used = vec![false; new.len()];
        for (i, p) in old.iter().enumerate() {
            match new_by_key.get(&key(p)) {
                Some(&j) => {
                    pairs.push((i, j));
                    new_used[j] = true;
                }
                None => old_left.push(i),
            }
        }
        // An operation whose service or name changed but whose path did not
        // is the same operation on the wire.
        let mut removed = Vec::new();
        for i in old_left {
            let path = &old[i].1.path;
            match (0..new.len()).find(|&j| !new_used[j] && new[j].1.path == *path) {
                Some(j) => {
                    new_used[j] = true;
                    let (os, oo) = old[i];
                    let (ns, no) = new[j];
                    self.emit(
                        "operation-renamed",
                        Some(&no.path),
                        At::New(no.pos),
                        format!(
                            "`{}.{}` is now `{}.{}` (same path)",
                            os.name, oo.name, ns.name, no.name
                        ),
                    );
                    pairs.push((i, j));
                }
                None => removed.push(i),
            }
        }
        for i in removed {
            let (s, o) = old[i];
            self.emit(
                "operation-removed",
                Some(&o.path),
                At::Old(o.pos),
                format!(
                    "operation `{}.{}` (`{}`) was removed",
                    s.name, o.name, o.biz_type
                ),
            );
        }
        for (j, used) in new_used.iter().enumerate() {
            if !used {
                let (s, o) = new[j];
                self.emit(
                    "operation-added",
                    Some(&o.path),
                    At::New(o.pos),
                    format!(
                        "operation `{}.{}` (`{}`) was added",
                        s.name, o.name, o.biz_type
                    ),
                );
            }
        }
        for (i, j) in pairs {
            self.operation(old[i].1, new[j].1);
        }
    }

    fn operation(&mut self, o: &'a Operation, n: &'a Operation) {
        let label = n.path.as_str();
        let at = At::New(n.pos);
        let op = Some(label);
        if o.path != n.path {
            self.emit(
                "path-changed",
                op,
                at,
                format!(
                    "path changed from `{}` to `{}`; clients still call the old path",
                    o.path, n.path
                ),
            );
        }
        if o.access != n.access {
            let (before, after) = (o.access.as_str(), n.access.as_str());
            let tightened = token_rank(n.access) > token_rank(o.access)
                || (token_rank(n.access) == 2 && token_rank(o.access) == 2);
            if tightened {
                self.emit(
                    "access-tightened",
                    op,
                    at,
                    format!("access changed from `{before}` to `{after}`: clients without the right token are rejected"),
                );
            } else {
                self.emit(
                    "access-loosened",
                    op,
                    at,
                    format!("access changed from `{before}` to `{after}`"),
                );
            }
        }
        if o.version != n.version {
            self.emit(
                "version-changed",
                op,
                at,
                format!(
                    "the `version` header changed from `{}` to `{}`",
                    o.version, n.version
                ),
            );
        }
        if !o.deprecated && n.deprecated {
            self.emit(
                "operation-deprecated",
                op,
                at,
                format!("operation `{}` is now deprecated", n.name),
            );
        }
        self.headers(o, n);

        let mut docs = Vec::new();
        if o.summary != n.summary {
            docs.push("summary");
        }
        if o.description != n.description {
            docs.push("description");
        }
        if o.description_zh != n.description_zh {
            docs.push("descriptionZh");
        }
        if o.response.description != n.response.description {
            docs.push("response description");
        }
        if !docs.is_empty() {
            self.emit(
                "docs-changed",
                op,
                at,
                format!("{} of operation `{}` changed", docs.join(", "), n.name),
            );
        }

        for code in n.errors.iter().filter(|c| !o.errors.contains(c)) {
            self.emit(
                "error-code-added",
                op,
                at,
                format!("may now return error code `{code}`"),
            );
        }
        for code in o.errors.iter().filter(|c| !n.errors.contains(c)) {
            self.emit(
                "error-code-removed",
                op,
                at,
                format!("no longer documents error code `{code}`"),
            );
        }

        let owner = format!("the request of `{}`", n.name);
        self.fields(REQUEST, &owner, &o.request.fields, &n.request.fields, op);

        if o.response.ty != n.response.ty {
            self.emit(
                "response-type-changed",
                op,
                at,
                format!(
                    "`data` changed from `{}` to `{}`",
                    ty_name(o.response.ty.as_ref()),
                    ty_name(n.response.ty.as_ref())
                ),
            );
        } else if n.response.ty.is_some() {
            if !o.response.nullable && n.response.nullable {
                self.emit(
                    "response-became-nullable",
                    op,
                    at,
                    "`data` may now be null".into(),
                );
            } else if o.response.nullable && !n.response.nullable {
                self.emit(
                    "response-became-non-nullable",
                    op,
                    at,
                    "`data` can no longer be null".into(),
                );
            }
        }
    }

    fn headers(&mut self, o: &Operation, n: &Operation) {
        let op = Some(n.path.as_str());
        let at = At::New(n.pos);
        let presence = |op: &Operation, name: &str| {
            op.headers
                .iter()
                .find(|h| h.name == name)
                .map_or(Presence::Absent, |h| h.presence)
        };
        // `token` follows from the access level, reported above.
        for h in n.headers.iter().filter(|h| h.name != "token") {
            let before = presence(o, &h.name);
            match (before, h.presence) {
                (Presence::Required, _) => {}
                (_, Presence::Required) => self.emit(
                    "header-required-added",
                    op,
                    at,
                    format!(
                        "header `{}` is now required (was {})",
                        h.name,
                        presence_name(before)
                    ),
                ),
                (Presence::Absent, Presence::Optional) => self.emit(
                    "header-added",
                    op,
                    at,
                    format!("accepts the new optional header `{}`", h.name),
                ),
                _ => {}
            }
        }
        for h in o.headers.iter().filter(|h| h.name != "token") {
            let after = presence(n, &h.name);
            if h.presence == Presence::Required && after != Presence::Required
                || h.presence == Presence::Optional && after == Presence::Absent
            {
                self.emit(
                    "header-relaxed",
                    op,
                    at,
                    format!(
                        "header `{}` is now {} (was {})",
                        h.name,
                        presence_name(after),
                        presence_name(h.presence)
                    ),
                );
            }
        }
    }

    // ------------------------------------------------------------ fields

    /// Compares the fields of one object (a request body, a type or the
    /// envelope), judged as request and/or response fields by `sides`.
    fn fields(
        &mut self,
        sides: Sides,
        owner: &str,
        old: &'a [Field],
        new: &'a [Field],
        op: Option<&str>,
    ) {
        for f in old.iter().filter(|f| !new.iter().any(|n| n.name == f.name)) {
            let at = At::Old(f.pos);
            if sides.request {
                self.emit(
                    "request-field-removed",
                    op,
                    at,
                    format!("field `{}` was removed from {owner}", f.name),
                );
            }
            if sides.response {
                self.emit(
                    "response-field-removed",
                    op,
                    at,
                    format!("field `{}` was removed from {owner}", f.name),
                );
            }
        }
        for n in new {
            let at = At::New(n.pos);
            let Some(o) = old.iter().find(|o| o.name == n.name) else {
                if sides.request {
                    if n.required {
                        self.emit(
                            "request-field-added-required",
                            op,
                            at,
                            format!("required field `{}` was added to {owner}", n.name),
                        );
                    } else {
                        self.emit(
                            "request-field-added",
                            op,
                            at,
                            format!("optional field `{}` was added to {owner}", n.name),
                        );
                    }
                }
                if sides.response {
                    self.emit(
                        "response-field-added",
                        op,
                        at,
                        format!("field `{}` was added to {owner}", n.name),
                    );
                }
                continue;
            };
            self.field(sides, owner, o, n, op);
        }
    }

    fn field(&mut self, sides: Sides, owner: &str, o: &Field, n: &Field, op: Option<&str>) {
        let at = At::New(n.pos);
        let name = &n.name;
        if o.ty != n.ty {
            self.emit(
                "field-type-changed",
                op,
                at,
                format!(
                    "field `{name}` of {owner} changed type from `{}` to `{}`",
                    o.ty, n.ty
                ),
            );
        }
        if sides.request {
            match (o.required, n.required) {
                (false, true) => self.emit(
                    "request-field-became-required",
                    op,
                    at,
                    format!("field `{name}` of {owner} became required"),
                ),
                (true, false) => self.emit(
                    "request-field-became-optional",
                    op,
                    at,
                    format!("field `{name}` of {owner} became optional"),
                ),
                _ => {}
            }
            match (o.nullable, n.nullable) {
                (true, false) => self.emit(
                    "request-field-became-non-nullable",
                    op,
                    at,
                    format!("field `{name}` of {owner} no longer accepts null"),
                ),
                (false, true) => self.emit(
                    "request-field-became-nullable",
                    op,
                    at,
                    format!("field `{name}` of {owner} now accepts null"),
                ),
                _ => {}
            }
            if o.ty == n.ty {
                let (narrowed, relaxed) = compare_constraints(&o.constraints, &n.constraints);
                if !narrowed.is_empty() {
                    self.emit(
                        "request-constraint-narrowed",
                        op,
                        at,
                        format!("field `{name}` of {owner}: {}", narrowed.join(", ")),
                    );
                }
                if !relaxed.is_empty() {
                    self.emit(
                        "request-constraint-relaxed",
                        op,
                        at,
                        format!("field `{name}` of {owner}: {}", relaxed.join(", ")),
                    );
                }
            }
            if o.default != n.default {
                let show = |v: &Option<serde_json::Value>| {
                    v.as_ref().map_or("none".into(), |v| format!("`{v}`"))
                };
                self.emit(
                    "request-default-changed",
                    op,
                    at,
                    format!(
                        "the default of field `{name}` of {owner} changed from {} to {}",
                        show(&o.default),
                        show(&n.default)
                    ),
                );
            }
        }
        if sides.response {
            match (o.required, n.required) {
                (true, false) => self.emit(
                    "response-field-became-optional",
                    op,
                    at,
                    format!("field `{name}` of {owner} became optional: it may be missing"),
                ),
                (false, true) => self.emit(
                    "response-field-became-required",
                    op,
                    at,
                    format!("field `{name}` of {owner} became required"),
                ),
                _ => {}
            }
            match (o.nullable, n.nullable) {
                (false, true) => self.emit(
                    "response-field-became-nullable",
                    op,
                    at,
                    format!("field `{name}` of {owner} may now be null"),
                ),
                (true, false) => self.emit(
                    "response-field-became-non-nullable",
                    op,
                    at,
                    format!("field `{name}` of {owner} can no longer be null"),
                ),
                _ => {}
            }
            if o.ty == n.ty {
                // What narrows a request relaxes a response, and vice versa.
                let (_, relaxed) = compare_constraints(&o.constraints, &n.constraints);
                if !relaxed.is_empty() {
                    self.emit(
                        "response-constraint-relaxed",
                        op,
                        at,
                        format!("field `{name}` of {owner}: {}", relaxed.join(", ")),
                    );
                }
            }
        }
        if !o.deprecated && n.deprecated {
            self.emit(
                "field-deprecated",
                op,
                at,
                format!("field `{name}` of {owner} is now deprecated"),
            );
        }
        if o.description != n.description || o.description_zh != n.description_zh {
            self.emit(
                "docs-changed",
                op,
                at,
                format!("the description of field `{name}` of {owner} changed"),
            );
        }
    }

    // ------------------------------------------------------------ types

    fn types(&mut self) {
        let old = &self.old.api;
        for n in &self.new.api.types {
            let Some(o) = old.find_struct(&n.name) else {
                continue;
            };
            self.struct_(o, n);
        }
    }

    fn struct_(&mut self, o: &'a Struct, n: &'a Struct) {
        let sides = self.usage.sides(&n.name);
        let owner = format!("type `{}` ({})", n.name, self.usage.note(&n.name));
        self.fields(sides, &owner, &o.fields, &n.fields, None);
        if o.description != n.description || o.description_zh != n.description_zh {
            self.emit(
                "docs-changed",
                None,
                At::New(n.pos),
                format!("the description of type `{}` changed", n.name),
            );
        }
    }

    // ------------------------------------------------------------ enums

    fn enums(&mut self) {
        let old = &self.old.api;
        for n in &self.new.api.enums {
            let Some(o) = old.find_enum(&n.name) else {
                continue;
            };
            self.enum_(o, n);
        }
    }

    fn enum_(&mut self, o: &'a Enum, n: &'a Enum) {
        let sides = self.usage.sides(&n.name);
        let note = self.usage.note(&n.name);
        let name = &n.name;
        if o.repr != n.repr {
            self.emit(
                "enum-type-changed",
                None,
                At::New(n.pos),
                format!("enum `{name}` changed between integer and string codes ({note})"),
            );
            return;
        }
        for v in o
            .values
            .iter()
            .filter(|v| !n.values.iter().any(|w| w.code == v.code))
        {
            let msg = format!(
                "code `{}` ({}) was removed from enum `{name}` ({note})",
                v.code, v.name
            );
            if sides.request {
                self.emit(
                    "request-enum-value-removed",
                    None,
                    At::Old(v.pos),
                    msg.clone(),
                );
            }
            if sides.response {
                self.emit("response-enum-value-removed", None, At::Old(v.pos), msg);
            }
        }
        for v in &n.values {
            let Some(ov) = o.values.iter().find(|w| w.code == v.code) else {
                let msg = format!(
                    "code `{}` ({}) was added to enum `{name}` ({note})",
                    v.code, v.name
                );
                if sides.response {
                    self.emit(
                        "response-enum-value-added",
                        None,
                        At::New(v.pos),
                        msg.clone(),
                    );
                }
                if sides.request {
                    self.emit("request-enum-value-added", None, At::New(v.pos), msg);
                }
                continue;
            };
            if ov.name != v.name {
                self.emit(
                    "enum-value-renamed",
                    None,
                    At::New(v.pos),
                    format!(
                        "code `{}` of enum `{name}` was renamed from `{}` to `{}`",
                        v.code, ov.name, v.name
                    ),
                );
            }
            if ov.description != v.description || ov.description_zh != v.description_zh {
                self.emit(
                    "docs-changed",
                    None,
                    At::New(v.pos),
                    format!(
                        "the description of code `{}` of enum `{name}` changed",
                        v.code
                    ),
                );
            }
        }
        if o.description != n.description || o.description_zh != n.description_zh {
            self.emit(
                "docs-changed",
                None,
                At::New(n.pos),
                format!("the description of enum `{name}` changed"),
            );
        }
    }

    // ------------------------------------------------------------ envelope

    fn envelope(&mut self) {
        let (o, n) = (&self.old.api.envelope, &self.new.api.envelope);
        if o.success_code != n.success_code {
            // The envelope has no position of its own; point at its first field.
            let pos = n.fields.first().map_or(
                Pos {
                    file: 0,
                    line: 1,
                    column: 1,
                },
                |f| f.pos,
            );
            self.emit(
                "envelope-success-code-changed",
                None,
                At::New(pos),
                format!(
                    "the success code changed from `{}` to `{}`",
                    o.success_code, n.success_code
                ),
            );
        }
        self.fields(
            RESPONSE,
            "the response envelope",
            &o.fields,
            &n.fields,
            None,
        );
        if o.description != n.description {
            let pos = n.fields.first().map_or(
                Pos {
                    file: 0,
                    line: 1,
                    column: 1,
                },
                |f| f.pos,
            );
            self.emit(
                "docs-changed",
                None,
                At::New(pos),
                "the description of the response envelope changed".into(),
            );
        }
    }
}

fn presence_name(p: Presence) -> &'static str {
    match p {
        Presence::Required => "required",
        Presence::Optional => "optional",
        Presence::Absent => "absent",
    }
}

/// What got stricter and what got looser, from a request's point of view.
fn compare_constraints(o: &Constraints, n: &Constraints) -> (Vec<String>, Vec<String>) {
    let mut narrowed = Vec::new();
    let mut relaxed = Vec::new();
    let mut lower_bound = |what: &str, a: Option<i128>, b: Option<i128>| match (a, b) {
        (None, Some(b)) => narrowed.push(format!("{what} {b} added")),
        (Some(a), Some(b)) if b > a => narrowed.push(format!("{what} raised from {a} to {b}")),
        (Some(a), Some(b)) if b < a => relaxed.push(format!("{what} lowered from {a} to {b}")),
        (Some(a), None) => relaxed.push(format!("{what} {a} removed")),
        _ => {}
    };
    lower_bound(
        "minLength",
        o.min_length.map(i128::from),
        n.min_length.map(i128::from),
    );
    lower_bound(
        "minimum",
        o.minimum.map(i128::from),
        n.minimum.map(i128::from),
    );
    let mut upper_bound = |what: &str, a: Option<i128>, b: Option<i128>| match (a, b) {
        (None, Some(b)) => narrowed.push(format!("{what} {b} added")),
        (Some(a), Some(b)) if b < a => narrowed.push(format!("{what} lowered from {a} to {b}")),
        (Some(a), Some(b)) if b > a => relaxed.push(format!("{what} raised from {a} to {b}")),
        (Some(a), None) => relaxed.push(format!("{what} {a} removed")),
        _ => {}
    };
    upper_bound(
        "maxLength",
        o.max_length.map(i128::from),
        n.max_length.map(i128::from),
    );
    upper_bound(
        "maximum",
        o.maximum.map(i128::from),
        n.maximum.map(i128::from),
    );
    let mut exact = |what: &str, a: Option<&str>, b: Option<&str>| match (a, b) {
        (None, Some(b)) => narrowed.push(format!("{what} `{b}` added")),
        (Some(a), Some(b)) if a != b => {
            narrowed.push(format!("{what} changed from `{a}` to `{b}`"))
        }
        (Some(a), None) => relaxed.push(format!("{what} `{a}` removed")),
        _ => {}
    };
    exact("pattern", o.pattern.as_deref(), n.pattern.as_deref());
    exact(
        "format",
        o.format.map(|f| f.name()),
        n.format.map(|f| f.name()),
    );
    (narrowed, relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_kebab_case() {
        let mut seen = BTreeSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate rule {}", r.id);
            assert!(
                r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.id
            );
            assert!(!r.description.is_empty());
        }
    }

    #[test]
    fn constraints_are_judged_from_the_request_side() {
        let a = Constraints {
            max_length: Some(50),
            min_length: Some(1),
            ..Default::default()
        };
        let b = Constraints {
            max_length: Some(20),
            min_length: None,
            pattern: Some("^a$".into()),
            ..Default::default()
        };
        let (narrowed, relaxed) = compare_constraints(&a, &b);
        assert_eq!(
            narrowed,
            ["maxLength lowered from 50 to 20", "pattern `^a$` added"]
        );
        assert_eq!(relaxed, ["minLength 1 removed"]);
    }

    #[test]
    fn levels_are_ordered() {
        assert!(Level::Info < Level::Warn && Level::Warn < Level::Err);
    }
}
