import { createHash } from "node:crypto";
import { canonicalJson, IDEMPOTENCY_WINDOW_SECONDS } from "@ingram-tech/ingram-cloud-contract";
import { apiError } from "./errors";
import type { Store } from "./store";

/** A stored first response, replayed verbatim. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * `Idempotency-Key` records. A key is scoped by (token subject, method, path, key) and remembers a hash
 * of the request body: same key + same body → the stored response; same key + different body →
 * `422 idempotency_key_reused`; first request still running → `409 idempotency_in_progress`.
 * Records expire after 24 h. Responses with status ≥ 500 are not remembered (the key is released so a
 * retry can succeed).
 */
export class IdempotencyRecords {
  private readonly windowMs = IDEMPOTENCY_WINDOW_SECONDS * 1000;
  private begins = 0;

  constructor(private readonly store: Store) {
    // A crash mid-request leaves an in-flight marker that would block the key for 24 h; drop them.
    store.stmt("DELETE FROM idempotency WHERE status IS NULL").run();
  }

  /** The record scope for a request. */
  static scope(subject: string, method: string, path: string, key: string): string {
    return JSON.stringify([subject, method, path, key]);
  }

  /** Stable hash of a JSON body (key order does not matter). */
  static hashBody(body: unknown): string {
    return createHash("sha256")
      .update(canonicalJson(body ?? null))
      .digest("hex");
  }

  /**
   * Claims the key. Returns the stored response to replay, or null when the caller should execute the
   * request (an in-flight marker is now stored).
   */
  begin(scope: string, requestHash: string): StoredResponse | null {
    const nowMs = this.store.nowDate().getTime();
    if (++this.begins % 1000 === 0)
      this.store.stmt("DELETE FROM idempotency WHERE created_ms < ?").run(nowMs - this.windowMs);
    return this.store.tx(() => {
      const row = this.store.stmt("SELECT * FROM idempotency WHERE scope = ?").get(scope) as
        | { request_hash: string; status: number | null; body: string | null; created_ms: number }
        | undefined;
      if (row && row.created_ms >= nowMs - this.windowMs) {
        if (row.request_hash !== requestHash) {
          throw apiError(
            "idempotency_key_reused",
            "This Idempotency-Key was already used with a different request body",
            "Idempotency-Key",
          );
        }
        if (row.status === null) {
          throw apiError(
            "idempotency_in_progress",
            "A request with this Idempotency-Key is still in progress",
          );
        }
        return { status: row.status, body: row.body === null ? undefined : JSON.parse(row.body) };
      }
      this.store
        .stmt(
          `INSERT INTO idempotency (scope, request_hash, status, body, created_ms) VALUES (?, ?, NULL, NULL, ?)
           ON CONFLICT(scope) DO UPDATE SET request_hash = excluded.request_hash, status = NULL, body = NULL, created_ms = excluded.created_ms`,
        )
        .run(scope, requestHash, nowMs);
      return null;
    });
  }

  /** Stores the response of a claimed key (call inside the request transaction for 2xx). */
  complete(scope: string, response: StoredResponse): void {
    if (response.status >= 500) {
      this.release(scope);
      return;
    }
    this.store
      .stmt("UPDATE idempotency SET status = ?, body = ? WHERE scope = ?")
      .run(response.status, response.body === undefined ? null : JSON.stringify(response.body), scope);
  }

  /** Forgets a claimed key (the request failed in a way a retry may fix). */
  release(scope: string): void {
    this.store.stmt("DELETE FROM idempotency WHERE scope = ? AND status IS NULL").run(scope);
  }
}
