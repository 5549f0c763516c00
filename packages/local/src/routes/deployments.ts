import { createHash } from "node:crypto";
import {
  DEPLOYMENT_TARGET_TYPES,
  DeploymentIn,
  type DeploymentOut,
  DeploymentPatch,
  generateId,
  type HostedPageOut,
} from "@ingram-tech/ingram-cloud-contract";
import type { Principal } from "../core/auth";
import { apiError, notFound } from "../core/errors";
import { paginate } from "../core/pagination";
import type { RouteArea } from "../core/routes";
import type { Store } from "../core/store";
import { publicBase } from "../integrations/options";

const DEPLOYMENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS deployments (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, tenant_id TEXT NOT NULL, kind TEXT NOT NULL,
  target_type TEXT NOT NULL, target_id TEXT NOT NULL, address TEXT, provider TEXT, provider_metadata TEXT NOT NULL,
  secret_keys TEXT NOT NULL,
  password_sha256 TEXT,                 -- write-only page password: only its hash is kept
  display_name TEXT, owner_email TEXT, base_url TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS deployments_by_tenant ON deployments (tenant_id, seq);`;

interface DeploymentRow {
  seq: number;
  id: string;
  tenant_id: string;
  kind: DeploymentOut["kind"];
  target_type: "smith" | "agent";
  target_id: string;
  address: string | null;
  provider: string | null;
  provider_metadata: string;
  secret_keys: string;
  password_sha256: string | null;
  base_url: string;
  status: string;
  created_at: string;
}

/** Kinds the local server emulates; channel kinds need provider infrastructure it does not have. */
const SUPPORTED_KINDS = new Set(["web", "mcp"]);
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function toDeploymentOut(row: DeploymentRow): DeploymentOut {
  return {
    id: row.id,
    target: { type: row.target_type, id: row.target_id },
    kind: row.kind,
    address: row.address,
    provider: row.provider,
    provider_metadata: JSON.parse(row.provider_metadata) as Record<string, unknown>,
    secret_keys: JSON.parse(row.secret_keys) as string[],
    ...(row.kind === "web" ? { page_url: `${row.base_url}/hosted/${row.id}` } : {}),
    ...(row.kind === "mcp" ? { mcp_url: `${row.base_url}/v1/deployments/${row.id}/mcp` } : {}),
    status: row.status,
    created_at: row.created_at,
  };
}

/** A deployment of the tenant; a smith token only reaches deployments bound to its own smith. */
function loadDeployment(
  store: Store,
  tenantId: string,
  auth: Principal,
  depId: string | undefined,
): DeploymentRow {
  const row = store.stmt("SELECT * FROM deployments WHERE id = ? AND tenant_id = ?").get(depId, tenantId) as
    | DeploymentRow
    | undefined;
  if (!row) throw notFound("deployment");
  if (auth.kind === "smith" && !(row.target_type === "smith" && row.target_id === auth.smithId)) {
    throw apiError("smith_mismatch", "This smith token only reaches deployments bound to its own smith");
  }
  return row;
}

/** Checks the target exists in the tenant (404 otherwise) and, for an agent, that it has a live version. */
function checkTarget(store: Store, tenantId: string, auth: Principal, body: DeploymentIn): void {
  const { type, id } = body.target;
  if (auth.kind === "smith" && !(type === "smith" && id === auth.smithId)) {
    throw apiError("forbidden_target", "A smith token can only deploy its own smith", "target");
  }
  if (type === "smith") {
    if (!store.stmt("SELECT 1 FROM smiths WHERE id = ? AND tenant_id = ?").get(id, tenantId))
      throw notFound("smith");
    return;
  }
  const agent = store
    .stmt("SELECT active_version FROM agents WHERE id = ? AND tenant_id = ? AND archived_at IS NULL")
    .get(id, tenantId) as { active_version: number | null } | undefined;
  if (!agent) throw notFound("agent");
  if (agent.active_version === null) {
    throw apiError(
      "agent_unpublished",
      "The agent has no published version; publish it before deploying",
      "target.id",
    );
  }
}

/** The `web` kind's inputs: `provider_metadata {title?, greeting?}`, `secrets {password?}`, no setup. */
function checkWeb(body: DeploymentIn): { password: string | null } {
  if (body.target.type !== "agent") {
    throw apiError(
      "target_not_supported",
      "A web page deploys an agent (target.type 'agent')",
      "target.type",
    );
  }
  if (body.setup != null) throw apiError("web_no_setup", "web deployments take no setup", "setup");
  for (const key of ["title", "greeting"]) {
    const value = body.provider_metadata?.[key];
    if (value !== undefined && typeof value !== "string") {
      throw apiError(
        "invalid_input",
        `provider_metadata.${key} must be a string`,
        `provider_metadata.${key}`,
      );
    }
  }
  const secrets = body.secrets ?? {};
  for (const key of Object.keys(secrets)) {
    if (key !== "password")
      throw apiError("invalid_input", `Unknown secret '${key}' (web takes 'password')`, `secrets.${key}`);
  }
  const password = secrets.password;
  if (password !== undefined && (typeof password !== "string" || password === "")) {
    throw apiError("invalid_input", "secrets.password must be a non-empty string", "secrets.password");
  }
  return { password: password ?? null };
}

/** `/v1/deployments` (kinds `web` and `mcp`) and the public hosted-page read `GET /v1/hosted/{depId}` (§12). */
export const deploymentsArea: RouteArea = {
  name: "deployments",
  schema: DEPLOYMENTS_SCHEMA,
  register(api) {
    api.route({
      method: "POST",
      path: "/v1/deployments",
      operationId: "deployments.create",
      auth: { smithPermission: "deployments:write" },
      status: 201,
      body: DeploymentIn,
      bodyCodes: { kind: "invalid_kind" },
      handler({ store, body, tenantId, auth, req }) {
        if (!SUPPORTED_KINDS.has(body.kind)) {
          throw apiError(
            "setup_unsupported",
            `The local server does not emulate '${body.kind}' channels (supported: web, mcp)`,
            "kind",
          );
        }
        if (body.address != null)
          throw apiError("invalid_address", `${body.kind} deployments take no address`, "address");
        let password: string | null = null;
        if (body.kind === "web") {
          ({ password } = checkWeb(body));
        } else {
          if (body.setup != null) throw apiError("mcp_no_setup", "mcp deployments take no setup", "setup");
          if (body.secrets && Object.keys(body.secrets).length > 0) {
            throw apiError("invalid_input", "mcp deployments take no secrets", "secrets");
          }
        }
        checkTarget(store, tenantId, auth!, body);
        const id = generateId("deployment");
        store
          .stmt(
            `INSERT INTO deployments (id, tenant_id, kind, target_type, target_id, address, provider, provider_metadata,
             secret_keys, password_sha256, base_url, status, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, 'active', ?)`,
          )
          .run(
            id,
            tenantId,
            body.kind,
            body.target.type,
            body.target.id,
            body.provider ?? null,
            JSON.stringify(body.provider_metadata ?? {}),
            JSON.stringify(password === null ? [] : ["password"]),
            password === null ? null : sha256(password),
            publicBase(api.app, req),
            store.now(),
          );
        return toDeploymentOut(loadDeployment(store, tenantId, auth!, id));
      },
    });

    api.route({
      method: "GET",
      path: "/v1/deployments",
      operationId: "deployments.list",
      auth: { smithPermission: "deployments:read" },
      status: 200,
      handler({ store, query, tenantId, auth }) {
        let sql = "SELECT * FROM deployments WHERE tenant_id = ?";
        const params: unknown[] = [tenantId];
        const { target_type: type, target_id: targetId } = query;
        if (type !== undefined) {
          if (!(DEPLOYMENT_TARGET_TYPES as readonly string[]).includes(type)) {
            throw apiError("invalid_request", "target_type must be smith or agent", "target_type", 400);
          }
          sql += " AND target_type = ?";
          params.push(type);
        }
        if (targetId !== undefined) {
          sql += " AND target_id = ?";
          params.push(targetId);
        }
        if (auth!.kind === "smith") {
          sql += " AND target_type = 'smith' AND target_id = ?";
          params.push(auth!.smithId);
        }
        return paginate(store, query, sql, params, toDeploymentOut);
      },
    });

    api.route({
      method: "GET",
      path: "/v1/deployments/{depId}",
      operationId: "deployments.get",
      auth: { smithPermission: "deployments:read" },
      status: 200,
      handler: ({ store, params, tenantId, auth }) =>
        toDeploymentOut(loadDeployment(store, tenantId, auth!, params.depId)),
    });

    api.route({
      method: "PATCH",
      path: "/v1/deployments/{depId}",
      operationId: "deployments.update",
      auth: { smithPermission: "deployments:write" },
      status: 200,
      body: DeploymentPatch,
      handler({ store, params, body, tenantId, auth }) {
        const row = loadDeployment(store, tenantId, auth!, params.depId);
        if (body.display_name === undefined && body.owner_email === undefined) {
          throw apiError(
            "nothing_to_update",
            "Only display_name and owner_email can change; give at least one",
          );
        }
        if (
          body.display_name !== undefined &&
          (body.display_name === null || body.display_name.trim() === "")
        ) {
          throw apiError("display_name_required", "display_name must not be empty", "display_name");
        }
        if (body.owner_email != null && !EMAIL_PATTERN.test(body.owner_email)) {
          throw apiError("invalid_input", "owner_email must be an email address", "owner_email");
        }
        // undefined = unchanged; owner_email null clears it.
        store
          .stmt(
            `UPDATE deployments SET display_name = COALESCE(?, display_name),
             owner_email = CASE WHEN ? THEN ? ELSE owner_email END WHERE id = ?`,
          )
          .run(
            body.display_name ?? null,
            body.owner_email === undefined ? 0 : 1,
            body.owner_email ?? null,
            row.id,
          );
        return toDeploymentOut(loadDeployment(store, tenantId, auth!, row.id));
      },
    });

    api.route({
      method: "DELETE",
      path: "/v1/deployments/{depId}",
      operationId: "deployments.delete",
      auth: { smithPermission: "deployments:write" },
      status: 204,
      handler({ store, params, tenantId, auth }) {
        store
          .stmt("DELETE FROM deployments WHERE id = ?")
          .run(loadDeployment(store, tenantId, auth!, params.depId).id);
      },
    });

    api.route({
      method: "GET",
      path: "/v1/hosted/{depId}",
      operationId: "hosted.get",
      auth: "public",
      status: 200,
      // The unguessable dep_ id is the privacy boundary; the optional password guards the chat.
      handler({ store, params }) {
        const row = store.stmt("SELECT * FROM deployments WHERE id = ? AND kind = 'web'").get(params.depId) as
          | DeploymentRow
          | undefined;
        if (!row) throw notFound("hosted page");
        const meta = JSON.parse(row.provider_metadata) as { title?: string; greeting?: string };
        const agent = store.stmt("SELECT name FROM agents WHERE id = ?").get(row.target_id) as
          | { name: string }
          | undefined;
        const page: HostedPageOut = {
          id: row.id,
          title: meta.title ?? agent?.name ?? "Chat",
          greeting: meta.greeting ?? "",
          requires_password: row.password_sha256 !== null,
          status: row.status,
        };
        return page;
      },
    });
  },
};
