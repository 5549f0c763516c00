import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { envelope, startServer, type TestServer } from "./helpers";

describe("organization projects and project tokens", () => {
  let s: TestServer;
  let org: { token: string };
  before(async () => {
    s = await startServer();
    org = { token: s.creds.organization_key };
  });
  after(() => s.close());

  it("create adopts a live project with the exact same name", async () => {
    const a = await s.call("POST", "/v1/organization/projects", {
      ...org,
      body: { name: "Prod", metadata: { team: "x" } },
    });
    assert.equal(a.status, 201);
    assert.match(a.body.id, /^prj_/);
    assert.equal(a.body.organization, s.creds.organization_id);
    assert.deepEqual(a.body.metadata, { team: "x" });
    const b = await s.call("POST", "/v1/organization/projects", {
      ...org,
      body: { name: "Prod", metadata: { other: 1 } },
    });
    assert.equal(b.status, 201);
    assert.deepEqual(b.body, a.body, "adopted unchanged");
    const c = await s.call("POST", "/v1/organization/projects", { ...org, body: { name: "prod" } });
    assert.notEqual(c.body.id, a.body.id, "names match exactly (case-sensitive)");
  });

  it("list filters by exact name and hides archived projects; get still shows them", async () => {
    const p = await s.call("POST", "/v1/organization/projects", { ...org, body: { name: "Temp" } });
    const byName = await s.call("GET", "/v1/organization/projects?name=Temp", org);
    assert.deepEqual(
      byName.body.data.map((x: { id: string }) => x.id),
      [p.body.id],
    );
    assert.equal((await s.call("DELETE", `/v1/organization/projects/${p.body.id}`, org)).status, 204);
    assert.equal(
      (await s.call("DELETE", `/v1/organization/projects/${p.body.id}`, org)).status,
      204,
      "idempotent",
    );
    assert.equal((await s.call("GET", "/v1/organization/projects?name=Temp", org)).body.data.length, 0);
    const got = await s.call("GET", `/v1/organization/projects/${p.body.id}`, org);
    assert.equal(got.status, 200);
    assert.ok(got.body.archived_at);
    const again = await s.call("POST", "/v1/organization/projects", { ...org, body: { name: "Temp" } });
    assert.notEqual(again.body.id, p.body.id, "an archived project is not adopted");
  });

  it("project tokens are tenant-admin tokens bound to the project; revoke stops them", async () => {
    const p = await s.call("POST", "/v1/organization/projects", { ...org, body: { name: "Tok" } });
    const t = await s.call("POST", `/v1/organization/projects/${p.body.id}/tokens`, {
      ...org,
      body: { name: "ci", ttl_seconds: 3600 },
    });
    assert.equal(t.status, 201);
    assert.match(t.body.token, /^tha_live_/);
    assert.match(t.body.id, /^tok_/);
    assert.equal(t.body.sub, p.body.id);
    assert.deepEqual(t.body.scopes, ["tenant:*"]);
    assert.ok(t.body.expires_at);
    const agent = await s.call("POST", "/v1/agents", {
      token: t.body.token,
      body: { name: "in tok project" },
    });
    assert.equal(agent.status, 201);
    // The project's own token list shows the record (no secret).
    const listed = await s.call("GET", "/v1/tenant/tokens", { token: t.body.token });
    assert.equal(listed.body.data[0].id, t.body.id);
    assert.equal(listed.body.data[0].prefix, "tha_live_");
    assert.doesNotMatch(listed.text, /eyJ/, "no token material in lists");
    // Other project's token id → 404; wrong project → 404.
    assert.equal(
      (await s.call("DELETE", `/v1/organization/projects/${s.creds.project_id}/tokens/${t.body.id}`, org))
        .status,
      404,
    );
    assert.equal(
      (await s.call("DELETE", `/v1/organization/projects/${p.body.id}/tokens/${t.body.id}`, org)).status,
      204,
    );
    const after = await s.call("GET", "/v1/agents", { token: t.body.token });
    assert.equal(after.status, 401);
    const revoked = await s.call("GET", "/v1/tenant/tokens", { token: s.creds.tenant_token });
    assert.ok(revoked.status === 200);
  });

  it("minting on an archived or unknown project → 404; ttl bounds → 422", async () => {
    assert.equal(
      (await s.call("POST", "/v1/organization/projects/prj_nope/tokens", { ...org, body: {} })).status,
      404,
    );
    const p = await s.call("POST", "/v1/organization/projects", { ...org, body: { name: "ttl" } });
    for (const ttl of [0, -5, 315360001, 1.5]) {
      const r = await s.call("POST", `/v1/organization/projects/${p.body.id}/tokens`, {
        ...org,
        body: { ttl_seconds: ttl },
      });
      assert.equal(r.status, 422, `ttl ${ttl}`);
      assert.equal(envelope(r).param, "ttl_seconds");
    }
  });
});

