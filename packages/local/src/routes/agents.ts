import {
  type AgentDraft,
  AgentIn,
  type AgentOut,
  AgentPatch,
  type AgentVersionOut,
  generateId,
  isValidSlug,
  PublishIn,
  RolloutIn,
  SLUG_MAX_LENGTH,
  slugify,
} from "@ingram-tech/ingram-cloud-contract";
import { apiError, notFound } from "../core/errors";
import { paginate } from "../core/pagination";
import type { RouteArea } from "../core/routes";
import type { Store } from "../core/store";
import { applyRollout } from "./agent-rollout";
import { listUiResources } from "./agent-ui";

/** An `agents` row. `draft` is the JSON draft without `ui_resources` (those live in `agent_ui`). */
export interface AgentRow {
  seq: number;
  id: string;
  tenant_id: string;
  slug: string | null;
  name: string;
  is_default: number;
  draft: string;
  active_version: number | null;
  rollout_version: number | null;
  rollout_percent: number;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

type StoredDraft = Omit<AgentDraft, "ui_resources">;
const DRAFT_KEYS = [
  "instructions",
  "model",
  "enabled_hosted_tools",
  "vector_store_ids",
  "mcp_servers",
  "skills",
  "auto_memory",
  "memory_consolidation",
  "variables",
] as const satisfies readonly (keyof StoredDraft)[];
/** Draft list fields: an explicit null means "empty" (only `mcp_servers` keeps null = all servers). */
const LIST_KEYS = new Set(["enabled_hosted_tools", "vector_store_ids", "skills", "variables"]);

const AGENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS agents (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, tenant_id TEXT NOT NULL,
  slug TEXT, name TEXT NOT NULL, is_default INTEGER NOT NULL DEFAULT 0, draft TEXT NOT NULL,
  active_version INTEGER, rollout_version INTEGER, rollout_percent INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, archived_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS agents_live_slug ON agents (tenant_id, slug) WHERE archived_at IS NULL AND slug IS NOT NULL;
CREATE INDEX IF NOT EXISTS agents_by_tenant ON agents (tenant_id, archived_at, seq);
CREATE TABLE IF NOT EXISTS agent_versions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, agent_id TEXT NOT NULL REFERENCES agents(id), version INTEGER NOT NULL,
  snapshot TEXT NOT NULL, created_by TEXT, note TEXT, created_at TEXT NOT NULL, UNIQUE (agent_id, version)
);
CREATE TABLE IF NOT EXISTS agent_ui (
  agent_id TEXT NOT NULL REFERENCES agents(id), name TEXT NOT NULL, content_hash TEXT NOT NULL,
  meta TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (agent_id, name)
);
CREATE TABLE IF NOT EXISTS ui_blobs (hash TEXT PRIMARY KEY, content BLOB NOT NULL);
`;

/** A live agent of the tenant, or 404 (other tenants' and archived agents are not found). */
export function loadAgent(store: Store, tenantId: string, aid: string | undefined): AgentRow {
  const row = store
    .stmt("SELECT * FROM agents WHERE id = ? AND tenant_id = ? AND archived_at IS NULL")
    .get(aid, tenantId) as AgentRow | undefined;
  if (!row) throw notFound("agent");
  return row;
}

/** Marks an agent as changed. */
export function touchAgent(store: Store, id: string): void {
  store.stmt("UPDATE agents SET updated_at = ? WHERE id = ?").run(store.now(), id);
}

function fullDraft(store: Store, row: AgentRow): AgentDraft {
  return { ...(JSON.parse(row.draft) as StoredDraft), ui_resources: listUiResources(store, row.id) };
}

/** The wire view of an agent. */
export function toAgentOut(store: Store, row: AgentRow): AgentOut {
  const smiths = store.stmt("SELECT COUNT(*) AS n FROM smiths WHERE agent_id = ?").get(row.id) as {
    n: number;
  };
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    is_default: row.is_default === 1,
    draft: fullDraft(store, row),
    active_version: row.active_version,
    rollout_version: row.rollout_version,
    rollout_percent: row.rollout_percent,
    smith_count: smiths.n,
    last_activity_at: null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function slugTaken(store: Store, tenantId: string, slug: string): boolean {
  return (
    store
      .stmt("SELECT 1 FROM agents WHERE tenant_id = ? AND slug = ? AND archived_at IS NULL")
      .get(tenantId, slug) !== undefined
  );
}

/** `name` → slug, suffixed `-2`, `-3`, … until it is free among the tenant's live agents. */
function derivedSlug(store: Store, tenantId: string, name: string): string {
  const base = slugify(name);
  let slug = base;
  for (let n = 2; slugTaken(store, tenantId, slug); n++) {
    const suffix = `-${n}`;
    slug = base.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/, "") + suffix;
  }
  return slug;
}

function checkName(name: string): void {
  if (name.trim() === "") throw apiError("name_required", "name must not be empty", "name");
}

function checkVariables(draft: StoredDraft): void {
  const seen = new Set<string>();
  draft.variables.forEach((v, i) => {
    if (v.name.trim() === "" || seen.has(v.name)) {
      throw apiError(
        "invalid_variables",
        `variables[${i}].name must be non-empty and unique`,
        `variables[${i}].name`,
      );
    }
    seen.add(v.name);
  });
}

function toVersionOut(row: {
  version: number;
  snapshot: string;
  created_by: string | null;
  note: string | null;
  created_at: string;
}): AgentVersionOut {
  return {
    version: row.version,
    snapshot: JSON.parse(row.snapshot) as AgentVersionOut["snapshot"],
    created_by: row.created_by,
    note: row.note,
    created_at: row.created_at,
  };
}

/** `/v1/agents`: create, list, get, patch (draft), archive, publish, versions, rollout (§3.1–3.5). */
export const agentsArea: RouteArea = {
  name: "agents",
  schema: AGENTS_SCHEMA,
  register(api) {
    api.route({
      method: "POST",
      path: "/v1/agents",
      operationId: "agents.create",
      auth: "tenant",
      status: 201,
      body: AgentIn,
      handler({ store, body, tenantId }) {
        checkName(body.name);
        let slug: string;
        if (body.slug == null) {
          slug = derivedSlug(store, tenantId, body.name);
        } else {
          if (!isValidSlug(body.slug)) {
            throw apiError(
              "invalid_slug",
              "slug must be 1..63 characters of [a-z0-9-], not starting or ending with '-'",
              "slug",
            );
          }
          if (slugTaken(store, tenantId, body.slug)) {
            throw apiError("agent_exists", `An agent with slug '${body.slug}' already exists`, "slug");
          }
          slug = body.slug;
        }
        const draft: StoredDraft = {
          instructions: body.instructions ?? null,
          model: body.model ?? null,
          enabled_hosted_tools: body.enabled_hosted_tools ?? [],
          vector_store_ids: body.vector_store_ids ?? [],
          mcp_servers: body.mcp_servers ?? null,
          skills: body.skills ?? [],
          auto_memory: body.auto_memory ?? null,
          memory_consolidation: body.memory_consolidation ?? null,
          variables: body.variables ?? [],
        };
        checkVariables(draft);
        const id = generateId("agent");
        const now = store.now();
        store
          .stmt(
            `INSERT INTO agents (id, tenant_id, slug, name, draft, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(id, tenantId, slug, body.name, JSON.stringify(draft), now, now);
        return toAgentOut(store, loadAgent(store, tenantId, id));
      },
    });

    api.route({
      method: "GET",
      path: "/v1/agents",
      operationId: "agents.list",
      auth: "tenant",
      status: 200,
      handler: ({ store, query, tenantId }) =>
        paginate(
          store,
          query,
          "SELECT * FROM agents WHERE tenant_id = ? AND archived_at IS NULL",
          [tenantId],
          (row: AgentRow) => toAgentOut(store, row),
        ),
    });

    api.route({
      method: "GET",
      path: "/v1/agents/{aid}",
      operationId: "agents.get",
      auth: "tenant",
      status: 200,
      handler: ({ store, params, tenantId }) => toAgentOut(store, loadAgent(store, tenantId, params.aid)),
    });

    api.route({
      method: "PATCH",
      path: "/v1/agents/{aid}",
      operationId: "agents.update",
      auth: "tenant",
      status: 200,
      body: AgentPatch,
      handler({ store, params, body, tenantId }) {
        const row = loadAgent(store, tenantId, params.aid);
        const present = (Object.keys(body) as (keyof AgentPatch)[]).filter((k) => body[k] !== undefined);
        if (present.length === 0)
          throw apiError("empty_patch", "The patch changes nothing (no known field given)");
        const draft = JSON.parse(row.draft) as StoredDraft;
        for (const key of DRAFT_KEYS) {
          if (body[key] === undefined) continue;
          (draft as Record<string, unknown>)[key] = body[key] === null && LIST_KEYS.has(key) ? [] : body[key];
        }
        checkVariables(draft);
        const name = body.name ?? row.name; // name is required: null leaves it unchanged
        checkName(name);
        store
          .stmt("UPDATE agents SET name = ?, draft = ?, updated_at = ? WHERE id = ?")
          .run(name, JSON.stringify(draft), store.now(), row.id);
        return toAgentOut(store, loadAgent(store, tenantId, row.id));
      },
    });

    api.route({
      method: "DELETE",
      path: "/v1/agents/{aid}",
      operationId: "agents.delete",
      auth: "tenant",
      status: 204,
      handler({ store, params, tenantId }) {
        const row = loadAgent(store, tenantId, params.aid);
        if (row.is_default === 1)
          throw apiError("default_agent", "The project's default agent cannot be archived");
        const inUse = store.stmt("SELECT COUNT(*) AS n FROM smiths WHERE agent_id = ?").get(row.id) as {
          n: number;
        };
        if (inUse.n > 0) throw apiError("agent_in_use", `The agent is used by ${inUse.n} smith(s)`);
        store
          .stmt("UPDATE agents SET archived_at = ?, updated_at = ? WHERE id = ?")
          .run(store.now(), store.now(), row.id);
      },
    });

    api.route({
      method: "POST",
      path: "/v1/agents/{aid}/versions",
      operationId: "agents.versions.create",
      auth: "tenant",
      status: 201,
      body: PublishIn,
      handler({ store, params, body, tenantId, auth }) {
        const row = loadAgent(store, tenantId, params.aid);
        const last = store
          .stmt("SELECT MAX(version) AS v FROM agent_versions WHERE agent_id = ?")
          .get(row.id) as {
          v: number | null;
        };
        const version = (last.v ?? 0) + 1;
        const now = store.now();
        store
          .stmt(
            "INSERT INTO agent_versions (agent_id, version, snapshot, created_by, note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
          )
          .run(row.id, version, JSON.stringify(fullDraft(store, row)), auth!.tokenId, body.note ?? null, now);
        // Only the very first publish goes live by itself; later ones wait for a rollout.
        if (row.active_version === null)
          store.stmt("UPDATE agents SET active_version = ? WHERE id = ?").run(version, row.id);
        touchAgent(store, row.id);
        return toVersionOut(
          store
            .stmt("SELECT * FROM agent_versions WHERE agent_id = ? AND version = ?")
            .get(row.id, version) as Parameters<typeof toVersionOut>[0],
        );
      },
    });

    api.route({
      method: "GET",
      path: "/v1/agents/{aid}/versions",
      operationId: "agents.versions.list",
      auth: "tenant",
      status: 200,
      handler({ store, params, query, tenantId }) {
        const row = loadAgent(store, tenantId, params.aid);
        return paginate(
          store,
          query,
          "SELECT * FROM agent_versions WHERE agent_id = ?",
          [row.id],
          toVersionOut,
        );
      },
    });

    api.route({
      method: "POST",
      path: "/v1/agents/{aid}/rollout",
      operationId: "agents.rollout",
      auth: "tenant",
      status: 200,
      body: RolloutIn,
      bodyCodes: { percent: "invalid_percent" },
      handler({ store, params, body, tenantId }) {
        const row = loadAgent(store, tenantId, params.aid);
        if (
          !store
            .stmt("SELECT 1 FROM agent_versions WHERE agent_id = ? AND version = ?")
            .get(row.id, body.version)
        ) {
          const code = row.active_version === null ? "agent_unpublished" : "invalid_request";
          throw apiError(code, `The agent has no version ${body.version}`, "version");
        }
        const next = applyRollout(row, body.version, body.percent);
        store
          .stmt(
            "UPDATE agents SET active_version = ?, rollout_version = ?, rollout_percent = ?, updated_at = ? WHERE id = ?",
          )
          .run(next.active_version, next.rollout_version, next.rollout_percent, store.now(), row.id);
        return toAgentOut(store, loadAgent(store, tenantId, row.id));
      },
    });
  },
};
