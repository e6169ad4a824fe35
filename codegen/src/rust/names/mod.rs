//! Rust names for spec names. The IR keeps the spec's names; this module
//! alone decides what they are called in Rust: keywords become raw
//! identifiers (`r#type`) or take a trailing `_` (`self_`, a module
//! `type_`), names the generated code itself uses stay free (`Option_`, a
//! service module `types_`), and names that meet after casing get a number
//! (`verifyCodeSMS`, `verifyCodeSms` → `verify_code_sms`, `verify_code_sms_2`).
//!
//! Deterministic and independent of declaration order: where names meet,
//! the one already written the Rust way keeps it (`bind_email` before
//! `bindEmail`), then the others by spec name.

use std::collections::{HashMap, HashSet};

use heck::{ToShoutySnakeCase, ToUpperCamelCase};

use crate::ir::{Api, Enum, Operation, Service, Struct};

mod reserved;

use reserved::*;

/// The variant of every generated enum that holds codes it does not know.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// Whether `s` is a Rust keyword (strict or reserved).
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// The Rust names of a whole API, worked out once and asked by every part
/// of the Rust emitter (and by the docs, which show Rust code).
#[derive(Debug, Clone)]
pub struct RustNames {
    /// Shared types and enums by spec name.
    types: HashMap<String, TypeName>,
    /// The modules of `types` by the IR's module name.
    type_modules: HashMap<String, String>,
    /// By index into `api.services`.
    services: Vec<ServiceNames>,
    /// Index into `services` by spec name.
    service_index: HashMap<String, usize>,
}

/// A shared type's or enum's Rust name and the module of `types` it is in.
#[derive(Debug, Clone)]
pub struct TypeName {
    pub ident: String,
    /// The Rust name of its module of `types`.
    pub module: String,
}

/// The names of one service.
#[derive(Debug, Clone)]
pub struct ServiceNames {
    /// Its module at the crate root, which names the root client's accessor
    /// and the server's mounting method too.
    pub module: String,
    /// Its Cargo feature.
    pub feature: String,
    /// The server trait.
    pub server_trait: String,
    /// The client of the service (`CustomerWebApiServiceClient`).
    pub client: String,
    /// By index into the service's operations.
    pub operations: Vec<OperationNames>,
}

/// The names of one operation, inside its service's module.
#[derive(Debug, Clone)]
pub struct OperationNames {
    /// The client and server trait method (`bind_email`, `r#type`).
    pub method: String,
    /// The request type (`BindEmailRequest`).
    pub request: String,
    /// The static holding its descriptor in `operations` (`BIND_EMAIL`).
    pub info: String,
    /// The client's stream over every item of a paged operation
    /// (`page_all`), `None` for one that does not page.
    pub iterator: Option<String>,
}

impl RustNames {
    pub fn new(api: &Api) -> RustNames {
        let type_modules: HashMap<String, String> = {
            let modules: Vec<&str> = api.type_modules.iter().map(|m| m.name.as_str()).collect();
            let reserved = TAKEN_MODULES.iter().chain(&["types"]);
            let idents = assign(&modules, file_module_name, reserved, Style::Snake);
            modules.into_iter().map(String::from).zip(idents).collect()
        };
        let types = {
            let names: Vec<(&str, &str)> = api
                .types
                .iter()
                .map(|t| (t.name.as_str(), t.module.as_str()))
                .chain(
                    api.enums
                        .iter()
                        .map(|e| (e.name.as_str(), e.module.as_str())),
                )
                .collect();
            let spec: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
            let idents = assign(&spec, type_name, TAKEN_TYPES, Style::Camel);
            names
                .iter()
                .zip(idents)
                .map(|((name, module), ident)| {
                    let module = type_modules
                        .get(*module)
                        .cloned()
                        .unwrap_or_else(|| file_module_name(module));
                    ((*name).to_owned(), TypeName { ident, module })
                })
                .collect()
        };
        let spec: Vec<&str> = api.services.iter().map(|s| s.name.as_str()).collect();
        let reserved = TAKEN_MODULES.iter().chain(ROOT_NAMES);
        let modules = assign(&spec, file_module_name, reserved, Style::Snake);
        let mut features = Namespace::new(CRATE_FEATURES, Style::Kebab);
        let features: Vec<String> = modules
            .iter()
            .map(|m| features.claim(&feature_of(m)))
            .collect();
        let services = api
            .services
            .iter()
            .zip(modules.into_iter().zip(features))
            .map(|(service, (module, feature))| ServiceNames::new(service, module, feature))
            .collect();
        let service_index = spec
            .iter()
            .enumerate()
            .map(|(i, name)| ((*name).to_owned(), i))
            .collect();
        RustNames {
            types,
            type_modules,
            services,
            service_index,
        }
    }

    /// The Rust name of a shared type or enum, and its module of `types`
    /// (`None` for a name the API does not declare).
    pub fn ty(&self, spec_name: &str) -> Option<&TypeName> {
        self.types.get(spec_name)
    }

