import { apiError } from "./errors";
import type { Store } from "./store";

/** Page size when `limit` is omitted. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page; a bigger `limit` is clamped to it (the provider asks for 200). */
export const MAX_PAGE_SIZE = 200;

/** A native cursor page as on the wire. */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
  has_more: boolean;
}

/** The query of a native list call. */
export interface ListQuery {
  limit?: string;
  cursor?: string;
}

/**
 * The one pagination helper every native list uses: newest first by the table's `seq` column, opaque
 * cursor (base64url of the last seen `seq`), `has_more` computed by fetching one extra row.
 * @param store - the database.
 * @param query - the request query (`limit`, `cursor`).
 * @param from - a `SELECT … FROM … WHERE …` statement whose rows include `seq`; the helper appends
 *   `AND seq < ? ORDER BY seq DESC LIMIT ?`. Use `WHERE 1=1` when there is no filter.
 * @param params - positional parameters of `from`.
 * @param map - turns a row into the wire object.
 * @example paginate(store, req.query, "SELECT * FROM agents WHERE tenant_id = ?", [tenant], toAgentOut)
 */
export function paginate<Row, Out>(
  store: Store,
  query: ListQuery,
  from: string,
  params: unknown[],
  map: (row: Row) => Out,
): Page<Out> {
  const limit = parseLimit(query.limit);
  const after =
    query.cursor === undefined || query.cursor === "" ? Number.MAX_SAFE_INTEGER : decodeCursor(query.cursor);
  const rows = store
    .stmt(`${from} AND seq < ? ORDER BY seq DESC LIMIT ?`)
    .all(...params, after, limit + 1) as (Row & {
    seq: number;
  })[];
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  return {
    data: page.map(map),
    next_cursor: hasMore ? encodeCursor(page[page.length - 1]!.seq) : null,
    has_more: hasMore,
  };
}

/** `limit`: a positive integer string; above {@link MAX_PAGE_SIZE} is clamped. Anything else → 400. */
export function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === "") return DEFAULT_PAGE_SIZE;
  if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) < 1) {
    throw apiError("invalid_limit", "limit must be a positive integer", "limit");
  }
  return Math.min(Number(raw), MAX_PAGE_SIZE);
}

function encodeCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ v: 1, s: seq })).toString("base64url");
}

function decodeCursor(cursor: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as {
      v?: unknown;
      s?: unknown;
    };
    if (parsed.v === 1 && Number.isSafeInteger(parsed.s) && (parsed.s as number) > 0)
      return parsed.s as number;
  } catch {
    // fall through
  }
  throw apiError("invalid_cursor", "cursor is not a cursor this API returned", "cursor");
}
