//! `releases:`: the release history. Each version and day is checked, the
//! versions must go down from the newest, and `api.version` must not be
//! behind the newest release.

use super::ctx::Ctx;
use super::located::Located;
use super::raw;
use crate::date::Date;
use crate::ir::{default_tag, Change, Release, Version};

/// The releases, newest first; problems go to `ctx`.
pub(super) fn resolve_releases(
    ctx: &mut Ctx,
    defs: Option<&Located<Vec<Located<raw::ReleaseDef>>>>,
    api_version: &Located<String>,
) -> Vec<Release> {
    let Some(defs) = defs else {
        return Vec::new();
    };
    let mut out: Vec<Release> = Vec::new();
    for def in &defs.value {
        let d = &def.value;
        let version = match Version::parse(&d.version.value) {
            Ok(v) => v,
            Err(e) => {
                ctx.error(d.version.pos, format!("release {e}"));
                continue;
            }
        };
        let Some(date) = Date::parse(&d.date.value) else {
            ctx.error(
                d.date.pos,
                format!("release date `{}` is not a date (YYYY-MM-DD)", d.date.value),
            );
            continue;
        };
        if let Some(newer) = out.last() {
            if newer.version <= version {
                ctx.error(
                    d.version.pos,
                    format!(
                        "release {version} is listed below {}: releases go newest first, each version lower than the one above",
                        newer.version
                    ),
                );
            } else if newer.date < date {
                ctx.error(
                    d.date.pos,
                    format!(
                        "release {version} is dated {date}, after {} ({})",
                        newer.version, newer.date
                    ),
                );
            }
        }
        out.push(Release {
            version,
            date,
            tag: d.tag.clone().unwrap_or_else(|| default_tag(version)),
            changes: d.changes.iter().map(change).collect(),
            pos: d.version.pos,
        });
    }
    check_api_version(ctx, &out, api_version);
    out
}

fn change(c: &raw::ChangeDef) -> Change {
    Change {
        section: c.section,
        rule: c.rule.clone(),
        operation: c.operation.clone(),
        type_name: c.type_name.clone(),
        path: c.path.clone(),
        page: c.page.clone(),
        breaking: c.breaking,
        text: c.text.clone(),
    }
}

/// `api.version` is a version, and not behind the newest release.
fn check_api_version(ctx: &mut Ctx, releases: &[Release], api_version: &Located<String>) {
    let current = match Version::parse(&api_version.value) {
        Ok(v) => v,
        Err(e) => {
            ctx.error(api_version.pos, format!("api.version {e}")).help =
                Some("it is the version of every generated package".into());
            return;
        }
    };
    if let Some(last) = releases.first() {
        if current < last.version {
            ctx.error(
                api_version.pos,
                format!(
                    "api.version {current} is behind the last release {} (in `releases:`)",
                    last.version
                ),
            )
            .help = Some("`bizgen release` stamps the version; set it back".into());
        }
    }
}
