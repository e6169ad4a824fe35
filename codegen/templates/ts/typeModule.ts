{%- import "ts/macros.ts" as m -%}
{{ header }}

/**
 * Types and enums of `{{ spec_file }}`.
 *
 * @module
 */
{%- if uses_types %}

import type * as types from "../types.js";
{%- endif %}
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
