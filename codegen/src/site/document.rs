//! The site's OpenAPI document in one language: the OpenAPI export
//! ([`crate::openapi::document`], 3.1, every answer HTTP 200) with the
//! language's texts (`*Zh` where the spec has them, English as the
//! fallback) and, in each operation's description, what RapiDoc does not
//! show of our `x-` extensions: access level, read-only, `bizType`, the
//! headers with their presence, sensitive and conditionally required
//! fields, the error codes it can answer, and how to read the envelope.

use serde_json::Value;

use super::labels::SiteLabels;
use crate::docs::condition::required_cell;
use crate::facts::field::paragraphs;
use crate::facts::Facts;
use crate::ir::{Access, Api, Field, Operation, Presence, Ty};
use crate::lang::Lang;
use crate::markdown::code;
use crate::openapi::{self, Version};
use crate::{Error, Result};

/// The document of `lang` as a JSON value.
pub fn document(facts: &Facts<'_>, lang: Lang) -> Result<Value> {
    let api = facts.api;
    let mut doc =
        serde_json::to_value(openapi::document(facts, Version::V3_1)?).map_err(|source| {
            Error::ExportJson {
                file: format!("site/{}api.js", lang.dir()),
                source,
            }
        })?;
    let s = SiteLabels::of(lang);

    let info = &mut doc["info"];
    info["title"] = lang.pick(&api.title, api.title_zh.as_deref()).into();
    let about = match lang {
        Lang::En => info["description"].as_str().unwrap_or_default().to_owned(),
        Lang::Zh => paragraphs(&[
            lang.pick(&api.description, api.description_zh.as_deref()),
            s.answer,
        ]),
    };
    info["description"] = paragraphs(&[&about, s.try_it]).into();

    // Try-it against any gateway: a server whose whole URL is a variable,
    // which RapiDoc shows as an input.
    if let Some(servers) = doc["servers"].as_array_mut() {
        let default = servers
            .first()
            .map_or_else(crate::facts::mock::base_url, |s| {
                s["url"].as_str().unwrap_or_default().to_owned()
            });
        servers.push(serde_json::json!({
            "url": "{baseUrl}",
            "description": s.any_server,
            "variables": {"baseUrl": {"default": default, "description": s.base_url}},
        }));
    }

    if let Some(tags) = doc["tags"].as_array_mut() {
        for (tag, service) in tags.iter_mut().zip(&api.services) {
            let text = lang.pick(&service.description, service.description_zh.as_deref());
            if !text.trim().is_empty() {
                tag["description"] = text.trim().into();
            }
        }
    }

    for (_, op) in api.operations() {
        let post = &mut doc["paths"][op.path.as_str()]["post"];
        localize_operation(facts, op, lang, post);
    }
    if lang == Lang::Zh {
        let schemas = &mut doc["components"]["schemas"];
        for s in &api.types {
            let schema = &mut schemas[s.name.as_str()];
            if let Some(zh) = s.description_zh.as_deref() {
                schema["description"] = zh.into();
            }
            describe_fields(api, &s.fields, lang, &mut schema["properties"]);
        }
        for e in &api.enums {
            let schema = &mut schemas[e.name.as_str()];
            if let (Some(zh), Some(text)) =
                (e.description_zh.as_deref(), schema["description"].as_str())
            {
                let listing = text
                    .strip_prefix(e.description.trim())
                    .unwrap_or(text)
                    .trim();
                schema["description"] = paragraphs(&[zh, listing]).into();
            }
        }
    }
    Ok(doc)
}

fn localize_operation(facts: &Facts<'_>, op: &Operation, lang: Lang, post: &mut Value) {
    let api = facts.api;
    let s = SiteLabels::of(lang);
    let summary = lang.pick(&op.summary, op.summary_zh.as_deref()).trim();
    let summary = if summary.is_empty() {
        &op.name
    } else {
        summary
    };
    post["summary"] = summary.into();
    let text = lang
        .pick(&op.description, op.description_zh.as_deref())
        .trim();
    let text = if text.is_empty() { summary } else { text };
    post["description"] = paragraphs(&[text, &markers(facts, op, lang)]).into();
    post["requestBody"]["description"] = s.request_of.replace("{biz_type}", &op.biz_type).into();
    post["responses"]["200"]["description"] = s.response_200.into();
    if lang == Lang::Zh {
        if let Some(params) = post["parameters"].as_array_mut() {
            for p in params {
                if let Some(zh) = p["x-description-zh"].as_str().map(str::to_owned) {
                    p["description"] = zh.into();
                }
            }
        }
        let properties =
            &mut post["requestBody"]["content"]["application/json"]["schema"]["properties"];
        describe_fields(api, &op.request.fields, lang, properties);
    }
}

