//! The quick start of the index page: run the mock, set the variables,
//! then the spec's quick-start operations with curl (the token flowing
//! from the step that returns it), with the Rust client and with the
//! TypeScript client.

use serde_json::Value;

use super::frame::Ctx;
use super::lang::Lang;
use super::shell::{curl_command, sh_quote};
use super::text::op_summary;
use crate::facts::example::company_id as company;
use crate::facts::{mock, RequestExample};
use crate::ir::{Api, Operation, QuickStep, Service};

pub(super) struct QuickStart {
    pub(super) mock_command: String,
    pub(super) vars: String,
    pub(super) steps: Vec<Step>,
    pub(super) rust: String,
    pub(super) typescript: String,
}

pub(super) struct Step {
    pub(super) heading: String,
    pub(super) text: String,
    pub(super) curl: String,
}

/// The quick start, or `None` when the spec declares none.
pub(super) fn build(cx: &Ctx) -> Option<QuickStart> {
    let (api, lang, l) = (cx.api, cx.lang, cx.l);
    let steps: Vec<(&Service, &Operation, &QuickStep)> = api
        .quick_start
        .iter()
        .filter_map(|step| {
            let (s, o) = api.operations().find(|(_, o)| o.path == step.operation)?;
            Some((s, o, step))
        })
        .collect();
    if steps.is_empty() {
        return None;
    }
    let mock_command = format!(
        "cargo run -p {name} --bin {name}-mock -- --port {port} --token {token} --admin-token {admin}",
        name = api.name,
        port = mock::PORT,
        token = mock::TOKEN,
        admin = mock::ADMIN_TOKEN,
    );
    let vars = format!(
        "export BASE_URL={}\nexport ADMIN_TOKEN={}",
        mock::base_url(),
        mock::ADMIN_TOKEN
    );
    let out_steps = steps
        .iter()
        .enumerate()
        .map(|(i, (_, op, step))| {
            let body = body_of(api, op, step);
            let token_var = match op.access {
                crate::ir::Access::Admin => "$ADMIN_TOKEN",
                _ => "$TOKEN",
            };
            // A new trace per call, as the rules ask.
            let trace = format!("quickstart-{}", i + 1);
            let curl = curl_command(api, op, &body, lang, token_var, Some(&trace));
            let (curl, text) = match &step.token_from {
                Some(pointer) => {
                    let key = pointer.rsplit('/').next().unwrap_or("token");
                    let extract = sh_quote(&format!(r#"s/.*"{key}":"\([^"]*\)".*/\1/p"#));
                    (
                        format!(
                            "ANSWER=$({curl})\necho \"$ANSWER\"\nexport TOKEN=$(printf '%s' \"$ANSWER\" | sed -n {extract})"
                        ),
                        l.qs_token_text.to_owned(),
                    )
                }
                None => (curl, String::new()),
            };
            Step {
                heading: match lang {
                    Lang::Zh => format!("{}. {}（`{}`）", i + 3, op_summary(lang, op), op.name),
                    Lang::En => format!("{}. {} (`{}`)", i + 3, op_summary(lang, op), op.name),
                },
                text,
                curl,
            }
        })
        .collect();
    Some(QuickStart {
        mock_command,
        vars,
        steps: out_steps,
        rust: rust_snippet(api, &steps),
        typescript: ts_snippet(api, lang, &steps),
    })
}

/// The request body of a step: its named example's, else the operation's
/// request example.
fn body_of(api: &Api, op: &Operation, step: &QuickStep) -> Value {
    RequestExample::named(api, op, step.example.as_deref())
        .body
        .into_owned()
}

/// The same steps with the generated Rust client.
fn rust_snippet(api: &Api, steps: &[(&Service, &Operation, &QuickStep)]) -> String {
    let krate = api.name.replace('-', "_");
    let company = company(api);
    let names = crate::rust::RustNames::new(api);
    let mut lines = vec![
        format!("use {krate}::runtime::client::ClientConfig;"),
        String::new(),
        format!(
            "let config = ClientConfig::new(\"{}\", \"{company}\");",
            mock::base_url()
        ),
        format!("let client = {krate}::Client::new(config)?;"),
    ];
    for (s, op, step) in steps {
        let Some(service) = names.service_named(&s.name) else {
            continue;
        };
        let Some(op_names) = service.operation(s, op) else {
            continue;
        };
        let method = op_names.method.trim_start_matches("r#");
        let call = format!("client.{}().{}", service.module, op_names.method);
        let request = if op.request.fields.is_empty() {
            "&Default::default()".to_owned()
        } else {
            let body = serde_json::to_string(&body_of(api, op, step)).unwrap_or_default();
            lines.push(format!(
                "let {method}_request: {krate}::{}::{} = serde_json::from_str(r#\"{body}\"#)?;",
                service.module, op_names.request
            ));
            format!("&{method}_request")
        };
        match (&step.token_from, &op.response.ty) {
            (Some(_), _) if matches!(op.session, crate::ir::Session::Sets { .. }) => {
                // `setsToken`: the client stores the token itself.
                lines.push(format!(
                    "{call}({request}).await?; // the client keeps the token"
                ));
            }
            (Some(pointer), _) => {
                let field = pointer.rsplit('/').next().unwrap_or("token");
                lines.push(format!("let answer = {call}({request}).await?;"));
                lines.push(format!(
                    "client.set_token(answer.{});",
                    heck::ToSnakeCase::to_snake_case(field)
                ));
            }
            (None, Some(_)) => {
                lines.push(format!("let {method} = {call}({request}).await?;"));
                lines.push(format!("println!(\"{{{method}:?}}\");"));
            }
            (None, None) => lines.push(format!("{call}({request}).await?;")),
        }
    }
    lines.join("\n")
}

/// The same steps with the generated TypeScript client (the package named
/// like the crate). Plain JavaScript apart from the import, so that it also
/// runs as an ES module.
fn ts_snippet(api: &Api, lang: Lang, steps: &[(&Service, &Operation, &QuickStep)]) -> String {
    use crate::typescript::{is_identifier, string_literal, value_name, Names};
    let names = Names::new(api);
    let mut options = vec![
        format!("baseUrl: {}", string_literal(&mock::base_url())),
        format!("companyId: {}", string_literal(&company(api))),
        format!("lang: {}", string_literal(lang.header())),
    ];
    if steps
        .iter()
        .any(|(_, o, _)| o.access == crate::ir::Access::Admin)
    {
        options.push(format!("adminToken: {}", string_literal(mock::ADMIN_TOKEN)));
    }
    let mut lines = vec![
        format!("import {{ Client }} from {};", string_literal(&api.name)),
        String::new(),
        format!("const client = new Client({{ {} }});", options.join(", ")),
    ];
    for (s, op, step) in steps {
        let method = if is_identifier(&op.name) && op.name != "constructor" {
            format!(".{}", op.name)
        } else {
            format!("[{}]", string_literal(&op.name))
        };
        let call = format!(
            "await client.{}{method}({})",
            names.service(s),
            js_literal(&body_of(api, op, step))
        );
        let var = value_name(&op.name);
        match (&step.token_from, &op.response.ty) {
            (Some(pointer), _) => {
                let field = pointer.rsplit('/').next().unwrap_or("token");
                lines.push(format!("const {var} = {call};"));
                lines.push(format!("client.setToken({var}{});", js_member(field)));
            }
            (None, Some(_)) => {
                lines.push(format!("const {var} = {call};"));
                lines.push(format!("console.log({var});"));
            }
            (None, None) => lines.push(format!("{call};")),
        }
    }
    lines.join("\n")
}

/// `.name`, or `["odd-name"]`.
fn js_member(name: &str) -> String {
    if crate::typescript::is_identifier(name) {
        format!(".{name}")
    } else {
        format!("[{}]", crate::typescript::string_literal(name))
    }
}

/// A JSON value as a JavaScript literal: `{ type: 2, loginName: "x" }`.
pub(super) fn js_literal(v: &Value) -> String {
    match v {
        Value::Object(map) if map.is_empty() => "{}".into(),
        Value::Object(map) => {
            let members: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", crate::typescript::property(k), js_literal(v)))
                .collect();
            format!("{{ {} }}", members.join(", "))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(js_literal).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}
