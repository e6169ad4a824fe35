{{ header }}
"""One module per service of the API; reach the services through
:class:`~customer_api.Client` and :class:`~customer_api.AsyncClient`."""

{% for line in imports -%}
{{ line }}
{% endfor %}
__all__ = [
{%- for name in all %}
    "{{ name }}",
{%- endfor %}
]
