//! The docs' own names: where each operation's page is. Paths come from
//! the spec names in kebab case (`operations/customer-web-api-service/bind-email.md`);
//! names that would give the same path (`getX` and `get_x`) get a number.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToKebabCase;

use crate::ir::{Api, Operation, Service};

/// The page path of every operation, relative to a language's root.
#[derive(Debug, Default)]
pub struct Pages {
    /// By operation path (unique).
    paths: BTreeMap<String, String>,
}

impl Pages {
    pub fn new(api: &Api) -> Pages {
        let mut taken = BTreeSet::new();
        let mut paths = BTreeMap::new();
        for (s, o) in api.operations() {
            let base = base_path(s, o);
            let mut path = format!("{base}.md");
            let mut n = 2;
            // Case-insensitive file systems: `Get-X.md` and `get-x.md` are one file.
            while !taken.insert(path.to_lowercase()) {
                path = format!("{base}-{n}.md");
                n += 1;
            }
            paths.insert(o.path.clone(), path);
        }
        Pages { paths }
    }

    /// The page of an operation: `operations/customer-web-api-service/bind-email.md`.
    pub fn operation(&self, service: &Service, op: &Operation) -> String {
        self.paths
            .get(&op.path)
            .cloned()
            .unwrap_or_else(|| format!("{}.md", base_path(service, op)))
    }
}

fn base_path(service: &Service, op: &Operation) -> String {
    format!("operations/{}/{}", kebab(&service.name), kebab(&op.name))
}

/// Kebab case of a spec name, never empty.
fn kebab(name: &str) -> String {
    let k = name.to_kebab_case();
    if k.is_empty() {
        "unnamed".into()
    } else {
        k
    }
}
