//! The files of the generated crate, and the parts the Rust emitter works
//! in: each part is emitted and formatted on its own (in parallel) and is
//! one file of the crate. The build-script and proc-macro front-ends write
//! the same modules inline, in the same order.

use std::path::PathBuf;

use super::context::Cx;
use super::service::{self, ServiceFile};
use super::type_modules;

/// One piece of the generated code.
#[derive(Debug, Clone, Copy)]
pub(super) enum Part {
    /// Constants, operation index, `Client`, `Server`, `Unimplemented`.
    Root,
    /// The whole `types` module, its modules inline.
    Types,
    /// One module of `types`, by index into `api.type_modules`: the types
    /// of one spec file.
    TypeModule(usize),
    /// One service module, by index, its files inline.
    Service(usize),
    /// One file of a service module.
    ServiceFile(usize, ServiceFile),
    /// The error codes.
    Errors,
    Mock,
}

/// The modules of the crate root sorted by name (the order in which `cargo
/// fmt` keeps the crate's `mod` declarations, used by every front-end).
pub(super) fn modules(cx: &Cx) -> Vec<Part> {
    let mut modules = vec![Part::Types, Part::Errors, Part::Mock];
    modules.extend((0..cx.api.services.len()).map(Part::Service));
    modules.sort_by_key(|&part| module_name(cx, part));
    modules
}

/// The root items, then the modules. `inline` keeps every module one part,
/// to be formatted whole; otherwise each of its files is a part.
pub(super) fn parts(cx: &Cx, inline: bool) -> Vec<Part> {
    let mut parts = vec![Part::Root];
    for part in modules(cx) {
        match part {
            Part::Types if !inline => {
                parts.extend((0..cx.api.type_modules.len()).map(Part::TypeModule));
            }
            Part::Service(i) if !inline => {
                parts.extend(
                    ServiceFile::ALL
                        .iter()
                        .map(|&file| Part::ServiceFile(i, file)),
                );
            }
            part => parts.push(part),
        }
    }
    parts
}

/// The module of the crate root a part is, `None` for the root items and
/// the files inside a module.
pub(super) fn module_name<'a>(cx: &Cx<'a>, part: Part) -> Option<&'a str> {
    match part {
        Part::Root | Part::TypeModule(_) | Part::ServiceFile(..) => None,
        Part::Types => Some("types"),
        Part::Errors => Some("errors"),
        Part::Service(i) => Some(&cx.names.service(i).module),
        Part::Mock => Some("mock"),
    }
}

/// The feature a module of the root is compiled under in the generated crate.
pub(super) fn module_feature<'a>(cx: &Cx<'a>, part: Part) -> Option<&'a str> {
    match part {
        Part::Service(i) => Some(&cx.names.service(i).feature),
        Part::Mock => Some("mock"),
        _ => None,
    }
}

/// The file of a part in the generated crate, `None` for the root items
/// (in `lib.rs`, with the module declarations).
pub(super) fn file(cx: &Cx, part: Part) -> Option<PathBuf> {
    let path = match part {
        Part::Root => return None,
        Part::TypeModule(i) => {
            let module = cx.names.type_module(&cx.api.type_modules[i].name);
            format!("src/types/{module}.rs")
        }
        Part::ServiceFile(i, file) => {
            format!("src/{}/{}.rs", cx.names.service(i).module, file.stem())
        }
        _ => format!("src/{}.rs", module_name(cx, part)?),
    };
    Some(PathBuf::from(path))
}

/// A rough measure of how much code a part becomes, to balance threads.
pub(super) fn weight(cx: &Cx, part: Part) -> usize {
    let api = cx.api;
    match part {
        Part::Types => type_modules::weight(api, None),
        Part::TypeModule(i) => type_modules::weight(api, Some(&api.type_modules[i])),
        Part::Service(i) => ServiceFile::ALL
            .iter()
            .map(|&file| service::weight(&api.services[i], file))
            .sum(),
        Part::ServiceFile(i, file) => service::weight(&api.services[i], file),
        Part::Root => api.services.len() * 8,
        Part::Errors => api.errors.len(),
        Part::Mock => api.services.len(),
    }
}
