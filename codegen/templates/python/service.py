{{ header }}
{{ module_doc }}

from __future__ import annotations

{% if uses_builtins -%}
import builtins
{% endif -%}
from collections.abc import Mapping
{%- if uses_decimal %}
from decimal import Decimal
{%- endif %}
{%- if uses_any %}
from typing import Any
{%- endif %}

from .._runtime import model as _rt
from .._runtime import transport as _tr
{%- if !types_import.is_empty() %}
{{ types_import }}
{%- endif %}
{%- for o in ops %}

{{ o.constant }} = _tr.Operation(
    name={{ o.name }},
    biz_type={{ o.biz_type }},
    path={{ o.path }},
    access="{{ o.access }}",
    version={{ o.version }},
    headers={{ o.headers }},
    token={{ o.token }},
    data={{ o.data }},
{%- if o.read_only %}
    read_only=True,
{%- endif %}
{%- if !o.session.is_empty() %}
    {{ o.session }},
{%- endif %}
)
{%- endfor %}


class {{ class }}:
{{ doc }}

    def __init__(self, transport: _tr.SyncTransport) -> None:
        self._transport = transport
{%- for o in ops %}

    def {{ o.method }}(
        self,
        *,
{%- for p in o.params %}
        {{ p.name }}: {{ p.annotation }}{% if let Some(d) = p.default %} = {{ d }}{% endif %},
{%- endfor %}
        trace: {{ str_t }} | None = None,
        headers: Mapping[{{ str_t }}, {{ str_t }}] | None = None,
        timeout: {{ float_t }} | None = None,
        max_retries: {{ int_t }} | None = None,
    ) -> {{ o.returns }}:
{{ o.doc }}
        return self._transport.call(
            {{ o.constant }},
            {% if o.params.is_empty() %}{}{% else %}{
{%- for p in o.params %}
                {{ p.wire }}: {{ p.name }},
{%- endfor %}
            }{% endif %},
            trace=trace,
            headers=headers,
            timeout=timeout,
            max_retries=max_retries,
        )
{%- endfor %}


class {{ async_class }}:
{{ async_doc }}

    def __init__(self, transport: _tr.AsyncTransport) -> None:
        self._transport = transport
{%- for o in ops %}

    async def {{ o.method }}(
        self,
        *,
{%- for p in o.params %}
        {{ p.name }}: {{ p.annotation }}{% if let Some(d) = p.default %} = {{ d }}{% endif %},
{%- endfor %}
        trace: {{ str_t }} | None = None,
        headers: Mapping[{{ str_t }}, {{ str_t }}] | None = None,
        timeout: {{ float_t }} | None = None,
        max_retries: {{ int_t }} | None = None,
    ) -> {{ o.returns }}:
{{ o.doc }}
        return await self._transport.call(
            {{ o.constant }},
            {% if o.params.is_empty() %}{}{% else %}{
{%- for p in o.params %}
                {{ p.wire }}: {{ p.name }},
{%- endfor %}
            }{% endif %},
            trace=trace,
            headers=headers,
            timeout=timeout,
            max_retries=max_retries,
        )
{%- endfor %}
