import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type McpFixture, startMcpServer } from "./fixtures";
import { envelope, startServer, type TestServer } from "./helpers";

const TOOLS = [
  { name: "list_customers", description: "List customers" },
  { name: "delete_customer", description: "Delete a customer", destructive: true },
  { name: "create_refund" },
];

describe("tenant MCP servers", () => {
  let s: TestServer;
  let mcp: McpFixture;
  let secured: McpFixture;

  before(async () => {
    mcp = await startMcpServer(TOOLS);
    secured = await startMcpServer([{ name: "whoami" }], "sekret-bearer-value");
    s = await startServer({
      integrations: { catalogUrls: { stripe: mcp.url }, mcpDiscoveryTimeoutMs: 15_000 },
    });
  });
  after(async () => {
    await s.close();
    await mcp.close();
    await secured.close();
  });

  it("PUT probes tools/list and applies the allow-list and approval policy", async () => {
    const r = await s.call("PUT", "/v1/tenant/mcp/crm", {
      body: {
        url: mcp.url,
        auth: { kind: "none" },
        tool_allowlist: ["list_customers", "create_refund"],
        approval_policy: [{ match: "create_*", require: "approval" }],
      },
    });
    assert.equal(r.status, 200, r.text);
    assert.match(r.body.id, /^mcp_/);
    assert.equal(r.body.status, "active");
    assert.equal(r.body.discovery_error, null);
    assert.equal(r.body.tools_discovered, 3);
    assert.equal(r.body.origin, "tenant_registered");
    assert.ok(r.body.tools_refreshed_at);
    const byName = Object.fromEntries(r.body.tools.map((t: { name: string }) => [t.name, t]));
    assert.deepEqual(byName.list_customers, {
      name: "list_customers",
      description: "List customers",
      requires_approval: false,
      enabled: true,
    });
    assert.deepEqual(byName.delete_customer, {
      name: "delete_customer",
      description: "Delete a customer",
      requires_approval: true,
      enabled: false,
    });
    assert.deepEqual(byName.create_refund, {
      name: "create_refund",
      description: null,
      requires_approval: true,
      enabled: true,
    });
    assert.equal(mcp.authorizations.at(-1), undefined, "auth kind none sends no Authorization");

    const got = await s.call("GET", "/v1/tenant/mcp/crm");
    assert.deepEqual(got.body, r.body);
  });

  it("null allow-list enables every tool; PUT again is a full replace keeping id and created_at", async () => {
    const first = await s.call("PUT", "/v1/tenant/mcp/replace-me", {
      body: { url: mcp.url, auth: { kind: "none" }, tool_allowlist: ["x"] },
    });
    const second = await s.call("PUT", "/v1/tenant/mcp/replace-me", {
      body: { url: mcp.url, auth: { kind: "none" } },
    });
    assert.equal(second.body.id, first.body.id);
    assert.equal(second.body.created_at, first.body.created_at);
    assert.equal(second.body.tool_allowlist, null);
    assert.deepEqual(second.body.approval_policy, []);
    assert.ok(second.body.tools.every((t: { enabled: boolean }) => t.enabled));
  });

  it("bearer auth sends the secret, stores it and never returns it", async () => {
    const r = await s.call("PUT", "/v1/tenant/mcp/secured", {
      body: { url: secured.url, auth: { kind: "bearer", secret: "sekret-bearer-value" } },
    });
    assert.equal(r.status, 200);
    assert.equal(r.body.status, "active");
    assert.deepEqual(r.body.auth, { kind: "bearer", provider: null });
    assert.equal(secured.authorizations.at(-1), "Bearer sekret-bearer-value");
    for (const res of [
      r,
      await s.call("GET", "/v1/tenant/mcp/secured"),
      await s.call("GET", "/v1/tenant/mcp"),
    ]) {
      assert.ok(!res.text.includes("sekret-bearer-value"));
    }
  });

  it("a failed probe answers 200 with discovery_error and status degraded; the secret is never echoed", async () => {
    const r = await s.call("PUT", "/v1/tenant/mcp/wrong-secret", {
      body: { url: secured.url, auth: { kind: "bearer", secret: "not-the-right-one" } },
    });
    assert.equal(r.status, 200);
    assert.equal(r.body.status, "degraded");
    assert.match(r.body.discovery_error, /MCP discovery failed/);
    assert.equal(r.body.tools_discovered, 0);
    assert.ok(!r.text.includes("not-the-right-one"));

    const closed = await s.call("PUT", "/v1/tenant/mcp/nowhere", {
      body: { url: "http://127.0.0.1:9/mcp", auth: { kind: "none" } },
    });
    assert.equal(closed.status, 200);
    assert.equal(closed.body.status, "degraded");
  });

  it("refresh re-discovers; a failing refresh answers 502 discovery_failed, keeps the tools and records degraded", async () => {
    await s.call("PUT", "/v1/tenant/mcp/refreshable", { body: { url: mcp.url, auth: { kind: "none" } } });
    mcp.setTools([...TOOLS, { name: "new_tool" }]);
    const ok = await s.call("POST", "/v1/tenant/mcp/refreshable/refresh");
    assert.equal(ok.status, 200);
    assert.equal(ok.body.tools_discovered, 4);

    mcp.requireBearer = "now-locked";
    const failed = await s.call("POST", "/v1/tenant/mcp/refreshable/refresh");
    mcp.requireBearer = null;
    assert.equal(failed.status, 502);
    assert.equal(envelope(failed).code, "discovery_failed");
    const after = await s.call("GET", "/v1/tenant/mcp/refreshable");
    assert.equal(after.body.status, "degraded");
    assert.match(after.body.discovery_error, /MCP discovery failed/);
    assert.equal(after.body.tools_discovered, 4, "last known tools kept");

    const healed = await s.call("POST", "/v1/tenant/mcp/refreshable/refresh");
    assert.equal(healed.body.status, "active");
    assert.equal(healed.body.discovery_error, null);
  });

  it("catalog presets supply url, auth kind and policy; body fields override", async () => {
    const list = await s.call("GET", "/v1/catalog");
    assert.deepEqual(list.body.data.map((e: { slug: string }) => e.slug).sort(), [
      "github",
      "linear",
      "stripe",
    ]);
    const stripe = await s.call("GET", "/v1/catalog/stripe");
    assert.equal(stripe.body.mcp_url, mcp.url, "catalogUrls overrides the preset URL");
    assert.equal((await s.call("GET", "/v1/catalog/nope")).status, 404);

    // The seed's form: the preset's OAuth is collected per smith at run time, so no secret here.
    const r = await s.call("PUT", "/v1/tenant/mcp/stripe", {
      body: {
        catalog: "stripe",
        tool_allowlist: ["list_customers"],
        approval_policy: [{ match: "create_refund" }],
      },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.origin, "catalog");
    assert.equal(r.body.catalog_slug, "stripe");
    assert.equal(r.body.url, mcp.url);
    assert.deepEqual(r.body.auth, stripe.body.auth);
    assert.deepEqual(r.body.approval_policy, [{ match: "create_refund", require: "approval" }]);
    assert.equal(r.body.status, "active");
    const refund = r.body.tools.find((t: { name: string }) => t.name === "create_refund");
    assert.deepEqual([refund.enabled, refund.requires_approval], [false, true]);

    const defaults = await s.call("PUT", "/v1/tenant/mcp/stripe-defaults", { body: { catalog: "stripe" } });
    assert.deepEqual(defaults.body.approval_policy, stripe.body.default_approval_policy);
    assert.equal(defaults.body.tool_allowlist, stripe.body.default_allowlist);

    const overridden = await s.call("PUT", "/v1/tenant/mcp/stripe-bearer", {
      body: { catalog: "stripe", url: secured.url, auth: { kind: "bearer", secret: "sekret-bearer-value" } },
    });
    assert.deepEqual(
      [overridden.body.url, overridden.body.auth.kind, overridden.body.status],
      [secured.url, "bearer", "active"],
    );

    const unknown = await s.call("PUT", "/v1/tenant/mcp/x", { body: { catalog: "nope" } });
    assert.equal(envelope(unknown).code, "unknown_catalog_entry");
  });

  it("validates auth kind, secret, url, policy rules and names with the documented codes", async () => {
    const put = (body: unknown, name = "bad") => s.call("PUT", `/v1/tenant/mcp/${name}`, { body });
    const cases: [unknown, string, string | null][] = [
      [{ url: mcp.url }, "invalid_auth_kind", "auth.kind"],
      [{ url: mcp.url, auth: { kind: "basic" } }, "invalid_auth_kind", "auth.kind"],
      [{ url: mcp.url, auth: { kind: "bearer" } }, "secret_required", "auth.secret"],
      [{ auth: { kind: "none" } }, "url_required", "url"],
      [{ url: "ftp://127.0.0.1/x", auth: { kind: "none" } }, "invalid_url", "url"],
      [
        { url: mcp.url, auth: { kind: "oauth", client_mode: "mine" } },
        "invalid_client_mode",
        "auth.client_mode",
      ],
      [
        { url: mcp.url, auth: { kind: "none" }, approval_policy: [{ match: "x", when: { amount: ">100" } }] },
        "unsupported_policy_rule",
        "approval_policy[0].when",
      ],
      [
        { url: mcp.url, auth: { kind: "none" }, approval_policy: [{ match: "x", require: "never" }] },
        "unsupported_policy_rule",
        "approval_policy[0].require",
      ],
      [
        { url: mcp.url, auth: { kind: "none" }, approval_policy: [{ require: "approval" }] },
        "invalid_approval_policy",
        "approval_policy[0].match",
      ],
    ];
    for (const [body, code, param] of cases) {
      const r = await put(body);
      assert.equal(r.status, 422, JSON.stringify(body));
      const e = envelope(r);
      assert.equal(e.code, code, JSON.stringify(body));
      assert.equal(e.param, param, JSON.stringify(body));
    }
    assert.equal(envelope(await put({ url: mcp.url, auth: { kind: "none" } }, "-bad")).code, "invalid_name");
    assert.equal((await s.call("GET", "/v1/tenant/mcp/bad")).status, 404, "nothing stored by failed PUTs");
  });

  it("refuses to probe non-loopback hosts unless allowed", async () => {
    const r = await s.call("PUT", "/v1/tenant/mcp/remote", {
      body: { url: "https://mcp.example.invalid/mcp", auth: { kind: "none" } },
    });
    assert.equal(r.status, 200);
    assert.equal(r.body.status, "degraded");
    assert.match(r.body.discovery_error, /non-loopback/);
  });

  it("lists newest first, deletes, and keeps tenants apart", async () => {
    const list = await s.call("GET", "/v1/tenant/mcp?limit=2");
    assert.equal(list.body.data.length, 2);
    assert.equal(list.body.has_more, true);
    const other = await s.newTenant();
    assert.equal((await s.call("GET", "/v1/tenant/mcp/crm", { token: other.token })).status, 404);
    assert.equal((await s.call("DELETE", "/v1/tenant/mcp/crm", { token: other.token })).status, 404);
    assert.deepEqual((await s.call("GET", "/v1/tenant/mcp", { token: other.token })).body.data, []);
    assert.equal((await s.call("DELETE", "/v1/tenant/mcp/crm")).status, 204);
    assert.equal((await s.call("GET", "/v1/tenant/mcp/crm")).status, 404);
    assert.equal((await s.call("DELETE", "/v1/tenant/mcp/crm")).status, 404);
    assert.equal((await s.call("POST", "/v1/tenant/mcp/crm/refresh")).status, 404);
  });
});
