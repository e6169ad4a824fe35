//! A Postman collection (v2.1) and environment from the IR: one folder per
//! service, one request per operation, with the spec's headers, an example
//! body, a collection pre-request script that sets a fresh `trace`, and test
//! scripts that check the envelope (and store the token that `login`
//! returns).
//!
//! The files are JSON documents, so they are serde types ([`collection`]),
//! like the OpenAPI export: serde escapes every spec text correctly. The
//! JavaScript inside them is text and comes from askama templates under
//! `codegen/templates/postman/`.

pub mod collection;

use std::path::{Path, PathBuf};

use askama::Template;

use crate::facts::{mock, Facts};
use crate::ir::{Access, Api, Operation, Presence, Service, Side, Ty};
use crate::target::{Layout, Sink, Target};
use crate::{Error, Result};
use collection::{
    Body, BodyOptions, Collection, Environment, EnvironmentValue, Event, Folder, Header, Info,
    Item, RawOptions, Request, Script, Url, Variable,
};

#[derive(Template)]
#[template(path = "postman/prerequest.js", escape = "none")]
struct PreRequestScript;

#[derive(Template)]
#[template(path = "postman/test.js", escape = "none")]
struct TestScript<'a> {
    biz_type: &'a str,
    /// The variable that this operation's `data.token` goes into.
    token_var: Option<&'static str>,
}

/// The Postman collection and environment, under `postman/`.
#[derive(Debug, Clone, Copy)]
pub struct Postman;

impl Target for Postman {
    fn layout(&self) -> Layout {
        Layout {
            name: "postman",
            root: "postman",
            // JSON has no comments: every file under `postman/` is ours.
            header: None,
            owned: &[""],
            ignored: &[],
        }
    }

    fn emit(&self, facts: &Facts<'_>, sink: Sink<'_>) -> Result<()> {
        let api = facts.api;
        let collection_file = PathBuf::from(format!("{}.postman_collection.json", api.name));
        let environment_file = PathBuf::from(format!("{}.postman_environment.json", api.name));
        let collection = to_json(&collection(facts)?, &collection_file)?;
        sink(collection_file, collection)?;
        let environment = to_json(&environment(api), &environment_file)?;
        sink(environment_file, environment)
    }
}

/// The collection and environment files, by path relative to the output directory.
pub fn files(api: &Api) -> Result<Vec<(PathBuf, String)>> {
    let files = crate::target::render_files(&Postman, &Facts::new(api))?;
    let root = Path::new(Postman.layout().root);
    Ok(files
        .into_iter()
        .map(|(path, text)| (root.join(path), text))
        .collect())
}

fn to_json<T: serde::Serialize>(value: &T, file: &Path) -> Result<String> {
    let mut text = serde_json::to_string_pretty(value).map_err(|source| Error::ExportJson {
        file: Path::new("postman").join(file).display().to_string(),
        source,
    })?;
    text.push('\n');
    Ok(text)
}

fn render(script: &'static str, template: &impl Template) -> Result<String> {
    template
        .render()
        .map_err(|source| Error::PostmanTemplate { script, source })
}

/// The variable a token-issuing operation stores `data.token` into: a guest
/// (or optional-token) operation whose `data` is an object with a string
/// `token` field, such as `login`.
pub fn token_variable(api: &Api, op: &Operation) -> Option<&'static str> {
    if !matches!(op.access, Access::Guest | Access::Optional) {
        return None;
    }
    let Some(Ty::Struct(name)) = &op.response.ty else {
        return None;
    };
    let issues = api
        .find_struct(name)?
        .fields
        .iter()
        .any(|f| f.name == "token" && f.ty == Ty::String);
    issues.then_some(match op.side {
        Side::C => "token",
        Side::B => "adminToken",
    })
}

/// Variables with the mock's defaults, shared by collection and environment.
fn variables(api: &Api) -> Vec<(&'static str, String, bool)> {
    let example = |name: &str| {
        api.headers
            .iter()
            .find(|h| h.name == name)
            .and_then(|h| h.example.clone())
            .unwrap_or_default()
    };
    vec![
        ("baseUrl", mock::base_url(), false),
        ("companyId", example("companyId"), false),
        ("lang", example("lang"), false),
        ("version", api.version.clone(), false),
        ("token", mock::TOKEN.to_owned(), true),
        ("adminToken", mock::ADMIN_TOKEN.to_owned(), true),
    ]
}

