{{ header }}
{% raw %}
/**
 * When a call is retried and how long it waits; the rules every SDK of
 * this API follows (see the docs page "Retries, pagination and hooks").
 *
 * Retried: connection failures, timeouts, and HTTP 408, 429, 502, 503 and
 * 504, for read-only operations and calls marked `idempotent`; other
 * operations only when the request provably never left (connection
 * refused, DNS failure). An error envelope is never retried. Before retry
 * `n` the client waits a random time in `[0, min(maxBackoffMs,
 * initialBackoffMs × 2^(n-1))]` (full jitter), or what `Retry-After` asks
 * (seconds or an HTTP date), capped at `maxBackoffMs`.
 *
 * @module
 */

/** How many times calls are retried and how long they wait; every field has a default. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2; 0 turns retries off). */
  maxRetries?: number;
  /** The bound of the first retry's wait in ms (default 500); it doubles for each further retry. */
  initialBackoffMs?: number;
  /** The longest wait in ms, also for `Retry-After` (default 8000). */
  maxBackoffMs?: number;
  /** Picks a wait from its bound (default: uniformly in `[0, bound]`). `(bound) => bound` makes waits deterministic. */
  jitter?: (boundMs: number) => number;
  /** Waits (default: `setTimeout`); a test may record the waits and return at once. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The HTTP statuses worth another attempt: a gateway timed out or was overloaded, or the request was throttled. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

/** Error codes of Node's `fetch` (undici) that mean no connection was made, so the request never left. */
const UNSENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** A {@link RetryOptions} with every default filled in. */
export class RetryPolicy {
  readonly maxRetries: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly #jitter: (boundMs: number) => number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: RetryOptions = {}) {
    this.maxRetries = options.maxRetries ?? 2;
    this.initialBackoffMs = options.initialBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 8000;
    this.#jitter = options.jitter ?? ((bound) => Math.random() * bound);
    this.#sleep = options.sleep ?? sleep;
  }

  /** The bound of the wait before retry `n` (1-based). */
  backoffBoundMs(retry: number): number {
    return Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** Math.max(0, retry - 1));
  }

  /** The wait before retry `n`: `Retry-After` (capped) when the answer gave one, else the jittered backoff. */
  delayMs(retry: number, retryAfterMs: number | undefined): number {
    if (retryAfterMs !== undefined) return Math.min(retryAfterMs, this.maxBackoffMs);
    return Math.min(Math.max(0, this.#jitter(this.backoffBoundMs(retry))), this.maxBackoffMs);
  }

  /** Waits `ms`, or rejects with the signal's reason when it aborts. */
  wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return this.#sleep(ms, signal);
  }
}

/** `Retry-After`: whole seconds, or an HTTP date (the wait until then, 0 when past); `undefined` when absent or unreadable. */
export function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const when = Date.parse(text);
  return Number.isNaN(when) ? undefined : Math.max(0, when - Date.now());
}

/** Whether a failed request provably never left: no connection was made. */
export function neverSent(cause: unknown): boolean {
  const code = (e: unknown): unknown => (e !== null && typeof e === "object" ? (e as { code?: unknown }).code : undefined);
  const inner = cause !== null && typeof cause === "object" ? (cause as { cause?: unknown }).cause : undefined;
  for (const candidate of [cause, inner]) {
    const c = code(candidate);
    if (typeof c === "string" && UNSENT_CODES.has(c)) return true;
    // Happy eyeballs: one error per address tried.
    const errors = candidate !== null && typeof candidate === "object" ? (candidate as { errors?: unknown }).errors : undefined;
    if (Array.isArray(errors) && errors.length > 0 && errors.every((e) => UNSENT_CODES.has(String(code(e))))) return true;
  }
  return false;
}

/** `setTimeout` as a promise that an abort signal cuts short. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
{% endraw %}
