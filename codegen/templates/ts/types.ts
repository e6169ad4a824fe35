{%- import "ts/macros.ts" as m -%}
{{ header }}

/**
 * Shared types and enums of the API. Every enum is an `as const` object of
 * its known codes plus a type that also admits codes this version does not
 * know; int64 fields are `bigint`, decimals strings, timestamps epoch
 * milliseconds.
 *
 * @module
 */
{%- for e in enums %}

{% call m::doc(&e.doc, "") %}{% endcall %}export const {{ e.name }} = {
{%- for v in e.members %}
{% call m::doc(&v.doc, "  ") %}{% endcall %}  {{ v.key }}: {{ v.value }},
{%- endfor %}
} as const;

{% call m::doc(&e.doc, "") %}{% endcall %}export type {{ e.name }} = {{ e.union }};
{%- endfor %}
{%- for t in types %}

{% call m::interface(&t) %}{% endcall %}
{%- endfor %}
