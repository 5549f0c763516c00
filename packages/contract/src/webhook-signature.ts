import { createHmac, timingSafeEqual } from "node:crypto";
import { SIGNATURE_HEADER } from "./version";

/**
 * Webhook delivery signing: `X-IC-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, where each `v1` is
 * the hex HMAC-SHA256 over the bytes `"<t>." + rawBody`, keyed with the UTF-8 bytes of the FULL secret
 * string (the `whsec_` prefix included, nothing decoded). One `v1` per secret: during a rotation grace
 * period the sender signs with both the new and the previous secret.
 */

/** Default accepted clock skew between the signature timestamp and now, in seconds. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** A raw request body exactly as received (never re-serialised JSON). */
export type RawBody = string | Buffer | Uint8Array;

/** Why a delivery failed verification. */
export type WebhookVerificationReason =
  | "missing_signature"
  | "malformed_header"
  | "bad_signature"
  | "timestamp_out_of_tolerance";

/** Thrown by {@link verifyWebhook}; `reason` is machine-readable, the message never contains a secret. */
export class WebhookVerificationError extends Error {
  /** Why verification failed. */
  readonly reason: WebhookVerificationReason;

  /**
   * @param reason - the failure reason code.
   * @param message - human-readable detail.
   */
  constructor(reason: WebhookVerificationReason, message: string) {
    super(message);
    this.name = "WebhookVerificationError";
    this.reason = reason;
  }
}

/** Headers as a Fetch `Headers`-like object or a plain record (Node `IncomingHttpHeaders`). */
export type HeadersLike =
  | { get(name: string): string | null | undefined }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * The hex HMAC-SHA256 signature of one secret over `"<t>." + rawBody`.
 * @param secret - the full webhook secret (`whsec_…`).
 * @param timestamp - unix seconds, as sent in `t=`.
 * @param rawBody - the exact body bytes.
 */
export function computeSignature(secret: string, timestamp: number, rawBody: RawBody): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest("hex");
}

/**
 * Signs a delivery body and returns the `X-IC-Signature` header value.
 * @param secrets - the active secrets (two during a rotation grace period); at least one.
 * @param rawBody - the exact body bytes that will be sent.
 * @param timestamp - unix seconds.
 * @default timestamp the current time
 * @example signWebhook([secret], JSON.stringify(envelope)) // "t=1767225600,v1=5f2b…"
 */
export function signWebhook(secrets: readonly string[], rawBody: RawBody, timestamp?: number): string {
  if (secrets.length === 0) throw new TypeError("signWebhook needs at least one secret");
  const t = timestamp ?? Math.floor(Date.now() / 1000);
  if (!Number.isSafeInteger(t) || t < 0)
    throw new TypeError("timestamp must be a non-negative integer (unix seconds)");
  return [`t=${t}`, ...secrets.map((secret) => `v1=${computeSignature(secret, t, rawBody)}`)].join(",");
}

/** A parsed signature header. */
export interface ParsedSignature {
  /** The `t=` value, unix seconds. */
  timestamp: number;
  /** Every `v1=` value, lowercase hex. */
  signatures: string[];
}

/**
 * Parses `t=<unix>,v1=<hex>[,v1=<hex>…]`. Whitespace around parts is ignored, unknown schemes (e.g. a
 * future `v2=`) are skipped; exactly one integer `t` and at least one hex `v1` are required.
 * @param header - the header value.
 * @throws WebhookVerificationError with reason `malformed_header`.
 */
export function parseSignatureHeader(header: string): ParsedSignature {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const rawPart of header.split(",")) {
    const part = rawPart.trim();
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) throw malformed("a part is not key=value");
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t") {
      if (timestamp !== undefined) throw malformed("more than one t=");
      if (!/^\d{1,15}$/.test(value)) throw malformed("t= is not unix seconds");
      timestamp = Number(value);
    } else if (key === "v1") {
      if (!/^[0-9a-fA-F]{64}$/.test(value)) throw malformed("v1= is not a hex SHA-256");
      signatures.push(value.toLowerCase());
    }
  }
  if (timestamp === undefined) throw malformed("no t=");
  if (signatures.length === 0) throw malformed("no v1=");
  return { timestamp, signatures };
}

function malformed(detail: string): WebhookVerificationError {
  return new WebhookVerificationError("malformed_header", `${SIGNATURE_HEADER} is malformed: ${detail}`);
}

/** Case-insensitive header lookup over either header shape; repeated headers are joined with ",". */
function readHeader(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === "function") {
    return (headers as { get(name: string): string | null | undefined }).get(name) ?? undefined;
  }
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(
    headers as Record<string, string | readonly string[] | undefined>,
  )) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === "string" ? value : value.join(",");
  }
  return undefined;
}

/** Options of {@link verifyWebhook}. */
export interface VerifyOptions {
  /**
   * Accepted |now − t| in seconds; `Infinity` disables the check.
   * @default 300
   */
  toleranceSeconds?: number;
  /**
   * The current time in unix seconds (for tests and replays).
   * @default Math.floor(Date.now() / 1000)
   */
  now?: number;
}

/**
 * Verifies a delivery: some `v1` must match some secret (constant-time compare), then the timestamp must
 * be within tolerance.
 * @param secret - the endpoint secret, or several (old and new during your own rotation).
 * @param headers - the request headers (lookup is case-insensitive).
 * @param rawBody - the exact body bytes received.
 * @param options - tolerance and clock.
 * @returns `{ ok: true, timestamp }` on success.
 * @throws WebhookVerificationError with reason missing_signature | malformed_header | bad_signature |
 *   timestamp_out_of_tolerance.
 * @example verifyWebhook(process.env.WHSEC!, req.headers, rawBody)
 */
export function verifyWebhook(
  secret: string | readonly string[],
  headers: HeadersLike,
  rawBody: RawBody,
  options: VerifyOptions = {},
): { ok: true; timestamp: number } {
  const header = readHeader(headers, SIGNATURE_HEADER);
  if (header === undefined || header.trim() === "") {
    throw new WebhookVerificationError("missing_signature", `no ${SIGNATURE_HEADER} header`);
  }
  const { timestamp, signatures } = parseSignatureHeader(header);
  const secrets = typeof secret === "string" ? [secret] : secret;
  if (secrets.length === 0) throw new TypeError("verifyWebhook needs at least one secret");
  const received = signatures.map((hex) => Buffer.from(hex, "hex"));
  const matched = secrets.some((s) => {
    const expected = Buffer.from(computeSignature(s, timestamp, rawBody), "hex");
    return received.some((got) => got.length === expected.length && timingSafeEqual(got, expected));
  });
  if (!matched) throw new WebhookVerificationError("bad_signature", "no signature matches the secret(s)");
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > tolerance) {
    throw new WebhookVerificationError(
      "timestamp_out_of_tolerance",
      `timestamp is more than ${tolerance}s from now`,
    );
  }
  return { ok: true, timestamp };
}