    /// The Rust name of a module of `types`, by the IR's module name.
    pub fn type_module(&self, module: &str) -> String {
        self.type_modules
            .get(module)
            .cloned()
            .unwrap_or_else(|| file_module_name(module))
    }

    /// The names of the service at `index` in `api.services`.
    pub fn service(&self, index: usize) -> &ServiceNames {
        &self.services[index]
    }

    /// The names of a service by its spec name.
    pub fn service_named(&self, name: &str) -> Option<&ServiceNames> {
        self.service_index.get(name).map(|&i| &self.services[i])
    }

    /// Every service's names, in `api.services` order.
    pub fn services(&self) -> &[ServiceNames] {
        &self.services
    }
}

impl ServiceNames {
    fn new(service: &Service, module: String, feature: String) -> ServiceNames {
        let (server_trait, client, operations) = service_items(service);
        ServiceNames {
            module,
            feature,
            server_trait,
            client,
            operations,
        }
    }

    /// The names of an operation of this service, by its spec name.
    pub fn operation(&self, service: &Service, op: &Operation) -> Option<&OperationNames> {
        let i = service.operations.iter().position(|o| o.name == op.name)?;
        self.operations.get(i)
    }
}

/// A service's server trait, client and operations: they share the
/// module's type names.
fn service_items(service: &Service) -> (String, String, Vec<OperationNames>) {
    let mut types = Namespace::new(TAKEN_TYPES, Style::Camel);
    let server_trait = types.claim(&type_name(&service.name));
    let client = types.claim(&format!("{}Client", server_trait.trim_end_matches('_')));
    let operations = operation_names(&service.operations, &mut types);
    (server_trait, client, operations)
}

/// The names of a service's operations, in order, without the rest of the
/// API: the same as [`RustNames`] gives (they depend on the service alone).
pub fn operations_of(service: &Service) -> Vec<OperationNames> {
    service_items(service).2
}

/// The method of one operation of `service`, as [`operations_of`] names
/// it, without naming the others where it can: when no other operation's
/// name has the same letters and digits (so none meets it after casing)
/// and its snake case does not end in a number (which a numbered name
/// could take), it is its snake case.
pub fn method_of(service: &Service, op: &Operation) -> String {
    let alone = !service
        .operations
        .iter()
        .any(|o| o.name != op.name && letters(&o.name).eq(letters(&op.name)));
    let stem = snake(&op.name);
    let numbered = stem
        .rsplit_once('_')
        .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if alone && !numbered {
        let method = escape(&stem);
        return if CLIENT_METHODS.contains(&method.as_str()) {
            format!("{method}_")
        } else {
            method
        };
    }
    let i = service.operations.iter().position(|o| o.name == op.name);
    i.and_then(|i| operations_of(service).into_iter().nth(i))
        .map_or(stem, |names| names.method)
}

/// Each operation's stem (its snake-case name, distinct in the service),
/// then the method, request type and descriptor from it; then the
/// iterators of paged operations (`<method>_all`), which leave every
/// method its name.
fn operation_names(ops: &[Operation], types: &mut Namespace) -> Vec<OperationNames> {
    let spec: Vec<&str> = ops.iter().map(|o| o.name.as_str()).collect();
    let stems = assign(&spec, snake, NONE, Style::Snake);
    let mut methods = Namespace::new(CLIENT_METHODS, Style::Snake);
    let mut infos = Namespace::new(OPERATIONS_ITEMS, Style::Shouty);
    let mut names: Vec<OperationNames> = stems
        .iter()
        .map(|stem| OperationNames {
            method: methods.claim(&escape(stem)),
            request: types.claim(&escape(&format!("{}Request", stem.to_upper_camel_case()))),
            info: infos.claim(&escape(&stem.to_shouty_snake_case())),
            iterator: None,
        })
        .collect();
    for (op, names) in ops.iter().zip(&mut names) {
        if op.paginate.is_some() {
            let method = names.method.trim_start_matches("r#").trim_end_matches('_');
            names.iterator = Some(methods.claim(&format!("{method}_all")));
        }
    }
    names
}

/// A name's letters and digits, lowercase: names that meet after casing
/// have the same.
fn letters(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
}

/// No reserved names.
const NONE: &[&str] = &[];

/// The Rust names of a struct's fields, in order (`type` → `r#type`).
pub fn fields(s: &Struct) -> Vec<String> {
    let spec: Vec<&str> = s.fields.iter().map(|f| f.name.as_str()).collect();
    assign(&spec, field_name, NONE, Style::Snake)
}

/// The Rust names of an enum's variants, in order; none is `Unknown`.
pub fn variants(e: &Enum) -> Vec<String> {
    let spec: Vec<&str> = e.values.iter().map(|v| v.name.as_str()).collect();
    assign(&spec, type_name, [UNKNOWN_VARIANT], Style::Camel)
}

