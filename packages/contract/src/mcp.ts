import { z } from "zod";
import { cursorPage, dataList, Int, Timestamp } from "./common";

/** How IC authenticates to an MCP server. There is no implicit default: state it unless a catalog preset does. */
export const MCP_AUTH_KINDS = ["none", "bearer", "oauth"] as const;
export type McpAuthKind = (typeof MCP_AUTH_KINDS)[number];
/** Zod schema of an MCP auth kind (domain check; failures are `invalid_auth_kind`). */
export const McpAuthKindSchema = z.enum(MCP_AUTH_KINDS);

/** Whose OAuth client brokers consent for an `oauth` MCP server. */
export const MCP_CLIENT_MODES = ["tenant", "platform"] as const;
export type McpClientMode = (typeof MCP_CLIENT_MODES)[number];
/** Zod schema of a client mode (domain check; failures are `invalid_client_mode`). */
export const McpClientModeSchema = z.enum(MCP_CLIENT_MODES);

/** Where a registered MCP server came from. */
export const MCP_ORIGINS = ["tenant_owned", "tenant_registered", "catalog"] as const;

/** The only supported `ApprovalRule.require` value. */
export const APPROVAL_REQUIREMENT = "approval";

/**
 * Auth of `PUT /v1/tenant/mcp/{name}`. `kind` and `client_mode` are free strings in the spec; check them
 * with {@link McpAuthKindSchema} / {@link McpClientModeSchema} so the server can answer the specific code.
 * `secret` is write-only.
 */
export const McpAuthIn = z.object({
  kind: z.string().nullish(),
  provider: z.string().nullish(),
  secret: z.string().nullish(),
  client_mode: z.string().nullish(),
});
export type McpAuthIn = z.infer<typeof McpAuthIn>;

/**
 * One approval-policy rule: tool-name glob plus `require: "approval"`. Extra clauses are kept (not
 * stripped) on input so the server can reject them with 422 `unsupported_policy_rule` instead of
 * silently dropping them.
 */
export const ApprovalRuleIn = z.looseObject({
  match: z.string(),
  require: z.string().optional(),
});
export type ApprovalRuleIn = z.infer<typeof ApprovalRuleIn>;

/** Body of `PUT /v1/tenant/mcp/{name}` (full replace / upsert). Either `url` or `catalog`. */
export const McpServerIn = z.object({
  url: z.string().nullish(),
  catalog: z.string().nullish(),
  auth: McpAuthIn.nullish(),
  tool_allowlist: z.array(z.string()).nullish(),
  approval_policy: z.array(ApprovalRuleIn).nullish(),
});
export type McpServerIn = z.infer<typeof McpServerIn>;

/** Auth of a registered MCP server as returned (no secret). */
export const McpAuth = z.object({
  kind: z.string(),
  provider: z.string().nullable(),
  client_mode: z.string().optional(),
});
export type McpAuth = z.infer<typeof McpAuth>;

/** One approval-policy rule as returned. */
export const ApprovalRule = z.object({
  match: z.string(),
  require: z.string().optional(),
});
export type ApprovalRule = z.infer<typeof ApprovalRule>;

/** A discovered tool; `enabled` reflects the allow-list. */
export const McpTool = z.object({
  name: z.string(),
  description: z.string().nullable(),
  requires_approval: z.boolean(),
  enabled: z.boolean(),
});
export type McpTool = z.infer<typeof McpTool>;

/** A registered tenant MCP server. `status` is `degraded` after a failed discovery or call. */
export const McpServerOut = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  auth: McpAuth,
  origin: z.string().optional(),
  catalog_slug: z.string().nullish(),
  tool_allowlist: z.array(z.string()).nullish(),
  approval_policy: z.array(ApprovalRule).optional(),
  tools: z.array(McpTool),
  tools_discovered: Int,
  tools_refreshed_at: Timestamp,
  status: z.string(),
  discovery_error: z.string().nullable(),
  last_call_error: z.string().nullable(),
  last_call_error_at: Timestamp,
  created_at: Timestamp,
});
export type McpServerOut = z.infer<typeof McpServerOut>;

/** 200 of `GET /v1/tenant/mcp`. */
export const McpServerListOut = cursorPage(McpServerOut);
export type McpServerListOut = z.infer<typeof McpServerListOut>;

/** A read-only MCP catalog preset (`GET /v1/catalog/{slug}`). */
export const CatalogEntryOut = z.object({
  slug: z.string(),
  display_name: z.string(),
  description: z.string(),
  mcp_url: z.string(),
  auth: z.object({
    kind: z.string(),
    provider: z.string().nullable(),
    client_mode: z.string(),
  }),
  scopes: z.array(z.string()),
  default_allowlist: z.array(z.string()).nullable(),
  default_approval_policy: z.array(ApprovalRule),
  logo_url: z.string().nullable(),
  docs_url: z.string().nullable(),
});
export type CatalogEntryOut = z.infer<typeof CatalogEntryOut>;

/** 200 of `GET /v1/catalog` (unpaged). */
export const CatalogListOut = dataList(CatalogEntryOut);
export type CatalogListOut = z.infer<typeof CatalogListOut>;
