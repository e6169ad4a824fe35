//! The Python code sample of an operation: a client connected to the
//! mock, the call with the request example as keyword arguments (enum
//! members, `Decimal`s, dataclasses; [`values`]), and the answer printed.

use askama::Template;

use super::values::{self, Values};
use crate::facts::Facts;
use crate::ir::{HeaderSource, Operation, Service};
use crate::target::CodeSample;

#[derive(Template)]
#[template(path = "python/sample.py", escape = "none")]
struct SampleFile {
    /// `from decimal import Decimal`, if a value needs it.
    stdlib: Vec<String>,
    package: String,
    /// `from <package>.types import ...`, if values name types.
    types: Vec<String>,
    connect: String,
    call: String,
    returns: bool,
}

/// Writes the Python samples (the names come from [`super::names`] through [`values`]).
#[derive(Debug)]
pub struct Sampler {
    paths: values::Paths,
}

impl Sampler {
    pub fn new(api: &crate::ir::Api) -> Sampler {
        Sampler {
            paths: values::Paths::new(api),
        }
    }
}

impl crate::target::Sampler for Sampler {
    fn sample<'a>(
        &self,
        facts: &Facts<'a>,
        _service: &'a Service,
        op: &'a Operation,
        _lang: crate::lang::Lang,
    ) -> crate::Result<CodeSample> {
        let api = facts.api;
        let example = facts.request_example(op);
        let body = example.body.as_ref();
        let mut values = Values::default();
        let args = values.arguments(api, op, body);
        let (attr, method) = self.paths.path_of(op);
        let returns = op.response.ty.is_some();
        let head = if returns {
            format!("answer = client.{attr}.{method}")
        } else {
            format!("client.{attr}.{method}")
        };
        let (stdlib, types): (Vec<String>, Vec<String>) = values::imports(api, &values)
            .into_iter()
            .partition(|line| line.starts_with("from decimal "));
        let mut connect = values::connect(api);
        if let Some(token) = values::mock_token_argument(op) {
            connect.push_str(", ");
            connect.push_str(&token);
        }
        let headers = crate::facts::headers::client_headers(api, op);
        let custom: Vec<String> = headers
            .iter()
            .filter(|h| h.source == HeaderSource::Custom)
            .map(|h| {
                format!(
                    "{}: {}",
                    values::json(&h.name.into()),
                    values::json(&h.value.into())
                )
            })
            .collect();
        if let Some(h) = headers
            .iter()
            .find(|h| h.source == HeaderSource::ForwardedFor)
        {
            connect.push_str(&format!(
                ", forwarded_for={}",
                values::json(&h.value.into())
            ));
        }
        if !custom.is_empty() {
            connect.push_str(&format!(", headers={{{}}}", custom.join(", ")));
        }
        let file = SampleFile {
            stdlib,
            package: super::import_name(api),
            types,
            connect,
            call: values::format_call("", &head, &args),
            returns,
        };
        Ok(CodeSample {
            lang: "Python",
            label: "Python",
            fence: "python",
            source: crate::target::rendered_text("python", "python/sample.py", file.render())?,
        })
    }
}
