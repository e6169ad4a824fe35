import { {{ imports.join(", ") }} } from {{ package }};

const client = new Client({ {{ options.join(", ") }} });
{% if returns -%}
const answer = await {{ call }};
console.log(answer);
{%- else -%}
await {{ call }};
{%- endif %}
