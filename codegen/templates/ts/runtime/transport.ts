{{ header }}
{% raw %}
/**
 * One call on the wire: headers, trace id, token by access level, timeout,
 * retries, hooks, and the envelope read whatever the HTTP status (gateways
 * answer 200 with an error envelope; a server in semantic-status mode
 * answers 4xx/5xx with the same envelope).
 *
 * @module
 */

import { ApiError, ClientError } from "./errors.js";
import { maskHeaders, type Logger, type RequestInfo, type ResponseInfo } from "./hooks.js";
import { parseJson, stringifyJson, toPlain, type Parsed } from "./json.js";
import { pages, type Paginate } from "./paging.js";
import { neverSent, RETRY_STATUSES, retryAfterMs, RetryPolicy, type RetryOptions } from "./retry.js";
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
  /** Values of the spec's other headers (a gateway's `deviceId`, say), by name in any case; sent where an operation takes them. */
  headers?: Readonly<Record<string, string>>;
  /** The `fetch` to use (default: the global one). */
  fetch?: typeof fetch;
  /** Milliseconds one attempt may take before it fails with `ClientError` kind `timeout` (default 30000). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 2; 0 turns retries off); the same as `retry.maxRetries`. */
  maxRetries?: number;
  /** Backoff, jitter and the clock of retries. */
  retry?: RetryOptions;
  /** Called before every attempt (retries included), with the token masked. */
  onRequest?: (info: RequestInfo) => void;
  /** Called after every attempt, answered or failed. */
  onResponse?: (info: ResponseInfo) => void;
  /** Gets a debug line per attempt sent and answered; tokens and sensitive fields masked. */
  logger?: Logger;
}

/** Options of one call. */
export interface CallOptions {
  /** The `trace` header; a fresh one per call when absent. Every attempt sends the same one. */
  trace?: string;
  /** Aborts the call, its retries and their waits (`ClientError` kind `aborted`). */
  signal?: AbortSignal;
  /** Retries for this call (0: one attempt only), overriding the client's. */
  maxRetries?: number;
  /** The caller knows this call is safe to repeat: retry it like a read-only operation. */
  idempotent?: boolean;
  /** Headers of this call only, by name in any case: they win over the client's values, and names the operation does not take are sent too. */
  headers?: Readonly<Record<string, string>>;
}

/** A successful answer with its metadata, from a service's `withMeta()` view. */
export interface Response<T> {
  /** The decoded `data`. */
  readonly data: T;
  /** The HTTP status (200 on the platform's gateways). */
  readonly status: number;
  /** The HTTP headers of the answer. */
  readonly headers: Headers;
  /** The trace id the server echoed. */
  readonly trace: string;
  /** The time the server spent, in milliseconds. */
  readonly tm: number;
  readonly bizCode: string | undefined;
  /** How many attempts the call took (1 unless it was retried). */
  readonly attempts: number;
}

/** A service's operations resolving with {@link Response} instead of `data`. */
export type WithMeta<S> = {
  [K in keyof S as S[K] extends (...args: never[]) => Promise<unknown> ? K : never]: S[K] extends (
    ...args: infer A
  ) => Promise<infer R>
    ? (...args: A) => Promise<Response<R>>
    : never;
};

/** Who may call an operation, and with which token. */
export type Access = "guest" | "login" | "optional" | "admin";

/** What the client needs to know about an operation. */
export interface Operation {
  /** The wire name, e.g. `page`. */
  readonly name: string;
  readonly bizType: string;
  readonly path: string;
  readonly access: Access;
  /** The `version` header the operation is documented with. */
  readonly version: string;
  /** Headers the operation takes, besides `content-type` and `trace` (always sent) and `token` (by access): name, and whether it is required. */
  readonly headers: readonly (readonly [name: string, required: boolean])[];
  /** The shape of `data` on success; `null` when there is nothing to read. */
  readonly data: Schema | null;
  /** A pure query: retried by default. */
  readonly readOnly: boolean;
  /** How the operation pages, if it does. */
  readonly paginate?: Paginate;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** One attempt's outcome: an answer (any status), or why none came. */
type Attempt = { status: number; headers: Headers; text: string } | { error: ClientError };

/** The shared state of a client: its options and tokens. Used by the service classes. */
export class Transport {
  token: string | undefined;
  adminToken: string | undefined;
  private readonly options: ClientOptions;
  private readonly fetch: typeof fetch;
  private readonly retry: RetryPolicy;
  private readonly redact: (value: unknown) => unknown;

