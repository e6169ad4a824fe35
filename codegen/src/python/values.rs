//! Python source for JSON values of the spec's types: enum members,
//! `Decimal("…")`, model constructors. Used for the examples of the docs
//! and by the tests, which call every operation with them.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

use super::names;
use super::service_refs::service_attrs;
use crate::ir::{Api, Code, Operation, Ty};

/// Renders values and remembers which names of the package they use.
#[derive(Debug, Default)]
pub struct Values {
    /// Classes of `customer_api.types` the values name.
    pub types: BTreeSet<String>,
    /// Whether a value is a `Decimal`.
    pub decimal: bool,
}

impl Values {
    /// A Python expression for `v`, a JSON value of type `ty`.
    pub fn value(&mut self, api: &Api, ty: &Ty, v: &Value) -> String {
        if v.is_null() {
            return "None".into();
        }
        match ty {
            Ty::String => match v {
                Value::String(s) => names::string_literal(s),
                other => names::string_literal(&other.to_string()),
            },
            Ty::Int32 | Ty::Int64 | Ty::Timestamp => match v {
                Value::String(s) if s.parse::<i64>().is_ok() => s.clone(),
                other => other.to_string(),
            },
            Ty::Bool => match v.as_bool() {
                Some(true) => "True".into(),
                _ => "False".into(),
            },
            Ty::Decimal => {
                self.decimal = true;
                let text = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                format!("Decimal({})", names::string_literal(&text))
            }
            Ty::Json => json(v),
            Ty::Enum(name) => self.enum_value(api, name, v),
            Ty::Struct(name) => match (api.find_struct(name), v.as_object()) {
                (Some(s), Some(map)) => {
                    let class = names::type_class(api, &s.name);
                    self.types.insert(class.clone());
                    let attrs =
                        names::dedupe(s.fields.iter().map(|f| names::field(&f.name)).collect());
                    let args: Vec<String> = s
                        .fields
                        .iter()
                        .zip(attrs)
                        .filter_map(|(f, attr)| {
                            let value = map.get(&f.name)?;
                            if value.is_null() && !f.nullable {
                                return None;
                            }
                            Some(format!("{attr}={}", self.value(api, &f.ty, value)))
                        })
                        .collect();
                    format!("{class}({})", args.join(", "))
                }
                _ => json(v),
            },
            Ty::List(item) => match v.as_array() {
                Some(items) => {
                    let items: Vec<String> =
                        items.iter().map(|i| self.value(api, item, i)).collect();
                    format!("[{}]", items.join(", "))
                }
                None => json(v),
            },
            Ty::Map(item) => match v.as_object() {
                Some(map) => {
                    let entries: Vec<String> = map
                        .iter()
                        .map(|(k, i)| {
                            format!("{}: {}", names::string_literal(k), self.value(api, item, i))
                        })
                        .collect();
                    format!("{{{}}}", entries.join(", "))
                }
                None => json(v),
            },
        }
    }

    fn enum_value(&mut self, api: &Api, name: &str, v: &Value) -> String {
        let Some(e) = api.find_enum(name) else {
            return json(v);
        };
        let class = names::type_class(api, &e.name);
        self.types.insert(class.clone());
        let members = names::dedupe(
            e.values
                .iter()
                .map(|v| names::constant(&v.name, "VALUE"))
                .collect(),
        );
        let found = e
            .values
            .iter()
            .zip(members)
            .find(|(value, _)| match &value.code {
                Code::Int(n) => v.as_i64() == Some(*n),
                Code::Str(s) => v.as_str() == Some(s.as_str()),
            });
        match found {
            Some((_, member)) => format!("{class}.{member}"),
            None => format!("{class}({})", json(v)),
        }
    }

