import { type ErrorCode, IcApiError } from "@ingram-tech/ingram-cloud-contract";
import { redact } from "./redact";

export { IcApiError };

/** The status-derived code used when a non-2xx response carries no error envelope. */
function codeForStatus(status: number): ErrorCode {
  if (status === 401) return "unauthenticated";
  if (status === 403) return "insufficient_scope";
  if (status === 404) return "not_found";
  if (status === 409) return "invalid_request";
  if (status === 429) return "rate_limit_exceeded";
  if (status === 503) return "service_overloaded";
  if (status >= 500) return "internal_error";
  return "invalid_request";
}

interface Envelope {
  error: { message?: unknown; type?: unknown; param?: unknown; code?: unknown };
}

function isEnvelope(body: unknown): body is Envelope {
  return typeof body === "object" && body !== null && typeof (body as Envelope).error === "object";
}

/** What the client knows about a failed call when it builds the error. */
export interface FailedCall {
  method: string;
  path: string;
  status: number;
  body: unknown;
  requestId: string | undefined;
  /** The server's `Idempotent-Replayed` answer, when it sent one. */
  replayed?: boolean;
  /** Values to scrub from the message (token, secret inputs). */
  secrets: readonly (string | undefined)[];
}

/**
 * Builds the typed error for a non-2xx response. The message names the call, the status, the code and
 * the request id (to quote to support) and never contains the Authorization header or a secret value.
 */
export function apiErrorFrom(call: FailedCall): IcApiError {
  const envelope = isEnvelope(call.body) ? call.body.error : undefined;
  const code = (typeof envelope?.code === "string" ? envelope.code : codeForStatus(call.status)) as ErrorCode;
  const serverMessage = typeof envelope?.message === "string" ? envelope.message : `HTTP ${call.status}`;
  const param = typeof envelope?.param === "string" ? envelope.param : null;
  const where = `${call.method} ${call.path}`;
  const rid = call.requestId ? ` (request id ${call.requestId})` : "";
  const message = redact(
    `Ingram Cloud ${where} failed: ${call.status} ${code}: ${serverMessage}${rid}`,
    call.secrets,
  );
  return new IcApiError(code, message, {
    status: call.status,
    type: typeof envelope?.type === "string" ? envelope.type : undefined,
    param,
    requestId: call.requestId,
    replayed: call.replayed,
  });
}

/** A call that never got an HTTP answer: DNS, connection refused/reset, or the per-request timeout. */
export class IcNetworkError extends Error {
  /** True when the per-request timeout fired. */
  readonly timedOut: boolean;

  /**
   * @param message - already-redacted description.
   * @param timedOut - whether the timeout fired.
   */
  constructor(message: string, timedOut: boolean) {
    super(message);
    this.name = "IcNetworkError";
    this.timedOut = timedOut;
  }
}

/** True when `err` is an API error with the given status (and code, when given). */
export function isApiError(err: unknown, status?: number, code?: string): err is IcApiError {
  if (!(err instanceof IcApiError)) return false;
  if (status !== undefined && err.status !== status) return false;
  return code === undefined || err.code === code;
}

/** True for a 404: the object is gone (or belongs to another tenant, which the API reports the same way). */
export function isNotFound(err: unknown): boolean {
  return isApiError(err, 404);
}
