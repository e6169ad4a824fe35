//! `requiredWhen`: conditional requirements of request fields. Stage 3
//! ([`resolve`]) checks the shape of each condition and that it names a
//! sibling field; stage 4 ([`check_values`]) checks that the values it
//! compares with fit that sibling's type.

use std::borrow::Cow;

use serde_json::Value;

use super::ctx::Ctx;
use super::located::{Located, OrderedMap};
use super::raw;
use super::suggest::suggest;
use crate::ir::{Api, Condition, EnumCodes, RequiredWhen, Ty, When};

/// Where a field list sits, which decides whether `requiredWhen` is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fields {
    /// An operation's request: conditions on siblings are checked by servers.
    Request,
    /// An object type or the envelope.
    Other,
}

/// The condition of field `name` (`def`), checked against its siblings `defs`.
pub(super) fn resolve(
    ctx: &mut Ctx,
    kind: Fields,
    defs: &OrderedMap<raw::FieldDef>,
    name: &str,
    def: &raw::FieldDef,
    owner: &str,
) -> Option<Condition> {
    let cond = def.required_when.as_ref()?;
    let at = |what: &str| format!("`requiredWhen` of field `{name}` of {owner}: {what}");
    if kind != Fields::Request {
        ctx.error(
            cond.pos,
            at("only request fields of operations can be conditionally required"),
        )
        .help = Some("describe the condition in `description`, or remove `requiredWhen`".into());
        return None;
    }
    if def.required {
        ctx.error(
            cond.pos,
            at("the field is `required: true`, so the condition never matters"),
        )
        .help = Some("remove `required: true` or `requiredWhen`".into());
        return None;
    }
    let c = &cond.value;
    let tests = [
        ("equals", c.equals.as_ref().map(|v| v.pos)),
        ("oneOf", c.one_of.as_ref().map(|v| v.pos)),
        ("given", c.given.as_ref().map(|v| v.pos)),
    ];
    let given_tests: Vec<(&str, _)> = tests
        .iter()
        .filter_map(|(k, p)| p.map(|p| (*k, p)))
        .collect();
    match (&c.field, &c.state) {
        (Some(_), Some(state)) => {
            ctx.error(state.pos, at("has both `field` and `state`"))
                .help = Some(
                "a condition is either on a sibling field or on a state outside the request".into(),
            );
            None
        }
        (None, None) => {
            ctx.error(cond.pos, at("names neither `field` nor `state`"))
                .help = Some(
                "use `field: <sibling>` with `equals`, `oneOf` or `given`, or `state: <text>`"
                    .into(),
            );
            None
        }
        (None, Some(state)) => {
            if let Some((key, pos)) = given_tests.first() {
                ctx.error(*pos, at(&format!("`{key}` needs `field`, not `state`")));
                return None;
            }
            if state.value.trim().is_empty() {
                ctx.error(state.pos, at("`state` is empty"));
                return None;
            }
            Some(Condition::State {
                text: state.value.trim().to_owned(),
                text_zh: c.state_zh.clone(),
            })
        }
        (Some(field), None) => {
            if c.state_zh.is_some() {
                ctx.error(cond.pos, at("`stateZh` needs `state`"));
                return None;
            }
            sibling(ctx, defs, name, field, &at)?;
            let when = match given_tests.as_slice() {
                [] => {
                    ctx.error(
                        cond.pos,
                        at("`field` needs one of `equals`, `oneOf` or `given`"),
                    );
                    return None;
                }
                [_, (key, pos), ..] => {
                    ctx.error(
                        *pos,
                        at(&format!("has `{key}` besides `{}`", given_tests[0].0)),
                    )
                    .help = Some("use one of `equals`, `oneOf` and `given`".into());
                    return None;
                }
                [_] => test(ctx, c, &at)?,
            };
            Some(Condition::Sibling(RequiredWhen {
                field: Cow::Owned(field.value.clone()),
                when,
            }))
        }
    }
}

