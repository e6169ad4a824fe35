//! The page "Retries, pagination and hooks" (what every generated SDK does
//! the same way, with a snippet per SDK) and the iterator section of a
//! paged operation's page. The prose is in [`super::behaviour_text`]; the
//! snippets are built from the IR, so that they name this API's services.

use askama::Template;
use serde_json::Value;

use super::filters;
use super::lang::Lang;
use super::model::Frame;
use super::quickstart::{company, js_literal};
use crate::ir::{Api, Operation, Service, Ty};
use crate::rust::RustNames;

pub(super) use super::behaviour_text::Prose;

/// The page's file, relative to a language's docs root.
pub const PAGE: &str = "retries-pagination-hooks.md";

/// The mock's address and token, which the snippets run against.
const BASE_URL: &str = "http://127.0.0.1:8080";
const MOCK_TOKEN: &str = "mock-token";

#[derive(Template)]
#[template(path = "docs/behaviour.md")]
pub(super) struct BehaviourPage {
    f: Frame,
    p: &'static Prose,
    /// The prose's `example_text` with the mock's command.
    example_text: String,
    examples: Vec<Snippet>,
    settings: Vec<Setting>,
    paged: Vec<PagedRow>,
}

/// One SDK's example: the Rust crate, the TypeScript package, (Python).
pub(super) struct Snippet {
    pub(super) sdk: &'static str,
    pub(super) text: String,
    /// The code fence's language.
    pub(super) fence: &'static str,
    pub(super) code: String,
}

/// A row of the settings table: where each SDK takes it.
struct Setting {
    what: &'static str,
    rust: String,
    ts: String,
    python: String,
}

struct PagedRow {
    name: String,
    href: String,
    rust: String,
    ts: String,
    items: String,
    total: String,
}

/// The iterator section of a paged operation's page.
pub(super) struct PagingSection {
    pub(super) heading: &'static str,
    pub(super) text: String,
    pub(super) rust: String,
    pub(super) typescript: String,
}

pub(super) fn title(lang: Lang) -> &'static str {
    Prose::of(lang).title
}

pub(super) fn page(api: &Api, lang: Lang) -> BehaviourPage {
    let p = Prose::of(lang);
    let names = RustNames::new(api);
    let paged = api
        .operations()
        .filter(|(_, o)| o.paginate.is_some())
        .filter_map(|(s, o)| {
            let fields = api.page_fields(o)?;
            let rust = RustOp::of(&names, s, o)?;
            Some(PagedRow {
                name: format!("{}.{}", s.name, o.name),
                href: super::operation_page_path(s, o),
                rust: format!("`{}().{}`", rust.module, rust.iterator),
                ts: format!(
                    "`{}.{}`",
                    crate::typescript::value_name(&s.name),
                    ts_iterator(o)
                ),
                items: format!("`{}` ({})", fields.items.name, fields.item),
                total: fields
                    .total
                    .map_or_else(|| p.no_total.to_owned(), |t| format!("`{}`", t.name)),
            })
        })
        .collect();
    let mock = format!(
        "cargo run -p {name} --bin {name}-mock -- --port 8080 --token {MOCK_TOKEN}",
        name = api.name
    );
    BehaviourPage {
        f: Frame::new(lang, PAGE),
        p,
        example_text: p.example_text.replace("{mock}", &format!("`{mock}`")),
        examples: examples(api, p),
        settings: settings(p),
        paged,
    }
}

/// Every SDK's example. Python: add its snippet here once the SDK is
/// generated (and its column of [`settings`]).
fn examples(api: &Api, p: &Prose) -> Vec<Snippet> {
    // The first paged operation whose request is `new()` plus setters.
    let paged = api.operations().find(|(_, o)| {
        o.paginate.is_some() && !o.request.fields.iter().any(|f| f.required && !f.nullable)
    });
    vec![
        Snippet {
            sdk: "Rust",
            text: p.rust_text.to_owned(),
            fence: "rust",
            code: rust_example(api, paged),
        },
        Snippet {
            sdk: "TypeScript",
            text: p.ts_text.to_owned(),
            fence: "ts",
            code: ts_example(api, paged),
        },
    ]
}

