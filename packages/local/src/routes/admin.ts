import { generateId } from "@ingram-tech/ingram-cloud-contract";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { apiError, notFound, validate } from "../core/errors";
import { checkFaults, checkLatency } from "../core/faults";
import type { RouteArea } from "../core/routes";
import type { Store } from "../core/store";
import { resolveAgentVersion } from "./agent-rollout";
import type { AgentRow } from "./agents";

// Bodies of the local-only admin API (not part of the Ingram Cloud contract).
const FaultsBody = z
  .object({
    "429": z.number().optional(),
    "503": z.number().optional(),
    reset: z.number().optional(),
    drop: z.number().optional(),
  })
  .strict();
const LatencyBody = z.object({ min_ms: z.number().int(), max_ms: z.number().int() }).nullable();
const SmithBody = z.object({
  tenant_id: z.string().optional(),
  agent_id: z.string().nullable().optional(),
  pin: z.number().int().positive().nullable().optional(),
});

interface SmithRow {
  id: string;
  tenant_id: string;
  agent_id: string | null;
  pin: number | null;
  created_at: string;
}

function smithOut(store: Store, smith: SmithRow) {
  const agent = smith.agent_id
    ? (store.stmt("SELECT * FROM agents WHERE id = ?").get(smith.agent_id) as AgentRow | undefined)
    : undefined;
  return { ...smith, agent_version: agent ? resolveAgentVersion(agent, smith.id, smith.pin) : null };
}

function wrapConfigError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw apiError("invalid_request", (err as Error).message);
  }
}

/**
 * `/_admin`: test and benchmark hooks, outside `/v1` and without auth (mounted only when the
 * `admin` option is on; the CLI turns it on for loopback hosts). Request counters per
 * method + route template, runtime faults and latency, the route registry, and minimal smiths so
 * `agent_in_use`, `smith_count` and rollout stickiness can be exercised before a smiths area exists.
 */
export const adminArea: RouteArea = {
  name: "admin",
  register(api) {
    const runtime = () => (api.app as FastifyInstance).local.runtime;
    const local = { auth: "public", idempotent: false } as const;

    api.route({
      ...local,
      method: "GET",
      path: "/_admin/counters",
      operationId: "local.admin.counters",
      status: 200,
      handler: () => ({ counters: Object.fromEntries(runtime().counters) }),
    });
    api.route({
      ...local,
      method: "POST",
      path: "/_admin/counters/reset",
      operationId: "local.admin.counters.reset",
      status: 204,
      handler: () => {
        runtime().counters.clear();
      },
    });
    api.route({
      ...local,
      method: "GET",
      path: "/_admin/faults",
      operationId: "local.admin.faults.get",
      status: 200,
      handler: () => ({ faults: runtime().faults, latency: latencyOut(runtime().latency) }),
    });
    api.route({
      ...local,
      method: "PUT",
      path: "/_admin/faults",
      operationId: "local.admin.faults.put",
      status: 200,
      body: FaultsBody,
      handler({ body }) {
        runtime().faults = wrapConfigError(() => checkFaults(body));
        return { faults: runtime().faults, latency: latencyOut(runtime().latency) };
      },
    });
    api.route({
      ...local,
      method: "PUT",
      path: "/_admin/latency",
      operationId: "local.admin.latency.put",
      status: 200,
      handler({ req }) {
        const body = validate(LatencyBody, req.body ?? null);
        runtime().latency =
          body && wrapConfigError(() => checkLatency({ minMs: body.min_ms, maxMs: body.max_ms }));
        return { faults: runtime().faults, latency: latencyOut(runtime().latency) };
      },
    });
    api.route({
      ...local,
      method: "GET",
      path: "/_admin/routes",
      operationId: "local.admin.routes",
      status: 200,
      handler: () => ({ data: (api.app as FastifyInstance).local.routes }),
    });
    api.route({
      ...local,
      method: "POST",
      path: "/_admin/smiths",
      operationId: "local.admin.smiths.create",
      status: 201,
      body: SmithBody,
      handler({ store, body }) {
        let tenantId = body.tenant_id;
        if (body.agent_id != null) {
          const agent = store
            .stmt("SELECT tenant_id FROM agents WHERE id = ? AND archived_at IS NULL")
            .get(body.agent_id) as { tenant_id: string } | undefined;
          if (!agent) throw notFound("agent");
          tenantId = agent.tenant_id;
        }
        if (tenantId === undefined)
          throw apiError("invalid_request", "tenant_id or agent_id is required", "tenant_id");
        const id = generateId("smith");
        store
          .stmt("INSERT INTO smiths (id, tenant_id, agent_id, pin, created_at) VALUES (?, ?, ?, ?, ?)")
          .run(id, tenantId, body.agent_id ?? null, body.pin ?? null, store.now());
        return smithOut(
          store,
          store
            .stmt("SELECT id, tenant_id, agent_id, pin, created_at FROM smiths WHERE id = ?")
            .get(id) as SmithRow,
        );
      },
    });
    api.route({
      ...local,
      method: "GET",
      path: "/_admin/smiths/{sid}",
      operationId: "local.admin.smiths.get",
      status: 200,
      handler({ store, params }) {
        const row = store
          .stmt("SELECT id, tenant_id, agent_id, pin, created_at FROM smiths WHERE id = ?")
          .get(params.sid) as SmithRow | undefined;
        if (!row) throw notFound("smith");
        return smithOut(store, row);
      },
    });
    api.route({
      ...local,
      method: "DELETE",
      path: "/_admin/smiths/{sid}",
      operationId: "local.admin.smiths.delete",
      status: 204,
      handler({ store, params }) {
        if (store.stmt("DELETE FROM smiths WHERE id = ?").run(params.sid).changes === 0)
          throw notFound("smith");
      },
    });
  },
};

function latencyOut(latency: { minMs: number; maxMs: number } | null) {
  return latency && { min_ms: latency.minMs, max_ms: latency.maxMs };
}
