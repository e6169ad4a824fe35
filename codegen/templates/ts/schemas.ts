{{ header }}

/**
 * Decoder descriptors of the shared types that responses hold, from the
 * same schemas bizgen's servers validate with. Internal: the service
 * classes use them to read `data`.
 *
 * @module
 */

import * as s from "./runtime/schema.js";
{%- for o in objects %}

export const {{ o.name }} = s.object({{ o.wire_name }}, {
{%- for (key, d) in o.fields %}
  {{ key }}: {{ d }},
{%- endfor %}
});
{%- endfor %}
