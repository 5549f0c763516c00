import type { RegisteredRoute } from "../src/core/routes";
import { multipart, type TestServer } from "./helpers";

/** A concrete request for one operation. */
export interface CaseRequest {
  path: string;
  body?: unknown;
  raw?: { raw: Buffer; headers: Record<string, string> };
}

/** What a case's setup can use: the server plus local MCP and webhook endpoints (all on 127.0.0.1). */
export interface CaseContext {
  s: TestServer;
  /** A live MCP server (Streamable HTTP) that answers `tools/list`. */
  mcpUrl: string;
  /** A webhook receiver answering 200. */
  hookUrl: string;
}

/** One request case per registered operation (the conformance and isolation tests share them). */
export interface RouteCase {
  /** Builds a fresh target in the bootstrap tenant (or organization) and returns the request. */
  setup(ctx: CaseContext): Promise<CaseRequest>;
  /**
   * What another tenant's admin token gets on a tenant route: `404` when the request names something of
   * the first tenant, `"ok"` when it acts on the caller's own collection or singleton.
   */
  otherTenant: 404 | "ok";
  /** Whether the operation takes a JSON request body (invalid-body checks). */
  jsonBody?: boolean;
}

const org = (s: TestServer) => ({ token: s.creds.organization_key });

async function newAgent(s: TestServer, publish = false): Promise<string> {
  const a = await s.call("POST", "/v1/agents", { body: { name: "case agent" } });
  if (publish) await s.call("POST", `/v1/agents/${a.body.id}/versions`, { body: {} });
  return a.body.id;
}
async function agentWithUi(s: TestServer): Promise<string> {
  const id = await newAgent(s);
  const mp = multipart("<p>hi</p>", { name: "card" });
  await s.call("POST", `/v1/agents/${id}/ui`, { raw: mp.raw, headers: mp.headers });
  return id;
}
let serial = 0;
async function newMcp({ s, mcpUrl }: CaseContext): Promise<string> {
  const name = `case-${++serial}`;
  await s.call("PUT", `/v1/tenant/mcp/${name}`, { body: { url: mcpUrl, auth: { kind: "none" } } });
  return name;
}
async function newWebhook({ s, hookUrl }: CaseContext): Promise<string> {
  return (await s.call("POST", "/v1/tenant/webhooks", { body: { url: hookUrl } })).body.id;
}
async function deliveryOf(ctx: CaseContext): Promise<{ wid: string; did: string }> {
  const wid = await newWebhook(ctx);
  await ctx.s.call("POST", `/v1/tenant/webhooks/${wid}/test`);
  const list = await ctx.s.call("GET", `/v1/tenant/webhooks/${wid}/deliveries`);
  return { wid, did: list.body.data[0].id };
}
async function newDeployment(s: TestServer): Promise<string> {
  const target = { type: "agent", id: await newAgent(s, true) };
  return (await s.call("POST", "/v1/deployments", { body: { kind: "web", target } })).body.id;
}
async function newSmith(s: TestServer): Promise<string> {
  return (await s.call("POST", "/_admin/smiths", { body: { tenant_id: s.creds.project_id } })).body.id;
}
async function newProject(s: TestServer): Promise<string> {
  return (
    await s.call("POST", "/v1/organization/projects", { ...org(s), body: { name: `case-${++serial}` } })
  ).body.id;
}

const path = (p: string) => async () => ({ path: p });

