{{ header }}

/**
 * Masks sensitive values (passwords, codes, tickets, tokens) for logging.
 *
 * @module
 */

/** Wire names of the fields the spec marks sensitive. */
export const SENSITIVE_FIELDS: ReadonlySet<string> = new Set([
{%- for f in fields %}
  {{ f }},
{%- endfor %}
]);

/** What a masked value reads as. */
export const REDACTED = "<redacted>";

/**
 * A deep copy of `value` in which every field named in
 * {@link SENSITIVE_FIELDS} (at any depth) reads `"<redacted>"`. Use it
 * before logging a request or a response; the original is not changed.
 */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== "object") return value;
  const out: { [key: string]: unknown } = {};
  for (const [key, item] of Object.entries(value)) {
    const masked = SENSITIVE_FIELDS.has(key) && item !== null && item !== undefined ? REDACTED : redact(item);
    Object.defineProperty(out, key, { value: masked, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
