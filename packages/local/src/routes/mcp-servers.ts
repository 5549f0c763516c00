import {
  APPROVAL_REQUIREMENT,
  type ApprovalRule,
  errorEnvelope,
  generateId,
  McpAuthKindSchema,
  McpClientModeSchema,
  McpServerIn,
  type McpServerOut,
} from "@ingram-tech/ingram-cloud-contract";
import { apiError, notFound } from "../core/errors";
import { paginate } from "../core/pagination";
import type { RouteArea } from "../core/routes";
import type { Store } from "../core/store";
import { globMatches } from "../integrations/glob";
import { type DiscoveredTool, type DiscoveryResult, discoverTools } from "../integrations/mcp-discovery";
import { integrationsOf } from "../integrations/options";
import { parseHttpUrl } from "../integrations/outbound";
import { catalogEntry } from "./catalog";

const MCP_SCHEMA = `
CREATE TABLE IF NOT EXISTS mcp_servers (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, tenant_id TEXT NOT NULL, name TEXT NOT NULL,
  url TEXT NOT NULL, auth_kind TEXT NOT NULL, auth_provider TEXT, auth_client_mode TEXT,
  secret TEXT,                          -- bearer secret: needed to probe again on refresh; never returned
  origin TEXT NOT NULL, catalog_slug TEXT, tool_allowlist TEXT, approval_policy TEXT NOT NULL,
  tools TEXT NOT NULL, tools_refreshed_at TEXT, status TEXT NOT NULL, discovery_error TEXT,
  last_call_error TEXT, last_call_error_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  UNIQUE (tenant_id, name)
);`;

interface McpRow {
  seq: number;
  id: string;
  tenant_id: string;
  name: string;
  url: string;
  auth_kind: string;
  auth_provider: string | null;
  auth_client_mode: string | null;
  secret: string | null;
  origin: string;
  catalog_slug: string | null;
  tool_allowlist: string | null;
  approval_policy: string;
  tools: string;
  tools_refreshed_at: string | null;
  status: string;
  discovery_error: string | null;
  last_call_error: string | null;
  last_call_error_at: string | null;
  created_at: string;
}

/** Server names: what agents list in `mcp_servers`; kept URL- and identifier-friendly. */
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A validated registration, ready to probe and store. */
interface Registration {
  url: string;
  authKind: "none" | "bearer" | "oauth";
  provider: string | null;
  clientMode: string | null;
  secret: string | null;
  origin: "tenant_registered" | "catalog";
  catalogSlug: string | null;
  allowlist: string[] | null;
  policy: ApprovalRule[];
}

function loadServer(store: Store, tenantId: string, name: string | undefined): McpRow {
  const row = store.stmt("SELECT * FROM mcp_servers WHERE tenant_id = ? AND name = ?").get(tenantId, name) as
    | McpRow
    | undefined;
  if (!row) throw notFound("MCP server");
  return row;
}

/** The wire view: `enabled` from the allow-list, `requires_approval` from the hint or the policy. */
function toMcpServerOut(row: McpRow): McpServerOut {
  const allowlist = row.tool_allowlist === null ? null : (JSON.parse(row.tool_allowlist) as string[]);
  const policy = JSON.parse(row.approval_policy) as ApprovalRule[];
  const tools = JSON.parse(row.tools) as DiscoveredTool[];
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    auth: {
      kind: row.auth_kind,
      provider: row.auth_provider,
      ...(row.auth_client_mode === null ? {} : { client_mode: row.auth_client_mode }),
    },
    origin: row.origin,
    catalog_slug: row.catalog_slug,
    tool_allowlist: allowlist,
    approval_policy: policy,
    tools: tools.map((t) => ({
      name: t.name,
      description: t.description,
      requires_approval: t.destructive || policy.some((rule) => globMatches(rule.match, t.name)),
      enabled: allowlist === null || allowlist.includes(t.name),
    })),
    tools_discovered: tools.length,
    tools_refreshed_at: row.tools_refreshed_at,
    status: row.status,
    discovery_error: row.discovery_error,
    last_call_error: row.last_call_error,
    last_call_error_at: row.last_call_error_at,
    created_at: row.created_at,
  };
}

