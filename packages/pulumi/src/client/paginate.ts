/** The native cursor page every paged `/v1` list returns. */
export interface CursorPage<T> {
  data: T[];
  next_cursor?: string | null;
  has_more: boolean;
}

/** Fetches one page given the cursor of the previous one (undefined for the first page). */
export type PageFetcher<T> = (cursor: string | undefined) => Promise<CursorPage<T>>;

/**
 * Walks a cursor-paged list to the end, one page at a time, yielding items. Every "find by key" lookup
 * in the provider goes through here, so none stops at the first page. A cursor that repeats is a server
 * bug that would loop forever: it throws instead.
 * @example for await (const agent of paginate((c) => client.listAgents(c))) if (agent.slug === s) return agent;
 */
export async function* paginate<T>(fetchPage: PageFetcher<T>): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    yield* page.data;
    const next = page.next_cursor ?? undefined;
    if (!page.has_more || next === undefined) return;
    if (seen.has(next))
      throw new Error(`pagination cursor repeated (${next.slice(0, 16)}…); aborting the list`);
    seen.add(next);
    cursor = next;
  }
}

/**
 * The first item of an async sequence (e.g. {@link paginate}) matching `predicate`; stops paging there.
 * @returns undefined when no item matches.
 */
export async function firstMatch<T>(
  items: AsyncIterable<T>,
  predicate: (item: T) => boolean,
): Promise<T | undefined> {
  for await (const item of items) if (predicate(item)) return item;
  return undefined;
}
