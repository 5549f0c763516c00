/** The only live API version; every request pins it with {@link API_VERSION_HEADER}. */
export const IC_API_VERSION = "2026-05-01";

/** Request header carrying the pinned API version (names are case-insensitive on the wire). */
export const API_VERSION_HEADER = "IC-Api-Version";
/** Response header with the request id; log it next to every error. */
export const REQUEST_ID_HEADER = "X-Request-Id";
/** Request header that makes a create replay-safe (window: 24 h). */
export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
/**
 * Response header saying whether a keyed create's answer replays an earlier request (`true`) or comes
 * from executing this one (`false`). The contract documents no such header, so the provider treats its
 * absence as "may be a replay"; the local API always sends it on keyed requests.
 */
export const IDEMPOTENT_REPLAYED_HEADER = "Idempotent-Replayed";
/** Webhook delivery header: `t=<unix seconds>,v1=<hex>[,v1=<hex>]`. */
export const SIGNATURE_HEADER = "X-IC-Signature";
/** Webhook delivery header carrying the event id (the receiver's dedupe key). */
export const EVENT_ID_HEADER = "X-IC-Event-Id";
/** Request header naming the acting smith when a tenant-admin token calls smith-scoped operations. */
export const SMITH_ID_HEADER = "IC-Smith-Id";

/** How long an `Idempotency-Key` replays its first response, in seconds (24 h). */
export const IDEMPOTENCY_WINDOW_SECONDS = 86_400;