  /** `redact` masks sensitive fields of a request for the logger. */
  constructor(options: ClientOptions, redact: (value: unknown) => unknown = () => "<not shown>") {
    this.options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, "") };
    this.token = options.token;
    this.adminToken = options.adminToken;
    const custom = options.fetch;
    // Called as a plain function: browsers refuse `fetch` called on another object.
    this.fetch = custom ?? ((input, init) => globalThis.fetch(input, init));
    const retry: RetryOptions = { ...options.retry };
    if (options.maxRetries !== undefined) retry.maxRetries = options.maxRetries;
    this.retry = new RetryPolicy(retry);
    this.redact = redact;
  }

  /** Sends a request (retrying as the policy says) and returns the decoded `data`, or a {@link Response} with `meta`; or throws. */
  async call(op: Operation, request: object, options: CallOptions = {}, meta = false): Promise<unknown> {
    const given = new Map<string, readonly [string, string]>(
      Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), [name, value]]),
    );
    const take = (name: string): string | undefined => {
      const found = given.get(name.toLowerCase());
      given.delete(name.toLowerCase());
      return found?.[1];
    };
    const givenToken = take("token");
    const token = givenToken ?? this.tokenFor(op);
    const givenTrace = take("trace");
    const trace = options.trace ?? givenTrace ?? newTrace();
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/json",
      trace,
    };
    if (token !== undefined) headers.token = token;
    for (const [name, required] of op.headers) {
      const value = take(name) ?? this.headerValue(name, op);
      if (value !== undefined) {
        headers[name] = value;
      } else if (required) {
        const where = name === "X-Forwarded-For" ? "the client's `forwardedFor`" : "the client's or the call's `headers`";
        throw new ClientError("missingHeader", op.bizType, `needs the header ${JSON.stringify(name)}: pass it in ${where} (nothing was sent)`, {
          attempts: 0,
        });
      }
    }
    for (const [name, value] of given.values()) headers[name] = value;
    let body: string;
    try {
      body = stringifyJson(request);
    } catch (cause) {
      throw new ClientError("encode", op.bizType, `cannot write the request as JSON: ${String(cause)}`, { cause, attempts: 0 });
    }
    const maxRetries = options.maxRetries ?? this.retry.maxRetries;
    const safe = op.readOnly || options.idempotent === true;
    const shown = maskHeaders(headers);
    const about = { operation: op.name, bizType: op.bizType, path: op.path, trace };
    const watched = this.options.onResponse !== undefined || this.options.logger !== undefined;
    for (let attempt = 1; ; attempt++) {
      const before: RequestInfo = { ...about, attempt, headers: shown };
      this.options.onRequest?.(before);
      this.options.logger?.debug(`${op.bizType}: sending attempt ${attempt}`, {
        ...before,
        ...(attempt === 1 ? { request: this.redact(request) } : {}),
      });
      const started = Date.now();
      const outcome = await this.send(op, headers, body, options.signal, attempt);
      const elapsedMs = Date.now() - started;
      let retryInMs: number | undefined;
      if (attempt <= maxRetries) {
        if ("error" in outcome) {
          const unsent = outcome.error.kind === "transport" && neverSent(outcome.error.cause);
          if (outcome.error.kind !== "aborted" && (safe || unsent)) retryInMs = this.retry.delayMs(attempt, undefined);
        } else if (safe && RETRY_STATUSES.has(outcome.status)) {
          retryInMs = this.retry.delayMs(attempt, retryAfterMs(outcome.headers.get("retry-after")));
        }
      }
      const after: ResponseInfo = {
        ...about,
        attempt,
        status: "error" in outcome ? undefined : outcome.status,
        // Read only for someone who looks: it parses the body once more.
        code: "error" in outcome || !watched ? undefined : envelopeCode(outcome.text),
        elapsedMs,
        error: "error" in outcome ? outcome.error : undefined,
        retryInMs,
      };
      this.options.onResponse?.(after);
      this.options.logger?.debug(`${op.bizType}: ${"error" in outcome ? "failed" : "answered"} attempt ${attempt}`, {
        ...after,
        error: after.error?.message,
      });
      if (retryInMs === undefined) {
        if ("error" in outcome) throw outcome.error;
        return finish(op, outcome, attempt, meta);
      }
      try {
        await this.retry.wait(retryInMs, options.signal);
      } catch (cause) {
        throw new ClientError("aborted", op.bizType, "aborted by the caller while waiting to retry", { cause, attempts: attempt });
      }
    }
  }

  /** Every item of a paged operation, one call per page (see `paging.ts`). */
  pageAll(op: Operation, request: object, options: CallOptions = {}): AsyncGenerator<unknown, void, undefined> {
    const paginate = op.paginate;
    if (paginate === undefined) throw new TypeError(`${op.bizType} does not page`);
    return pages(paginate, request as Record<string, unknown>, (page) => this.call(op, page, options));
  }

  private tokenFor(op: Operation): string | undefined {
    switch (op.access) {
      case "guest":
        return undefined;
      case "optional":
        return this.token;
      case "login":
        if (this.token === undefined) {
          throw new ClientError("missingToken", op.bizType, "needs the C-side customer token: call setToken() after login", { attempts: 0 });
        }
        return this.token;
      case "admin":
        if (this.adminToken === undefined) {
          throw new ClientError("missingToken", op.bizType, "needs the B-side admin token: pass adminToken or call setAdminToken()", { attempts: 0 });
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
      default: {
        const key = name.toLowerCase();
        const found = Object.entries(this.options.headers ?? {}).find(([given]) => given.toLowerCase() === key);
        return found?.[1];
      }
    }
  }

  /** Attempt number `attempt`: the whole answer, or the failure as a {@link ClientError} (thrown only for an abort before sending). */
  private async send(
    op: Operation,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal | undefined,
    attempt: number,
  ): Promise<Attempt> {
    if (signal?.aborted) {
      throw new ClientError("aborted", op.bizType, "aborted before sending", { cause: signal.reason, attempts: attempt - 1 });
    }
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
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch (cause) {
      const fail = (kind: "timeout" | "aborted" | "transport", message: string, why: unknown): Attempt => ({
        error: new ClientError(kind, op.bizType, message, { cause: why, attempts: attempt }),
      });
      if (timedOut) return fail("timeout", `no answer within ${timeoutMs} ms${tries(attempt)}`, cause);
      if (signal?.aborted) return fail("aborted", "aborted by the caller", signal.reason);
      return fail("transport", `the request failed${tries(attempt)}: ${String(cause)}`, cause);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", forward);
    }
  }
}

