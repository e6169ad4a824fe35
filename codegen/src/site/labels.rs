//! The site's fixed words in each language, besides those it shares with
//! the Markdown docs ([`crate::docs::lang::Labels`]: access levels,
//! presence, read-only, sensitive).

use crate::lang::Lang;

pub(super) struct SiteLabels {
    /// The `lang` attribute of the page.
    pub html_lang: &'static str,
    /// After the API's title in the page's title.
    pub reference: &'static str,
    pub access: &'static str,
    pub headers: &'static str,
    pub sensitive_fields: &'static str,
    pub conditional_fields: &'static str,
    pub error_codes: &'static str,
    /// How to read the answer: the envelope, HTTP 200, `ok`.
    pub answer: &'static str,
    /// `{biz_type}` is replaced.
    pub request_of: &'static str,
    pub response_200: &'static str,
    /// How try-it gets and uses a token.
    pub try_it: &'static str,
    /// The server whose URL is a variable: any base URL.
    pub any_server: &'static str,
    pub base_url: &'static str,
}

const EN: SiteLabels = SiteLabels {
    html_lang: "en",
    reference: "API reference",
    access: "Access",
    headers: "Headers",
    sensitive_fields: "Sensitive fields (secrets, masked in logs)",
    conditional_fields: "Conditionally required",
    error_codes: "Error codes it can answer",
    answer: "Answer: always HTTP 200 with the envelope, success or error. \
             Check `ok`: `true` and `data` holds the result; `false` and `code`, `msg` say why.",
    request_of: "The request of `{biz_type}`.",
    response_200: "HTTP 200 with the envelope: the success envelope when `ok` is true, else an error envelope.",
    try_it: "Try it: the server is this page's origin when `bizgen mock --cors --site generated/site` serves it \
             (for another base URL, pick the `{baseUrl}` server under API Servers and edit it). Call `login` first: \
             the token it returns goes into the `token` header of the calls after it.",
    any_server: "Any base URL (a gateway): edit baseUrl below",
    base_url: "The gateway's scheme, host, port and mount path",
};

const ZH: SiteLabels = SiteLabels {
    html_lang: "zh-CN",
    reference: "API 参考",
    access: "访问级别",
    headers: "请求头",
    sensitive_fields: "敏感字段（机密信息，日志中脱敏）",
    conditional_fields: "条件必填",
    error_codes: "可能返回的错误码",
    answer: "响应：无论成功或出错，一律为 HTTP 200 加响应信封。\
             请检查 `ok`：为 `true` 时 `data` 为结果；为 `false` 时 `code`、`msg` 说明原因。",
    request_of: "`{biz_type}` 的请求。",
    response_200: "HTTP 200 加响应信封：`ok` 为 true 时为成功信封，否则为错误信封。",
    try_it:
        "在线调用：由 `bizgen mock --cors --site generated/site` 提供本站时，服务器即本页所在的源\
             （如需其他基础 URL，在 API Servers 中选择 `{baseUrl}` 服务器并修改）。请先调用 `login`：\
             它返回的 token 会放入之后调用的 `token` 请求头。",
    any_server: "任意基础 URL（网关）：在下方修改 baseUrl",
    base_url: "网关的协议、主机、端口和挂载路径",
};

impl SiteLabels {
    pub(super) fn of(lang: Lang) -> &'static SiteLabels {
        match lang {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }
}
