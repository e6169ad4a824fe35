{#- Shared pieces of the TypeScript files. -#}
{% macro doc(lines, indent) -%}
{% if lines.len() == 1 -%}
{{ indent }}/** {{ lines[0] }} */
{% else if !lines.is_empty() -%}
{{ indent }}/**
{% for line in lines -%}
{{ indent }} *{% if !line.is_empty() %} {{ line }}{% endif %}
{% endfor -%}
{{ indent }} */
{% endif -%}
{% endmacro %}

{% macro interface(t) -%}
{% call doc(&t.doc, "") %}{% endcall %}export interface {{ t.name }} {
{%- if t.fields.is_empty() %}
  /** No fields: an empty object. */
  [field: string]: never;
{%- endif %}
{%- for f in t.fields %}
{% call doc(&f.doc, "  ") %}{% endcall %}  {{ f.key }}{% if f.optional %}?{% endif %}: {{ f.ty }};
{%- endfor %}
}
{%- endmacro %}
