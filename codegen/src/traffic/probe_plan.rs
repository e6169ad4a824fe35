//! The plan of `bizgen probe`: for each selected operation, the call to
//! make (URL, headers, the operation's request example as the body) or
//! why it is skipped. A plain function of the IR: nothing here touches the
//! network.

use std::time::Duration;

use crate::facts::RequestExample;
use crate::ir::{Access, Api, HeaderSource, Operation, Presence};

/// What to probe and how.
#[derive(Debug, Clone)]
pub struct ProbeOptions {
    /// Scheme, host, port and an optional mount path (`https://gw.example/x`).
    pub base_url: String,
    /// The C-side customer token; operations that need one are skipped without it.
    pub token: Option<String>,
    /// The B-side admin token; admin operations are skipped without it.
    pub admin_token: Option<String>,
    /// Operations to call although they are not read-only (bizType, name or path).
    pub include: Vec<String>,
    /// Calls in flight at once (at least 1).
    pub concurrency: usize,
    /// How long one call may take, connecting included.
    pub timeout: Duration,
    /// Header values by name (`companyId`, `lang`, custom headers); the
    /// spec's header examples fill in the required ones not given here.
    pub headers: Vec<(String, String)>,
}

impl ProbeOptions {
    /// Options with no tokens, 4 calls at once and a 10 s timeout.
    pub fn new(base_url: impl Into<String>) -> Self {
        ProbeOptions {
            base_url: base_url.into(),
            token: None,
            admin_token: None,
            include: Vec::new(),
            concurrency: 4,
            timeout: Duration::from_secs(10),
            headers: Vec::new(),
        }
    }

    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

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
