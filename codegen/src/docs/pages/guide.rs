//! The two guide pages: "how to read these pages" (types, formats,
//! required/conditional, sensitive, examples, sources) and the glossary,
//! in both languages.

use askama::Template;
use bizgen_runtime::schema::Format;

use crate::docs::filters;
use crate::docs::frame::Frame;
use crate::docs::lang::Lang;
use crate::markdown::code;

#[derive(Template)]
#[template(path = "docs/how-to-read.md")]
pub(in crate::docs) struct HowToReadPage {
    f: Frame,
    g: &'static Guide,
    types: Vec<(String, &'static str)>,
    formats: Vec<FormatRow>,
}

struct FormatRow {
    name: String,
    rule: &'static str,
}

#[derive(Template)]
#[template(path = "docs/glossary.md")]
pub(in crate::docs) struct GlossaryPage {
    f: Frame,
    terms: &'static [(&'static str, &'static str)],
}

pub(in crate::docs) fn how_to_read(lang: Lang) -> HowToReadPage {
    let g = guide(lang);
    HowToReadPage {
        f: Frame::new(lang, "how-to-read.md"),
        g,
        types: g
            .type_rows
            .iter()
            .map(|(t, rule)| (code(t), *rule))
            .collect(),
        formats: Format::ALL
            .into_iter()
            .map(|fmt| FormatRow {
                name: fmt.name().to_owned(),
                rule: format_rule(lang, fmt),
            })
            .collect(),
    }
}

pub(in crate::docs) fn glossary(lang: Lang) -> GlossaryPage {
    GlossaryPage {
        f: Frame::new(lang, "glossary.md"),
        terms: GLOSSARY,
    }
}

/// The prose of the how-to-read page.
pub(super) struct Guide {
    pub intro: &'static str,
    pub types: &'static str,
    pub types_text: &'static str,
    pub type_rows: [(&'static str, &'static str); 11],
    pub formats: &'static str,
    pub formats_text: &'static str,
    pub required: &'static str,
    pub required_text: &'static str,
    pub sensitive: &'static str,
    pub sensitive_text: &'static str,
    pub examples: &'static str,
    pub examples_text: &'static str,
    pub sources: &'static str,
    pub sources_text: &'static str,
}

fn guide(lang: Lang) -> &'static Guide {
    match lang {
        Lang::En => &GUIDE_EN,
        Lang::Zh => &GUIDE_ZH,
    }
}

/// The exact rule a server checks for each format.
fn format_rule(lang: Lang, f: Format) -> &'static str {
    match (lang, f) {
        (Lang::En, Format::Md5Hex) => "Exactly 32 hexadecimal digits, upper or lower case (`0`-`9`, `a`-`f`, `A`-`F`): the MD5 digest of the password, never the password itself.",
        (Lang::En, Format::Email) => "One `@` with a non-empty part before it; the part after it contains a `.` and does not start with one; no white space or control characters (such as NUL).",
        (Lang::En, Format::Phone) => "5 to 20 characters: digits, spaces and `-`, optionally after a leading `+`.",
        (Lang::En, Format::CountryCode) => "Two upper-case letters (ISO 3166-1 alpha-2), such as `CN` or `US`.",
        (Lang::En, Format::Lang) => "A language tag: 2 or 3 letters, then optional parts of 2 to 8 letters or digits after `-` or `_`, such as `en-US` or `zh-CN`.",
        (Lang::En, Format::IpList) => "IPv4 or IPv6 addresses separated by commas (spaces around them allowed).",
        (Lang::En, Format::JsonText) => "A string that itself holds valid JSON.",
        (Lang::Zh, Format::Md5Hex) => "恰好 32 个十六进制字符，大小写均可（`0`-`9`、`a`-`f`、`A`-`F`）：密码的 MD5 摘要，而不是密码本身。",
        (Lang::Zh, Format::Email) => "恰好一个 `@`，其前部分非空；其后部分包含 `.` 且不以 `.` 开头；不含空白字符或控制字符（如 NUL）。",
        (Lang::Zh, Format::Phone) => "5 到 20 个字符：数字、空格和 `-`，可以以 `+` 开头。",
        (Lang::Zh, Format::CountryCode) => "两个大写字母（ISO 3166-1 alpha-2），如 `CN`、`US`。",
        (Lang::Zh, Format::Lang) => "语言标签：2 或 3 个字母，之后可用 `-` 或 `_` 连接 2 到 8 位字母或数字，如 `en-US`、`zh-CN`。",
        (Lang::Zh, Format::IpList) => "以逗号分隔的 IPv4 或 IPv6 地址（逗号两侧可有空格）。",
        (Lang::Zh, Format::JsonText) => "内容本身是合法 JSON 的字符串。",
    }
}

