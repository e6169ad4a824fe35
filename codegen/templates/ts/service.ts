{%- import "ts/macros.ts" as m -%}
{{ header }}

{% call m::doc(&module_doc, "") %}{% endcall %}
{%- if uses_types %}
import type * as types from "../types.js";
{%- endif %}
import type { CallOptions, Operation, Transport, WithMeta } from "../runtime/transport.js";
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
    name: {{ o.name }},
    bizType: {{ o.biz_type }},
    path: {{ o.path }},
    access: "{{ o.access }}",
    version: {{ o.version }},
    headers: {{ o.headers }},
    data: {{ o.data }},
    readOnly: {{ o.read_only }},
{%- if let Some(p) = o.page_all %}
    paginate: {{ p.paginate }},
{%- endif %}
  },
{%- endfor %}
} satisfies { [method: string]: Operation };

{% call m::doc(&doc, "") %}{% endcall %}export class {{ class }} {
  readonly #transport: Transport;
  #meta = false;

  /** Use `new Client(...).{{ file }}` rather than this constructor. */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * The same operations resolving with a `Response`: `data` with the HTTP
   * status and headers, `trace`, `tm`, `bizCode` and the number of attempts.
   */
  withMeta(): WithMeta<{{ class }}> {
    const view = new {{ class }}(this.#transport);
    view.#meta = true;
    // The same methods: with `#meta` they resolve with a Response.
    return view as unknown as WithMeta<{{ class }}>;
  }
{%- for o in ops %}

{% call m::doc(&o.doc, "  ") %}{% endcall %}  {{ o.method }}(request: {{ o.request }}{% if o.request_optional %} = {}{% endif %}, options?: CallOptions): Promise<{{ o.response }}> {
    return this.#transport.call({{ o.descriptor_ref }}, request, options, this.#meta) as Promise<{{ o.response }}>;
  }
{%- if let Some(p) = o.page_all %}

{% call m::doc(&p.doc, "  ") %}{% endcall %}  {{ p.method }}(request: {{ o.request }}{% if o.request_optional %} = {}{% endif %}, options?: CallOptions): AsyncGenerator<{{ p.item }}, void, undefined> {
    return this.#transport.pageAll({{ o.descriptor_ref }}, request, options) as AsyncGenerator<{{ p.item }}, void, undefined>;
  }
{%- endif %}
{%- endfor %}
}