    /// The keyword arguments of a call of `op` with `body` (a request
    /// example), the required fields it lacks taken from a sample body.
    pub fn arguments(&mut self, api: &Api, op: &Operation, body: &Value) -> Vec<String> {
        let sample = crate::facts::sample::request_body(api, op);
        op.request
            .fields
            .iter()
            .zip(parameters(op))
            .filter_map(|(f, name)| {
                let value = body
                    .get(&f.name)
                    .or_else(|| f.required.then(|| sample.get(&f.name)).flatten())?;
                if value.is_null() && !f.nullable {
                    return None;
                }
                Some(format!("{name}={}", self.value(api, &f.ty, value)))
            })
            .collect()
    }
}

/// A JSON value as a Python literal (`None`, `True`, dicts and lists).
pub fn json(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => names::string_literal(s),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(json).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", names::string_literal(k), json(v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
    }
}

/// `prefix(a, b)` on one line when it fits in 88 columns, else one
/// argument per line.
pub fn format_call(indent: &str, prefix: &str, args: &[String]) -> String {
    let one = format!("{indent}{prefix}({})", args.join(", "));
    if one.len() <= 88 || args.is_empty() {
        return one;
    }
    let mut out = format!("{indent}{prefix}(\n");
    for a in args {
        out.push_str(&format!("{indent}    {a},\n"));
    }
    out.push_str(indent);
    out.push(')');
    out
}

/// The attribute of `op`'s service on the client, and the method.
pub fn path_of(api: &Api, op: &Operation) -> (String, String) {
    Paths::new(api).path_of(op)
}

/// The attribute of a paged `op`'s service on the client, and its iterator
/// method (`page_all`); `None` for an operation that does not page.
pub fn iterator_of(api: &Api, op: &Operation) -> Option<(String, String)> {
    Paths::new(api).iterator_of(op)
}

/// How the client reaches every operation: its service's attribute, its
/// method and, if it pages, its iterator; by operation path. Built once
/// for a caller that asks for many operations (names depend on the whole
/// API, so each lookup alone costs a pass over it).
#[derive(Debug, Default)]
pub struct Paths {
    by_path: HashMap<String, (String, String, Option<String>)>,
}

impl Paths {
    pub fn new(api: &Api) -> Paths {
        let mut by_path = HashMap::new();
        for (service, attr) in api.services.iter().zip(service_attrs(api)) {
            let methods = super::paging::service_methods(api, service);
            for (op, (method, iterator)) in service.operations.iter().zip(methods) {
                by_path.insert(op.path.clone(), (attr.clone(), method, iterator));
            }
        }
        Paths { by_path }
    }

    /// The attribute of `op`'s service on the client, and the method.
    pub fn path_of(&self, op: &Operation) -> (String, String) {
        self.by_path
            .get(&op.path)
            .map(|(attr, method, _)| (attr.clone(), method.clone()))
            .unwrap_or_default()
    }

    /// The attribute of a paged `op`'s service, and its iterator method.
    pub fn iterator_of(&self, op: &Operation) -> Option<(String, String)> {
        let (attr, _, iterator) = self.by_path.get(&op.path)?;
        Some((attr.clone(), iterator.clone()?))
    }
}

/// The request body of `op` the examples send: its request example (the
/// fact every output shows), or the example called `example`.
pub fn example_body(api: &Api, op: &Operation, example: Option<&str>) -> Value {
    crate::facts::RequestExample::named(api, op, example)
        .body
        .into_owned()
}

/// The arguments that connect a client to the mock:
/// `"http://127.0.0.1:8080", company_id="360"`.
pub fn connect(api: &Api) -> String {
    format!(
        "{}, company_id={}",
        names::string_literal(&crate::facts::mock::base_url()),
        names::string_literal(&crate::facts::example::company_id(api))
    )
}

/// The quick start as Python: the client, then each quick-start step
/// (imports first), indented by `indent`. `class` is `Client` or
/// `AsyncClient` (whose calls are awaited, inside `async def main()`).
pub fn client_example(api: &Api, class: &str, indent: &str) -> String {
    quick_start_example(api, class, indent, false)
}