/** Checks the approval policy: only `{match, require?: "approval"}`; any other clause is refused. */
function checkPolicy(rules: readonly Record<string, unknown>[]): ApprovalRule[] {
  return rules.map((rule, i) => {
    for (const key of Object.keys(rule)) {
      if (key !== "match" && key !== "require") {
        throw apiError(
          "unsupported_policy_rule",
          `approval_policy[${i}]: clause '${key}' is not supported`,
          `approval_policy[${i}].${key}`,
        );
      }
    }
    const match = rule.match as string;
    if (match.trim() === "")
      throw apiError(
        "invalid_approval_policy",
        "match must be a non-empty tool-name glob",
        `approval_policy[${i}].match`,
      );
    if (rule.require !== undefined && rule.require !== APPROVAL_REQUIREMENT) {
      throw apiError(
        "unsupported_policy_rule",
        `require must be '${APPROVAL_REQUIREMENT}'`,
        `approval_policy[${i}].require`,
      );
    }
    return { match, require: APPROVAL_REQUIREMENT };
  });
}

/** Turns a PUT body into a {@link Registration}: catalog defaults first, body fields override. */
function resolveRegistration(api: Parameters<RouteArea["register"]>[0], body: McpServerIn): Registration {
  let preset: ReturnType<typeof catalogEntry>;
  if (body.catalog != null) {
    preset = catalogEntry(api.app, body.catalog);
    if (!preset) throw apiError("unknown_catalog_entry", `No catalog preset '${body.catalog}'`, "catalog");
  }
  const url = body.url ?? preset?.mcp_url;
  if (url == null || url === "")
    throw apiError("url_required", "url is required unless a catalog preset supplies it", "url");
  if (!parseHttpUrl(url))
    throw apiError("invalid_url", "url must be an http(s) URL without credentials", "url");

  const kindRaw = body.auth?.kind ?? preset?.auth.kind;
  if (kindRaw == null)
    throw apiError(
      "invalid_auth_kind",
      "auth.kind is required (none, bearer or oauth) unless a catalog preset supplies it",
      "auth.kind",
    );
  const kind = McpAuthKindSchema.safeParse(kindRaw);
  if (!kind.success)
    throw apiError("invalid_auth_kind", "auth.kind must be one of none, bearer, oauth", "auth.kind");

  const secret = body.auth?.secret ?? null;
  if (kind.data === "bearer" && (secret === null || secret.trim() === "")) {
    throw apiError("secret_required", "auth.secret is required for auth kind bearer", "auth.secret");
  }
  if (kind.data !== "bearer" && secret !== null) {
    throw apiError("invalid_request", "auth.secret only applies to auth kind bearer", "auth.secret");
  }
  let clientMode: string | null = null;
  const provider = body.auth?.provider ?? (kind.data === "oauth" ? (preset?.auth.provider ?? null) : null);
  if (kind.data === "oauth") {
    const mode = McpClientModeSchema.safeParse(
      body.auth?.client_mode ?? preset?.auth.client_mode ?? "tenant",
    );
    if (!mode.success)
      throw apiError(
        "invalid_client_mode",
        "auth.client_mode must be tenant or platform",
        "auth.client_mode",
      );
    clientMode = mode.data;
  } else if (body.auth?.client_mode != null) {
    throw apiError(
      "invalid_client_mode",
      "auth.client_mode only applies to auth kind oauth",
      "auth.client_mode",
    );
  }

  const allowlist =
    body.tool_allowlist !== undefined ? body.tool_allowlist : (preset?.default_allowlist ?? null);
  const policy = checkPolicy(body.approval_policy ?? preset?.default_approval_policy ?? []);
  return {
    url,
    authKind: kind.data,
    provider,
    clientMode,
    secret: kind.data === "bearer" ? secret : null,
    origin: preset ? "catalog" : "tenant_registered",
    catalogSlug: preset?.slug ?? null,
    allowlist: allowlist === null ? null : [...new Set(allowlist)],
    policy,
  };
}

/** Records a discovery outcome: fresh tools, or the error with the last known tools kept. */
function recordDiscovery(store: Store, id: string, result: DiscoveryResult): void {
  const now = store.now();
  if (result.ok) {
    store
      .stmt(
        "UPDATE mcp_servers SET tools = ?, tools_refreshed_at = ?, status = 'active', discovery_error = NULL, updated_at = ? WHERE id = ?",
      )
      .run(JSON.stringify(result.tools), now, now, id);
  } else {
    store
      .stmt("UPDATE mcp_servers SET status = 'degraded', discovery_error = ?, updated_at = ? WHERE id = ?")
      .run(result.error, now, id);
  }
}

