{{ header }}

/**
 * {{ title }}: the TypeScript SDK.
 *
 * - {@link Client}: one property per service, one method per operation;
 * - {@link ApiError}: the server answered with an error envelope;
 * - {@link ClientError}: no usable answer (transport, timeout, decode, missing token);
 * - shared types and enums; each service's request types under its namespace
 *   (`customerWebApiService.LoginRequest`);
 * - {@link redact}: masks sensitive fields for logging.
 *
 * Calls of read-only operations are retried (2 retries, exponential backoff
 * with full jitter, `Retry-After` honoured); `onRequest`, `onResponse` and
 * `logger` see every attempt; paged operations have an async iterator over
 * every item (`pageAll`); `withMeta()` gives the HTTP status and headers.
 *
 * int64 values are `bigint`, decoded from the body without loss.
 *
 * @module
 */

export { Client } from "./client.js";
export { ApiError, ClientError, type ApiErrorFields, type ClientErrorKind, type Violation } from "./runtime/errors.js";
export { stringifyJson } from "./runtime/json.js";
export type { CallOptions, ClientOptions, Response, WithMeta } from "./runtime/transport.js";
export type { Logger, RequestInfo, ResponseInfo } from "./runtime/hooks.js";
export type { RetryOptions } from "./runtime/retry.js";
export { ErrorCode } from "./errorCodes.js";
export { redact, REDACTED, SENSITIVE_FIELDS } from "./redact.js";
export * from "./types.js";
{%- for s in services %}
export * as {{ s.property }} from "./services/{{ s.file }}.js";
{%- endfor %}
