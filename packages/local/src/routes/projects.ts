import { generateId, ProjectIn, type ProjectOut, ProjectTokenIn } from "@ingram-tech/ingram-cloud-contract";
import { notFound } from "../core/errors";
import { paginate } from "../core/pagination";
import type { RouteArea } from "../core/routes";
import type { Store } from "../core/store";
import { revokeToken, toMintedOut } from "./tokens";

interface ProjectRow {
  seq: number;
  id: string;
  organization_id: string;
  name: string;
  metadata: string;
  created_at: string;
  archived_at: string | null;
}

function toProjectOut(row: ProjectRow): ProjectOut {
  return {
    id: row.id,
    organization: row.organization_id,
    name: row.name,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    created_at: row.created_at,
    archived_at: row.archived_at,
  };
}

function liveProject(store: Store, organizationId: string, pid: string | undefined): ProjectRow {
  const row = store
    .stmt("SELECT * FROM projects WHERE id = ? AND organization_id = ? AND archived_at IS NULL")
    .get(pid, organizationId) as ProjectRow | undefined;
  if (!row) throw notFound("project");
  return row;
}

/** `/v1/organization/projects`: the organization control plane (§13), organization key only. */
export const projectsArea: RouteArea = {
  name: "projects",
  register(api) {
    api.route({
      method: "POST",
      path: "/v1/organization/projects",
      operationId: "organization.projects.create",
      auth: "organization",
      status: 201,
      body: ProjectIn,
      handler({ store, body, auth }) {
        const org = auth!.organizationId;
        // Create-or-adopt: a live project with exactly this name is returned unchanged (metadata too).
        const existing = store
          .stmt(
            "SELECT * FROM projects WHERE organization_id = ? AND name = ? AND archived_at IS NULL ORDER BY seq LIMIT 1",
          )
          .get(org, body.name) as ProjectRow | undefined;
        if (existing) return toProjectOut(existing);
        const id = generateId("project");
        store
          .stmt(
            "INSERT INTO projects (id, organization_id, name, metadata, created_at) VALUES (?, ?, ?, ?, ?)",
          )
          .run(id, org, body.name, JSON.stringify(body.metadata ?? {}), store.now());
        return toProjectOut(store.stmt("SELECT * FROM projects WHERE id = ?").get(id) as ProjectRow);
      },
    });

    api.route({
      method: "GET",
      path: "/v1/organization/projects",
      operationId: "organization.projects.list",
      auth: "organization",
      status: 200,
      handler({ store, query, auth }) {
        const base = "SELECT * FROM projects WHERE organization_id = ? AND archived_at IS NULL";
        return query.name === undefined
          ? paginate(store, query, base, [auth!.organizationId], toProjectOut)
          : paginate(store, query, `${base} AND name = ?`, [auth!.organizationId, query.name], toProjectOut);
      },
    });

    api.route({
      method: "GET",
      path: "/v1/organization/projects/{pid}",
      operationId: "organization.projects.get",
      auth: "organization",
      status: 200,
      handler({ store, params, auth }) {
        // Archived projects stay readable (with archived_at set); only lists hide them.
        const row = store
          .stmt("SELECT * FROM projects WHERE id = ? AND organization_id = ?")
          .get(params.pid, auth!.organizationId) as ProjectRow | undefined;
        if (!row) throw notFound("project");
        return toProjectOut(row);
      },
    });

    api.route({
      method: "DELETE",
      path: "/v1/organization/projects/{pid}",
      operationId: "organization.projects.delete",
      auth: "organization",
      status: 204,
      handler({ store, params, auth }) {
        // The spec lists no 404 here: archiving an unknown or already archived project is a no-op 204.
        store
          .stmt(
            "UPDATE projects SET archived_at = ? WHERE id = ? AND organization_id = ? AND archived_at IS NULL",
          )
          .run(store.now(), params.pid, auth!.organizationId);
      },
    });

    api.route({
      method: "POST",
      path: "/v1/organization/projects/{pid}/tokens",
      operationId: "organization.projects.tokens.create",
      auth: "organization",
      status: 201,
      body: ProjectTokenIn,
      prepare({ store, params, body, auth }) {
        const project = liveProject(store, auth!.organizationId, params.pid);
        return api.tokens.sign({
          kind: "admin",
          organizationId: auth!.organizationId,
          tenantId: project.id,
          scopes: ["tenant:*"],
          name: body.name,
          ttlSeconds: body.ttl_seconds ?? null,
        });
      },
      handler({ store, params, auth, prepared }) {
        liveProject(store, auth!.organizationId, params.pid); // may have been archived while signing
        api.tokens.insert(prepared.row);
        return toMintedOut(prepared);
      },
    });

    api.route({
      method: "DELETE",
      path: "/v1/organization/projects/{pid}/tokens/{tid}",
      operationId: "organization.projects.tokens.delete",
      auth: "organization",
      status: 204,
      handler({ store, params, auth }) {
        const found = store
          .stmt(
            `SELECT 1 FROM tokens t JOIN projects p ON p.id = t.tenant_id
             WHERE t.id = ? AND t.tenant_id = ? AND t.kind = 'admin' AND p.organization_id = ?`,
          )
          .get(params.tid, params.pid, auth!.organizationId);
        if (!found) throw notFound("project token");
        revokeToken(store, params.tid!);
      },
    });
  },
};