fn settings(p: &Prose) -> Vec<Setting> {
    let row = |what, rust: &str, ts: &str| Setting {
        what,
        rust: rust.to_owned(),
        ts: ts.to_owned(),
        python: p.python_pending.to_owned(),
    };
    vec![
        row(
            p.set_client,
            "`ClientConfig::with_max_retries(n)`",
            "`new Client({ maxRetries: n })`",
        ),
        row(
            p.set_call,
            "`.with(CallOptions::default().with_max_retries(n))`",
            "`{ maxRetries: n }` (call options)",
        ),
        row(
            p.set_idempotent,
            "`CallOptions::default().idempotent()`",
            "`{ idempotent: true }` (call options)",
        ),
        row(
            p.set_backoff,
            "`RetryPolicy::default().with_backoff(..).with_jitter(..).with_sleep(..)`",
            "`retry: { initialBackoffMs, maxBackoffMs, jitter, sleep }`",
        ),
        row(
            p.set_hooks,
            "`ClientConfig::on_request(..)`, `on_response(..)`, `with_hooks(impl Hooks)`",
            "`onRequest`, `onResponse`",
        ),
        row(
            p.set_logging,
            "feature `tracing`: `tracing` spans and events",
            "`logger` (e.g. `console`)",
        ),
        row(
            p.set_meta,
            "`.with(CallOptions)` → `Response`",
            "`.withMeta()` → `Response`",
        ),
    ]
}

/// The iterator section of a paged operation's page; `None` for others.
pub(super) fn paging_section(
    api: &Api,
    service: &Service,
    op: &Operation,
    lang: Lang,
    root: &str,
) -> Option<PagingSection> {
    let fields = api.page_fields(op)?;
    let p = Prose::of(lang);
    let pagination = op.paginate.as_ref()?;
    let names = RustOp::of(&RustNames::new(api), service, op)?;
    let stop = match &pagination.total {
        Some(total) => p.stops_at_total.replace("{total}", &format!("`{total}`")),
        None => p.stops_short.to_owned(),
    };
    let text = p
        .op_text
        .replace("{page}", &format!("`{}`", pagination.page))
        .replace("{items}", &format!("`{}`", fields.items.name))
        .replace("{stop}", &stop)
        .replace("{link}", &format!("{root}{PAGE}"));
    let body = body_without_page(api, op);
    let krate = api.name.replace('-', "_");
    let rust = [
        format!(
            "let request: {krate}::{}::{} = serde_json::from_str(r#\"{}\"#)?;",
            names.module,
            names.request,
            Value::Object(body.clone())
        ),
        format!(
            "let mut items = client.{}().{}(&request);",
            names.module, names.iterator
        ),
        "while let Some(item) = items.next().await {".into(),
        "    println!(\"{:?}\", item?);".into(),
        "}".into(),
    ]
    .join("\n");
    let typescript = [
        format!(
            "for await (const item of client.{}.{}({})) {{",
            crate::typescript::value_name(&service.name),
            ts_iterator(op),
            ts_request(op, &body)
        ),
        "  console.log(item);".into(),
        "}".into(),
    ]
    .join("\n");
    Some(PagingSection {
        heading: p.op_heading,
        text,
        rust,
        typescript,
    })
}

/// The operation's example request without its page number (the iterator
/// sets it), or `{}`.
fn body_without_page(api: &Api, op: &Operation) -> serde_json::Map<String, Value> {
    let body = op
        .examples
        .iter()
        .find_map(|e| e.request.clone())
        .unwrap_or_else(|| super::sample::request_body(api, op));
    let mut map = match body {
        Value::Object(map) => map,
        _ => serde_json::Map::new(),
    };
    if let Some(p) = &op.paginate {
        map.shift_remove(&p.page);
    }
    map
}

/// A request literal for TypeScript: int64 fields as `bigint` (`14n`).
fn ts_request(op: &Operation, body: &serde_json::Map<String, Value>) -> String {
    if body.is_empty() {
        return "{}".into();
    }
    let members: Vec<String> = body
        .iter()
        .map(|(k, v)| {
            let int64 = op
                .request
                .fields
                .iter()
                .any(|f| f.name == *k && f.ty == Ty::Int64);
            let value = match v {
                Value::Number(n) if int64 => format!("{n}n"),
                other => js_literal(other),
            };
            format!("{}: {value}", crate::typescript::property(k))
        })
        .collect();
    format!("{{ {} }}", members.join(", "))
}

/// The Rust names a snippet shows for a paged operation.
struct RustOp {
    /// The service's module and the root client's accessor.
    module: String,
    request: String,
    /// The method of one page.
    method: String,
    iterator: String,
    /// The size and page fields of the request.
    size: String,
    page: String,
}

impl RustOp {
    fn of(names: &RustNames, service: &Service, op: &Operation) -> Option<RustOp> {
        let service_names = names.service_named(&service.name)?;
        let op_names = service_names.operation(service, op)?;
        let fields = crate::rust::names::fields(&op.request);
        let field = |wire: &str| {
            let i = op.request.fields.iter().position(|f| f.name == wire)?;
            Some(fields[i].trim_start_matches("r#").to_owned())
        };
        let pagination = op.paginate.as_ref()?;
        Some(RustOp {
            module: service_names.module.trim_start_matches("r#").to_owned(),
            request: op_names.request.clone(),
            method: op_names.method.clone(),
            iterator: op_names.iterator.clone()?,
            size: field(&pagination.size)?,
            page: field(&pagination.page)?,
        })
    }
}

