{%- import "ts/macros.ts" as m -%}
{{ header }}

/**
 * The client: one property per service of the API.
 *
 * @module
 */

import { redact } from "./redact.js";
import { Transport, type ClientOptions } from "./runtime/transport.js";
{%- for s in services %}
import { {{ s.class }} } from "./services/{{ s.file }}.js";
{%- endfor %}

/**
 * {{ title }}: a client for one tenant (`companyId`) of the platform.
 *
 * ```ts
 * const client = new Client({ baseUrl, companyId: "360" });
 * const login = await client.customerWebApiService.login({ type: 1, loginName, device: 1, isThird: false, loginPwd });
 * client.setToken(login.token);
 * const info = await client.customerWebApiService.findCustomerInfo();
 * ```
 */
export class Client {
{%- for s in services %}

{% call m::doc(&s.doc, "  ") %}{% endcall %}  readonly {{ s.property }}: {{ s.class }};
{%- endfor %}

  readonly #transport: Transport;

  constructor(options: ClientOptions) {
    // The logger sees requests only with their sensitive fields masked.
    this.#transport = new Transport(options, redact);
{%- for s in services %}
    this.{{ s.property }} = new {{ s.class }}(this.#transport);
{%- endfor %}
  }

  /** Sets the C-side customer token, e.g. `login`'s `token`; `null` or `undefined` clears it. */
  setToken(token: string | null | undefined): void {
    this.#transport.token = token ?? undefined;
  }

  /** Sets the B-side admin token; `null` or `undefined` clears it. */
  setAdminToken(token: string | null | undefined): void {
    this.#transport.adminToken = token ?? undefined;
  }
}