/// The lines an operation's description ends with: what the `x-`
/// extensions and the security requirement say, in words.
fn markers(facts: &Facts<'_>, op: &Operation, lang: Lang) -> String {
    let api = facts.api;
    let (l, s) = (lang.labels(), SiteLabels::of(lang));
    let access = match op.access {
        Access::Guest => l.access_guest,
        Access::Login => l.access_login,
        Access::Admin => l.access_admin,
        Access::Optional => l.access_optional,
    };
    let access = match lang {
        Lang::En => format!(" ({access})"),
        Lang::Zh => format!("（{access}）"),
    };
    let mut lines = vec![format!(
        "**{}**{}{}{access}",
        s.access,
        l.colon,
        code(op.access.as_str()),
    )];
    if op.read_only {
        lines.push(l.read_only.to_owned());
    }
    lines.push(format!("**bizType**{}{}", l.colon, code(&op.biz_type)));
    let headers: Vec<String> = op
        .headers
        .iter()
        .filter_map(|h| {
            let presence = match h.presence {
                Presence::Required => l.presence_required,
                Presence::Optional => l.presence_optional,
                Presence::Absent => return None,
            };
            Some(format!("{} {presence}", code(&h.name)))
        })
        .collect();
    lines.push(format!(
        "**{}**{}{}",
        s.headers,
        l.colon,
        headers.join(l.comma)
    ));
    let response_fields = match &op.response.ty {
        Some(Ty::Struct(name)) => api.find_struct(name).map(|t| t.fields.as_slice()),
        _ => None,
    };
    let sensitive: Vec<String> = op
        .request
        .fields
        .iter()
        .chain(response_fields.unwrap_or_default())
        .filter(|f| f.sensitive)
        .map(|f| code(&f.name))
        .collect();
    if !sensitive.is_empty() {
        lines.push(format!(
            "**{}**{}{}",
            s.sensitive_fields,
            l.colon,
            sensitive.join(l.comma)
        ));
    }
    let fields = &op.request.fields;
    let conditional: Vec<String> = fields
        .iter()
        .filter_map(|f| {
            let c = f.required_when.as_ref()?;
            let when = required_cell(api, fields, c, lang);
            Some(match lang {
                Lang::En => format!("{} ({when})", code(&f.name)),
                Lang::Zh => format!("{}（{when}）", code(&f.name)),
            })
        })
        .collect();
    if !conditional.is_empty() {
        lines.push(format!(
            "**{}**{}{}",
            s.conditional_fields,
            l.colon,
            conditional.join(l.semicolon)
        ));
    }
    let codes: Vec<String> = facts
        .errors(op)
        .iter()
        .map(|e| match e.def {
            Some(def) if !def.message.trim().is_empty() => {
                let message = lang.pick(&def.message, def.message_zh.as_deref()).trim();
                match lang {
                    Lang::En => format!("{} ({message})", code(e.code)),
                    Lang::Zh => format!("{}（{message}）", code(e.code)),
                }
            }
            _ => code(e.code),
        })
        .collect();
    lines.push(format!(
        "**{}**{}{}",
        s.error_codes,
        l.colon,
        codes.join(l.comma)
    ));
    lines.push(s.answer.to_owned());
    lines
        .iter()
        .map(|line| format!("- {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The Chinese edition's field descriptions: the `*Zh` text (English as
/// the fallback), then conditional requirement and sensitivity in Chinese
/// (the type, constraints and plain requirement RapiDoc shows itself).
fn describe_fields(api: &Api, fields: &[Field], lang: Lang, properties: &mut Value) {
    let l = lang.labels();
    for f in fields {
        let Some(property) = properties.get_mut(f.name.as_str()) else {
            continue;
        };
        let mut facts = Vec::new();
        if let Some(c) = &f.required_when {
            facts.push(required_cell(api, fields, c, lang));
        }
        if f.sensitive {
            facts.push(l.sensitive.to_owned());
        }
        let text = lang.pick(&f.description, f.description_zh.as_deref());
        property["description"] = paragraphs(&[text, &facts.join(l.semicolon)]).into();
    }
}