fn ts_iterator(op: &Operation) -> String {
    crate::typescript::value_name(&format!("{}All", op.name))
}

/// The Rust example: retries and hooks on the configuration, every item of
/// the first paged operation, and one page with its metadata.
fn rust_example(api: &Api, paged: Option<(&Service, &Operation)>) -> String {
    let krate = api.name.replace('-', "_");
    let company = company(api);
    let names = RustNames::new(api);
    let paged = paged.and_then(|(s, o)| RustOp::of(&names, s, o));
    let mut lines = Vec::new();
    if let Some(o) = &paged {
        lines.push(format!("use {krate}::{}::{};", o.module, o.request));
    }
    lines.extend([
        format!("use {krate}::{{CallOptions, Client, ClientConfig}};"),
        String::new(),
        format!("let config = ClientConfig::new(\"{BASE_URL}\", \"{company}\")"),
        format!("    .with_token(\"{MOCK_TOKEN}\")"),
        "    .with_max_retries(3) // 0 turns retries off".into(),
        "    .on_request(|r| println!(\"-> {} attempt {} trace {}\", r.biz_type, r.attempt, r.trace))"
            .into(),
        "    .on_response(|r| println!(\"<- {:?} {:?} in {:?}\", r.status, r.code, r.elapsed));"
            .into(),
        "let client = Client::new(config)?;".into(),
    ]);
    if let Some(o) = &paged {
        let (size, page) = (&o.size, &o.page);
        let request = format!("{}::new()", o.request);
        lines.extend([
            String::new(),
            "// Every item, one page at a time.".into(),
            format!(
                "let mut items = client.{}().{}(&{request}.with_{size}(50));",
                o.module, o.iterator
            ),
            "while let Some(item) = items.next().await {".into(),
            "    println!(\"{:?}\", item?);".into(),
            "}".into(),
            String::new(),
            "// One page, with the HTTP status, headers and attempts.".into(),
            "let answer = client".into(),
            format!("    .{}()", o.module),
            "    .with(CallOptions::default().with_max_retries(5))".into(),
            format!("    .{}(&{request}.with_{page}(2))", o.method),
            "    .await?;".into(),
            "println!(\"HTTP {} after {} attempt(s)\", answer.status, answer.attempts);".into(),
        ]);
    }
    lines.join("\n")
}

/// The TypeScript example, the same calls as the Rust one.
fn ts_example(api: &Api, paged: Option<(&Service, &Operation)>) -> String {
    use crate::typescript::string_literal;
    let mut lines = vec![
        format!("import {{ Client }} from {};", string_literal(&api.name)),
        String::new(),
        "const client = new Client({".into(),
        format!("  baseUrl: \"{BASE_URL}\","),
        format!("  companyId: {},", string_literal(&company(api))),
        format!("  token: \"{MOCK_TOKEN}\","),
        "  maxRetries: 3, // 0 turns retries off".into(),
        "  onRequest: (r) => console.log(`-> ${r.bizType} attempt ${r.attempt} trace ${r.trace}`),"
            .into(),
        "  onResponse: (r) => console.log(`<- ${r.status} ${r.code} in ${r.elapsedMs} ms`),".into(),
        "});".into(),
    ];
    if let Some((s, o)) = paged {
        let service = crate::typescript::value_name(&s.name);
        let (size, page) = page_fields(api, o);
        let int64 = |name: &str| {
            o.request
                .fields
                .iter()
                .any(|f| f.name == name && f.ty == Ty::Int64)
        };
        let number = |name: &str, n: u32| {
            if int64(name) {
                format!("{n}n")
            } else {
                n.to_string()
            }
        };
        let one_page = crate::typescript::value_name(&o.name);
        lines.extend([
            String::new(),
            "// Every item, one page at a time.".into(),
            format!(
                "for await (const item of client.{service}.{}({{ {}: {} }})) {{",
                ts_iterator(o),
                crate::typescript::property(&size),
                number(&size, 50)
            ),
            "  console.log(item);".into(),
            "}".into(),
            String::new(),
            "// One page, with the HTTP status, headers and attempts.".into(),
            format!(
                "const answer = await client.{service}.withMeta().{one_page}({{ {}: {} }}, {{ maxRetries: 5 }});",
                crate::typescript::property(&page),
                number(&page, 2)
            ),
            "console.log(`HTTP ${answer.status} after ${answer.attempts} attempt(s)`);".into(),
        ]);
    }
    lines.join("\n")
}

/// The wire names of a paged operation's size and page fields.
fn page_fields(api: &Api, op: &Operation) -> (String, String) {
    match api.page_fields(op) {
        Some(f) => (f.size.name.clone(), f.page.name.clone()),
        None => ("size".into(), "current".into()),
    }
}