static GUIDE_EN: Guide = Guide {
    intro: "Every operation page has the same parts: the call (path, gateway, access, headers), the request body, the response's `data`, a curl example, example answers and the error codes. This page explains the words they use.",
    types: "Types",
    types_text: "The Type column names the JSON value a field holds.",
    type_rows: [
        ("string", "A JSON string."),
        ("int32", "A JSON integer from -2147483648 to 2147483647."),
        ("int64", "A JSON integer of up to 64 bits. JavaScript numbers are exact only up to 2^53; IDs seen so far are far below that."),
        ("boolean", "`true` or `false`."),
        ("decimal", "A decimal number carried as a JSON **string**, such as `\"2904318.4696\"`, so that no digit is lost. Do not parse it into a floating-point number for money."),
        ("timestamp", "A JSON integer: milliseconds since 1970-01-01T00:00:00Z (epoch milliseconds), such as `1678360534200`."),
        ("json", "Any JSON value. Used where the shape is not documented; treat it as opaque and keep it as it came."),
        ("TypeName", "A JSON object, linked to its fields on the shared types page."),
        ("EnumName", "An integer or string code, linked to its values on the enums page. New codes may appear: keep a fallback."),
        ("list of T", "A JSON array of T."),
        ("map of T", "A JSON object with string keys and values of T."),
    ],
    formats: "Formats",
    formats_text: "A format is a rule on a string field, checked by bizgen servers exactly as written here (a value that breaks it gets `BIZGEN_VALIDATION`).",
    required: "Required, nullable and conditional",
    required_text: "**Required** `yes` means the key must be present. `no` means it may be left out. **conditional: …** means the field is required when the condition holds; where the condition names fields of the same request, bizgen servers check it, otherwise (\"when MFA is enabled\") only the platform can. A type followed by **or `null`** may also be `null`. A **default** is the value the server uses when the field is left out; only defaults that the platform documents are shown.",
    sensitive: "Sensitive fields",
    sensitive_text: "**Sensitive** fields (passwords, verification codes, sending tickets, tokens, private keys) are secrets: the generated SDK prints them as `***` in debug output and logs, and so should any code that handles them. Never put them in URLs or analytics.",
    examples: "Examples",
    examples_text: "Each example is **captured** (a real request or answer of the platform, kept verbatim, personal data included as the platform published it) or **illustrative** (written for these docs, consistent with the spec, values made up). Examples built from the types alone say so. The curl examples use `$BASE_URL`, and `$TOKEN` or `$ADMIN_TOKEN` where the operation needs a token: see the quick start in the [index](README.md).",
    sources: "Sources",
    sources_text: "The header of an operation page gives its **Source**: the platform document and section the operation was written from (for example `000#bindEmail`). Pages end with **Source notes** where the spec records where something comes from or what is uncertain; they are for spec maintainers, and the rest of the page does not depend on them.",
};