describe("tenant tokens", () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  it("mints a smith token capped at 24 h with its permissions", async () => {
    const r = await s.call("POST", "/v1/tenant/tokens", {
      body: {
        scope: "smith",
        smith_id: "smt_abc",
        permissions: ["runs:read", "runs:write"],
        ttl_seconds: 7 * 86400,
      },
    });
    assert.equal(r.status, 201);
    assert.match(r.body.token, /^thp_live_/);
    assert.equal(r.body.scope, "smith");
    assert.equal(r.body.sub, `${s.creds.project_id}:smt_abc`);
    assert.deepEqual(r.body.scopes, ["runs:read", "runs:write"]);
    const lifetime = Date.parse(r.body.expires_at) - Date.now();
    assert.ok(lifetime <= 86400_000 && lifetime > 86000_000, `capped: ${lifetime}`);
  });

  it("defaults scope to smith and validates it", async () => {
    const cases: [unknown, string, string | null][] = [
      [{}, "smith_required", "smith_id"],
      [{ smith_id: "smt_1" }, "permissions_required", "permissions"],
      [{ smith_id: "smt_1", permissions: [] }, "permissions_required", "permissions"],
      [{ smith_id: "smt_1", permissions: ["runs:read", "tenant:*"] }, "invalid_scope", "permissions[1]"],
      [{ smith_id: "nope", permissions: ["runs:read"] }, "smith_unresolved", "smith_id"],
      [{ scope: "root" }, "invalid_token_scope", "scope"],
      [{ scope: "admin", permissions: ["runs:read"] }, "invalid_request", "permissions"],
      [{ scope: "admin", ttl_seconds: 0 }, "invalid_request", "ttl_seconds"],
    ];
    for (const [body, code, param] of cases) {
      const r = await s.call("POST", "/v1/tenant/tokens", { body });
      assert.equal(r.status, 422, JSON.stringify(body));
      assert.equal(envelope(r).code, code, JSON.stringify(body));
      assert.equal(envelope(r).param, param);
    }
  });

  it("an admin token without ttl never expires and works immediately; revoke is idempotent and keeps the record", async () => {
    const r = await s.call("POST", "/v1/tenant/tokens", { body: { scope: "admin", name: "deploy" } });
    assert.equal(r.body.expires_at, null);
    assert.equal(r.body.sub, s.creds.project_id);
    assert.equal((await s.call("GET", "/v1/agents", { token: r.body.token })).status, 200);
    assert.equal((await s.call("DELETE", `/v1/tenant/tokens/${r.body.id}`)).status, 204);
    assert.equal((await s.call("DELETE", `/v1/tenant/tokens/${r.body.id}`)).status, 204);
    assert.equal((await s.call("GET", "/v1/agents", { token: r.body.token })).status, 401);
    const list = await s.call("GET", "/v1/tenant/tokens?limit=200");
    const rec = list.body.data.find((t: { id: string }) => t.id === r.body.id);
    assert.ok(rec.revoked_at);
    assert.equal(rec.name, "deploy");
    assert.equal((await s.call("DELETE", "/v1/tenant/tokens/tok_unknown")).status, 404);
  });

  it("a token can revoke itself", async () => {
    const r = await s.call("POST", "/v1/tenant/tokens", { body: { scope: "admin" } });
    assert.equal(
      (await s.call("DELETE", `/v1/tenant/tokens/${r.body.id}`, { token: r.body.token })).status,
      204,
    );
    assert.equal((await s.call("GET", "/v1/agents", { token: r.body.token })).status, 401);
  });
});
