//! The Required column of a conditionally required field (`requiredWhen`):
//! "conditional: when `type` is `2` (Phone)", in the page's language.

use super::lang::Lang;
use crate::ir::{Api, Code, Condition, EnumCodes, Field, Ty, When};
use crate::markdown::code;

/// Inline Markdown for the Required cell of a field whose `requiredWhen` is `c`.
pub(crate) fn required_cell(api: &Api, siblings: &[Field], c: &Condition, lang: Lang) -> String {
    let l = lang.labels();
    let what = match c {
        Condition::State { text, text_zh } => lang.pick(text, text_zh.as_deref()).to_owned(),
        Condition::Sibling(c) => {
            let field = code(&c.field);
            match &c.when {
                When::Given => l.cond_given.replace("{field}", &field),
                When::NotGiven => l.cond_not_given.replace("{field}", &field),
                When::OneOf(codes) => {
                    let ty = siblings.iter().find(|s| s.name == *c.field).map(|s| &s.ty);
                    let values: Vec<String> = codes_of(codes)
                        .into_iter()
                        .map(|v| value_md(api, ty, v, lang))
                        .collect();
                    l.cond_is
                        .replace("{field}", &field)
                        .replace("{values}", &values.join(l.cond_or))
                }
            }
        }
    };
    l.conditional.replace("{when}", &what)
}

fn codes_of(codes: &EnumCodes) -> Vec<Code> {
    match codes {
        EnumCodes::Int(c) => c.iter().map(|&n| Code::Int(n)).collect(),
        EnumCodes::Str(c) => c.iter().map(|s| Code::Str(s.to_string())).collect(),
    }
}

/// A compared value, with its enum variant's name where the sibling is an enum.
fn value_md(api: &Api, ty: Option<&Ty>, v: Code, lang: Lang) -> String {
    let text = match &v {
        Code::Int(n) => n.to_string(),
        Code::Str(s) => serde_json::to_string(s).unwrap_or_default(),
    };
    let name = match ty {
        Some(Ty::Enum(e)) => api
            .find_enum(e)
            .and_then(|e| e.values.iter().find(|x| x.code == v))
            .map(|x| x.name.clone()),
        _ => None,
    };
    match name {
        Some(n) if lang == Lang::Zh => format!("{}（{}）", code(&text), code(&n)),
        Some(n) => format!("{} ({})", code(&text), code(&n)),
        None => code(&text),
    }
}
