/**
 * The one retry policy: which failures are retried and how long to wait. Kept apart from the transport
 * so it can be tested without a server.
 */

/** Tunables of the retry policy. */
export interface RetryPolicy {
  /** Retries after the first attempt. @default 8 */
  maxRetries: number;
  /** First backoff step in ms; doubles each retry. @default 500 */
  baseDelayMs: number;
  /** Cap of one backoff step in ms. @default 8000 */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the call fails instead. @default 60000 */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 8,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/**
 * Whether an HTTP answer is worth another attempt: 429 (nothing happened), 408, every 5xx, and 409
 * `idempotency_in_progress` (the first attempt with the same key is still running). Non-idempotent
 * requests are only retried by the caller when they carry an `Idempotency-Key`.
 */
export function isRetryableStatus(status: number, code?: string): boolean {
  if (status === 429 || status === 408 || status >= 500) return true;
  return status === 409 && code === "idempotency_in_progress";
}

/**
 * Parses `Retry-After` (delta-seconds or an HTTP date) or `retry-after-ms` into milliseconds.
 * @returns undefined when absent or unparseable.
 */
export function parseRetryAfter(
  retryAfter: string | null | undefined,
  retryAfterMs: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (retryAfterMs) {
    const ms = Number(retryAfterMs);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  }
  if (!retryAfter) return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Delay before retry number `retry` (0-based): the server's `Retry-After` when it gave one, else capped
 * exponential backoff with "equal jitter" (half fixed, half random) so parallel Pulumi steps that hit
 * the same 429 spread out instead of retrying in lockstep.
 * @returns the delay in ms, or undefined when the server asks for a wait beyond `maxRetryAfterMs`.
 */
export function retryDelayMs(
  retry: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): number | undefined {
  if (retryAfterMs !== undefined) {
    return retryAfterMs <= policy.maxRetryAfterMs ? retryAfterMs : undefined;
  }
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return step / 2 + random() * (step / 2);
}
