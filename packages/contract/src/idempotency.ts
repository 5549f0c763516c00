/**
 * JSON with object keys sorted (and `undefined` members left out, as `JSON.stringify` does), so equal
 * values always serialize the same. The local API hashes request bodies by it to tell a replay from a
 * reused key; the provider hashes a resource's inputs by it to derive a create's stable key.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
