//! The page "Retries, pagination and hooks" (what every generated SDK does
//! the same way, with a snippet per SDK) and the iterator section of a
//! paged operation's page. The prose is in [`super::behaviour_text`]; the
//! snippets are built from the IR, so that they name this API's services,
//! and run against the mock (its defaults are the facts').

use askama::Template;
use serde_json::Value;

use super::behaviour_text::Prose;
use crate::docs::filters;
use crate::docs::frame::{Ctx, Frame};
use crate::docs::lang::Lang;
use crate::docs::quickstart::js_literal;
use crate::facts::example::company_id as company;
use crate::facts::mock;
use crate::ir::{Api, Operation, Service, Ty};
use crate::python::values as python;
use crate::rust::RustNames;
use crate::typescript::{property, string_literal, value_name, Names};

/// The page's file, relative to a language's docs root.
pub(in crate::docs) const PAGE: &str = "retries-pagination-hooks.md";

#[derive(Template)]
#[template(path = "docs/behaviour.md")]
pub(in crate::docs) struct BehaviourPage {
    f: Frame,
    p: &'static Prose,
    /// The prose's `example_text` with the mock's command.
    example_text: String,
    examples: Vec<Snippet>,
    settings: Vec<Setting>,
    paged: Vec<PagedRow>,
}

/// One SDK's example: the Rust crate, the TypeScript package, the Python package.
struct Snippet {
    sdk: &'static str,
    text: String,
    /// The code fence's language.
    fence: &'static str,
    code: String,
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
    python: String,
    items: String,
    total: String,
}

/// The iterator section of a paged operation's page.
pub(in crate::docs) struct PagingSection {
    /// Why its blocks are not run as they stand (a marker for the docs test).
    pub(in crate::docs) fragment: &'static str,
    pub(in crate::docs) heading: &'static str,
    pub(in crate::docs) text: String,
    pub(in crate::docs) rust: String,
    pub(in crate::docs) typescript: String,
    pub(in crate::docs) python: String,
}

pub(in crate::docs) fn title(lang: Lang) -> &'static str {
    Prose::of(lang).title
}

pub(in crate::docs) fn page(cx: &Ctx) -> BehaviourPage {
    let (api, lang) = (cx.api, cx.lang);
    let p = Prose::of(lang);
    let names = Names::new(api);
    let rust_names = RustNames::new(api);
    let python_paths = cx.python_paths();
    let paged = api
        .operations()
        .filter(|(_, o)| o.paginate.is_some())
        .filter_map(|(s, o)| {
            let fields = api.page_fields(o)?;
            let rust = RustOp::of(&rust_names, s, o)?;
            Some(PagedRow {
                name: format!("{}.{}", s.name, o.name),
                href: cx.pages.operation(s, o),
                rust: format!("`{}().{}`", rust.module, rust.iterator),
                ts: format!("`{}.{}`", names.service(s), ts_iterator(o)),
                python: python_paths
                    .iterator_of(o)
                    .map(|(attr, iterator)| format!("`{attr}.{iterator}`"))
                    .unwrap_or_default(),
                items: format!("`{}` ({})", fields.items.name, fields.item),
                total: fields
                    .total
                    .map_or_else(|| p.no_total.to_owned(), |t| format!("`{}`", t.name)),
            })
        })
        .collect();
    let mock = crate::facts::mock_command(
        api,
        &format!("--port {} --token {}", mock::PORT, mock::TOKEN),
    );
    BehaviourPage {
        f: Frame::new(lang, PAGE),
        p,
        example_text: p.example_text.replace("{mock}", &format!("`{mock}`")),
        examples: examples(api, &names, p),
        settings: settings(api, p),
        paged,
    }
}

/// Every SDK's example.
fn examples(api: &Api, names: &Names, p: &Prose) -> Vec<Snippet> {
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
            code: ts_example(api, names, paged),
        },
        Snippet {
            sdk: "Python",
            text: p.python_text.to_owned(),
            fence: "python",
            code: python_example(api, paged),
        },
    ]
}

