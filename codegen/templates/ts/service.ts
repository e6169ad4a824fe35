{%- import "ts/macros.ts" as m -%}
{{ header }}

{% call m::doc(&module_doc, "") %}{% endcall %}
{%- if uses_types %}
import type * as types from "../types.js";
{%- endif %}
import type { CallOptions, Operation, Transport } from "../runtime/transport.js";
{%- if uses_helpers %}
import * as s from "../runtime/schema.js";
{%- endif %}
{%- if uses_schemas %}
import * as schemas from "../schemas.js";
{%- endif %}
{%- for r in requests %}

{% call m::interface(&r) %}{% endcall %}
{%- endfor %}

/** What the client needs to know about each operation, by method. */
const operations = {
{%- for o in ops %}
  {{ o.descriptor_key }}: {
    bizType: {{ o.biz_type }},
    path: {{ o.path }},
    access: "{{ o.access }}",
    version: {{ o.version }},
    headers: {{ o.headers }},
    data: {{ o.data }},
  },
{%- endfor %}
} satisfies { [method: string]: Operation };

{% call m::doc(&doc, "") %}{% endcall %}export class {{ class }} {
  readonly #transport: Transport;

  /** Use `new Client(...).{{ file }}` rather than this constructor. */
  constructor(transport: Transport) {
    this.#transport = transport;
  }
{%- for o in ops %}

{% call m::doc(&o.doc, "  ") %}{% endcall %}  {{ o.method }}(request: {{ o.request }}{% if o.request_optional %} = {}{% endif %}, options?: CallOptions): Promise<{{ o.response }}> {
    return this.#transport.call({{ o.descriptor_ref }}, request, options) as Promise<{{ o.response }}>;
  }
{%- endfor %}
}