/// `field` names another field of the same request.
fn sibling(
    ctx: &mut Ctx,
    defs: &OrderedMap<raw::FieldDef>,
    name: &str,
    field: &Located<String>,
    at: &dyn Fn(&str) -> String,
) -> Option<()> {
    if field.value == name {
        ctx.error(field.pos, at("a field cannot depend on itself"));
        return None;
    }
    if defs.iter().any(|(n, _)| n.value == field.value) {
        return Some(());
    }
    let names: Vec<String> = defs.iter().map(|(n, _)| n.value.clone()).collect();
    ctx.error(
        field.pos,
        at(&format!("the request has no field `{}`", field.value)),
    )
    .help = Some(
        suggest(&field.value, names.iter())
            .unwrap_or_else(|| format!("its fields: {}", names.join(", "))),
    );
    None
}

/// The test of a condition on a sibling: exactly one of the keys is set.
fn test(ctx: &mut Ctx, c: &raw::RequiredWhenDef, at: &dyn Fn(&str) -> String) -> Option<When> {
    if let Some(given) = &c.given {
        return Some(if given.value {
            When::Given
        } else {
            When::NotGiven
        });
    }
    let (values, pos): (Vec<&Value>, _) = match (&c.equals, &c.one_of) {
        (Some(v), _) => (vec![&v.value], v.pos),
        (None, Some(vs)) => (vs.value.iter().collect(), vs.pos),
        (None, None) => return None,
    };
    if values.is_empty() {
        ctx.error(pos, at("`oneOf` is empty"));
        return None;
    }
    if let Some(ints) = values
        .iter()
        .map(|v| v.as_i64())
        .collect::<Option<Vec<i64>>>()
    {
        return Some(When::OneOf(EnumCodes::Int(Cow::Owned(ints))));
    }
    if let Some(strs) = values
        .iter()
        .map(|v| v.as_str().map(|s| Cow::Owned(s.to_owned())))
        .collect::<Option<Vec<_>>>()
    {
        return Some(When::OneOf(EnumCodes::Str(Cow::Owned(strs))));
    }
    ctx.error(
        pos,
        at("the values to compare with must be all integers or all strings"),
    )
    .help = Some("conditions compare integer or string codes, such as `equals: 2`".into());
    None
}

/// The values a condition compares with fit the sibling's type
/// (`equals: 4` on a `ContactType` field is an error).
pub(super) fn check_values(ctx: &mut Ctx, api: &Api) {
    for (_, op) in api.operations() {
        for f in &op.request.fields {
            let Some(RequiredWhen { field, when }) =
                f.required_when.as_ref().and_then(Condition::sibling)
            else {
                continue;
            };
            let Some(sibling) = op.request.fields.iter().find(|s| s.name == *field) else {
                continue;
            };
            let When::OneOf(codes) = when else { continue };
            let at = format!(
                "`requiredWhen` of field `{}` of the request of `{}`",
                f.name, op.name
            );
            if !is_scalar(&sibling.ty) {
                ctx.error(
                    f.pos,
                    format!(
                        "{at}: `{field}` is `{}`, which cannot equal a code",
                        sibling.ty
                    ),
                )
                .help = Some("compare a string, integer or enum field, or use `given`".into());
                continue;
            }
            let schema = crate::wire::field_schema(api, sibling);
            let values: Vec<Value> = match codes {
                EnumCodes::Int(c) => c.iter().map(|&n| Value::from(n)).collect(),
                EnumCodes::Str(c) => c.iter().map(|s| Value::from(s.as_ref())).collect(),
            };
            for v in values {
                let options = bizgen_runtime::validate::Options::default();
                for violation in bizgen_runtime::validate::validate(&v, &schema, options) {
                    ctx.error(
                        f.pos,
                        format!(
                            "{at}: {v} does not fit field `{field}`: {}",
                            violation.reason
                        ),
                    );
                }
            }
        }
    }
}

fn is_scalar(ty: &Ty) -> bool {
    matches!(ty, Ty::String | Ty::Int32 | Ty::Int64 | Ty::Enum(_))
}