fn settings(api: &Api, p: &Prose) -> Vec<Setting> {
    let row = |what, rust: &str, ts: &str, python: &str| Setting {
        what,
        rust: rust.to_owned(),
        ts: ts.to_owned(),
        python: python.to_owned(),
    };
    let logger = crate::python::import_name(api);
    vec![
        row(
            p.set_client,
            "`ClientConfig::with_max_retries(n)`",
            "`new Client({ maxRetries: n })`",
            "`Client(..., max_retries=n)`",
        ),
        row(
            p.set_call,
            "`.with(CallOptions::default().with_max_retries(n))`",
            p.ts_call_retries,
            p.py_call_retries,
        ),
        row(
            p.set_idempotent,
            "`CallOptions::default().idempotent()`",
            p.ts_call_idempotent,
            p.py_call_idempotent,
        ),
        row(
            p.set_backoff,
            "`RetryPolicy::default().with_backoff(..).with_jitter(..).with_sleep(..)`",
            "`retry: { initialBackoffMs, maxBackoffMs, jitter, sleep }`",
            "`retry=RetryPolicy(initial_backoff=, max_backoff=, jitter=, sleep=, async_sleep=)`",
        ),
        row(
            p.set_hooks,
            "`ClientConfig::on_request(..)`, `on_response(..)`, `with_hooks(impl Hooks)`",
            "`onRequest`, `onResponse`",
            "`Client(..., on_request=f, on_response=g)`",
        ),
        row(
            p.set_logging,
            p.rust_logging,
            p.ts_logging,
            &p.py_logging.replace("{logger}", &logger),
        ),
        row(
            p.set_meta,
            "`.with(CallOptions)` → `Response`",
            "`.withMeta()` → `Response`",
            "`client.with_response(lambda c: ...)` → `Response`",
        ),
    ]
}

/// The iterator section of a paged operation's page; `None` for others.
pub(in crate::docs) fn paging_section<'a>(
    cx: &Ctx<'_, 'a>,
    service: &Service,
    op: &'a Operation,
    root: &str,
) -> Option<PagingSection> {
    let api = cx.api;
    let fields = api.page_fields(op)?;
    let p = Prose::of(cx.lang);
    let pagination = op.paginate.as_ref()?;
    let names = RustOp::of(cx.rust_names(), service, op)?;
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
    let body = body_without_page(cx, op);
    let krate = api.name.replace('-', "_");
    // The request with the crate's constructors (default features only).
    // An example with a value no constructor spells falls back to the
    // required fields alone.
    let rust_names = cx.rust_names();
    let request = crate::rust::example::request_source(
        api,
        rust_names,
        service,
        op,
        &Value::Object(body.clone()),
    )
    .or_else(|| crate::rust::example::request_source(api, rust_names, service, op, &Value::Null))?;
    let imports = request
        .imports
        .iter()
        .map(|path| format!("use {krate}::{path};"));
    let rust = imports
        .chain([
            format!("let request = {};", request.expr),
            format!(
                "let mut items = client.{}().{}(&request);",
                names.module, names.iterator
            ),
            "while let Some(item) = items.next().await {".into(),
            "    println!(\"{:?}\", item?);".into(),
            "}".into(),
        ])
        .collect::<Vec<_>>()
        .join("\n");
    let typescript = [
        format!(
            "for await (const item of client.{}.{}({})) {{",
            Names::new(api).service(service),
            ts_iterator(op),
            ts_request(op, &body)
        ),
        "  console.log(item);".into(),
        "}".into(),
    ]
    .join("\n");
    let (imports, walk) =
        python::iterator_loop(api, cx.python_paths(), op, &Value::Object(body), false)
            .unwrap_or_default();
    let python = if imports.is_empty() {
        walk
    } else {
        format!("{}\n\n{walk}", imports.join("\n"))
    };
    Some(PagingSection {
        fragment: p.op_fragment,
        heading: p.op_heading,
        text,
        rust,
        typescript,
        python,
    })
}

