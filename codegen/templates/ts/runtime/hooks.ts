{{ header }}
{% raw %}
/**
 * What hooks and the logger see of every attempt. Tokens are masked
 * before anything leaves the client, and request bodies are logged only
 * through `redact`, which masks the fields the spec marks sensitive.
 *
 * @module
 */

import type { ClientError } from "./errors.js";

/** What `onRequest` sees before an attempt is sent. */
export interface RequestInfo {
  /** The operation's wire name, e.g. `page`. */
  readonly operation: string;
  readonly bizType: string;
  readonly path: string;
  /** The call's trace id: the same on every attempt. */
  readonly trace: string;
  /** 1 for the first attempt, 2 for the first retry, ... */
  readonly attempt: number;
  /** The headers as sent, with `token` masked as `<redacted>`. */
  readonly headers: Readonly<Record<string, string>>;
}

/** What `onResponse` sees after an attempt. */
export interface ResponseInfo {
  readonly operation: string;
  readonly bizType: string;
  readonly path: string;
  readonly trace: string;
  readonly attempt: number;
  /** The HTTP status; `undefined` when no answer came. */
  readonly status: number | undefined;
  /** The envelope's `code`; `undefined` when the body is not an envelope. */
  readonly code: string | undefined;
  /** From sending to the end of the body (or the failure), in ms. */
  readonly elapsedMs: number;
  /** Why no answer came, when none did. */
  readonly error: ClientError | undefined;
  /** The wait in ms before the next attempt, when one follows. */
  readonly retryInMs: number | undefined;
}

/** Where the client's debug lines go: `console` fits, or any logger with a `debug` method. */
export interface Logger {
  debug(message: string, details: Record<string, unknown>): void;
}

/** What replaces a token in what the client shows. */
export const MASK = "<redacted>";

/** The headers as hooks and the logger see them: `token` masked. */
export function maskHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = name.toLowerCase() === "token" ? MASK : value;
  }
  return out;
}
{% endraw %}
