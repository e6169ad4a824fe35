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
    /// Where the mock listens (`127.0.0.1:8080`): a server for the docs test.
    pub(super) mock_address: String,
    /// The generated crate's package name.
    pub(super) crate_name: String,
    pub(super) mock_command: String,
    pub(super) vars: String,
    pub(super) steps: Vec<Step>,
    /// `None` when a step's example has no constructor-only Rust spelling.
    pub(super) rust: Option<String>,
    /// The quick start with the Python client, blocking then asyncio.
    pub(super) python: String,
    pub(super) python_async: String,
    /// Telling an error envelope from no answer, in Python.
    pub(super) python_errors: Option<String>,
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
    let steps = resolve(api);
    if steps.is_empty() {
        return None;
    }
    let mock_command = crate::facts::mock_command(
        api,
        &format!(
            "--port {} --token {} --admin-token {}",
            mock::PORT,
            mock::TOKEN,
            mock::ADMIN_TOKEN
        ),
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
        mock_address: mock::base_url().trim_start_matches("http://").to_owned(),
        crate_name: api.name.clone(),
        mock_command,
        vars,
        steps: out_steps,
        rust: rust_snippet(api, lang, &steps),
        python: crate::python::values::docs_example(api, "Client"),
        python_async: crate::python::values::docs_example(api, "AsyncClient"),
        python_errors: crate::python::values::docs_error_example(api),
        typescript: ts_snippet(api, lang, &steps),
    })
}

/// The quick start with the generated TypeScript client, for the package's
/// README; `None` when the spec declares no quick start.
pub(crate) fn typescript_quick_start(api: &Api, lang: Lang) -> Option<String> {
    let steps = resolve(api);
    (!steps.is_empty()).then(|| ts_snippet(api, lang, &steps))
}

/// The spec's quick-start steps with their operations (steps naming no
/// operation are skipped; the loader reports them).
fn resolve(api: &Api) -> Vec<(&Service, &Operation, &QuickStep)> {
    api.quick_start
        .iter()
        .filter_map(|step| {
            let (s, o) = api.operations().find(|(_, o)| o.path == step.operation)?;
            Some((s, o, step))
        })
        .collect()
}

/// The request body of a step: its named example's, else the operation's
/// request example.
pub(crate) fn body_of(api: &Api, op: &Operation, step: &QuickStep) -> Value {
    RequestExample::named(api, op, step.example.as_deref())
        .body
        .into_owned()
}

/// The same steps with the generated Rust client: a whole `main.rs` that
/// builds its requests with the crate's constructors (no feature beyond the
/// defaults) and reads `BASE_URL` as the shell steps do. `None` when a step's
/// example has no constructor-only spelling ([`crate::rust::example`]).
fn rust_snippet(
    api: &Api,
    lang: Lang,
    steps: &[(&Service, &Operation, &QuickStep)],
) -> Option<String> {
    let krate = api.name.replace('-', "_");
    let names = crate::rust::RustNames::new(api);
    let l = lang.labels();
    let mut imports = std::collections::BTreeSet::new();
    let mut body = vec![
        format!("// {}", l.qs_base_url_comment),
        format!(
            "let base_url = std::env::var(\"BASE_URL\").unwrap_or_else(|_| \"{}\".to_owned());",
            mock::base_url()
        ),
        format!(
            "let client = Client::new(ClientConfig::new(base_url, \"{}\"))?;",
            company(api)
        ),
    ];
    for (s, op, step) in steps {
        let service = names.service_named(&s.name)?;
        let op_names = service.operation(s, op)?;
        let method = op_names.method.trim_start_matches("r#");
        let request =
            crate::rust::example::request_source(api, &names, s, op, &body_of(api, op, step))?;
        imports.extend(request.imports);
        let argument = if request.expr.ends_with("::new()") {
            format!("&{}", request.expr)
        } else {
            body.push(format!("let {method} = {};", request.expr));
            format!("&{method}")
        };
        let call = format!(
            "client.{}().{}({argument}).await?",
            service.module, op_names.method
        );
        match (&step.token_from, &op.response.ty) {
            (Some(_), _) if matches!(op.session, crate::ir::Session::Sets { .. }) => {
                // `setsToken`: the client stores the token itself.
                body.push(format!("{call}; // {}", l.qs_keeps_token_comment));
            }
            (Some(pointer), _) => {
                let field = pointer.rsplit('/').next().unwrap_or("token");
                body.push(format!("let answer = {call};"));
                body.push(format!(
                    "client.set_token(answer.{});",
                    heck::ToSnakeCase::to_snake_case(field)
                ));
            }
            (None, Some(_)) => {
                let var = ["find_", "get_", "query_"]
                    .iter()
                    .find_map(|p| method.strip_prefix(p))
                    .unwrap_or(method);
                let var = if var == method {
                    format!("{method}_answer")
                } else {
                    var.to_owned()
                };
                body.push(format!("let {var} = {call};"));
                body.push(format!("println!(\"{{{var}:?}}\");"));
            }
            (None, None) => body.push(format!("{call};")),
        }
    }
    body.push("Ok(())".to_owned());
    let mut lines: Vec<String> = group_imports(&krate, &imports);
    lines.push(format!("use {krate}::{{Client, ClientConfig}};"));
    lines.push(String::new());
    lines.push("#[tokio::main]".to_owned());
    lines.push("async fn main() -> Result<(), Box<dyn std::error::Error>> {".to_owned());
    for line in body {
        for part in line.split('\n') {
            lines.push(format!("    {part}"));
        }
    }
    lines.push("}".to_owned());
    Some(lines.join("\n"))
}

/// `use krate::module::{A, B};` per module, sorted.
fn group_imports(krate: &str, imports: &std::collections::BTreeSet<String>) -> Vec<String> {
    let mut by_module: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for path in imports {
        if let Some((module, item)) = path.rsplit_once("::") {
            by_module.entry(module).or_default().push(item);
        }
    }
    by_module
        .into_iter()
        .map(|(module, items)| match items.as_slice() {
            [one] => format!("use {krate}::{module}::{one};"),
            many => format!("use {krate}::{module}::{{{}}};", many.join(", ")),
        })
        .collect()
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
pub(crate) fn js_literal(v: &Value) -> String {
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
