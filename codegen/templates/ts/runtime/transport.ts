{{ header }}
{% raw %}
/**
 * One call on the wire: headers, trace id, token by access level, timeout,
 * and the envelope read whatever the HTTP status (gateways answer 200 with
 * an error envelope; a server in semantic-status mode answers 4xx/5xx with
 * the same envelope).
 *
 * @module
 */

import { ApiError, ClientError } from "./errors.js";
import { parseJson, stringifyJson, toPlain, type Parsed } from "./json.js";
import { decode, ShapeError, type Schema } from "./schema.js";

/** How a {@link Client} reaches the platform; see the package README. */
export interface ClientOptions {
  /** Scheme, host and port, e.g. `https://api.example.com`. */
  baseUrl: string;
  /** The `companyId` header: the white-label tenant. */
  companyId: string;
  /** The `lang` header (default `en-US`): the language of messages. */
  lang?: string;
  /** Overrides each operation's `version` header. */
  version?: string;
  /** C-side customer token (from `login`), sent on login and optional-token operations. */
  token?: string;
  /** B-side admin token, sent on admin operations. */
  adminToken?: string;
  /** The `X-Forwarded-For` header, where an operation takes it (register). */
  forwardedFor?: string;
  /** The `fetch` to use (default: the global one). */
  fetch?: typeof fetch;
  /** Milliseconds before a call fails with `ClientError` kind `timeout` (default 30000). */
  timeoutMs?: number;
}

/** Options of one call. */
export interface CallOptions {
  /** The `trace` header; a fresh one per call when absent. */
  trace?: string;
  /** Aborts the call (`ClientError` kind `aborted`). */
  signal?: AbortSignal;
}

/** Who may call an operation, and with which token. */
export type Access = "guest" | "login" | "optional" | "admin";

/** What the client needs to know about an operation. */
export interface Operation {
  readonly bizType: string;
  readonly path: string;
  readonly access: Access;
  /** The `version` header the operation is documented with. */
  readonly version: string;
  /** Headers the operation takes, besides `content-type` and `trace` (always sent) and `token` (by access). */
  readonly headers: readonly string[];
  /** The shape of `data` on success; `null` when there is nothing to read. */
  readonly data: Schema | null;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** The shared state of a client: its options and tokens. Used by the service classes. */
export class Transport {
  token: string | undefined;
  adminToken: string | undefined;
  private readonly options: ClientOptions;
  private readonly fetch: typeof fetch;

  constructor(options: ClientOptions) {
    this.options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, "") };
    this.token = options.token;
    this.adminToken = options.adminToken;
    const custom = options.fetch;
    // Called as a plain function: browsers refuse `fetch` called on another object.
    this.fetch = custom ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Sends a request and returns the decoded `data`, or throws. */
  async call(op: Operation, request: object, options: CallOptions = {}): Promise<unknown> {
    const token = this.tokenFor(op);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/json",
      trace: options.trace ?? newTrace(),
    };
    if (token !== undefined) headers.token = token;
    for (const name of op.headers) {
      const value = this.headerValue(name, op);
      if (value !== undefined) headers[name] = value;
    }
    let body: string;
    try {
      body = stringifyJson(request);
    } catch (cause) {
      throw new ClientError("encode", op.bizType, `cannot write the request as JSON: ${String(cause)}`, { cause });
    }
    const { status, text } = await this.send(op, headers, body, options.signal);
    return decodeAnswer(op, status, text);
  }

  private tokenFor(op: Operation): string | undefined {
    switch (op.access) {
      case "guest":
        return undefined;
      case "optional":
        return this.token;
      case "login":
        if (this.token === undefined) {
          throw new ClientError("missingToken", op.bizType, "needs the C-side customer token: call setToken() after login");
        }
        return this.token;
      case "admin":
        if (this.adminToken === undefined) {
          throw new ClientError("missingToken", op.bizType, "needs the B-side admin token: pass adminToken or call setAdminToken()");
        }
        return this.adminToken;
    }
  }

  private headerValue(name: string, op: Operation): string | undefined {
    switch (name) {
      case "version":
        return this.options.version ?? op.version;
      case "companyId":
        return this.options.companyId;
      case "lang":
        return this.options.lang ?? "en-US";
      case "X-Forwarded-For":
        return this.options.forwardedFor;
      default:
        return undefined;
    }
  }

  private async send(
    op: Operation,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; text: string }> {
    if (signal?.aborted) throw new ClientError("aborted", op.bizType, "aborted before sending", { cause: signal.reason });
    const controller = new AbortController();
    let timedOut = false;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const forward = (): void => controller.abort();
    signal?.addEventListener("abort", forward, { once: true });
    try {
      const response = await this.fetch(this.options.baseUrl + op.path, {
        method: "POST",
        headers,
        body,
        signal: controller.signal,
      });
      return { status: response.status, text: await response.text() };
    } catch (cause) {
      if (timedOut) throw new ClientError("timeout", op.bizType, `no answer within ${timeoutMs} ms`, { cause });
      if (signal?.aborted) throw new ClientError("aborted", op.bizType, "aborted by the caller", { cause: signal.reason });
      throw new ClientError("transport", op.bizType, `the request failed: ${String(cause)}`, { cause });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", forward);
    }
  }
}

/** Reads an answer: the envelope first, then `data` on success only. */
export function decodeAnswer(op: Operation, status: number, text: string): unknown {
  const fail = (message: string, cause?: unknown): ClientError =>
    new ClientError("decode", op.bizType, `${message} (HTTP ${status})`, { status, body: text.slice(0, 512), cause });
  let envelope: Parsed;
  try {
    envelope = parseJson(text);
  } catch (cause) {
    throw fail(`the answer is not JSON: ${String(cause)}`, cause);
  }
  if (envelope === null || typeof envelope !== "object" || Array.isArray(envelope) || !("ok" in envelope)) {
    throw fail("the answer is not a response envelope");
  }
  if (envelope.ok !== true || envelope.fail === true) {
    const str = (key: string): string => {
      const value = envelope[key];
      return typeof value === "string" ? value : "";
    };
    const trace = envelope.trace;
    throw new ApiError(
      {
        code: str("code"),
        msg: str("msg"),
        data: toPlain(envelope.data ?? null),
        msgParams: toPlain(envelope.msgParams ?? null),
        trace: typeof trace === "string" ? trace : undefined,
      },
      op.bizType,
      status,
    );
  }
  if (op.data === null) return undefined;
  try {
    return decode(envelope.data ?? null, op.data, "/data");
  } catch (cause) {
    if (cause instanceof ShapeError) throw fail(`\`data\` does not match the spec at ${cause.message}`, cause);
    throw cause;
  }
}

/** A fresh trace id: `x-` and a random UUID (from `crypto.getRandomValues`, which plain-HTTP pages have too). */
export function newTrace(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `x-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
{% endraw %}
