//! The guides in Chinese: the same statements as [`super::en`], in the
//! glossary's terms (`codegen/src/docs/lang/glossary.zh.yaml`).

use super::GuideText;

pub(super) static GUIDES: &[GuideText] = &[SIGN_IN, CODES, ERRORS];

const SIGN_IN: GuideText = GuideText {
    file: "sign-in-and-tokens.md",
    title: "登录与 token",
    intro: "客户如何登录、各个 token 用在哪里，以及本 API 的文档对 token 没有说明的内容。",
    sections: &[
        (
            "登录",
            "{op:login} 对游客开放。它接收登录方式 `type`（1 邮箱，2 手机号码，3 客户账号）、账号 `loginName`、登录设备 `device`、`isThird`，以及登录凭证：登录密码 `loginPwd`（MD5，32 位十六进制），或验证码 `verifyCode` 及其验证码发送票据 `sendToken`（见[验证码与 MFA](verification-codes-and-mfa.md)）。`type` 为 2 时 `phoneArea` 必填。第三方登录须设置 `isThird`，并在 `thirdSource` 中给出第三方来源。\n\n响应的 `data` 是客户信息及其交易账户，以及访问 token `token` 和刷新 token `rToken`。访问级别为 `login` 的接口都要在 `token` 请求头中携带 `data.token`。SDK 会自行保存它：Rust 与 Python 客户端在登录返回时保存，TypeScript 客户端通过 `setToken` 接收。",
        ),
        (
            "开启谷歌验证时的登录",
            "在要求输入密码之前，前端可以调用 {op:checkGoogleMFAStatus}（对游客开放），查询某个邮箱或手机号码的 MFA 状态。文档只给出一个结果：`-1`，即未绑定谷歌验证器时登录响应中 `googleId` 的值。其他状态码未说明。\n\n登录接口接收可选的 `googleCode`，即谷歌验证器给出的谷歌验证码。文档没有说明登录何时要求提供它。",
        ),
        (
            "刷新 token：`rToken`",
            "登录会返回 `rToken`，文档只说明它是刷新 token。本 API 没有任何接口接收它：文档没有描述刷新 token 的方法。请像对待 `token` 一样保密（SDK 在日志中会将其脱敏）。",
        ),
        (
            "token 的有效期",
            "文档没有说明 `token` 的有效期，也没有说明 token 过期时平台返回哪个错误码。由 bizgen 生成的服务端（包括模拟服务）对缺失或无效的 token 返回 `BIZGEN_UNAUTHENTICATED`。调用因 token 被拒绝时，请重新登录。",
        ),
        (
            "切换真实账户与模拟账户",
            "{op:switchAccount} 在已登录客户的真实账户与模拟账户之间切换。它需要客户的 token，请求体为空对象 `{}`，不发送 `version` 请求头。文档没有说明调用之后哪个账户生效，也没有说明 token 是否会变化。{op:resetAccount} 用于重置模拟账户。",
        ),
        (
            "用临时 token 换取访问 token：`randomKey`",
            "{op:randomKey} 用一次性的临时 token 换取最终的访问 token，访问 token 在 `data` 中返回。可以发送客户的 token，但不要求；不发送 `version` 请求头。文档没有说明临时 token 从何而来，也没有说明如何传递它：请求体在文档中是一个空对象。",
        ),
        (
            "B端（管理）token",
            "访问级别为 `admin` 的接口在同一个 `token` 请求头中携带B端 token。文档没有说明公司如何获取该 token，也没有说明其有效期：请向平台运营方申请。",
        ),
    ],
};

