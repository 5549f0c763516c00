import { createHash } from "node:crypto";
import { type UiResource, UiResourceIn } from "@ingram-tech/ingram-cloud-contract";
import { apiError, notFound, validate } from "../core/errors";
import type { RouteArea } from "../core/routes";
import type { Store } from "../core/store";
import { loadAgent, touchAgent } from "./agents";

interface UiRow {
  name: string;
  content_hash: string;
  meta: string;
}

/** Metadata kept per template (what `UiResourceIn` accepts besides `name`). */
type UiMeta = Omit<UiResourceIn, "name">;

function toUiResource(row: UiRow): UiResource {
  const meta = JSON.parse(row.meta) as UiMeta;
  // csp and tool are not nullable in the spec: omit them when unset.
  const out: UiResource = { name: row.name, content_hash: row.content_hash };
  if (meta.csp != null) out.csp = meta.csp;
  out.permissions = meta.permissions ?? null;
  out.prefers_border = null;
  out.domain = null;
  if (meta.tool != null) out.tool = meta.tool;
  return out;
}

/** The agent draft's UI templates, by name (also frozen into version snapshots). */
export function listUiResources(store: Store, agentId: string): UiResource[] {
  const rows = store
    .stmt("SELECT name, content_hash, meta FROM agent_ui WHERE agent_id = ? ORDER BY name")
    .all(agentId) as UiRow[];
  return rows.map(toUiResource);
}

function loadUi(store: Store, agentId: string, name: string | undefined): UiRow {
  const row = store
    .stmt("SELECT name, content_hash, meta FROM agent_ui WHERE agent_id = ? AND name = ?")
    .get(agentId, name) as UiRow | undefined;
  if (!row) throw notFound("UI template");
  return row;
}

/** True when an `If-None-Match` header matches the ETag (list, weak and `*` forms). */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}

/**
 * `/v1/agents/{aid}/ui`: MCP Apps UI templates on the agent draft (§3.7). Upload is multipart
 * (`file` = HTML bytes, `metadata` = JSON `UiResourceIn`) and replaces by name; bytes are stored
 * content-addressed in `ui_blobs` so published snapshots keep theirs.
 */
export const agentUiArea: RouteArea = {
  name: "agent-ui",
  register(api) {
    api.route({
      method: "POST",
      path: "/v1/agents/{aid}/ui",
      operationId: "agents.ui.put",
      auth: "tenant",
      status: 200,
      async prepare({ req, store, params, tenantId }) {
        loadAgent(store, tenantId, params.aid);
        if (!req.isMultipart()) {
          throw apiError(
            "invalid_request",
            "Expected multipart/form-data with parts 'file' and 'metadata'",
            "file",
          );
        }
        let file: Buffer | undefined;
        let metadata: string | undefined;
        for await (const part of req.parts()) {
          if (part.type === "file") {
            if (part.fieldname !== "file")
              throw apiError("invalid_request", `Unexpected file part '${part.fieldname}'`, part.fieldname);
            file = await part.toBuffer();
          } else if (part.fieldname === "metadata") {
            metadata = String(part.value);
          }
        }
        if (file === undefined) throw apiError("invalid_request", "Missing multipart part 'file'", "file");
        if (metadata === undefined)
          throw apiError("invalid_request", "Missing multipart part 'metadata'", "metadata");
        let parsed: unknown;
        try {
          parsed = JSON.parse(metadata);
        } catch {
          throw apiError("invalid_request", "metadata must be a JSON object", "metadata");
        }
        const meta = validate(UiResourceIn, parsed, {
          codes: { name: "invalid_name" },
          paramPrefix: "metadata",
        });
        return { file, meta };
      },
      handler({ store, params, tenantId, prepared }) {
        const agent = loadAgent(store, tenantId, params.aid);
        const hash = createHash("sha256").update(prepared.file).digest("hex");
        const { name, ...meta } = prepared.meta;
        store.stmt("INSERT OR IGNORE INTO ui_blobs (hash, content) VALUES (?, ?)").run(hash, prepared.file);
        store
          .stmt(
            `INSERT INTO agent_ui (agent_id, name, content_hash, meta, updated_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT(agent_id, name) DO UPDATE SET content_hash = excluded.content_hash, meta = excluded.meta, updated_at = excluded.updated_at`,
          )
          .run(agent.id, name, hash, JSON.stringify(meta), store.now());
        touchAgent(store, agent.id);
        return toUiResource(loadUi(store, agent.id, name));
      },
    });

    api.route({
      method: "GET",
      path: "/v1/agents/{aid}/ui",
      operationId: "agents.ui.list",
      auth: "tenant",
      status: 200,
      handler: ({ store, params, tenantId }) => ({
        data: listUiResources(store, loadAgent(store, tenantId, params.aid).id),
      }),
    });

    api.route({
      method: "GET",
      path: "/v1/agents/{aid}/ui/{name}",
      operationId: "agents.ui.get",
      auth: "tenant",
      status: 200,
      handler: ({ store, params, tenantId }) =>
        toUiResource(loadUi(store, loadAgent(store, tenantId, params.aid).id, params.name)),
    });

    api.route({
      method: "GET",
      path: "/v1/agents/{aid}/ui/{name}/content",
      operationId: "agents.ui.content",
      auth: "tenant",
      status: 200,
      handler({ store, params, tenantId, req, reply }) {
        const ui = loadUi(store, loadAgent(store, tenantId, params.aid).id, params.name);
        const etag = `"${ui.content_hash}"`;
        reply.header("ETag", etag);
        if (etagMatches(req.headers["if-none-match"], etag)) {
          reply.code(304);
          return undefined;
        }
        const blob = store.stmt("SELECT content FROM ui_blobs WHERE hash = ?").get(ui.content_hash) as {
          content: Buffer;
        };
        reply.type("text/html; charset=utf-8");
        return blob.content;
      },
    });

    api.route({
      method: "DELETE",
      path: "/v1/agents/{aid}/ui/{name}",
      operationId: "agents.ui.delete",
      auth: "tenant",
      status: 204,
      handler({ store, params, tenantId }) {
        const agent = loadAgent(store, tenantId, params.aid);
        loadUi(store, agent.id, params.name);
        store.stmt("DELETE FROM agent_ui WHERE agent_id = ? AND name = ?").run(agent.id, params.name);
        touchAgent(store, agent.id);
      },
    });
  },
};