/// [`client_example`] for the docs' quick start: the base URL is `BASE_URL`
/// from the environment, as the shell steps set it, else the mock's.
pub fn docs_example(api: &Api, class: &str) -> String {
    quick_start_example(api, class, "", true)
}

/// The docs' error handling: a fresh client (no token) calls the first
/// quick-start operation that needs the customer's token, and the two
/// exceptions are told apart. `None` when no quick-start step needs one.
pub fn docs_error_example(api: &Api) -> Option<String> {
    let pkg = super::import_name(api);
    let (op, step) = api.quick_start.iter().find_map(|step| {
        let (_, op) = api.operations().find(|(_, o)| o.path == step.operation)?;
        (op.access == crate::ir::Access::Login).then_some((op, step))
    })?;
    let mut values = Values::default();
    let body = example_body(api, op, step.example.as_deref());
    let args = values.arguments(api, op, &body);
    let (attr, method) = path_of(api, op);
    let mut lines = vec!["import os".to_owned(), String::new()];
    if values.decimal {
        lines.insert(1, "from decimal import Decimal".to_owned());
    }
    lines.push(format!("from {pkg} import ApiError, Client, ClientError"));
    if !values.types.is_empty() {
        let types: Vec<&str> = values.types.iter().map(String::as_str).collect();
        lines.push(format!("from {pkg}.types import {}", types.join(", ")));
    }
    lines.push(String::new());
    lines.push(format!("client = Client({})", env_connect(api)));
    lines.push("try:".to_owned());
    lines.push(format_call(
        "    ",
        &format!("client.{attr}.{method}"),
        &args,
    ));
    lines.push("except ApiError as e:".to_owned());
    lines.push("    print(\"error envelope:\", e.code, e.msg, e.trace)".to_owned());
    lines.push("except ClientError as e:".to_owned());
    lines.push("    print(\"no answer:\", e.kind, e)".to_owned());
    Some(lines.join("\n"))
}

/// `os.environ.get("BASE_URL", "http://127.0.0.1:8080"), company_id="360"`.
fn env_connect(api: &Api) -> String {
    format!(
        "os.environ.get(\"BASE_URL\", {}), company_id={}",
        names::string_literal(&crate::facts::mock::base_url()),
        names::string_literal(&crate::facts::example::company_id(api))
    )
}

