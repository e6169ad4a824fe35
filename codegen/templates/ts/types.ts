{{ header }}

/**
 * Shared types and enums of the API, one module per spec file that declares
 * them (`types/<file>.ts`), all exported from here. Every enum is an
 * `as const` object of its known codes plus a type that also admits codes
 * this version does not know; int64 fields are `bigint`, decimals strings,
 * timestamps epoch milliseconds.
 *
 * @module
 */
{% for file in modules %}
export * from "./types/{{ file }}.js";
{%- endfor %}
