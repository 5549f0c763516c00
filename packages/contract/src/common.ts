import { z } from "zod";

/** An ISO-8601 timestamp string, nullable as on every native resource. */
export const Timestamp = z.string().nullable();

/** A free JSON object (`object (map of any, nullable)` in the spec). */
export const JsonObject = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof JsonObject>;

/** Spec `integer`: a safe integer, never a float or numeric string. */
export const Int = z.int();

/**
 * A native cursor page `{ data, next_cursor, has_more }`, newest first. `next_cursor` is optional and
 * nullable as in most list schemas; pass it back verbatim.
 * @param item - schema of one list item.
 * @example const AgentListOut = cursorPage(AgentOut);
 */
export function cursorPage<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    next_cursor: z.string().nullish(),
    has_more: z.boolean(),
  });
}

/**
 * An unpaged list `{ data }` (model keys, hosted tools, catalog, UI templates).
 * @param item - schema of one list item.
 */
export function dataList<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item) });
}

/** Query parameters of a native list call. Both are strings in the spec; `limit` is parsed by the server. */
export const ListQuery = z.object({
  limit: z.string().optional(),
  cursor: z.string().optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;