/** Cases by `METHOD /path/{template}`. */
export const ROUTE_CASES: Record<string, RouteCase> = {
  // ── public / well-known ─────────────────────────────────────────────
  "GET /health": { otherTenant: "ok", setup: path("/health") },
  "GET /ready": { otherTenant: "ok", setup: path("/ready") },
  "GET /.well-known/jwks.json": { otherTenant: "ok", setup: path("/.well-known/jwks.json") },
  "GET /v1/hosted/{depId}": {
    otherTenant: "ok",
    setup: async ({ s }) => ({ path: `/v1/hosted/${await newDeployment(s)}` }),
  },

  // ── tokens ──────────────────────────────────────────────────────────
  "POST /v1/tenant/tokens": {
    otherTenant: "ok",
    jsonBody: true,
    setup: async () => ({ path: "/v1/tenant/tokens", body: { scope: "admin", name: "case" } }),
  },
  "GET /v1/tenant/tokens": { otherTenant: "ok", setup: path("/v1/tenant/tokens") },
  "DELETE /v1/tenant/tokens/{tid}": {
    otherTenant: 404,
    setup: async ({ s }) => {
      const t = await s.call("POST", "/v1/tenant/tokens", { body: { scope: "admin" } });
      return { path: `/v1/tenant/tokens/${t.body.id}` };
    },
  },

  // ── organization ────────────────────────────────────────────────────
  "POST /v1/organization/projects": {
    otherTenant: "ok",
    jsonBody: true,
    setup: async () => ({ path: "/v1/organization/projects", body: { name: `case-${++serial}` } }),
  },
  "GET /v1/organization/projects": { otherTenant: "ok", setup: path("/v1/organization/projects") },
  "GET /v1/organization/projects/{pid}": {
    otherTenant: "ok",
    setup: async ({ s }) => ({ path: `/v1/organization/projects/${await newProject(s)}` }),
  },
  "DELETE /v1/organization/projects/{pid}": {
    otherTenant: "ok",
    setup: async ({ s }) => ({ path: `/v1/organization/projects/${await newProject(s)}` }),
  },
  "POST /v1/organization/projects/{pid}/tokens": {
    otherTenant: "ok",
    jsonBody: true,
    setup: async ({ s }) => ({ path: `/v1/organization/projects/${await newProject(s)}/tokens`, body: {} }),
  },
  "DELETE /v1/organization/projects/{pid}/tokens/{tid}": {
    otherTenant: "ok",
    setup: async ({ s }) => {
      const pid = await newProject(s);
      const t = await s.call("POST", `/v1/organization/projects/${pid}/tokens`, { ...org(s), body: {} });
      return { path: `/v1/organization/projects/${pid}/tokens/${t.body.id}` };
    },
  },

  // ── agents ──────────────────────────────────────────────────────────
  "POST /v1/agents": {
    otherTenant: "ok",
    jsonBody: true,
    setup: async () => ({ path: "/v1/agents", body: { name: `case ${++serial}` } }),
  },
  "GET /v1/agents": { otherTenant: "ok", setup: path("/v1/agents") },
  "GET /v1/agents/{aid}": {
    otherTenant: 404,
    setup: async ({ s }) => ({ path: `/v1/agents/${await newAgent(s)}` }),
  },
  "PATCH /v1/agents/{aid}": {
    otherTenant: 404,
    jsonBody: true,
    setup: async ({ s }) => ({ path: `/v1/agents/${await newAgent(s)}`, body: { instructions: "be brief" } }),
  },
  "DELETE /v1/agents/{aid}": {
    otherTenant: 404,
    setup: async ({ s }) => ({ path: `/v1/agents/${await newAgent(s)}` }),
  },
  "POST /v1/agents/{aid}/versions": {
    otherTenant: 404,
    jsonBody: true,
    setup: async ({ s }) => ({ path: `/v1/agents/${await newAgent(s)}/versions`, body: { note: "v" } }),
  },
  "GET /v1/agents/{aid}/versions": {
    otherTenant: 404,
    setup: async ({ s }) => ({ path: `/v1/agents/${await newAgent(s, true)}/versions` }),
  },
  "POST /v1/agents/{aid}/rollout": {
    otherTenant: 404,
    jsonBody: true,
    setup: async ({ s }) => ({ path: `/v1/agents/${await newAgent(s, true)}/rollout`, body: { version: 1 } }),
  },
  "POST /v1/agents/{aid}/ui": {
    otherTenant: 404,
    setup: async ({ s }) => ({
      path: `/v1/agents/${await newAgent(s)}/ui`,
      raw: multipart("<b>x</b>", { name: "card" }),
    }),
  },
  "GET /v1/agents/{aid}/ui": {
    otherTenant: 404,
    setup: async ({ s }) => ({ path: `/v1/agents/${await agentWithUi(s)}/ui` }),
  },
  "GET /v1/agents/{aid}/ui/{name}": {
    otherTenant: 404,
    setup: async ({ s }) => ({ path: `/v1/agents/${await agentWithUi(s)}/ui/card` }),
  },
  "GET /v1/agents/{aid}/ui/{name}/content": {
    otherTenant: 404,
    setup: async ({ s }) => ({ path: `/v1/agents/${await agentWithUi(s)}/ui/card/content` }),
  },
  "DELETE /v1/agents/{aid}/ui/{name}": {
    otherTenant: 404,
    setup: async ({ s }) => ({ path: `/v1/agents/${await agentWithUi(s)}/ui/card` }),
  },

  // ── MCP servers and catalog ─────────────────────────────────────────
  "GET /v1/catalog": { otherTenant: "ok", setup: path("/v1/catalog") },
  "GET /v1/catalog/{slug}": { otherTenant: "ok", setup: path("/v1/catalog/stripe") },
  "PUT /v1/tenant/mcp/{name}": {
    otherTenant: "ok",
    jsonBody: true,
    setup: async ({ mcpUrl }) => ({
      path: `/v1/tenant/mcp/case-put-${++serial}`,
      body: {
        url: mcpUrl,
        auth: { kind: "none" },
        approval_policy: [{ match: "delete_*", require: "approval" }],
      },
    }),
  },
  "GET /v1/tenant/mcp": { otherTenant: "ok", setup: path("/v1/tenant/mcp") },
  "GET /v1/tenant/mcp/{name}": {
    otherTenant: 404,
    setup: async (c) => ({ path: `/v1/tenant/mcp/${await newMcp(c)}` }),
  },
  "DELETE /v1/tenant/mcp/{name}": {
    otherTenant: 404,
    setup: async (c) => ({ path: `/v1/tenant/mcp/${await newMcp(c)}` }),
  },
  "POST /v1/tenant/mcp/{name}/refresh": {
    otherTenant: 404,
    setup: async (c) => ({ path: `/v1/tenant/mcp/${await newMcp(c)}/refresh` }),
  },

  // ── Telegram ────────────────────────────────────────────────────────
  "PUT /v1/tenant/telegram": {
    otherTenant: "ok",
    jsonBody: true,
    setup: async () => ({ path: "/v1/tenant/telegram", body: { bot_token: "4242:case-token-secret" } }),
  },
  "GET /v1/tenant/telegram": { otherTenant: "ok", setup: path("/v1/tenant/telegram") },
  "DELETE /v1/tenant/telegram": {
    otherTenant: 404,
    setup: async ({ s }) => {
      await s.call("PUT", "/v1/tenant/telegram", { body: { bot_token: "4242:case-token-secret" } });
      return { path: "/v1/tenant/telegram" };
    },
  },

  // ── model keys and catalogs ─────────────────────────────────────────
  "GET /v1/tenant/model_keys": { otherTenant: "ok", setup: path("/v1/tenant/model_keys") },
  "PUT /v1/tenant/model_keys/{provider}": {
    otherTenant: "ok",
    jsonBody: true,
    setup: async () => ({ path: "/v1/tenant/model_keys/openai", body: { api_key: "sk-case-key" } }),
  },
  "DELETE /v1/tenant/model_keys/{provider}": {
    otherTenant: 404,
    setup: async ({ s }) => {
      await s.call("PUT", "/v1/tenant/model_keys/anthropic", { body: { api_key: "sk-case-key" } });
      return { path: "/v1/tenant/model_keys/anthropic" };
    },
  },
  "GET /v1/tenant/models": { otherTenant: "ok", setup: path("/v1/tenant/models") },
  "GET /v1/tenant/hosted_tools": { otherTenant: "ok", setup: path("/v1/tenant/hosted_tools") },

  // ── webhooks ────────────────────────────────────────────────────────
  "POST /v1/tenant/webhooks": {
    otherTenant: "ok",
    jsonBody: true,
    setup: async ({ hookUrl }) => ({ path: "/v1/tenant/webhooks", body: { url: hookUrl, events: ["run"] } }),
  },
  "GET /v1/tenant/webhooks": { otherTenant: "ok", setup: path("/v1/tenant/webhooks") },
  "PATCH /v1/tenant/webhooks/{wid}": {
    otherTenant: 404,
    jsonBody: true,
    setup: async (c) => ({
      path: `/v1/tenant/webhooks/${await newWebhook(c)}`,
      body: { events: ["approval"] },
    }),
  },
  "DELETE /v1/tenant/webhooks/{wid}": {
    otherTenant: 404,
    setup: async (c) => ({ path: `/v1/tenant/webhooks/${await newWebhook(c)}` }),
  },
  "POST /v1/tenant/webhooks/{wid}/rotate_secret": {
    otherTenant: 404,
    jsonBody: true,
    setup: async (c) => ({
      path: `/v1/tenant/webhooks/${await newWebhook(c)}/rotate_secret`,
      body: { grace_seconds: 60 },
    }),
  },
  "POST /v1/tenant/webhooks/{wid}/test": {
    otherTenant: 404,
    setup: async (c) => ({ path: `/v1/tenant/webhooks/${await newWebhook(c)}/test` }),
  },
  "GET /v1/tenant/webhooks/{wid}/deliveries": {
    otherTenant: 404,
    setup: async (c) => ({ path: `/v1/tenant/webhooks/${(await deliveryOf(c)).wid}/deliveries` }),
  },
  "POST /v1/tenant/webhooks/{wid}/deliveries/{did}/redeliver": {
    otherTenant: 404,
    setup: async (c) => {
      const { wid, did } = await deliveryOf(c);
      return { path: `/v1/tenant/webhooks/${wid}/deliveries/${did}/redeliver` };
    },
  },

  // ── deployments ─────────────────────────────────────────────────────
  "POST /v1/deployments": {
    otherTenant: 404, // the target agent belongs to the first tenant
    jsonBody: true,
    setup: async ({ s }) => ({
      path: "/v1/deployments",
      body: {
        kind: "web",
        target: { type: "agent", id: await newAgent(s, true) },
        secrets: { password: "pw" },
      },
    }),
  },
  "GET /v1/deployments": { otherTenant: "ok", setup: path("/v1/deployments") },
  "GET /v1/deployments/{depId}": {
    otherTenant: 404,
    setup: async ({ s }) => ({ path: `/v1/deployments/${await newDeployment(s)}` }),
  },
  "PATCH /v1/deployments/{depId}": {
    otherTenant: 404,
    jsonBody: true,
    setup: async ({ s }) => ({
      path: `/v1/deployments/${await newDeployment(s)}`,
      body: { display_name: "Case" },
    }),
  },
  "DELETE /v1/deployments/{depId}": {
    otherTenant: 404,
    setup: async ({ s }) => ({ path: `/v1/deployments/${await newDeployment(s)}` }),
  },

  // ── /_admin (local only, public) ────────────────────────────────────
  "GET /_admin/counters": { otherTenant: "ok", setup: path("/_admin/counters") },
  "POST /_admin/counters/reset": { otherTenant: "ok", setup: path("/_admin/counters/reset") },
  "GET /_admin/faults": { otherTenant: "ok", setup: path("/_admin/faults") },
  "PUT /_admin/faults": {
    otherTenant: "ok",
    jsonBody: true,
    setup: async () => ({ path: "/_admin/faults", body: {} }),
  },
  "PUT /_admin/latency": {
    otherTenant: "ok",
    jsonBody: true,
    setup: async () => ({ path: "/_admin/latency", body: null }),
  },
  "GET /_admin/routes": { otherTenant: "ok", setup: path("/_admin/routes") },
  "POST /_admin/smiths": {
    otherTenant: "ok",
    jsonBody: true,
    setup: async ({ s }) => ({ path: "/_admin/smiths", body: { tenant_id: s.creds.project_id } }),
  },
  "GET /_admin/smiths/{sid}": {
    otherTenant: "ok",
    setup: async ({ s }) => ({ path: `/_admin/smiths/${await newSmith(s)}` }),
  },
  "DELETE /_admin/smiths/{sid}": {
    otherTenant: "ok",
    setup: async ({ s }) => ({ path: `/_admin/smiths/${await newSmith(s)}` }),
  },
};

/** The registry key of a route. */
export const routeKey = (r: Pick<RegisteredRoute, "method" | "path">) => `${r.method} ${r.path}`;

/** Registered routes without a case (a new route must come with one). */
export function routesWithoutCases(routes: readonly RegisteredRoute[]): string[] {
  return routes.map(routeKey).filter((k) => !(k in ROUTE_CASES));
}
