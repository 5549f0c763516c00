import { type ErrorCode, IcApiError, paramFromPath } from "@ingram-tech/ingram-cloud-contract";
import type { z } from "zod";

/**
 * Throws-ready API error. The status/type default from the contract's `DEFAULT_STATUS`; pass `status`
 * only where an operation documents a different one.
 * @param code - error code from the contract's closed enum.
 * @param message - text for humans; never include a secret.
 * @param param - offending request field, e.g. `"percent"`.
 * @param status - HTTP status override.
 * @example throw apiError("agent_exists", "An agent with slug 'x' already exists", "slug");
 */
export function apiError(
  code: ErrorCode,
  message: string,
  param: string | null = null,
  status?: number,
): IcApiError {
  return new IcApiError(code, message, { param, status });
}

/** `404 not_found` for a resource kind, the answer for anything outside the caller's tenant too. */
export function notFound(what: string): IcApiError {
  return apiError("not_found", `No such ${what}`);
}

/**
 * Validates `input` against a contract zod schema; on failure throws 422 naming the first offending
 * field as `param`.
 * @param schema - the contract schema of the body.
 * @param input - the parsed JSON body (`undefined` for an empty body is validated as `{}`).
 * @param options.codes - error code per top-level field, for fields with a dedicated code
 *   (e.g. `{percent: "invalid_percent"}`); everything else is `invalid_request`.
 * @param options.paramPrefix - prefix for `param` when the input is nested (e.g. `"metadata"` for a
 *   multipart JSON part).
 * @default options {}
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: { codes?: Partial<Record<string, ErrorCode>>; paramPrefix?: string } = {},
): z.infer<S> {
  const result = schema.safeParse(input === undefined ? {} : input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = options.paramPrefix === undefined ? issue.path : [options.paramPrefix, ...issue.path];
  const codes = options.codes ?? {};
  const param = paramFromPath(path);
  const top = issue.path[0];
  const code = (typeof top === "string" ? codes[top] : undefined) ?? "invalid_request";
  const message = param === null ? `Request body: ${issue.message}` : `${param}: ${issue.message}`;
  throw apiError(code, message, param, 422);
}