/// The operation's request example (the fact) without its page number
/// (the iterator sets it), or `{}`.
fn body_without_page<'a>(cx: &Ctx<'_, 'a>, op: &'a Operation) -> serde_json::Map<String, Value> {
    let mut map = match cx.facts.request_example(op).body.as_ref() {
        Value::Object(map) => map.clone(),
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
            format!("{}: {value}", property(k))
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
    value_name(&format!("{}All", op.name))
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
        format!(
            "let config = ClientConfig::new(\"{}\", \"{company}\")",
            mock::base_url()
        ),
        format!("    .with_token(\"{}\")", mock::TOKEN),
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
fn ts_example(api: &Api, names: &Names, paged: Option<(&Service, &Operation)>) -> String {
    let mut lines = vec![
        format!("import {{ Client }} from {};", string_literal(&api.name)),
        String::new(),
        "const client = new Client({".into(),
        format!("  baseUrl: {},", string_literal(&mock::base_url())),
        format!("  companyId: {},", string_literal(&company(api))),
        format!("  token: {},", string_literal(mock::TOKEN)),
        "  maxRetries: 3, // 0 turns retries off".into(),
        "  onRequest: (r) => console.log(`-> ${r.bizType} attempt ${r.attempt} trace ${r.trace}`),"
            .into(),
        "  onResponse: (r) => console.log(`<- ${r.status} ${r.code} in ${r.elapsedMs} ms`),".into(),
        "});".into(),
    ];
    if let Some((s, o)) = paged {
        let service = names.service(s);
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
        let one_page = value_name(&o.name);
        lines.extend([
            String::new(),
            "// Every item, one page at a time.".into(),
            format!(
                "for await (const item of client.{service}.{}({{ {}: {} }})) {{",
                ts_iterator(o),
                property(&size),
                number(&size, 50)
            ),
            "  console.log(item);".into(),
            "}".into(),
            String::new(),
            "// One page, with the HTTP status, headers and attempts.".into(),
            format!(
                "const answer = await client.{service}.withMeta().{one_page}({{ {}: {} }}, {{ maxRetries: 5 }});",
                property(&page),
                number(&page, 2)
            ),
            "console.log(`HTTP ${answer.status} after ${answer.attempts} attempt(s)`);".into(),
        ]);
    }
    lines.join("\n")
}

/// The Python example, the same calls as the Rust one.
fn python_example(api: &Api, paged: Option<(&Service, &Operation)>) -> String {
    let mut lines = vec![
        format!("from {} import Client", crate::python::import_name(api)),
        String::new(),
        "client = Client(".into(),
        format!("    {},", python::connect(api)),
        format!(
            "    token={},",
            crate::python::names::string_literal(mock::TOKEN)
        ),
        "    max_retries=3,  # 0 turns retries off".into(),
        "    on_request=lambda r: print(f\"-> {r.biz_type} attempt {r.attempt} trace {r.trace}\"),"
            .into(),
        "    on_response=lambda r: print(f\"<- {r.status} {r.code} in {r.elapsed:.3f} s\"),".into(),
        ")".into(),
    ];
    let names = paged.and_then(|(_, o)| {
        let (attr, iterator) = python::iterator_of(api, o)?;
        let (_, method) = python::path_of(api, o);
        let p = o.paginate.as_ref()?;
        Some((
            attr,
            iterator,
            method,
            python::parameter_of(o, &p.size)?,
            python::parameter_of(o, &p.page)?,
        ))
    });
    if let Some((attr, iterator, method, size, page)) = names {
        lines.extend([
            String::new(),
            "# Every item, one page at a time.".into(),
            format!("for item in client.{attr}.{iterator}({size}=50):"),
            "    print(item)".into(),
            String::new(),
            "# One page, with the HTTP status, headers and attempts.".into(),
            "answer = client.with_response(".into(),
            format!("    lambda c: c.{attr}.{method}({page}=2, max_retries=5)"),
            ")".into(),
            "print(f\"HTTP {answer.status} after {answer.attempts} attempt(s)\")".into(),
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