static GUIDE_ZH: Guide = Guide {
    intro: "每个接口页面都由相同的部分组成：调用方式（路径、网关、访问级别、请求头）、请求体、响应中的 `data`、curl 示例、响应示例和错误码。本页解释这些部分使用的术语。",
    types: "类型",
    types_text: "“类型”一列说明字段的 JSON 值。",
    type_rows: [
        ("string", "JSON 字符串。"),
        ("int32", "JSON 整数，范围 -2147483648 到 2147483647。"),
        ("int64", "最多 64 位的 JSON 整数。JavaScript 的数字只在 2^53 以内精确；目前见到的 ID 远小于此。"),
        ("boolean", "`true` 或 `false`。"),
        ("decimal", "以 JSON **字符串**传输的十进制数，如 `\"2904318.4696\"`，不丢失任何位数。金额不要解析为浮点数。"),
        ("timestamp", "JSON 整数：自 1970-01-01T00:00:00Z 起的毫秒数（毫秒时间戳），如 `1678360534200`。"),
        ("json", "任意 JSON 值。用于结构未记录的字段；请原样保留，不要假定其结构。"),
        ("TypeName", "JSON 对象，链接到公共类型页中的字段说明。"),
        ("EnumName", "整数或字符串代码，链接到枚举页中的取值。以后可能出现新代码：请保留兜底处理。"),
        ("list of T", "元素为 T 的 JSON 数组。"),
        ("map of T", "键为字符串、值为 T 的 JSON 对象。"),
    ],
    formats: "格式",
    formats_text: "格式是对字符串字段的规则，bizgen 服务端严格按此处所写进行校验（不符合的值得到 `BIZGEN_VALIDATION`）。",
    required: "必填、可为 null 与条件必填",
    required_text: "**必填** 为“是”表示该键必须出现；“否”表示可以省略。**条件必填：…** 表示条件成立时该字段必填；条件只涉及同一请求中的字段时，bizgen 服务端会校验，否则（如“开启 MFA 时”）只有平台能校验。类型后跟 **或 `null`** 表示值也可以是 `null`。**默认值** 是省略该字段时服务端使用的值；只列出平台文档中写明的默认值。",
    sensitive: "敏感字段",
    sensitive_text: "**敏感** 字段（密码、验证码、验证码发送票据、token、私钥）属于机密：生成的 SDK 在调试输出和日志中将其显示为 `***`，处理它们的代码也应如此。不要把它们放进 URL 或统计数据。",
    examples: "示例",
    examples_text: "每个示例要么是 **实录**（平台真实的请求或应答，原样保留，个人数据与平台公开的一致），要么是 **示意**（为本文档编写，符合规范，数值为虚构）。仅根据类型生成的示例会注明。curl 示例使用 `$BASE_URL`，需要 token 的接口使用 `$TOKEN` 或 `$ADMIN_TOKEN`：见[首页](README.md)的快速上手。",
    sources: "来源",
    sources_text: "接口页面开头的 **来源** 指出该接口依据的平台文档及章节（如 `000#bindEmail`）。规范记录了出处或不确定之处的页面，末尾有 **来源说明**；它们供规范维护者参考，页面其余部分不依赖于它们。",
};

/// Terms of the platform: Chinese, English.
static GLOSSARY: &[(&str, &str)] = &[
    ("资金密码", "fund password (also \"assets password\", `assertPass…` on the wire)"),
    ("登录密码", "login password"),
    ("支付密码", "payment password"),
    ("验证码", "verification code"),
    ("验证码发送票据", "verification-code sending ticket (`sendToken`): returned when a code is sent, sent back with the code"),
    ("谷歌验证码", "Google authenticator code (`googleCode`), needed when Google MFA is on"),
    ("谷歌验证 / 多因素认证", "Google MFA (multi-factor authentication)"),
    ("区号", "area code (`phoneArea`, `emailArea`), such as `+86`"),
    ("注册登录方式", "registration / login method (`type`: email, phone number, customer account)"),
    ("客户账号", "customer account (customer number, `customerNo`)"),
    ("客户组", "customer group"),
    ("游客可访问", "guest access (no token)"),
    ("登录后访问", "access after login (C-side customer token)"),
    ("B端认证", "B-side authentication (admin token of a company's back office)"),
    ("C端 / B端", "C-side (customer) / B-side (business, company back office)"),
    ("公司ID", "company ID (`companyId`): the white-label tenant"),
    ("随机跟踪码", "trace (`trace`): a new random ID per call, echoed in the answer"),
    ("玩法 / 交易类型", "trade type (\"play ID\", `tradeType`): CFD_MM, CFD_WBW, CROSS, MATCH, WALLET"),
    ("模拟账户 / 真实账户", "demo account / real account"),
    ("开户类型", "account opening type (personal, enterprise)"),
    ("净资产", "net assets"),
    ("可用", "available (amount)"),
    ("冻结", "frozen (amount)"),
    ("负债", "liabilities (principal plus interest)"),
    ("保证金", "margin"),
    ("白名单IP", "whitelisted IP addresses (`whiteIps`)"),
    ("临时令牌", "temporary token (exchanged for an access token)"),
    ("刷新令牌", "refresh token (`rToken`)"),
];