fn collection(facts: &Facts) -> Result<Collection> {
    let api = facts.api;
    let mut folders = Vec::new();
    for service in &api.services {
        let mut ops: Vec<&Operation> = service.operations.iter().collect();
        // Token-issuing operations first, so that running the collection top
        // to bottom logs in before the calls that need the token.
        ops.sort_by_key(|op| token_variable(api, op).is_none());
        let item = ops
            .into_iter()
            .map(|op| item(facts, op))
            .collect::<Result<Vec<_>, _>>()?;
        folders.push(Folder {
            name: service.name.clone(),
            description: folder_description(service),
            item,
        });
    }
    // The same for folders (a stable sort keeps the rest by service name).
    folders.sort_by_key(|f| {
        let service = api.services.iter().find(|s| s.name == f.name);
        !service.is_some_and(|s| {
            s.operations
                .iter()
                .any(|op| token_variable(api, op).is_some())
        })
    });
    Ok(Collection {
        info: Info {
            name: api.name.clone(),
            description: format!(
                "{}\n\nGenerated by bizgen from the spec. Set `baseUrl`, `companyId`, `lang`, \
                 `version`, `token` and `adminToken` in an environment (the generated \
                 environment file has the mock server's defaults); running the collection \
                 from the top logs in first and stores the returned token.",
                api.description.trim()
            ),
            schema: collection::SCHEMA_V2_1,
        },
        item: folders,
        event: vec![event(
            "prerequest",
            render("prerequest.js", &PreRequestScript)?,
        )],
        variable: variables(api)
            .into_iter()
            .map(|(key, value, _)| Variable {
                key: key.into(),
                value,
                kind: "string",
            })
            .collect(),
    })
}

fn folder_description(service: &Service) -> String {
    let text = service.description.trim();
    if text.is_empty() {
        format!("`{}`", service.qualified_name)
    } else {
        format!("{text}\n\n`{}`", service.qualified_name)
    }
}

fn event(listen: &'static str, script: String) -> Event {
    Event {
        listen,
        script: Script {
            kind: "text/javascript",
            exec: script.lines().map(str::to_owned).collect(),
        },
    }
}

fn item<'a>(facts: &Facts<'a>, op: &'a Operation) -> Result<Item> {
    let api = facts.api;
    let test = TestScript {
        biz_type: &op.biz_type,
        token_var: token_variable(api, op),
    };
    let body = &facts.request_example(op).body;
    let mut description = op.summary.trim().to_owned();
    if !op.description.trim().is_empty() {
        description = format!("{description}\n\n{}", op.description.trim());
    }
    description.push_str(&format!(
        "\n\nbizType `{}`, access `{}`.",
        op.biz_type,
        op.access.as_str()
    ));
    Ok(Item {
        name: op.name.clone(),
        request: Request {
            method: "POST",
            header: headers(api, op),
            body: Body {
                mode: "raw",
                // A `Value` always serializes.
                raw: serde_json::to_string_pretty(body).unwrap_or_default(),
                options: BodyOptions {
                    raw: RawOptions { language: "json" },
                },
            },
            url: Url {
                raw: format!("{{{{baseUrl}}}}{}", op.path),
                host: vec!["{{baseUrl}}".into()],
                path: op
                    .path
                    .split('/')
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned)
                    .collect(),
            },
            description,
        },
        event: vec![event("test", render("test.js", &test)?)],
    })
}

/// `Content-Type` and the operation's headers; values are variables where
/// the collection has one.
fn headers(api: &Api, op: &Operation) -> Vec<Header> {
    let mut out = vec![Header {
        key: "Content-Type".into(),
        value: "application/json".into(),
        kind: "text",
        description: "Every operation takes a JSON body.".into(),
    }];
    for h in op.headers.iter().filter(|h| h.presence != Presence::Absent) {
        let def = api.headers.iter().find(|d| d.name == h.name);
        let value = match h.name.as_str() {
            "version" if op.version == api.version => "{{version}}".to_owned(),
            "version" => op.version.clone(),
            "companyId" => "{{companyId}}".into(),
            "lang" => "{{lang}}".into(),
            "trace" => "{{trace}}".into(),
            "token" if op.access == Access::Admin => "{{adminToken}}".into(),
            "token" => "{{token}}".into(),
            _ => def.and_then(|d| d.example.clone()).unwrap_or_default(),
        };
        let presence = match h.presence {
            Presence::Required => "Required.",
            _ => "Optional.",
        };
        let text = def.map(|d| d.description.trim()).unwrap_or_default();
        out.push(Header {
            key: h.name.clone(),
            value,
            kind: "text",
            description: format!("{presence} {text}").trim_end().to_owned(),
        });
    }
    out
}

fn environment(api: &Api) -> Environment {
    Environment {
        name: format!("{} (mock)", api.name),
        values: variables(api)
            .into_iter()
            .map(|(key, value, secret)| EnvironmentValue {
                key: key.into(),
                value,
                kind: if secret { "secret" } else { "default" },
                enabled: true,
            })
            .collect(),
        scope: "environment",
    }
}
