{% for line in stdlib -%}
{{ line }}
{% endfor -%}
{% if !stdlib.is_empty() %}
{% endif -%}
from {{ package }} import Client
{% for line in types -%}
{{ line }}
{% endfor %}
client = Client({{ connect }})
{{ call }}
{%- if returns %}
print(answer)
{%- endif %}
