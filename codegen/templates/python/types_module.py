{{ header }}
{{ doc }}

from __future__ import annotations

{{ imports }}
{%- for e in enums %}


class {{ e.name }}({{ e.base }}):
{{ e.doc }}
{% for m in e.members %}
    {{ m.name }} = {{ m.value }}
{%- if !m.doc.is_empty() %}
{{ m.doc }}
{%- endif %}
{%- endfor %}
{%- endfor %}
{%- for c in classes %}


@dataclass(init=False, repr=False)
class {{ c.name }}(_rt.Model):
{{ c.doc }}
{% for f in c.fields %}
    {{ f.attr }}: {{ f.annotation }}
{%- if !f.doc.is_empty() %}
{{ f.doc }}
{%- endif %}
{%- endfor %}

    def __init__(
        self,
{%- if !c.fields.is_empty() %}
        *,
{%- endif %}
{%- for f in c.fields %}
        {{ f.attr }}: {{ f.annotation }}{% if let Some(d) = f.default %} = {{ d }}{% endif %},
{%- endfor %}
    ) -> None:
{%- for f in c.fields %}
        self.{{ f.attr }} = {{ f.attr }}
{%- endfor %}
{%- if c.fields.is_empty() %}
        pass
{%- endif %}

    @staticmethod
    def _wire_fields() -> tuple[_rt.Field, ...]:
        return (
{%- for f in c.fields %}
            {{ f.wire }},
{%- endfor %}
        )
{%- endfor %}
