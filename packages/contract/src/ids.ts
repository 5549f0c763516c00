import { randomBytes } from "node:crypto";

/**
 * Identifier prefixes per object kind. Documented ones: agt_, smt_, tok_, dep_, wh_, whsec_, evt_, iev_,
 * vs_, file_, skl_. The spec is silent for deliveries, projects, organizations and MCP servers; we
 * chose whd_, prj_, org_, mcp_ (see README). No prefix is a prefix of another, so a kind is unambiguous.
 */
export const ID_PREFIXES = {
  agent: "agt_",
  smith: "smt_",
  token: "tok_",
  deployment: "dep_",
  webhook: "wh_",
  webhookSecret: "whsec_",
  event: "evt_",
  delivery: "whd_",
  project: "prj_",
  organization: "org_",
  mcpServer: "mcp_",
  inboundEvent: "iev_",
  vectorStore: "vs_",
  file: "file_",
  skill: "skl_",
} as const;

/** A key of {@link ID_PREFIXES}. */
export type IdKind = keyof typeof ID_PREFIXES;

/**
 * Bearer token handle prefixes. `tha_live_` (tenant-admin / project token) and `thp_live_` (smith token)
 * are documented; the organization-key prefix is undocumented and we chose `tho_live_`.
 */
export const TOKEN_HANDLE_PREFIXES = {
  tenantAdmin: "tha_live_",
  smith: "thp_live_",
  organization: "tho_live_",
} as const;

/** A key of {@link TOKEN_HANDLE_PREFIXES}. */
export type TokenHandleKind = keyof typeof TOKEN_HANDLE_PREFIXES;

/**
 * True when `id` starts with the prefix of `kind` and has something after it.
 * @param kind - the object kind.
 * @param id - the identifier to test.
 * @example hasPrefix("agent", "agt_123") // true
 */
export function hasPrefix(kind: IdKind, id: string): boolean {
  const prefix = ID_PREFIXES[kind];
  return typeof id === "string" && id.length > prefix.length && id.startsWith(prefix);
}

/**
 * The kind of a bearer token handle, or undefined when it has none of the known prefixes.
 * @param token - the bearer value (without `Bearer `).
 * @example tokenHandleKind("thp_live_eyJ...") // "smith"
 */
export function tokenHandleKind(token: string): TokenHandleKind | undefined {
  for (const [kind, prefix] of Object.entries(TOKEN_HANDLE_PREFIXES)) {
    if (token.length > prefix.length && token.startsWith(prefix)) return kind as TokenHandleKind;
  }
  return undefined;
}

/**
 * A fresh random identifier: the kind's prefix plus lowercase hex from the OS CSPRNG.
 * @param kind - the object kind.
 * @param bytes - random bytes (hex doubles the length); use 32 for secrets such as `whsec_`.
 * @default bytes 12
 * @example generateId("agent") // "agt_3f9c0a…" (24 hex chars)
 */
export function generateId(kind: IdKind, bytes = 12): string {
  return ID_PREFIXES[kind] + randomBytes(bytes).toString("hex");
}
