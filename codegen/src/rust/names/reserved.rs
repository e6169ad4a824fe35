//! The names generated Rust code reserves: keywords, the names its modules
//! use unqualified, and its own items' names.

/// Words that cannot be identifiers even as raw identifiers.
pub(super) const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "extern", "_"];

pub(super) const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Type names generated modules use unqualified: the prelude's, and what
/// they import (`Future`, `Arc`, `PhantomData`). A spec type, service trait
/// or client of that name would shadow them.
pub(super) const TAKEN_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Clone",
    "Copy",
    "Default",
    "Debug",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Extend",
    "FromIterator",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "AsRef",
    "AsMut",
    "ToString",
    "ToOwned",
    "Future",
    "Arc",
    "PhantomData",
];

/// Modules every generated module tree may name: the standard crates and
/// the runtime.
pub(super) const TAKEN_MODULES: &[&str] = &["std", "core", "alloc", "bizgen_runtime"];

/// Names at the crate root that a service module must leave free: its
/// other modules and re-exports, and the methods of `Client` and `Server`,
/// which get one accessor per service (named as its module).
pub(super) const ROOT_NAMES: &[&str] = &[
    "types",
    "errors",
    "mock",
    "runtime",
    "axum",
    "tokio",
    "operations",
    "visit_operations",
    "new",
    "inner",
    "token",
    "set_token",
    "set_admin_token",
    "with_token",
    "mock_rest",
    "into_router",
];

/// Features of the generated crate that are not services.
pub(super) const CRATE_FEATURES: &[&str] = &[
    "default",
    "client",
    "server",
    "mock",
    "tls",
    "tracing",
    "serde",
    "all-services",
];

/// Methods that a service client has besides its operations.
pub(super) const CLIENT_METHODS: &[&str] = &["with"];

/// Items of a service's `operations` module besides the descriptors.
pub(super) const OPERATIONS_ITEMS: &[&str] = &["ALL", "COUNT"];
