//! The response envelope that wraps every answer, success or failure.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `{code, msg, data, trace, tm, bizCode, msgParams, ok, fail}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope<T = Value> {
    pub code: String,
    pub msg: String,
    #[serde(default)]
    pub data: Option<T>,
    pub trace: String,
    pub tm: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biz_code: Option<String>,
    #[serde(default)]
    pub msg_params: Option<Value>,
    pub ok: bool,
    pub fail: bool,
}

/// The `code` of a successful envelope.
pub const SUCCESS_CODE: &str = "0";

impl<T> Envelope<T> {
    /// A success envelope.
    pub fn success(data: Option<T>, trace: String, tm: i64) -> Self {
        Envelope {
            code: SUCCESS_CODE.into(),
            msg: "Success".into(),
            data,
            trace,
            tm,
            biz_code: Some(String::new()),
            msg_params: None,
            ok: true,
            fail: false,
        }
    }
}

impl Envelope<Value> {
    /// An error envelope.
    pub fn error(code: &str, msg: &str, data: Option<Value>, trace: String, tm: i64) -> Self {
        Envelope {
            code: code.into(),
            msg: msg.into(),
            data,
            trace,
            tm,
            biz_code: Some(String::new()),
            msg_params: None,
            ok: false,
            fail: true,
        }
    }
}
