import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RegisteredRoute } from "../src/core/routes";
import { type McpFixture, type Receiver, startMcpServer, startReceiver } from "./fixtures";
import { envelope, type Res, startServer, type TestServer } from "./helpers";
import { type CaseContext, ROUTE_CASES, routeKey, routesWithoutCases } from "./route-cases";
import { loadSpec, SPEC_PATH } from "./spec";

const spec = loadSpec();
const skip = spec === null ? `OpenAPI document not found at ${SPEC_PATH}` : false;
/** Bodies no JSON-bodied operation accepts (each operation's body is an object). */
const INVALID_BODIES: unknown[] = [[1, 2], "not an object", 42];

describe("conformance: every registered operation against the OpenAPI document", { skip }, () => {
  let s: TestServer;
  let mcp: McpFixture;
  let hook: Receiver;
  let ctx: CaseContext;
  let routes: RegisteredRoute[];

  before(async () => {
    mcp = await startMcpServer([
      { name: "lookup", description: "Look up" },
      { name: "delete_all", destructive: true },
    ]);
    hook = await startReceiver(200);
    s = await startServer({
      integrations: { webhooks: { backoffMs: 10, timeoutMs: 15_000 }, mcpDiscoveryTimeoutMs: 15_000 },
    });
    ctx = { s, mcpUrl: mcp.url, hookUrl: hook.url };
    routes = s.app.local.routes;
  });
  after(async () => {
    await s.close();
    await mcp.close();
    await hook.close();
  });

  const tokenFor = (route: RegisteredRoute) =>
    route.auth === "organization" ? s.creds.organization_key : undefined;
  const send = async (route: RegisteredRoute, body?: unknown): Promise<{ res: Res; path: string }> => {
    const req = await ROUTE_CASES[routeKey(route)]!.setup(ctx);
    const res = await s.call(route.method, req.path, {
      token: tokenFor(route),
      body: body === undefined ? req.body : body,
      raw: body === undefined ? req.raw?.raw : undefined,
      headers: body === undefined ? req.raw?.headers : undefined,
    });
    return { res, path: req.path };
  };

  it("the validator itself rejects wrong bodies (required fields, nullability, types)", () => {
    assert.equal(spec!.check("GET", "/v1/tenant/telegram", 200, { configured: true }), null);
    assert.notEqual(spec!.check("GET", "/v1/tenant/telegram", 200, {}), null);
    assert.notEqual(spec!.check("GET", "/v1/tenant/telegram", 200, { configured: null }), null);
    assert.notEqual(
      spec!.check("GET", "/v1/tenant/webhooks", 200, { data: [{ id: 1 }], has_more: false }),
      null,
    );
    const hook = { id: "wh_1", url: "http://x", events: [], active: true, created_at: null };
    assert.equal(
      spec!.check("GET", "/v1/tenant/webhooks", 200, { data: [hook], has_more: false, next_cursor: null }),
      null,
    );
  });

  it("every registered route has a request case", () => {
    assert.deepEqual(routesWithoutCases(routes), []);
  });

  it("every /v1 and well-known route is an operation of the spec with the same operationId", () => {
    for (const route of routes) {
      if (route.operationId.startsWith("local.")) continue;
      const op = spec!.operation(route.method, route.path);
      assert.ok(op, `${routeKey(route)} is not in the spec`);
      assert.equal(op.operationId, route.operationId, routeKey(route));
      assert.ok(
        String(route.status) in op.responses,
        `${routeKey(route)}: success status ${route.status} not in the spec`,
      );
    }
  });

  it("each operation answers a status the spec lists, with a body matching its schema", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const { res, path } = await send(route);
      const where = `${routeKey(route)} (${path}) → ${res.status}`;
      if (res.status !== route.status)
        failures.push(`${where}: expected ${route.status}: ${res.text.slice(0, 200)}`);
      if (route.operationId.startsWith("local.")) continue;
      const listed = Object.keys(spec!.operation(route.method, route.path)!.responses);
      if (!listed.includes(String(res.status)))
        failures.push(`${where}: status not among ${listed.join(",")}`);
      const isJson = String(res.headers["content-type"] ?? "").startsWith("application/json");
      if (res.status === 204) {
        if (res.text !== "") failures.push(`${where}: 204 with a body`);
      } else if (isJson) {
        const problem = spec!.check(route.method, route.path, res.status, res.body);
        if (problem) failures.push(`${where}: ${problem}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it("invalid bodies on write operations answer 4xx with the error envelope (never 5xx)", async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.method !== "GET")) {
      const takesJson = ROUTE_CASES[routeKey(route)]!.jsonBody === true;
      for (const body of INVALID_BODIES) {
        const { res } = await send(route, body);
        const where = `${routeKey(route)} with ${JSON.stringify(body)} → ${res.status}`;
        if (res.status >= 500) failures.push(`${where}: server error`);
        if (takesJson && (res.status < 400 || res.status >= 500)) failures.push(`${where}: expected 4xx`);
        if (res.status >= 400) {
          try {
            envelope(res);
          } catch (err) {
            failures.push(`${where}: ${(err as Error).message}`);
          }
          const op = route.operationId.startsWith("local.")
            ? undefined
            : spec!.operation(route.method, route.path);
          const problem = op && spec!.check(route.method, route.path, res.status, res.body);
          if (problem) failures.push(`${where}: ${problem}`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  it("operations with a request body in the spec are the ones marked jsonBody (multipart aside)", () => {
    for (const route of routes) {
      if (route.operationId.startsWith("local.")) continue;
      const content = spec!.operation(route.method, route.path)!.requestBody?.content ?? {};
      assert.equal(
        ROUTE_CASES[routeKey(route)]!.jsonBody === true,
        "application/json" in content,
        `${routeKey(route)}: jsonBody flag disagrees with the spec`,
      );
    }
  });
});