/// The constants of the `errors` module, in the order of `api.errors`:
/// upper snake case, never starting with a digit.
pub fn error_consts(api: &Api) -> Vec<String> {
    let spec: Vec<&str> = api.errors.iter().map(|e| e.code.as_str()).collect();
    assign(&spec, const_name, NONE, Style::Shouty)
}

/// How a name that is taken gets another: generated code's own names
/// (keywords, prelude, root items) push spec names aside with a trailing
/// `_`, as keywords do; spec names that meet get a number.
#[derive(Debug, Clone, Copy)]
enum Style {
    /// `bind_email_2`
    Snake,
    /// `ApiKey2`
    Camel,
    /// `BIND_EMAIL_2`
    Shouty,
    /// `foo-bar-2`, and `service-mock` for a reserved `mock`
    Kebab,
}

/// One namespace of generated code: the names it reserves and the names
/// given out so far.
struct Namespace {
    reserved: HashSet<String>,
    taken: HashSet<String>,
    style: Style,
}

impl Namespace {
    fn new<R: AsRef<str>>(reserved: impl IntoIterator<Item = R>, style: Style) -> Namespace {
        Namespace {
            reserved: reserved
                .into_iter()
                .map(|r| r.as_ref().to_owned())
                .collect(),
            taken: HashSet::new(),
            style,
        }
    }

    fn is_free(&self, name: &str) -> bool {
        !self.reserved.contains(name) && !self.taken.contains(name)
    }

    /// `wanted` if free; pushed aside if reserved (`types_`, `Option_`,
    /// `service-mock`); else with the first free number.
    fn claim(&mut self, wanted: &str) -> String {
        let mut name = wanted.to_owned();
        if self.reserved.contains(&name) {
            name = match self.style {
                Style::Kebab => format!("service-{name}"),
                _ => format!("{name}_"),
            };
        }
        if !self.is_free(&name) {
            let base = name.trim_start_matches("r#").trim_end_matches('_');
            let base = base.to_owned();
            name = (2..)
                .map(|n| match self.style {
                    Style::Snake | Style::Shouty => format!("{base}_{n}"),
                    Style::Camel => format!("{base}{n}"),
                    Style::Kebab => format!("{base}-{n}"),
                })
                .find(|candidate| self.is_free(candidate))
                .unwrap_or(base);
        }
        self.taken.insert(name.clone());
        name
    }
}

/// Rust names for spec names, in the order given: `rust` of each where
/// free. Where two meet, the one whose spec name is already its Rust name
/// keeps it, then the others by spec name; the rest take numbers.
fn assign<R: AsRef<str>>(
    spec: &[&str],
    rust: fn(&str) -> String,
    reserved: impl IntoIterator<Item = R>,
    style: Style,
) -> Vec<String> {
    let wanted: Vec<String> = spec.iter().map(|s| rust(s)).collect();
    let natural = |i: usize| wanted[i].trim_start_matches("r#") == spec[i];
    let mut order: Vec<usize> = (0..spec.len()).collect();
    order.sort_by_key(|&i| (!natural(i), spec[i], i));
    let mut namespace = Namespace::new(reserved, style);
    let mut out = vec![String::new(); spec.len()];
    for i in order {
        out[i] = namespace.claim(&wanted[i]);
    }
    out
}

/// Makes `s` a usable identifier: keywords become raw identifiers (`r#type`)
/// or get a trailing underscore (`self_`), a leading digit gets `_`.
pub fn escape(s: &str) -> String {
    let s = if s.is_empty() {
        "_unnamed".to_owned()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{s}")
    } else {
        s.to_owned()
    };
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else if is_keyword(&s) {
        format!("r#{s}")
    } else {
        s
    }
}

/// `verifyCodeSMS` → `verify_code_sms`; `type` → `r#type`.
pub fn field_name(wire: &str) -> String {
    escape(&snake(wire))
}

/// `changeEmailV1v1v2` → `ChangeEmailV1v1v2`.
pub fn type_name(wire: &str) -> String {
    escape(&crate::names::sanitize(wire).to_upper_camel_case())
}

/// A module name, which also names a file (`Odd-Name.v2` → `odd_name_v2`):
/// snake case, and never a keyword, even a raw one (`type` → `type_`).
pub fn file_module_name(stem: &str) -> String {
    let name = escape(&snake(stem));
    match name.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None => name,
    }
}

/// A constant's name for an error code: upper snake case, never starting
/// with a digit.
fn const_name(code: &str) -> String {
    let mut name: String = code
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "E_");
    }
    name
}

/// A service's feature: its module in kebab case (`customer-web-api-service`).
fn feature_of(module: &str) -> String {
    module
        .trim_start_matches("r#")
        .trim_end_matches('_')
        .replace('_', "-")
}

/// Snake case of a spec name, its odd characters as word breaks.
fn snake(s: &str) -> String {
    crate::names::module_name(s)
}

#[cfg(test)]
mod tests;