fn quick_start_example(api: &Api, class: &str, indent: &str, from_env: bool) -> String {
    let awaited = class == "AsyncClient";
    let pkg = super::import_name(api);
    let mut values = Values::default();
    let mut body_lines = Vec::new();
    let inner = if awaited { "    " } else { "" };
    let connect = if from_env {
        env_connect(api)
    } else {
        connect(api)
    };
    let open = format!("{class}({connect})");
    if awaited {
        body_lines.push(format!("async with {open} as client:"));
    } else {
        body_lines.push(format!("client = {open}"));
    }
    for step in &api.quick_start {
        let Some((_, op)) = api.operations().find(|(_, o)| o.path == step.operation) else {
            continue;
        };
        let body = example_body(api, op, step.example.as_deref());
        let args = values.arguments(api, op, &body);
        let (attr, method) = path_of(api, op);
        let call = format!(
            "{}client.{attr}.{method}",
            if awaited { "await " } else { "" }
        );
        let keeps = matches!(op.session, crate::ir::Session::Sets { .. });
        let line = match (&op.response.ty, keeps) {
            (Some(_), false) => {
                let var = ["find_", "get_", "query_"]
                    .iter()
                    .find_map(|p| method.strip_prefix(p))
                    .unwrap_or(&method)
                    .trim_end_matches('_')
                    .to_owned();
                let line = format_call(inner, &format!("{var} = {call}"), &args);
                body_lines.push(line);
                format!("{inner}print({var})")
            }
            (_, true) => {
                body_lines.push(format!("{inner}# The client keeps the token it returns."));
                format_call(inner, &call, &args)
            }
            (None, false) => format_call(inner, &call, &args),
        };
        body_lines.push(line);
    }
    let mut lines = Vec::new();
    if awaited {
        lines.push("import asyncio".to_owned());
    }
    if from_env {
        lines.push("import os".to_owned());
    }
    if values.decimal {
        lines.push("from decimal import Decimal".to_owned());
    }
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!("from {pkg} import {class}"));
    if !values.types.is_empty() {
        let types: Vec<&str> = values.types.iter().map(String::as_str).collect();
        lines.push(format!("from {pkg}.types import {}", types.join(", ")));
    }
    lines.push(String::new());
    if awaited {
        lines.push(String::new());
        lines.push("async def main() -> None:".to_owned());
        lines.extend(
            body_lines
                .into_iter()
                .flat_map(|l| l.lines().map(|x| format!("    {x}")).collect::<Vec<_>>()),
        );
        lines.push(String::new());
        lines.push(String::new());
        lines.push("asyncio.run(main())".to_owned());
    } else {
        lines.extend(body_lines);
    }
    lines
        .iter()
        .flat_map(|l| l.split('\n'))
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{indent}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A loop over every item of a paged operation (`for item in
/// client.<service>.<x>_all(...):`, or `async for`), with the request's
/// fields from `body` but its page number (the iterator sets it); and the
/// imports its values need. `None` for an operation that does not page.
pub fn iterator_loop(
    api: &Api,
    paths: &Paths,
    op: &Operation,
    body: &Value,
    awaited: bool,
) -> Option<(Vec<String>, String)> {
    let (attr, iterator) = paths.iterator_of(op)?;
    let mut body = body.clone();
    if let (Some(p), Value::Object(map)) = (&op.paginate, &mut body) {
        map.shift_remove(&p.page);
    }
    let mut values = Values::default();
    let args = values.arguments(api, op, &body);
    let head = format!(
        "{}for item in client.{attr}.{iterator}",
        if awaited { "async " } else { "" }
    );
    let code = format!("{}:\n    print(item)", format_call("", &head, &args));
    Some((imports(api, &values), code))
}

/// The token argument of a client that calls `op` on the mock (its
/// default tokens), if it needs one.
pub fn mock_token_argument(op: &Operation) -> Option<String> {
    use crate::facts::mock;
    match op.access {
        crate::ir::Access::Guest => None,
        crate::ir::Access::Admin => Some(format!(
            "admin_token={}",
            names::string_literal(mock::ADMIN_TOKEN)
        )),
        crate::ir::Access::Login | crate::ir::Access::Optional => {
            Some(format!("token={}", names::string_literal(mock::TOKEN)))
        }
    }
}

/// `from decimal import Decimal` and `from <pkg>.types import ...`, as the
/// values need them.
pub(super) fn imports(api: &Api, values: &Values) -> Vec<String> {
    let mut lines = Vec::new();
    if values.decimal {
        lines.push("from decimal import Decimal".to_owned());
    }
    if !values.types.is_empty() {
        let types: Vec<&str> = values.types.iter().map(String::as_str).collect();
        lines.push(format!(
            "from {}.types import {}",
            super::import_name(api),
            types.join(", ")
        ));
    }
    lines
}

/// The keyword argument of `op`'s request field `wire` (`current`, `in_`).
pub fn parameter_of(op: &Operation, wire: &str) -> Option<String> {
    op.request
        .fields
        .iter()
        .zip(parameters(op))
        .find(|(f, _)| f.name == wire)
        .map(|(_, p)| p)
}

/// The keyword arguments of `op`'s request fields, in the fields' order.
pub(super) fn parameters(op: &Operation) -> Vec<String> {
    names::dedupe(
        op.request
            .fields
            .iter()
            .map(|f| names::parameter(&f.name))
            .collect(),
    )
}
