//! The plan of `bizgen probe`: for each selected operation, the call to
//! make (URL, headers, the operation's request example as the body) or
//! why it is skipped. A plain function of the IR: nothing here touches the
//! network.

use super::probe::ProbeOptions;
use crate::facts::RequestExample;
use crate::ir::{Access, Api, HeaderSource, Operation, Presence};

/// One call to make: everything owned, so that workers need no `Api`.
#[derive(Debug, Clone)]
pub(super) struct Call {
    pub(super) url: String,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: String,
}

/// An operation of the plan: called, or skipped with a reason.
#[derive(Debug)]
pub(super) struct Planned<'a> {
    pub(super) op: &'a Operation,
    pub(super) example: Option<String>,
    pub(super) call: std::result::Result<Call, String>,
}

/// The headers of one call, or why it cannot be made.
fn call_headers(
    api: &Api,
    op: &Operation,
    options: &ProbeOptions,
    trace: String,
) -> std::result::Result<Vec<(String, String)>, String> {
    let mut out = vec![
        ("content-type".to_owned(), "application/json".to_owned()),
        ("accept".to_owned(), "application/json".to_owned()),
    ];
    for h in &op.headers {
        if h.presence == Presence::Absent {
            continue;
        }
        let value = match h.source {
            HeaderSource::Trace => Some(trace.clone()),
            HeaderSource::Token => match op.access {
                Access::Guest => None,
                Access::Login | Access::Optional => options.token.clone(),
                Access::Admin => options.admin_token.clone(),
            },
            HeaderSource::Version => Some(
                options
                    .header(&h.name)
                    .map_or_else(|| op.version.clone(), str::to_owned),
            ),
            _ => options.header(&h.name).map(str::to_owned).or_else(|| {
                // The spec's example value stands in for a required header.
                (h.presence == Presence::Required)
                    .then(|| api.headers.iter().find(|d| d.name == h.name))
                    .flatten()
                    .and_then(|d| d.example.clone())
            }),
        };
        match value {
            Some(v) => out.push((h.name.clone(), v)),
            None if h.presence == Presence::Required => {
                return Err(match (h.source, op.access) {
                    (HeaderSource::Token, Access::Admin) => {
                        "needs the B-side admin token: give --admin-token".to_owned()
                    }
                    (HeaderSource::Token, _) => {
                        "needs the C-side customer token: give --token".to_owned()
                    }
                    _ => format!(
                        "needs the header `{}`: give --header {}=VALUE",
                        h.name, h.name
                    ),
                });
            }
            None => {}
        }
    }
    Ok(out)
}

/// What to do for each of `ops`, in order.
pub(super) fn plan<'a>(
    api: &'a Api,
    ops: &[&'a Operation],
    base: &str,
    options: &ProbeOptions,
) -> Vec<Planned<'a>> {
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    ops.iter()
        .enumerate()
        .map(|(i, &op)| {
            let trace = format!("bizgen-probe-{run}-{i}");
            // The operation's request example, as every output shows it.
            let example = RequestExample::of(api, op);
            let call = call_headers(api, op, options, trace).map(|headers| Call {
                url: format!("{}{}", base.trim_end_matches('/'), op.path),
                headers,
                body: example.body.to_string(),
            });
            Planned {
                op,
                example: example.name().map(str::to_owned),
                call,
            }
        })
        .collect()
}
