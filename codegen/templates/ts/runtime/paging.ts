{{ header }}
{% raw %}
/**
 * Iterating over every item of a paged operation (the spec's `paginate:`).
 *
 * The rules, shared by every SDK: the first page is the request's page
 * number (1 when unset); the page size is the request's (or, when unset,
 * the length of the first page); after each page the iterator stops when
 * the page is empty, when `total` is known and `(first - 1) × size + items
 * so far ≥ total`, or, without a total, when the page is shorter than the
 * page size. The next page is fetched only when the previous one is used
 * up; a failed page (after its retries) is thrown there.
 *
 * @module
 */

/** How an operation pages: wire names of its fields. */
export interface Paginate {
  /** Request field with the 1-based page number. */
  readonly page: string;
  /** Request field with the page size. */
  readonly size: string;
  /** Field of `data` with the page's items. */
  readonly items: string;
  /** Field of `data` with the number of items of all pages, if the API has one. */
  readonly total?: string;
  /** The page field is an int64, sent as `bigint`. */
  readonly bigintPage?: true;
}

/** A number or a bigint as a number; `undefined` otherwise. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "bigint") return Number(value);
  return undefined;
}

/** Where an iteration is: which page comes next, if any. */
export class Cursor {
  readonly #first: number;
  #size: number | undefined;
  #seen = 0;
  #next: number | undefined;

  /** An iteration from page `first` (default 1) with the request's size. */
  constructor(first: number | undefined, size: number | undefined) {
    this.#first = Math.max(1, Math.trunc(first ?? 1));
    this.#size = size !== undefined && size > 0 ? size : undefined;
    this.#next = this.#first;
  }

  /** The page to fetch next; `undefined` when the iteration is over. */
  get next(): number | undefined {
    return this.#next;
  }

  /** Takes in the page just fetched: its length and the answer's total. */
  advance(length: number, total: number | undefined): void {
    const page = this.#next;
    if (page === undefined) return;
    if (page === this.#first && this.#size === undefined) this.#size = length;
    this.#seen += length;
    const size = this.#size ?? 0;
    let done: boolean;
    if (length === 0) done = true;
    else if (total !== undefined) done = (this.#first - 1) * size + this.#seen >= total;
    else done = length < size;
    this.#next = done ? undefined : page + 1;
  }
}

/**
 * Every item, page by page: `fetchPage(n)` resolves with one answer's
 * `data`, and is called for page `n` only when page `n - 1` is used up.
 */
export async function* pages<T>(
  paginate: Paginate,
  request: Readonly<Record<string, unknown>>,
  fetchPage: (request: Record<string, unknown>) => Promise<unknown>,
): AsyncGenerator<T, void, undefined> {
  const cursor = new Cursor(asNumber(request[paginate.page]), asNumber(request[paginate.size]));
  for (let page = cursor.next; page !== undefined; page = cursor.next) {
    const data = await fetchPage({ ...request, [paginate.page]: paginate.bigintPage ? BigInt(page) : page });
    const fields = data !== null && typeof data === "object" ? (data as Record<string, unknown>) : {};
    const items = fields[paginate.items];
    const list: T[] = Array.isArray(items) ? (items as T[]) : [];
    cursor.advance(list.length, paginate.total === undefined ? undefined : asNumber(fields[paginate.total]));
    yield* list;
  }
}
{% endraw %}