/** `/v1/tenant/mcp`: register (PUT upsert with a live `tools/list` probe), read, list, delete, refresh (§4). */
export const mcpServersArea: RouteArea = {
  name: "mcp-servers",
  schema: MCP_SCHEMA,
  register(api) {
    const probe = (url: string, bearer: string | null) => {
      const cfg = integrationsOf(api.app);
      return discoverTools({
        url,
        bearer,
        timeoutMs: cfg.mcpDiscoveryTimeoutMs,
        allowRemote: cfg.allowRemoteOutbound,
      });
    };

    api.route({
      method: "PUT",
      path: "/v1/tenant/mcp/{name}",
      operationId: "tenant.mcp.put",
      auth: "tenant",
      status: 200,
      body: McpServerIn,
      bodyCodes: { approval_policy: "invalid_approval_policy" },
      async prepare({ params, body }) {
        if (!NAME_PATTERN.test(params.name!)) {
          throw apiError(
            "invalid_name",
            "name must be 1..64 characters of [A-Za-z0-9_.-], starting alphanumeric",
            "name",
          );
        }
        const registration = resolveRegistration(api, body);
        return { registration, discovery: await probe(registration.url, registration.secret) };
      },
      handler({ store, params, tenantId, prepared: { registration: r, discovery } }) {
        const existing = store
          .stmt("SELECT id FROM mcp_servers WHERE tenant_id = ? AND name = ?")
          .get(tenantId, params.name) as { id: string } | undefined;
        const id = existing?.id ?? generateId("mcpServer");
        const now = store.now();
        const values = [
          r.url,
          r.authKind,
          r.provider,
          r.clientMode,
          r.secret,
          r.origin,
          r.catalogSlug,
          r.allowlist === null ? null : JSON.stringify(r.allowlist),
          JSON.stringify(r.policy),
        ];
        if (existing) {
          // Full replace: tools and errors start over; a re-PUT clears the last call error.
          store
            .stmt(
              `UPDATE mcp_servers SET url = ?, auth_kind = ?, auth_provider = ?, auth_client_mode = ?, secret = ?, origin = ?,
               catalog_slug = ?, tool_allowlist = ?, approval_policy = ?, tools = '[]', tools_refreshed_at = NULL,
               last_call_error = NULL, last_call_error_at = NULL, updated_at = ? WHERE id = ?`,
            )
            .run(...values, now, id);
        } else {
          store
            .stmt(
              `INSERT INTO mcp_servers (id, tenant_id, name, url, auth_kind, auth_provider, auth_client_mode, secret, origin,
               catalog_slug, tool_allowlist, approval_policy, tools, status, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', 'active', ?, ?)`,
            )
            .run(id, tenantId, params.name, ...values, now, now);
        }
        recordDiscovery(store, id, discovery);
        return toMcpServerOut(loadServer(store, tenantId, params.name));
      },
    });

    api.route({
      method: "GET",
      path: "/v1/tenant/mcp",
      operationId: "tenant.mcp.list",
      auth: "tenant",
      status: 200,
      handler: ({ store, query, tenantId }) =>
        paginate(store, query, "SELECT * FROM mcp_servers WHERE tenant_id = ?", [tenantId], toMcpServerOut),
    });

    api.route({
      method: "GET",
      path: "/v1/tenant/mcp/{name}",
      operationId: "tenant.mcp.get",
      auth: "tenant",
      status: 200,
      handler: ({ store, params, tenantId }) => toMcpServerOut(loadServer(store, tenantId, params.name)),
    });

    api.route({
      method: "DELETE",
      path: "/v1/tenant/mcp/{name}",
      operationId: "tenant.mcp.delete",
      auth: "tenant",
      status: 204,
      handler({ store, params, tenantId }) {
        store.stmt("DELETE FROM mcp_servers WHERE id = ?").run(loadServer(store, tenantId, params.name).id);
      },
    });

    api.route({
      method: "POST",
      path: "/v1/tenant/mcp/{name}/refresh",
      operationId: "tenant.mcp.refresh",
      auth: "tenant",
      status: 200,
      async prepare({ store, params, tenantId }) {
        const row = loadServer(store, tenantId, params.name);
        return { id: row.id, discovery: await probe(row.url, row.secret) };
      },
      handler({ store, params, tenantId, reply, prepared }) {
        const row = loadServer(store, tenantId, params.name);
        if (row.id !== prepared.id) throw notFound("MCP server"); // replaced or deleted while probing
        recordDiscovery(store, row.id, prepared.discovery);
        if (!prepared.discovery.ok) {
          // Answer 502 but keep the recorded failure: throwing would roll the transaction back.
          reply.code(502);
          return errorEnvelope("discovery_failed", prepared.discovery.error);
        }
        return toMcpServerOut(loadServer(store, tenantId, params.name));
      },
    });
  },
};
