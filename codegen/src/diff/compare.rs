//! Comparing two loaded specs: the shared machinery (where a finding points,
//! which operations it affects) and one submodule per part of the spec.

mod constraints;
mod enums;
mod envelope;
mod fields;
mod headers;
mod operations;
mod paging;
mod renames;
mod types;
mod wire_types;

use serde::Serialize;
use serde_json::Value;

use super::finding::{Finding, Location, SpecSide};
use super::rules::rule_info;
use super::usage::{Sides, Usage};
use crate::date::Date;
use crate::diagnostics::Pos;
use crate::ir::Deprecation;
pub(crate) use crate::markdown::code;
use crate::spec::Loaded;
use headers::SharedChanges;
use renames::Renames;

/// Every change from `old` to `new`, unsorted, at the rules' default
/// levels; `today` decides whether a sunset date has passed.
pub(crate) fn compare(old: &Loaded, new: &Loaded, today: Date) -> Vec<Finding> {
    let renames = Renames::find(&old.api, &new.api);
    let usage = Usage::of(&old.api, &new.api, |n| renames.new_name(n).to_owned());
    let mut d = Differ {
        old,
        new,
        renames,
        usage,
        today,
        shared: SharedChanges::default(),
        out: Vec::new(),
    };
    d.operations();
    d.shared_changes();
    d.types();
    d.enums();
    d.envelope();
    d.out
}

/// Every operation of `new` reported as added: the spec is new.
pub(crate) fn all_added(new: &Loaded) -> Vec<Finding> {
    let mut d = Differ {
        old: new,
        new,
        renames: Renames::default(),
        usage: Usage::default(),
        today: Date::today(),
        shared: SharedChanges::default(),
        out: Vec::new(),
    };
    for (s, o) in new.api.operations() {
        d.operation_added(s, o);
    }
    d.out
}

/// Where a finding points.
#[derive(Clone, Copy)]
pub(crate) enum At {
    Old(Pos),
    New(Pos),
}

/// What a change is in.
#[derive(Clone, Copy)]
pub(crate) enum Scope<'s> {
    /// One operation, by path.
    Operation(&'s str),
    /// A shared type or enum, by (new) name.
    Type(&'s str),
    /// API-wide: the envelope, a service, a gateway.
    Api,
}

/// An object whose fields are compared: a request body, a type or the envelope.
pub(crate) struct Owner<'s> {
    pub scope: Scope<'s>,
    /// Where the object is used.
    pub sides: Sides,
    /// For messages: "the request of `bindEmail`", "type `Profile`".
    pub label: String,
    /// Prefix of the finding's `path`: `request.` for a request body.
    pub prefix: &'static str,
    /// Field names the old version reserved (types only).
    pub reserved: &'s [String],
}

pub(crate) struct Differ<'a> {
    old: &'a Loaded,
    new: &'a Loaded,
    renames: Renames,
    usage: Usage,
    today: Date,
    shared: SharedChanges,
    out: Vec<Finding>,
}

impl Differ<'_> {
    /// The rule for removing something that was deprecated: after its
    /// sunset date `removed-after-sunset`, before (or without one)
    /// `deprecated-removed`; `None` when it was not deprecated.
    fn lifecycle_rule(&self, deprecated: bool, d: &Deprecation) -> Option<(&'static str, String)> {
        if !deprecated {
            return None;
        }
        Some(match d.sunset {
            Some(sunset) if sunset < self.today => (
                "removed-after-sunset",
                format!(" after its sunset date {sunset}"),
            ),
            Some(sunset) => (
                "deprecated-removed",
                format!(" before its sunset date {sunset}"),
            ),
            None => ("deprecated-removed", String::new()),
        })
    }

    /// Records a finding of `rule` about `scope`; on a shared type it
    /// affects the operations that use the type on `sides`.
    fn emit(
        &mut self,
        rule: &'static str,
        scope: Scope<'_>,
        sides: Sides,
        at: At,
        message: String,
    ) -> &mut Finding {
        // Every id used here is in RULES (a test checks); an unlisted one is
        // reported as a wire break rather than lost.
        debug_assert!(
            rule_info(rule).is_some(),
            "diff rule `{rule}` is not in RULES"
        );
        let (level, category) = rule_info(rule)
            .map_or((super::Level::Err, super::Category::Wire), |r| {
                (r.level, r.category)
            });
        let (files, side, pos) = match at {
            At::Old(pos) => (&self.old.files, SpecSide::Old, pos),
            At::New(pos) => (&self.new.files, SpecSide::New, pos),
        };
        let file = files
            .paths
            .get(pos.file)
            .map_or_else(|| "<unknown file>".into(), |p| p.display().to_string());
        let (operation, type_name, affected) = match scope {
            Scope::Operation(op) => (Some(op.to_owned()), None, Vec::new()),
            Scope::Type(name) => (
                None,
                Some(name.to_owned()),
                self.usage.affected(name, sides),
            ),
            Scope::Api => (None, None, Vec::new()),
        };
        self.out.push(Finding {
            rule,
            level,
            category,
            operation,
            type_name,
            path: None,
            message,
            location: Location {
                side,
                file,
                line: pos.line,
                column: pos.column,
            },
            affected_operations: affected,
            before: None,
            after: None,
            accepted: false,
            acceptance: None,
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }
}

/// Setting the optional parts of a finding just emitted.
trait Details {
    fn path(&mut self, path: impl Into<String>) -> &mut Self;
    fn change(&mut self, before: impl Serialize, after: impl Serialize) -> &mut Self;
}

impl Details for Finding {
    fn path(&mut self, path: impl Into<String>) -> &mut Self {
        self.path = Some(path.into());
        self
    }

    fn change(&mut self, before: impl Serialize, after: impl Serialize) -> &mut Self {
        fn value(v: impl Serialize) -> Option<Value> {
            serde_json::to_value(v).ok().filter(|v| !v.is_null())
        }
        self.before = value(before);
        self.after = value(after);
        self
    }
}
