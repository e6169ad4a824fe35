{{ header }}
{% raw %}
/**
 * Lossless JSON: a parser that keeps every number as its source text until
 * the response schema says what it is, and a writer that sends `bigint` as
 * a plain JSON integer.
 *
 * The platform is a Java service whose `Long` ids can exceed 2^53;
 * `JSON.parse` would round them silently (9007199254740993 becomes
 * 9007199254740992). The parse-with-source reviver that would fix this is
 * not in Node 20, so the package carries this small parser instead.
 *
 * @module
 */

/** A JSON number as written on the wire, kept as text. */
export class RawNumber {
  constructor(readonly text: string) {}
}

/** A parsed JSON value whose numbers are still {@link RawNumber}s. */
export type Parsed = null | boolean | string | RawNumber | Parsed[] | { [key: string]: Parsed };

/** The body is not JSON: says where and why. */
export class JsonSyntaxError extends Error {
  constructor(readonly offset: number, reason: string) {
    super(`invalid JSON at offset ${offset}: ${reason}`);
    this.name = "JsonSyntaxError";
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const MAX_DEPTH = 512;

/** Parses JSON text, keeping numbers as {@link RawNumber}. */
export function parseJson(text: string): Parsed {
  const parser = new Parser(text);
  const value = parser.value(0);
  parser.skipSpace();
  if (parser.at < text.length) parser.fail("unexpected text after the value");
  return value;
}

class Parser {
  at = 0;

  constructor(private readonly text: string) {}

  fail(reason: string): never {
    throw new JsonSyntaxError(this.at, reason);
  }

  skipSpace(): void {
    const t = this.text;
    while (this.at < t.length) {
      const c = t.charCodeAt(this.at);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      this.at++;
    }
  }

  value(depth: number): Parsed {
    if (depth > MAX_DEPTH) this.fail("nested too deeply");
    this.skipSpace();
    const c = this.text[this.at];
    switch (c) {
      case "{":
        return this.object(depth);
      case "[":
        return this.array(depth);
      case '"':
        return this.string();
      case "t":
        return this.word("true", true);
      case "f":
        return this.word("false", false);
      case "n":
        return this.word("null", null);
      case undefined:
        return this.fail("unexpected end of input");
      default:
        return this.number();
    }
  }

  private word<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.at)) this.fail(`expected \`${word}\``);
    this.at += word.length;
    return value;
  }

  private number(): RawNumber {
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (match === null) this.fail("expected a value");
    this.at += match[0].length;
    return new RawNumber(match[0]);
  }

  private string(): string {
    const t = this.text;
    const start = this.at;
    let escaped = false;
    for (let i = start + 1; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x5c) {
        escaped = true;
        i++;
      } else if (c === 0x22) {
        this.at = i + 1;
        if (!escaped) return t.slice(start + 1, i);
        try {
          // Escapes are rare: the built-in parser decodes them exactly.
          return JSON.parse(t.slice(start, i + 1)) as string;
        } catch {
          this.at = start;
          return this.fail("invalid escape in string");
        }
      } else if (c < 0x20) {
        this.at = i;
        this.fail("control character in string");
      }
    }
    return this.fail("unterminated string");
  }

  private array(depth: number): Parsed[] {
    const out: Parsed[] = [];
    this.at++;
    this.skipSpace();
    if (this.text[this.at] === "]") {
      this.at++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.skipSpace();
      const c = this.text[this.at++];
      if (c === "]") return out;
      if (c !== ",") {
        this.at--;
        this.fail("expected `,` or `]`");
      }
    }
  }

  private object(depth: number): { [key: string]: Parsed } {
    const out: { [key: string]: Parsed } = {};
    this.at++;
    this.skipSpace();
    if (this.text[this.at] === "}") {
      this.at++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] !== '"') this.fail("expected a field name");
      const key = this.string();
      this.skipSpace();
      if (this.text[this.at++] !== ":") {
        this.at--;
        this.fail("expected `:`");
      }
      setField(out, key, this.value(depth + 1));
      this.skipSpace();
      const c = this.text[this.at++];
      if (c === "}") return out;
      if (c !== ",") {
        this.at--;
        this.fail("expected `,` or `}`");
      }
    }
  }
}

/** Sets a field, also one named `__proto__`, as an own property. */
export function setField<T>(target: { [key: string]: T }, key: string, value: T): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * A parsed value as plain JavaScript, for fields typed `json` and fields the
 * spec does not know: numbers become `number`, integers beyond 2^53 `bigint`
 * (so that nothing is lost).
 */
export function toPlain(value: Parsed): unknown {
  if (value instanceof RawNumber) return plainNumber(value.text);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === "object") {
    const out: { [key: string]: unknown } = {};
    for (const key of Object.keys(value)) setField(out, key, toPlain(value[key] as Parsed));
    return out;
  }
  return value;
}

function plainNumber(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) || !/^-?\d+$/.test(text) ? n : BigInt(text);
}

/**
 * `JSON.stringify` that writes `bigint` as a JSON integer (the built-in
 * throws on it) and skips `undefined` fields.
 */
export function stringifyJson(value: unknown): string {
  return write(value, 0) ?? "null";
}

function write(value: unknown, depth: number): string | undefined {
  if (depth > MAX_DEPTH) throw new TypeError("the request is nested too deeply (or cyclic)");
  switch (typeof value) {
    case "bigint":
      return value.toString();
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (value === null) return "null";
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === "function") return write(withJson.toJSON(), depth + 1);
  if (Array.isArray(value)) {
    return `[${value.map((item) => write(item, depth + 1) ?? "null").join(",")}]`;
  }
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value as object)) {
    const text = write(item, depth + 1);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(",")}}`;
}
{% endraw %}
