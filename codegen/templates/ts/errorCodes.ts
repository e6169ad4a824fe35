{%- import "ts/macros.ts" as m -%}
{{ header }}

/**
 * Error codes of the API: the `code` of an error envelope (`ApiError.code`).
 * Servers may answer with codes not listed here.
 *
 * @module
 */

/** Every error code the spec lists, with its message. */
export const ErrorCode = {
{%- for c in codes %}
{% call m::doc(&c.doc, "  ") %}{% endcall %}  {{ c.key }}: {{ c.value }},
{%- endfor %}
} as const;

/** An error code the spec lists. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
