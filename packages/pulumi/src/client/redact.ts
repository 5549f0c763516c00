/**
 * Scrubbing of secret values from text that may reach a log, an error message or Pulumi's diagnostics.
 * Two layers: exact known values (the token, the resource's secret inputs) and shapes that are secret
 * whatever their value (bearer headers, token handles, webhook secrets), so a secret the caller forgot
 * to register is still caught.
 */

const REDACTED = "[REDACTED]";

/** Token-shaped substrings that are always secret, whoever produced the text. */
const SECRET_SHAPES: readonly RegExp[] = [
  // The HTTP scheme word is capitalised; a lowercase "bearer" in prose (an auth kind) is not a secret.
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/g,
  /\b(?:tha|thp|tho)_live_[A-Za-z0-9._-]+/g,
  /\bwhsec_[A-Za-z0-9._-]+/g,
];

/** Known values shorter than this are not scrubbed one by one (they would mangle ordinary words). */
const MIN_SECRET_LENGTH = 6;

/**
 * Returns `text` with every known secret value and every secret-shaped substring replaced by `[REDACTED]`.
 * @param text - message text, possibly echoing request data.
 * @param secrets - exact values to remove (undefined entries are ignored).
 * @example redact("bad key sk-123456", ["sk-123456"]) // "bad key [REDACTED]"
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  const values = secrets
    .filter((s): s is string => typeof s === "string" && s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const value of values) out = out.split(value).join(REDACTED);
  for (const shape of SECRET_SHAPES) out = out.replace(shape, REDACTED);
  return out;
}
