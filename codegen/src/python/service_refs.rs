//! The client's services: one attribute and one class (sync and async) per
//! spec service, named clear of each other and of the client classes.

use super::{docstring, names};
use crate::ir::Api;

pub(super) struct ServiceRef {
    pub(super) attr: String,
    pub(super) class: String,
    pub(super) async_class: String,
    pub(super) module: String,
    pub(super) doc: String,
}

/// The service class of a spec service; clear of the client classes.
pub fn service_class(wire: &str) -> String {
    let class = names::class(wire);
    if class == "Client" || class == "AsyncClient" {
        format!("{class}_")
    } else {
        class
    }
}

/// Each service's attribute on the client, in spec order.
pub(super) fn service_attrs(api: &Api) -> Vec<String> {
    names::dedupe(
        api.services
            .iter()
            .map(|s| names::service_attribute(&s.name))
            .collect(),
    )
}

pub(super) fn service_refs(api: &Api) -> Vec<ServiceRef> {
    let attrs = service_attrs(api);
    api.services
        .iter()
        .zip(attrs)
        .map(|(s, attr)| {
            let class = service_class(&s.name);
            ServiceRef {
                async_class: format!("Async{class}"),
                module: attr.clone(),
                doc: docstring(&[s.description.as_str()], "    "),
                class,
                attr,
            }
        })
        .collect()
}
