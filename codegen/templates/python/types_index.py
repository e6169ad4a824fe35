{{ header }}
"""The shared types and enums of the API, from one module per spec file."""

{% for line in imports -%}
{{ line }}
{% endfor %}
__all__ = [
{%- for name in all %}
    "{{ name }}",
{%- endfor %}
]
