{{ header }}
{% raw %}
/**
 * The two errors a call can throw: {@link ApiError} when the server answered
 * with an error envelope, {@link ClientError} when there was no usable answer.
 *
 * @module
 */

/** One violation of a request, as bizgen servers report them. */
export interface Violation {
  /** JSON pointer into the request: `/loginName` (the body is the root), `/headers/token`. */
  pointer: string;
  /** Why the value was refused. */
  reason: string;
}

/** What an error envelope carries. */
export interface ApiErrorFields {
  code: string;
  msg: string;
  data: unknown;
  msgParams: unknown;
  trace: string | undefined;
}

/**
 * The server answered with an error envelope (`ok: false`), whatever the
 * HTTP status.
 */
export class ApiError extends Error {
  /** The error code, e.g. `CUSTOMER_API_0000511` (see `ErrorCode`). */
  readonly code: string;
  /** The message, in the language of the request. */
  readonly msg: string;
  /** The envelope's `data`: often the bizType as a string, a list of violations for `BIZGEN_VALIDATION`, or `null`. */
  readonly data: unknown;
  /** Parameters of the message template, usually `null`. */
  readonly msgParams: unknown;
  /** The trace id of the call. */
  readonly trace: string | undefined;
  /** The bizType of the operation called. */
  readonly bizType: string;
  /** The HTTP status of the answer (200 on gateways that always answer 200). */
  readonly status: number;
  /** How many attempts the call made (more than 1 when earlier ones were retried). */
  readonly attempts: number;

  constructor(fields: ApiErrorFields, bizType: string, status: number, attempts = 1) {
    super(`${fields.code}: ${fields.msg}${attempts > 1 ? ` (after ${attempts} attempts)` : ""}`);
    this.name = "ApiError";
    this.code = fields.code;
    this.msg = fields.msg;
    this.data = fields.data;
    this.msgParams = fields.msgParams;
    this.trace = fields.trace;
    this.bizType = bizType;
    this.status = status;
    this.attempts = attempts;
  }

  /** The request's violations when `data` lists them (`BIZGEN_VALIDATION`), else empty. */
  get violations(): Violation[] {
    if (!Array.isArray(this.data)) return [];
    return this.data.filter(
      (v): v is Violation =>
        v !== null &&
        typeof v === "object" &&
        typeof (v as Violation).pointer === "string" &&
        typeof (v as Violation).reason === "string",
    );
  }
}

/**
 * Why a call failed without an answer from the API:
 * - `transport`: the request did not reach the server or the answer did not come back;
 * - `timeout`: no answer within `timeoutMs`;
 * - `status`: HTTP 408, 429, 502, 503 or 504 without an envelope (a gateway's error page), after the retries the call allowed;
 * - `aborted`: the caller's `signal` aborted the call;
 * - `decode`: the answer is not an envelope, or `data` does not have the spec's shape;
 * - `missingToken`: the operation needs a token the client was not given (nothing was sent);
 * - `missingHeader`: the operation requires a header the client and the call have no value for (nothing was sent);
 * - `encode`: the request cannot be written as JSON.
 */
export type ClientErrorKind = "transport" | "timeout" | "aborted" | "status" | "decode" | "missingToken" | "missingHeader" | "encode";

/** A call failed without an answer from the API; {@link ClientError.kind} says how. */
export class ClientError extends Error {
  readonly kind: ClientErrorKind;
  /** The bizType of the operation called. */
  readonly bizType: string;
  /** The HTTP status, when an answer came back (`status`, `decode`). */
  readonly status: number | undefined;
  /** The start of the body, when an answer came back (`status`, `decode`). */
  readonly body: string | undefined;
  /** How many attempts the call made: 0 when nothing was sent (`missingToken`, `missingHeader`, `encode`). */
  readonly attempts: number;

  constructor(
    kind: ClientErrorKind,
    bizType: string,
    message: string,
    details: { status?: number; body?: string; cause?: unknown; attempts?: number } = {},
  ) {
    super(`${bizType}: ${message}`, { cause: details.cause });
    this.name = "ClientError";
    this.kind = kind;
    this.bizType = bizType;
    this.status = details.status;
    this.body = details.body;
    this.attempts = details.attempts ?? 1;
  }
}
{% endraw %}
