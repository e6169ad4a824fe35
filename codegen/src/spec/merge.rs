//! Stage 2, merge: the parsed files become one set of sections. Sections
//! that exist once (`api`, `envelope`) must be given once; named entries
//! (gateways, headers, errors, enums, types) must be unique across files;
//! a service may be spread over several files and is grouped here.

use std::collections::BTreeMap;

use super::ctx::Ctx;
use super::located::{Located, OrderedMap};
use super::raw::{self, SpecFile};
use crate::diagnostics::Pos;

/// Entries of a named section by name, with where each name is defined.
pub(super) type Named<'a, T> = BTreeMap<String, (Pos, &'a T)>;

/// Every file's sections, merged.
pub(super) struct Merged<'a> {
    pub api: Option<&'a Located<raw::ApiInfo>>,
    pub envelope: Option<&'a Located<raw::EnvelopeDef>>,
    pub gateways: Named<'a, raw::GatewayDef>,
    pub headers: Named<'a, raw::HeaderDef>,
    pub errors: Named<'a, raw::ErrorDef>,
    pub enums: Named<'a, raw::EnumDef>,
    pub types: Named<'a, raw::TypeDef>,
    pub releases: Option<&'a Located<Vec<Located<raw::ReleaseDef>>>>,
    /// The parts of each service, in file order.
    pub services: BTreeMap<String, Vec<(Pos, &'a raw::ServiceDef)>>,
}

pub(super) fn merge<'a>(ctx: &mut Ctx, specs: &'a [SpecFile]) -> Merged<'a> {
    let mut services: BTreeMap<String, Vec<(Pos, &'a raw::ServiceDef)>> = BTreeMap::new();
    for f in specs {
        for (name, def) in f.services.iter() {
            services
                .entry(name.value.clone())
                .or_default()
                .push((name.pos, &def.value));
        }
    }
    Merged {
        api: single(ctx, "api", specs.iter().filter_map(|f| f.api.as_ref())),
        envelope: single(
            ctx,
            "envelope",
            specs.iter().filter_map(|f| f.envelope.as_ref()),
        ),
        gateways: named(ctx, "gateway", specs.iter().map(|f| &f.gateways)),
        headers: named(ctx, "header", specs.iter().map(|f| &f.headers)),
        errors: named(ctx, "error code", specs.iter().map(|f| &f.errors)),
        enums: named(ctx, "enum", specs.iter().map(|f| &f.enums)),
        types: named(ctx, "type", specs.iter().map(|f| &f.types)),
        releases: single(
            ctx,
            "releases",
            specs.iter().filter_map(|f| f.releases.as_ref()),
        ),
        services,
    }
}

/// A section that one file gives: the first, reporting any other.
fn single<'a, T>(
    ctx: &mut Ctx,
    key: &str,
    sections: impl Iterator<Item = &'a Located<T>>,
) -> Option<&'a Located<T>> {
    let mut first: Option<&'a Located<T>> = None;
    for section in sections {
        match first {
            Some(f) => {
                ctx.error(section.pos, format!("a second `{key}:` section"))
                    .help = Some(format!("keep only the one at {}", ctx.at(f.pos)));
            }
            None => first = Some(section),
        }
    }
    first
}

/// Collects a named section across files, reporting duplicates.
fn named<'a, T>(
    ctx: &mut Ctx,
    what: &str,
    sections: impl Iterator<Item = &'a OrderedMap<T>>,
) -> Named<'a, T>
where
    T: 'a,
{
    let mut out: Named<'a, T> = BTreeMap::new();
    for section in sections {
        for (key, value) in section.iter() {
            if let Some((first, _)) = out.get(key.as_str()) {
                let first = *first;
                ctx.error(key.pos, format!("duplicate {what} `{}`", key.value))
                    .help = Some(format!("it is already defined at {}", ctx.at(first)));
            } else {
                out.insert(key.value.clone(), (key.pos, &value.value));
            }
        }
    }
    out
}
