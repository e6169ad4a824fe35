//! `README.md` of the npm package: install from the path, the quick start,
//! errors, retries and hooks, pagination, and the `bigint` rule, with the
//! package's own names.

use askama::Template;

use super::{is_identifier, string_literal, Names};
use crate::docs::Lang;
use crate::ir::{Access, Api};

#[derive(Template)]
#[template(path = "ts/README.md", escape = "none")]
pub(super) struct Readme {
    name: String,
    title: String,
    /// The docs' TypeScript quick start.
    quick_start: Option<String>,
    /// `new Client({ baseUrl: "…", companyId: "360" })`.
    new_client: String,
    /// The mock's address and the example company, as string literals.
    base_url: String,
    company_id: String,
    /// A call that needs the customer's token, as an expression without
    /// `await` (`client.customerWebApiService.findCustomerInfo({})`).
    login_call: Option<String>,
    /// `client.customerApiWebService.pageAll({})` of the first paged operation.
    page_all: Option<String>,
}

pub(super) fn readme(api: &Api, names: &Names) -> Readme {
    let base_url = string_literal(&crate::facts::mock::base_url());
    let company_id = string_literal(&crate::facts::example::company_id(api));
    let new_client = format!("new Client({{ baseUrl: {base_url}, companyId: {company_id} }})");
    // `.name`, or `["odd-name"]` for a key that is no identifier.
    let call = |s: &crate::ir::Service, method: &str, body: String| {
        let member = if is_identifier(method) && method != "constructor" {
            format!(".{method}")
        } else {
            format!("[{}]", string_literal(method))
        };
        format!("client.{}{member}({body})", names.service(s))
    };
    let login_call = api.quick_start.iter().find_map(|step| {
        let (s, op) = api.operations().find(|(_, o)| o.path == step.operation)?;
        (op.access == Access::Login).then(|| {
            let body = crate::docs::js_literal(&crate::docs::body_of(api, op, step));
            call(s, &op.name, body)
        })
    });
    let page_all = api.operations().find_map(|(s, op)| {
        super::paging::page_all_view(api, op)?;
        let body = crate::facts::sample::request_body(api, op);
        let required: serde_json::Map<String, serde_json::Value> = op
            .request
            .fields
            .iter()
            .filter(|f| f.required && f.name != view_page(api, op))
            .filter_map(|f| Some((f.name.clone(), body.get(&f.name)?.clone())))
            .collect();
        let body = crate::docs::js_literal(&serde_json::Value::Object(required));
        Some(call(s, &format!("{}All", op.name), body))
    });
    Readme {
        name: api.name.clone(),
        title: api.title.clone(),
        quick_start: crate::docs::typescript_quick_start(api, Lang::En),
        new_client,
        base_url,
        company_id,
        login_call,
        page_all,
    }
}

/// The page-number field of a paged operation (the iterator sets it).
fn view_page(api: &Api, op: &crate::ir::Operation) -> String {
    api.page_fields(op)
        .map(|f| f.page.name.clone())
        .unwrap_or_default()
}
