/**
 * The wrong kind of token, explained once: a tenant resource given the organization key (or a smith
 * token), or IcProject/IcProjectToken given a tenant token. Caught at preview when the token's shape
 * tells its kind, and translated from the API's 403 otherwise, always naming the key that is needed
 * and where to put it. Never echoes the token.
 */
import { IcApiError, type TokenHandleKind, tokenHandleKind } from "@ingram-tech/ingram-cloud-contract";
import type { Lifecycle } from "../resources/lifecycle";

const HANDLE_NAMES: Record<TokenHandleKind, string> = {
  tenantAdmin: "a tenant-admin token",
  smith: "a smith token",
  organization: "the organization key",
};

/** 403 codes that mean "this kind of token cannot call this operation". */
const SCOPE_CODES = new Set([
  "tenant_token_required",
  "organization_required",
  "insufficient_scope",
  "admin_required",
  "smith_mismatch",
]);

/** The one message: which key `lifecycle` needs, what it got, and how to fix it. */
export function wrongKeyMessage(lifecycle: Lifecycle, got: string): string {
  if (lifecycle.credential === "organization") {
    return (
      `${lifecycle.type} needs the organization key, but ${got}. Pass the organization key as this ` +
      'resource\'s `token` (e.g. `token: new pulumi.Config().requireSecret("orgKey")`), or set ' +
      "`ingram-cloud:token` to it in a platform stack."
    );
  }
  return (
    `${lifecycle.type} needs a tenant-admin token (tha_live_…: the console's API keys, or an ` +
    `IcProjectToken's projectToken), but ${got}. Set it with ` +
    "`pulumi config set --secret ingram-cloud:token <token>`, or pass it as this resource's `token`."
  );
}

/** Why `token` cannot work for `lifecycle`, judged by its shape; undefined when fine or unknown. */
export function tokenKindProblem(lifecycle: Lifecycle, token: string): string | undefined {
  const kind = tokenHandleKind(token);
  if (kind === undefined) return undefined; // unknown shape: let the API decide
  const needed: TokenHandleKind = lifecycle.credential === "organization" ? "organization" : "tenantAdmin";
  return kind === needed ? undefined : wrongKeyMessage(lifecycle, `the token given is ${HANDLE_NAMES[kind]}`);
}

/** Runs an API-calling lifecycle step, turning a scope 403 into {@link wrongKeyMessage}. */
export async function explainingScope<T>(lifecycle: Lifecycle, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof IcApiError && err.status === 403 && SCOPE_CODES.has(err.code)) {
      const rid = err.requestId ? `, request id ${err.requestId}` : "";
      throw new Error(wrongKeyMessage(lifecycle, `the API refused the token (403 ${err.code}${rid})`));
    }
    throw err;
  }
}