const CODES: GuideText = GuideText {
    file: "verification-codes-and-mfa.md",
    title: "验证码与 MFA",
    intro: "验证码及其验证码发送票据从何而来，更换邮箱或手机号码时该用哪个接口，以及客户开启谷歌验证后有哪些变化。",
    sections: &[
        (
            "`verifyCode` 与 `sendToken` 从何而来",
            "许多接口都接收验证码（`verifyCode`、`verifyCodeOld`、`verifyCodeSMS` 等）以及平台的发送验证码接口在发送该验证码时返回的验证码发送票据（`sendToken`、`sendTokenOld`、`sendTokenSMS` 等）。\n\n发送验证码接口不属于本 API：文档提到了它，但没有描述它，所以规范中没有发送验证码的接口。{op:forgetAssertsPwd} 以 `verifyCodeToken` 接收的校验票据来自校验验证码接口，情况相同。这两个接口请向平台运营方索取。\n\n对部分字段，文档给出了发送接口使用的 `bizType`：\n\n- `EMAIL_COMMON_VERIFICATION_CODE`：{op:changeEmailMFA} 的新邮箱；\n- `SMS_COMMON_VERIFICATION_CODE`：新的手机号码（{op:changePhoneMFA}、{op:firstSetPhone}）；\n- `EMAIL_LOGINED_VERIFICATION_CODE` 与 `SMS_LOGINED_VERIFICATION_CODE`：已登录客户当前的邮箱或手机号码（例如 {op:changeEmailMFA} 与 {op:updateLoginPwdMFA}）；\n- `SMS_TELEGRAM_VERIFICATION_CODE`：`thirdSource` 为 `telegram` 时的第三方验证码。\n\n其他字段的 `bizType` 文档未说明。",
        ),
        (
            "更换邮箱：用哪个接口",
            "有三个接口可以更换绑定的邮箱。它们都用发送到新邮箱的验证码证明新邮箱；区别在于客户如何证明自己的身份：\n\n| 接口 | 新邮箱 | 客户身份 |\n| --- | --- | --- |\n| {op:changeEmail} | `verifyCode`、`sendToken` | 仅凭登录 token |\n| {op:changeEmailV1v1v2} | `verifyCode`、`sendToken` | 发送到原邮箱的验证码（`verifyCodeOld`、`sendTokenOld`）；开启谷歌验证时改为 `googleCode` |\n| {op:changeEmailMFA} | `verifyCodeNew`、`sendTokenNew` | 由客户选择：`type` 为 1 时用发送到原邮箱的验证码，为 2 时用手机验证码（`verifyCodeOld`、`sendTokenOld`）；`googleCode` 可选 |\n\n文档没有说明平台推荐哪一个，也没有说明 {op:changeEmail} 是否只为旧版客户端保留。请根据客户能提供的证明来选择：开启谷歌验证时用 {op:changeEmailV1v1v2}；要让客户在邮箱与手机之间选择时用 {op:changeEmailMFA}。",
        ),
        (
            "更换手机号码",
            "手机号码也有对应的三个接口：{op:changePhone}、{op:changePhoneV1v1v2}（发送到原手机号码的验证码；开启谷歌验证时改为 `googleCode`）和 {op:changePhoneMFA}（由客户选择如何证明原凭证）。",
        ),
        (
            "开启或关闭谷歌验证",
            "{op:enableOrForbidMFA} 开启（`type` 为 1）或关闭（`type` 为 2）谷歌验证。客户须证明已绑定的手机号码、已绑定的邮箱，两者都已绑定时两者都要证明，每项都提供验证码及其验证码发送票据。它也接收 `googleCode`；文档没有说明它是否必填、何时必填。\n\n开启谷歌验证后，{op:changeEmailV1v1v2}、{op:changePhoneV1v1v2} 和 {op:forgetAssertsPwdV1v1v2} 要求提供 `googleCode`，且无需再证明原邮箱或原手机号码。其他接口的 `googleCode` 为可选；文档没有说明平台何时校验它。",
        ),
    ],
};

const ERRORS: GuideText = GuideText {
    file: "errors.md",
    title: "错误处理",
    intro: "调用如何失败、如何区分各种失败，以及应向客户展示什么。",
    sections: &[
        (
            "响应信封：HTTP 200 与 `ok`",
            "无论成功与否，响应都是 HTTP 200 加[响应信封]({root}envelope.md)。请检查 `ok`（或 `fail`），而不是 HTTP 状态码。成功时 `code` 为字符串 `\"0\"`，`data` 的结构见接口页面；失败时 `code` 为错误码，`data` 常常是字符串形式的 bizType。",
        ),
        (
            "错误码",
            "[错误码]({root}errors.md)页面列出了平台文档中的错误码（`CUSTOMER_API_...`）以及返回各错误码的接口。该列表并不完整：平台可能返回文档之外的错误码。\n\n以 `BIZGEN_` 开头的错误码只来自由 bizgen 生成的服务端（包括模拟服务）：请求格式错误、未知接口、token 缺失或无效、请求不符合规范。平台自己的服务端不会发送这些错误码。",
        ),
        (
            "遇到不认识的错误码时展示什么",
            "展示 `msg`：它是写给人看的，使用 `lang` 请求头指定的语言。不要根据 `msg` 的文字做判断；请用 `code` 与你处理的错误码比较。请把 `trace` 与错误一起保存：它能把这次调用与服务端日志对应起来。",
        ),
        (
            "校验错误",
            "由 bizgen 生成的服务端在处理程序运行之前按规范校验每个请求，对不符合规范的请求返回 `BIZGEN_VALIDATION`：`data` 逐条列出违规之处，包括字段的 JSON 指针和原因。平台自己对无效请求的响应格式未说明。",
        ),
        (
            "在 SDK 中",
            "SDK 会把错误响应信封转换为带有错误码、消息、`data` 和 `trace` 的错误，违规之处以（指针，原因）对给出；没有可用响应的调用则以客户端自身的错误类型失败。\n\n- Rust：`ClientError::Api`，以及 `e.is(errors::CUSTOMER_API_0000511)`；\n- TypeScript：`ApiError`，以及 `e.code === ErrorCode.CUSTOMER_API_0000511`；\n- Python：`ApiError`，以及 `e.code == errors.CUSTOMER_API_0000511`。",
        ),
    ],
};
