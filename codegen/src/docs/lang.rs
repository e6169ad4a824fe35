//! The two languages of the docs: every fixed word of a page (headings,
//! labels, table headers, the prose of the guide pages) in English and in
//! Chinese. The templates and view models are shared; only these labels
//! and the spec's `*Zh` texts differ between `generated/docs/` and
//! `generated/docs/zh/`.

mod en;
mod zh;

pub use crate::lang::Lang;

// The labels are the docs' business, so this impl lives here and the
// language itself (`crate::lang`) knows nothing of the docs.
impl Lang {
    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::En => &en::EN,
            Lang::Zh => &zh::ZH,
        }
    }
}

/// Every fixed word of the docs in one language.
pub struct Labels {
    pub other_language: &'static str,
    pub none: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub or_null: &'static str,
    pub list_of: &'static str,
    pub map_of: &'static str,
    pub one_of: &'static str,
    /// Before constraints the spec marks `assumed`.
    pub assumed: &'static str,
    pub default: &'static str,
    pub sensitive: &'static str,
    pub deprecated: &'static str,
    pub used_by: &'static str,
    pub how_to_read_link: &'static str,

    // index
    pub generated: &'static str,
    pub stats: &'static str,
    pub quick_start: &'static str,
    pub qs_mock: &'static str,
    pub qs_mock_text: &'static str,
    pub qs_vars: &'static str,
    pub qs_vars_text: &'static str,
    pub qs_step: &'static str,
    pub qs_token_text: &'static str,
    pub qs_rust: &'static str,
    pub qs_rust_text: &'static str,
    pub qs_ts: &'static str,
    pub qs_ts_text: &'static str,
    pub qs_admin: &'static str,
    pub qs_admin_text: &'static str,
    pub rules: &'static str,
    pub rules_items: [&'static str; 5],
    pub access_levels: &'static str,
    pub access_header: &'static str,
    pub token_header: &'static str,
    pub meaning: &'static str,
    pub access_meanings: [&'static str; 4],
    pub gateways: &'static str,
    pub gateway: &'static str,
    pub path_prefix: &'static str,
    pub side: &'static str,
    pub description: &'static str,
    pub headers: &'static str,
    pub headers_text: &'static str,
    pub header: &'static str,
    pub example: &'static str,
    pub operations: &'static str,
    pub operations_text: &'static str,
    pub operation: &'static str,
    pub access: &'static str,
    pub summary: &'static str,
    pub reference: &'static str,
    /// The index's last line: the link to the maintainers' notes (English).
    pub maintainers_footer: &'static str,

    // operation page
    pub service: &'static str,
    pub request: &'static str,
    pub version_header: &'static str,
    /// The line of a `readOnly` operation.
    pub read_only: &'static str,
    pub version_absent: &'static str,
    pub presence: &'static str,
    pub request_body: &'static str,
    pub no_fields: &'static str,
    pub json_object: &'static str,
    pub field: &'static str,
    pub type_: &'static str,
    pub required: &'static str,
    /// Required cell of a `requiredWhen` field; `{when}` is the condition.
    pub conditional: &'static str,
    /// `{field}` has one of `{values}` (joined by `cond_or`).
    pub cond_is: &'static str,
    pub cond_or: &'static str,
    pub cond_given: &'static str,
    pub cond_not_given: &'static str,
    pub constraints: &'static str,
    pub values: &'static str,
    pub details: &'static str,
    pub response: &'static str,
    pub data_is: &'static str,
    pub period: &'static str,
    /// After a label: `: ` or `：`.
    pub colon: &'static str,
    /// Between two parts of a line: `, ` or `，`.
    pub comma: &'static str,
    /// Between the parts of a Details cell: `; ` or `；`.
    pub semicolon: &'static str,
    /// Between two sentences: a space in English, nothing in Chinese.
    pub sentence_gap: &'static str,
    /// The words of constraints: minLength, maxLength, minimum, maximum,
    /// pattern, format (the spec's keywords in English).
    pub constraint_words: [&'static str; 6],
    /// Deprecation details: `{date}`, `{name}`, and the text when neither is known.
    pub served_until: &'static str,
    pub use_instead: &'static str,
    pub may_be_removed: &'static str,
    pub data_none: &'static str,
    pub fields_of: &'static str,
    pub see_envelope: &'static str,
    pub example_request: &'static str,
    pub code_samples: &'static str,
    pub code_samples_text: &'static str,
    pub the_body: &'static str,
    pub from_example: &'static str,
    pub built_request: &'static str,
    pub example_responses: &'static str,
    pub generated_response: &'static str,
    pub built_response: &'static str,
    pub errors: &'static str,
    pub errors_text: &'static str,
    pub code: &'static str,
    pub message: &'static str,
    pub when: &'static str,
    pub when_validation: &'static str,
    pub when_unauthenticated: &'static str,
    pub when_unauthenticated_optional: &'static str,
    pub deprecated_op: &'static str,
    pub captured: &'static str,
    pub illustrative: &'static str,

    // reference pages
    pub envelope_title: &'static str,
    pub envelope_success_code: &'static str,
    pub envelope_success: &'static str,
    pub envelope_error: &'static str,
    pub envelope_generated: &'static str,
    pub the_example: &'static str,
    pub types_title: &'static str,
    pub types_text: &'static str,
    pub enums_title: &'static str,
    pub enums_text: &'static str,
    pub on_the_wire: &'static str,
    pub wire_int: &'static str,
    pub wire_string: &'static str,
    pub name: &'static str,
    pub errors_title: &'static str,
    pub errors_page_text: &'static str,
    pub platform_codes: &'static str,
    pub platform_codes_text: &'static str,
    pub bizgen_codes: &'static str,
    pub bizgen_codes_text: &'static str,
    pub validation_example: &'static str,
    pub origin: &'static str,
    pub origin_platform: &'static str,
    pub origin_bizgen: &'static str,
    pub returned_by: &'static str,
    pub every_operation: &'static str,
    pub token_operations: &'static str,
    pub how_to_read_title: &'static str,
    pub glossary_title: &'static str,
    pub glossary_text: &'static str,
    pub term_zh: &'static str,
    pub term_en: &'static str,

    // access, side, presence
    pub access_guest: &'static str,
    pub access_login: &'static str,
    pub access_admin: &'static str,
    pub access_optional: &'static str,
    pub side_c: &'static str,
    pub side_b: &'static str,
    pub presence_required: &'static str,
    pub presence_optional: &'static str,
    pub presence_absent: &'static str,
}