/** The envelope's `code`, if the body is an envelope (for hooks and the logger). */
function envelopeCode(text: string): string | undefined {
  let parsed: Parsed;
  try {
    parsed = parseJson(text);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed) || !("code" in parsed)) return undefined;
  const code = parsed.code;
  return typeof code === "string" ? code : undefined;
}

/** The result of a call from its last answer. */
function finish(op: Operation, answer: { status: number; headers: Headers; text: string }, attempts: number, meta: boolean): unknown {
  const { status, text } = answer;
  let decoded: { data: unknown; envelope: { [key: string]: Parsed } };
  try {
    decoded = decodeEnvelope(op, status, text, attempts);
  } catch (e) {
    // A gateway's error page or throttling answer: an HTTP failure.
    if (e instanceof ClientError && e.kind === "decode" && RETRY_STATUSES.has(status)) {
      throw new ClientError("status", op.bizType, `HTTP ${status} without a response envelope${tries(attempts)}`, {
        status,
        body: text.slice(0, 512),
        attempts,
      });
    }
    throw e;
  }
  if (!meta) return decoded.data;
  const { envelope } = decoded;
  const response: Response<unknown> = {
    data: decoded.data,
    status,
    headers: answer.headers,
    trace: typeof envelope.trace === "string" ? envelope.trace : "",
    tm: Number(toPlain(envelope.tm ?? null) ?? 0),
    bizCode: typeof envelope.bizCode === "string" ? envelope.bizCode : undefined,
    attempts,
  };
  return response;
}

/** ` after 3 attempts` when a call was retried. */
function tries(attempts: number): string {
  return attempts > 1 ? ` after ${attempts} attempts` : "";
}

/** Reads an answer: the envelope first, then `data` on success only. */
export function decodeAnswer(op: Operation, status: number, text: string): unknown {
  return decodeEnvelope(op, status, text, 1).data;
}

function decodeEnvelope(
  op: Operation,
  status: number,
  text: string,
  attempts: number,
): { data: unknown; envelope: { [key: string]: Parsed } } {
  const fail = (message: string, cause?: unknown): ClientError =>
    new ClientError("decode", op.bizType, `${message} (HTTP ${status})`, { status, body: text.slice(0, 512), cause, attempts });
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
      attempts,
    );
  }
  if (op.data === null) return { data: undefined, envelope };
  try {
    return { data: decode(envelope.data ?? null, op.data, "/data"), envelope };
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
