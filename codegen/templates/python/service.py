{{ header }}
{{ module_doc }}

from __future__ import annotations

{% if uses_builtins -%}
import builtins
{% endif -%}
{% if uses_paging -%}
from collections.abc import AsyncIterator, Iterator, Mapping
{%- else -%}
from collections.abc import Mapping
{%- endif %}
{%- if uses_decimal %}
from decimal import Decimal
{%- endif %}
{%- if uses_any %}
from typing import Any
{%- endif %}

from .._runtime import model as _rt
from .._runtime import operation as _op
{%- if uses_paging %}
from .._runtime import paging as _pg
{%- endif %}
from .._runtime import transport as _tr
{%- if !types_import.is_empty() %}
{{ types_import }}
{%- endif %}
{%- for o in ops %}

{{ o.constant }} = _op.Operation(
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
{%- if !o.sensitive.is_empty() %}
    sensitive={{ o.sensitive }},
{%- endif %}
{%- if !o.paginate.is_empty() %}
    paginate={{ o.paginate }},
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
        idempotent: {{ bool_t }} = False,
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
            idempotent=idempotent,
        )
{%- if let Some(it) = o.iterator %}

    def {{ it.method }}(
        self,
        *,
{%- for p in it.params %}
        {{ p.name }}: {{ p.annotation }}{% if let Some(d) = p.default %} = {{ d }}{% endif %},
{%- endfor %}
        trace: {{ str_t }} | None = None,
        headers: Mapping[{{ str_t }}, {{ str_t }}] | None = None,
        timeout: {{ float_t }} | None = None,
        max_retries: {{ int_t }} | None = None,
        idempotent: {{ bool_t }} = False,
    ) -> Iterator[{{ it.item }}]:
{{ it.doc }}
        return self._transport.page_all(
            {{ o.constant }},
            {% if it.params.is_empty() %}{}{% else %}{
{%- for p in it.params %}
                {{ p.wire }}: {{ p.name }},
{%- endfor %}
            }{% endif %},
            trace=trace,
            headers=headers,
            timeout=timeout,
            max_retries=max_retries,
            idempotent=idempotent,
        )
{%- endif %}
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
        idempotent: {{ bool_t }} = False,
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
            idempotent=idempotent,
        )
{%- if let Some(it) = o.iterator %}

    def {{ it.method }}(
        self,
        *,
{%- for p in it.params %}
        {{ p.name }}: {{ p.annotation }}{% if let Some(d) = p.default %} = {{ d }}{% endif %},
{%- endfor %}
        trace: {{ str_t }} | None = None,
        headers: Mapping[{{ str_t }}, {{ str_t }}] | None = None,
        timeout: {{ float_t }} | None = None,
        max_retries: {{ int_t }} | None = None,
        idempotent: {{ bool_t }} = False,
    ) -> AsyncIterator[{{ it.item }}]:
{{ it.async_doc }}
        return self._transport.page_all(
            {{ o.constant }},
            {% if it.params.is_empty() %}{}{% else %}{
{%- for p in it.params %}
                {{ p.wire }}: {{ p.name }},
{%- endfor %}
            }{% endif %},
            trace=trace,
            headers=headers,
            timeout=timeout,
            max_retries=max_retries,
            idempotent=idempotent,
        )
{%- endif %}
{%- endfor %}
