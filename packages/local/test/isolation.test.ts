import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { AuthPolicy, RegisteredRoute } from "../src/core/routes";
import { type McpFixture, type Receiver, startMcpServer, startReceiver } from "./fixtures";
import { envelope, type Res, startServer, type TestServer } from "./helpers";
import { type CaseContext, ROUTE_CASES, type RouteCase, routeKey, routesWithoutCases } from "./route-cases";

/** The callers of the matrix. */
const PRINCIPALS = ["none", "garbage", "revoked", "otherTenant", "smith", "orgKey", "tenant"] as const;
type PrincipalName = (typeof PRINCIPALS)[number];
/** The matrix smith token's permissions. */
const SMITH_PERMISSIONS = ["runs:read"];

/**
 * The rules of ARCHITECTURE.md: no/garbage/revoked token → 401; organization routes take only the
 * organization key (403 otherwise); tenant routes refuse organization keys and smith tokens (403);
 * smith-permission routes admit a smith token holding the permission; another tenant's token never
 * reaches the first tenant's objects (404); public routes ignore the token.
 */
function expected(auth: AuthPolicy, rc: RouteCase, who: PrincipalName, ok: number): number {
  if (auth === "public") return ok;
  if (who === "none" || who === "garbage" || who === "revoked") return 401;
  if (auth === "organization") return who === "orgKey" ? ok : 403;
  if (who === "orgKey") return 403;
  if (who === "smith")
    return typeof auth === "object" && SMITH_PERMISSIONS.includes(auth.smithPermission) ? ok : 403;
  if (who === "otherTenant") return rc.otherTenant === 404 ? 404 : ok;
  return ok;
}

const STACK_TRACE = /\bat .+\.(ts|js):\d+|node_modules|Error: .*\n\s+at /;

describe("security matrix: every route × every kind of caller", () => {
  let s: TestServer;
  let mcp: McpFixture;
  let hook: Receiver;
  let ctx: CaseContext;
  const tokens: Record<PrincipalName, string | null> = {
    none: null,
    garbage: "tha_live_eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
    revoked: null,
    otherTenant: null,
    smith: null,
    orgKey: null,
    tenant: null,
  };
  const seen: Res[] = [];

  before(async () => {
    mcp = await startMcpServer([{ name: "lookup" }]);
    hook = await startReceiver(200);
    s = await startServer({
      integrations: { webhooks: { backoffMs: 10, timeoutMs: 15_000 }, mcpDiscoveryTimeoutMs: 15_000 },
    });
    ctx = { s, mcpUrl: mcp.url, hookUrl: hook.url };
    const revoked = await s.call("POST", "/v1/tenant/tokens", { body: { scope: "admin" } });
    await s.call("DELETE", `/v1/tenant/tokens/${revoked.body.id}`);
    tokens.revoked = revoked.body.token;
    tokens.otherTenant = (await s.newTenant("isolation-other")).token;
    tokens.smith = await s.smithToken(SMITH_PERMISSIONS);
    tokens.orgKey = s.creds.organization_key;
    tokens.tenant = s.creds.tenant_token;
  });
  after(async () => {
    await s.close();
    await mcp.close();
    await hook.close();
  });

  /** The token that owns a route's targets (and gets the success status). */
  const ownerOf = (route: RegisteredRoute): PrincipalName =>
    route.auth === "organization" ? "orgKey" : "tenant";

  it("every registered route has a case", () => {
    assert.deepEqual(routesWithoutCases(s.app.local.routes), []);
  });

  it("answers the expected status for each route × caller, with the error envelope on denials", async () => {
    const failures: string[] = [];
    for (const route of s.app.local.routes) {
      const rc = ROUTE_CASES[routeKey(route)]!;
      // Denials first on one shared target, the owner last: it proves the denied calls changed nothing.
      const order = [...PRINCIPALS.filter((p) => p !== ownerOf(route)), ownerOf(route)];
      let req = await rc.setup(ctx);
      // A fresh other tenant per route: its own earlier successes (a PUT singleton) cannot leak into a row.
      tokens.otherTenant = (await s.newTenant()).token;
      for (const who of order) {
        // Public routes ignore the token, so each call of a mutating one needs its own target.
        if (route.auth === "public" && who !== order[0]) req = await rc.setup(ctx);
        const res = await s.call(route.method, req.path, {
          token: tokens[who],
          body: req.body,
          raw: req.raw?.raw,
          headers: req.raw?.headers,
        });
        seen.push(res);
        const want = expected(route.auth, rc, who, route.status);
        const where = `${routeKey(route)} as ${who}`;
        if (res.status !== want)
          failures.push(`${where}: ${res.status}, expected ${want}: ${res.text.slice(0, 160)}`);
        if (res.status >= 400) {
          try {
            envelope(res);
          } catch (err) {
            failures.push(`${where}: ${(err as Error).message}`);
          }
        }
        // Another tenant's successful calls must not reveal the first tenant's objects.
        if (who === "otherTenant" && res.status < 300 && route.auth !== "public") {
          for (const id of req.path.split("/").filter((seg) => /^[a-z]+_[0-9a-f]{8,}$/.test(seg))) {
            if (res.text.includes(id)) failures.push(`${where}: response mentions ${id}`);
          }
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  it("another tenant's lists never include the first tenant's objects", async () => {
    const lists = s.app.local.routes.filter(
      (r) => r.method === "GET" && r.auth !== "public" && !r.path.includes("{"),
    );
    for (const route of lists.filter((r) => r.auth !== "organization")) {
      const mine = await s.call("GET", route.path);
      const theirs = await s.call("GET", route.path, { token: tokens.otherTenant });
      const ids = new Set<string>(
        (Array.isArray(mine.body?.data) ? mine.body.data : [])
          .map((x: { id?: string }) => x.id)
          .filter(Boolean),
      );
      for (const item of Array.isArray(theirs.body?.data) ? theirs.body.data : []) {
        if (
          route.path === "/v1/catalog" ||
          route.path === "/v1/tenant/hosted_tools" ||
          route.path === "/v1/tenant/models"
        )
          continue;
        assert.ok(!ids.has(item.id), `${route.path}: other tenant sees ${item.id}`);
      }
    }
  });

  it("limits body size (413 with the envelope) and reads no body for anonymous callers", async () => {
    const big = { url: hook.url, events: ["x".repeat(1024 * 1024 + 10)] };
    const tooBig = await s.call("POST", "/v1/tenant/webhooks", { body: big });
    assert.equal(tooBig.status, 413);
    assert.equal(envelope(tooBig).code, "payload_too_large");
    const anonymous = await s.call("POST", "/v1/tenant/webhooks", { body: big, token: null });
    assert.equal(anonymous.status, 401);
    seen.push(tooBig, anonymous);
  });

  it("never leaks a stack trace or a secret in any response", async () => {
    const junk = await s.call("POST", "/v1/tenant/webhooks", {
      raw: "{not json",
      headers: { "content-type": "application/json" },
    });
    seen.push(
      junk,
      await s.call("GET", "/v1/nope"),
      await s.call("PATCH", "/v1/tenant/telegram", { body: {} }),
    );
    assert.ok(seen.length > PRINCIPALS.length * s.app.local.routes.length);
    for (const res of seen) {
      assert.doesNotMatch(res.text, STACK_TRACE);
      assert.ok(
        !res.text.includes("sk-case-key") && !res.text.includes("case-token-secret"),
        "write-only secret echoed",
      );
    }
  });
});
