//! How the API evolves, as the spec declares it: `deprecated` with its
//! `sunset` date and `replacement` (operations, fields, enum values), and
//! `reserved` codes and field names (enums, types). Checked here; judged
//! by `bizgen diff`.

use serde_json::Value;

use super::ctx::Ctx;
use super::located::Located;
use super::types::code_of;
use crate::date::Date;
use crate::diagnostics::Pos;
use crate::ir::{Code, Deprecation, EnumRepr};

/// The deprecation of `what` (at `pos`): `sunset` and `replacement` only
/// make sense with `deprecated: true`, and `sunset` must be a real date.
pub(super) fn deprecation(
    ctx: &mut Ctx,
    what: &str,
    pos: Pos,
    deprecated: bool,
    sunset: Option<&Located<String>>,
    replacement: Option<&String>,
) -> Deprecation {
    if !deprecated && (sunset.is_some() || replacement.is_some()) {
        let key = if sunset.is_some() {
            "sunset"
        } else {
            "replacement"
        };
        ctx.error(
            sunset.map_or(pos, |s| s.pos),
            format!("{what} has `{key}` but is not `deprecated`"),
        )
        .help = Some(format!(
            "add `deprecated: true` next to `{key}`, or remove `{key}`"
        ));
    }
    let sunset = sunset.and_then(|s| {
        let date = Date::parse(&s.value);
        if date.is_none() {
            ctx.error(
                s.pos,
                format!("`sunset: {}` of {what} is not a date", s.value),
            )
            .help = Some("write the last day it is served as YYYY-MM-DD, e.g. 2026-12-31".into());
        }
        date
    });
    if !deprecated {
        return Deprecation::default();
    }
    Deprecation {
        sunset,
        replacement: replacement.cloned(),
    }
}

/// The reserved codes of enum `name`; a reserved code that is still one of
/// its values is an error.
pub(super) fn reserved_codes(
    ctx: &mut Ctx,
    name: &str,
    repr: EnumRepr,
    reserved: &[Located<Value>],
    codes: &[Code],
) -> Vec<Code> {
    let mut out = Vec::new();
    for r in reserved {
        let Some(code) = code_of(repr, &r.value) else {
            ctx.error(
                r.pos,
                format!(
                    "reserved code {} of enum `{name}` is not a code of its type",
                    r.value
                ),
            );
            continue;
        };
        if codes.contains(&code) {
            ctx.error(
                r.pos,
                format!("enum `{name}` reserves the code {code} and still lists it as a value"),
            )
            .help = Some(
                "a reserved code is one that was removed; drop it from `values` or from `reserved`"
                    .into(),
            );
        }
        out.push(code);
    }
    out
}

/// The reserved field names of type `name`; one still in use is an error.
pub(super) fn reserved_names(
    ctx: &mut Ctx,
    name: &str,
    reserved: &[Located<String>],
    fields: &[String],
) -> Vec<String> {
    for r in reserved.iter().filter(|r| fields.contains(&r.value)) {
        ctx.error(
            r.pos,
            format!(
                "type `{name}` reserves the field name `{}` and still has that field",
                r.value
            ),
        )
        .help = Some(
            "a reserved name is one that was removed; drop the field or the reservation".into(),
        );
    }
    reserved.iter().map(|r| r.value.clone()).collect()
}
