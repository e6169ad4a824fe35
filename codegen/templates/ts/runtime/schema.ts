{{ header }}
{% raw %}
/**
 * Wire shapes of response data, and the decoder that reads a parsed body
 * into the package's types: `int64` to `bigint` without loss, `null` in an
 * optional field to an absent one, and a clear error (with a JSON pointer)
 * where the body does not match the spec.
 *
 * The descriptors in `schemas.ts` are generated from the same schema values
 * that bizgen's servers validate with.
 *
 * @module
 */

import { RawNumber, setField, toPlain, type Parsed } from "./json.js";

/** The shape of one JSON value. */
export type Schema =
  | "string"
  | "int32"
  | "int64"
  | "boolean"
  | "decimal"
  | "timestamp"
  | "json"
  | "intEnum"
  | "stringEnum"
  | ObjectSchema
  | { readonly list: Schema }
  | { readonly map: Schema }
  | { readonly nullable: Schema };

/** An object type with named fields. */
export interface ObjectSchema {
  readonly object: string;
  readonly fields: { readonly [wireName: string]: FieldSchema };
}

/** One field of an object type. */
export interface FieldSchema {
  readonly required: boolean;
  readonly schema: Schema;
}

export const object = (name: string, fields: { [wireName: string]: FieldSchema }): ObjectSchema => ({
  object: name,
  fields,
});
export const req = (schema: Schema): FieldSchema => ({ required: true, schema });
export const opt = (schema: Schema): FieldSchema => ({ required: false, schema });
export const list = (of: Schema): Schema => ({ list: of });
export const map = (of: Schema): Schema => ({ map: of });
export const nullable = (of: Schema): Schema => ({ nullable: of });

/** The data does not have the shape the spec gives it. */
export class ShapeError extends Error {
  constructor(readonly pointer: string, readonly reason: string) {
    super(`${pointer || "/"}: ${reason}`);
    this.name = "ShapeError";
  }
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INTEGER = /^-?\d+$/;

/** Decodes a parsed value against a schema; throws {@link ShapeError}. */
export function decode(value: Parsed, schema: Schema, pointer = ""): unknown {
  if (typeof schema === "string") return scalar(value, schema, pointer);
  if ("nullable" in schema) return value === null ? null : decode(value, schema.nullable, pointer);
  if ("list" in schema) {
    if (!Array.isArray(value)) throw wrongType(value, "an array", pointer);
    return value.map((item, i) => decode(item, schema.list, `${pointer}/${i}`));
  }
  if (!isObject(value)) {
    throw wrongType(value, "map" in schema ? "an object" : `an object (${schema.object})`, pointer);
  }
  const out: { [key: string]: unknown } = {};
  if ("map" in schema) {
    for (const key of Object.keys(value)) {
      setField(out, key, decode(value[key] as Parsed, schema.map, `${pointer}/${escape(key)}`));
    }
    return out;
  }
  for (const key of Object.keys(value)) {
    const item = value[key] as Parsed;
    const field = Object.prototype.hasOwnProperty.call(schema.fields, key) ? schema.fields[key] : undefined;
    if (field === undefined) {
      // A field this version of the spec does not know: kept as plain JSON.
      setField(out, key, toPlain(item));
    } else if (item === null && !field.required && !acceptsNull(field.schema)) {
      // `null` for an optional field means absent: the type says `field?: T`.
    } else {
      setField(out, key, decode(item, field.schema, `${pointer}/${escape(key)}`));
    }
  }
  for (const [key, field] of Object.entries(schema.fields)) {
    if (field.required && !Object.prototype.hasOwnProperty.call(out, key)) {
      throw new ShapeError(`${pointer}/${escape(key)}`, `required field \`${key}\` of ${schema.object} is missing`);
    }
  }
  return out;
}

function acceptsNull(schema: Schema): boolean {
  return typeof schema === "object" && "nullable" in schema;
}

function scalar(value: Parsed, schema: Schema & string, pointer: string): unknown {
  switch (schema) {
    case "json":
      return toPlain(value);
    case "string":
    case "stringEnum":
      if (typeof value !== "string") throw wrongType(value, "a string", pointer);
      return value;
    case "decimal":
      if (typeof value !== "string") throw wrongType(value, "a decimal number in a string", pointer);
      return value;
    case "boolean":
      if (typeof value !== "boolean") throw wrongType(value, "a boolean", pointer);
      return value;
    case "int64":
      return BigInt(integer(value, "a 64-bit integer", pointer));
    case "timestamp":
      return Number(integer(value, "an epoch-millisecond integer", pointer));
    case "intEnum":
      // Codes this version does not know are kept: the type admits them.
      return Number(integer(value, "an integer code", pointer));
    case "int32": {
      const n = Number(integer(value, "a 32-bit integer", pointer));
      if (n < INT32_MIN || n > INT32_MAX) throw new ShapeError(pointer, `${n} is out of the 32-bit range`);
      return n;
    }
  }
}

function integer(value: Parsed, what: string, pointer: string): string {
  if (!(value instanceof RawNumber) || !INTEGER.test(value.text)) throw wrongType(value, what, pointer);
  return value.text;
}

function isObject(value: Parsed): value is { [key: string]: Parsed } {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof RawNumber);
}

function wrongType(value: Parsed, want: string, pointer: string): ShapeError {
  return new ShapeError(pointer, `expected ${want}, got ${describe(value)}`);
}

function describe(value: Parsed): string {
  if (value === null) return "null";
  if (value instanceof RawNumber) return `the number ${value.text}`;
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return String(value);
}

/** Escapes a key for a JSON pointer (RFC 6901). */
function escape(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}
{% endraw %}
