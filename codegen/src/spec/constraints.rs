//! Stage 3a, the constraints of a field: its own keys (`minLength`,
//! `pattern`, `format`, `minimum`, `allowed`, ...) and those of its
//! `assumed`, resolved the same way: each fits the field's type and they
//! agree with each other.

use serde_json::Value;

use super::ctx::Ctx;
use super::located::Located;
use super::raw;
use crate::diagnostics::Pos;
use crate::ir::*;

/// The constraint keys of a field, or of its `assumed` (the same keys,
/// resolved the same way).
pub(super) struct Keys<'a> {
    /// `""` for the field's own, `"assumed "` for its `assumed`.
    prefix: &'static str,
    min_length: Option<&'a Located<u64>>,
    max_length: Option<&'a Located<u64>>,
    pattern: Option<&'a Located<String>>,
    format: Option<&'a Located<String>>,
    minimum: Option<&'a Located<i64>>,
    maximum: Option<&'a Located<i64>>,
    allowed: Option<&'a Located<Vec<Value>>>,
}

impl<'a> Keys<'a> {
    pub(super) fn of(def: &'a raw::FieldDef) -> Keys<'a> {
        Keys {
            prefix: "",
            min_length: def.min_length.as_ref(),
            max_length: def.max_length.as_ref(),
            pattern: def.pattern.as_ref(),
            format: def.format.as_ref(),
            minimum: def.minimum.as_ref(),
            maximum: def.maximum.as_ref(),
            allowed: def.allowed.as_ref(),
        }
    }

    pub(super) fn of_assumed(a: &'a raw::AssumedDef) -> Keys<'a> {
        Keys {
            prefix: "assumed ",
            min_length: a.min_length.as_ref(),
            max_length: a.max_length.as_ref(),
            pattern: a.pattern.as_ref(),
            format: a.format.as_ref(),
            minimum: a.minimum.as_ref(),
            maximum: a.maximum.as_ref(),
            allowed: a.allowed.as_ref(),
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.min_length.is_none()
            && self.max_length.is_none()
            && self.pattern.is_none()
            && self.format.is_none()
            && self.minimum.is_none()
            && self.maximum.is_none()
            && self.allowed.is_none()
    }
}

/// The constraints of field `name` of `owner` (`keys` of the field itself
/// or of its `assumed`): each fits the type and they agree with each other.
pub(super) fn resolve_constraints(
    ctx: &mut Ctx,
    (name, owner): (&str, &str),
    keys: Keys,
    ty: &Ty,
) -> Constraints {
    let mut c = Constraints::default();
    let prefix = keys.prefix;
    let is_string = *ty == Ty::String;
    let is_int = matches!(ty, Ty::Int32 | Ty::Int64);
    let only = |ctx: &mut Ctx, ok: bool, key: &str, pos: Pos, want: &str| {
        if !ok {
            ctx.error(
                pos,
                format!(
                    "field `{name}` of {owner}: {prefix}`{key}` applies to {want} fields, not to `{ty}`"
                ),
            )
            .help = Some(format!("remove `{key}` or change the type"));
        }
        ok
    };
    if let Some(v) = keys.min_length {
        if only(ctx, is_string, "minLength", v.pos, "string") {
            c.min_length = Some(v.value);
        }
    }
    if let Some(v) = keys.max_length {
        if only(ctx, is_string, "maxLength", v.pos, "string") {
            c.max_length = Some(v.value);
        }
    }
    if let (Some(min), Some(max)) = (keys.min_length, c.max_length) {
        let (pos, min) = (min.pos, min.value);
        if c.min_length.is_some() && min > max {
            ctx.error(
                pos,
                format!(
                    "field `{name}` of {owner}: {prefix}minLength {min} is greater than maxLength {max}"
                ),
            );
        }
    }
    if let Some(v) = keys.pattern {
        if only(ctx, is_string, "pattern", v.pos, "string") {
            match regex::Regex::new(&v.value) {
                Ok(_) => c.pattern = Some(v.value.clone()),
                Err(e) => {
                    let text = e.to_string();
                    let last = text.lines().last().unwrap_or_default();
                    let first = last.strip_prefix("error: ").unwrap_or(last).to_owned();
                    ctx.error(
                        v.pos,
                        format!("field `{name}` of {owner}: invalid {prefix}pattern: {first}"),
                    );
                }
            }
        }
    }
    if let Some(v) = keys.format {
        if only(ctx, is_string, "format", v.pos, "string") {
            match bizgen_runtime::schema::Format::from_name(&v.value) {
                Some(f) => c.format = Some(f),
                None => {
                    let all: Vec<&str> = bizgen_runtime::schema::Format::ALL
                        .iter()
                        .map(|f| f.name())
                        .collect();
                    ctx.error(
                        v.pos,
                        format!(
                            "field `{name}` of {owner}: unknown {prefix}format `{}`",
                            v.value
                        ),
                    )
                    .help = Some(format!("known formats: {}", all.join(", ")));
                }
            }
        }
    }
    if let Some(v) = keys.minimum {
        if only(ctx, is_int, "minimum", v.pos, "int32/int64") {
            c.minimum = Some(v.value);
        }
    }
    if let Some(v) = keys.maximum {
        if only(ctx, is_int, "maximum", v.pos, "int32/int64") {
            c.maximum = Some(v.value);
        }
    }
    if let (Some(min), Some(max)) = (keys.minimum, c.maximum) {
        let (pos, min) = (min.pos, min.value);
        if c.minimum.is_some() && min > max {
            ctx.error(
                pos,
                format!("field `{name}` of {owner}: {prefix}minimum {min} is greater than maximum {max}"),
            );
        }
    }
    if *ty == Ty::Int32 {
        for (key, v) in [("minimum", keys.minimum), ("maximum", keys.maximum)] {
            if let Some(v) = v {
                if i32::try_from(v.value).is_err() {
                    ctx.error(
                        v.pos,
                        format!(
                            "field `{name}` of {owner}: {prefix}{key} {} is outside the int32 range",
                            v.value
                        ),
                    );
                }
            }
        }
    }
    if let Some(v) = keys.allowed {
        if only(ctx, matches!(ty, Ty::Enum(_)), "allowed", v.pos, "enum") {
            c.allowed = allowed_codes(ctx, (name, owner), prefix, v);
        }
    }
    c
}

/// The codes of `allowed`, as written: all integers or all strings, at
/// least one, none twice. Whether the enum has them is checked once the
/// enums are resolved (`check_allowed`).
fn allowed_codes(
    ctx: &mut Ctx,
    (name, owner): (&str, &str),
    prefix: &str,
    v: &Located<Vec<Value>>,
) -> Option<Vec<Code>> {
    let at = format!("field `{name}` of {owner}: {prefix}`allowed`");
    if v.value.is_empty() {
        ctx.error(v.pos, format!("{at} is empty")).help =
            Some("list the codes the field takes, or remove `allowed`".into());
        return None;
    }
    let mut codes: Vec<Code> = Vec::new();
    for value in &v.value {
        let code = match value {
            Value::Number(n) if n.is_i64() => Code::Int(n.as_i64().unwrap_or_default()),
            Value::String(s) => Code::Str(s.clone()),
            other => {
                ctx.error(
                    v.pos,
                    format!("{at}: {other} is not an integer or string code"),
                );
                return None;
            }
        };
        if codes.contains(&code) {
            ctx.error(v.pos, format!("{at} lists {code} twice"));
            return None;
        }
        codes.push(code);
    }
    Some(codes)
}
