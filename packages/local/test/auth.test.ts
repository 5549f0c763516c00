import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { envelope, multipart, startServer, type TestServer } from "./helpers";

/** Builds the path of a fresh target for one operation (fresh so mutations never interfere). */
type Setup = (
  s: TestServer,
) => Promise<{ path: string; body?: unknown; raw?: { raw: Buffer; headers: Record<string, string> } }>;

async function newAgent(s: TestServer, publish = false): Promise<string> {
  const a = await s.call("POST", "/v1/agents", { body: { name: "matrix" } });
  if (publish) await s.call("POST", `/v1/agents/${a.body.id}/versions`, { body: {} });
  return a.body.id;
}
async function withUi(s: TestServer): Promise<string> {
  const id = await newAgent(s);
  const mp = multipart("<p>hi</p>", { name: "card" });
  await s.call("POST", `/v1/agents/${id}/ui`, { raw: mp.raw, headers: mp.headers });
  return id;
}

const TENANT_OPS: { op: string; method: string; ok: number; idScoped: boolean; setup: Setup }[] = [
  {
    op: "agents.create",
    method: "POST",
    ok: 201,
    idScoped: false,
    setup: async () => ({ path: "/v1/agents", body: { name: "x" } }),
  },
  { op: "agents.list", method: "GET", ok: 200, idScoped: false, setup: async () => ({ path: "/v1/agents" }) },
  {
    op: "agents.get",
    method: "GET",
    ok: 200,
    idScoped: true,
    setup: async (s) => ({ path: `/v1/agents/${await newAgent(s)}` }),
  },
  {
    op: "agents.update",
    method: "PATCH",
    ok: 200,
    idScoped: true,
    setup: async (s) => ({ path: `/v1/agents/${await newAgent(s)}`, body: { instructions: "be brief" } }),
  },
  {
    op: "agents.delete",
    method: "DELETE",
    ok: 204,
    idScoped: true,
    setup: async (s) => ({ path: `/v1/agents/${await newAgent(s)}` }),
  },
  {
    op: "agents.versions.create",
    method: "POST",
    ok: 201,
    idScoped: true,
    setup: async (s) => ({ path: `/v1/agents/${await newAgent(s)}/versions`, body: {} }),
  },
  {
    op: "agents.versions.list",
    method: "GET",
    ok: 200,
    idScoped: true,
    setup: async (s) => ({ path: `/v1/agents/${await newAgent(s, true)}/versions` }),
  },
  {
    op: "agents.rollout",
    method: "POST",
    ok: 200,
    idScoped: true,
    setup: async (s) => ({ path: `/v1/agents/${await newAgent(s, true)}/rollout`, body: { version: 1 } }),
  },
  {
    op: "agents.ui.put",
    method: "POST",
    ok: 200,
    idScoped: true,
    setup: async (s) => ({
      path: `/v1/agents/${await newAgent(s)}/ui`,
      raw: multipart("<b>x</b>", { name: "card" }),
    }),
  },
  {
    op: "agents.ui.list",
    method: "GET",
    ok: 200,
    idScoped: true,
    setup: async (s) => ({ path: `/v1/agents/${await withUi(s)}/ui` }),
  },
  {
    op: "agents.ui.get",
    method: "GET",
    ok: 200,
    idScoped: true,
    setup: async (s) => ({ path: `/v1/agents/${await withUi(s)}/ui/card` }),
  },
  {
    op: "agents.ui.content",
    method: "GET",
    ok: 200,
    idScoped: true,
    setup: async (s) => ({ path: `/v1/agents/${await withUi(s)}/ui/card/content` }),
  },
  {
    op: "agents.ui.delete",
    method: "DELETE",
    ok: 204,
    idScoped: true,
    setup: async (s) => ({ path: `/v1/agents/${await withUi(s)}/ui/card` }),
  },
  {
    op: "tenant.tokens.create",
    method: "POST",
    ok: 201,
    idScoped: false,
    setup: async () => ({ path: "/v1/tenant/tokens", body: { scope: "admin", name: "m" } }),
  },
  {
    op: "tenant.tokens.list",
    method: "GET",
    ok: 200,
    idScoped: false,
    setup: async () => ({ path: "/v1/tenant/tokens" }),
  },
  {
    op: "tenant.tokens.delete",
    method: "DELETE",
    ok: 204,
    idScoped: true,
    setup: async (s) => {
      const t = await s.call("POST", "/v1/tenant/tokens", { body: { scope: "admin" } });
      return { path: `/v1/tenant/tokens/${t.body.id}` };
    },
  },
];

const ORG_OPS: { op: string; method: string; ok: number; setup: Setup }[] = [
  {
    op: "organization.projects.create",
    method: "POST",
    ok: 201,
    setup: async () => ({ path: "/v1/organization/projects", body: { name: "p" } }),
  },
  {
    op: "organization.projects.list",
    method: "GET",
    ok: 200,
    setup: async () => ({ path: "/v1/organization/projects" }),
  },
  {
    op: "organization.projects.get",
    method: "GET",
    ok: 200,
    setup: async (s) => ({ path: `/v1/organization/projects/${(await s.newTenant()).projectId}` }),
  },
  {
    op: "organization.projects.delete",
    method: "DELETE",
    ok: 204,
    setup: async (s) => ({ path: `/v1/organization/projects/${(await s.newTenant()).projectId}` }),
  },
  {
    op: "organization.projects.tokens.create",
    method: "POST",
    ok: 201,
    setup: async (s) => ({
      path: `/v1/organization/projects/${(await s.newTenant()).projectId}/tokens`,
      body: {},
    }),
  },
  {
    op: "organization.projects.tokens.delete",
    method: "DELETE",
    ok: 204,
    setup: async (s) => {
      const { projectId } = await s.newTenant();
      const t = await s.call("POST", `/v1/organization/projects/${projectId}/tokens`, {
        token: s.creds.organization_key,
        body: {},
      });
      return { path: `/v1/organization/projects/${projectId}/tokens/${t.body.id}` };
    },
  },
];

describe("auth matrix", () => {
  let s: TestServer;
  const tokens: Record<string, string | null> = {};
  before(async () => {
    let now = Date.parse("2026-05-01T00:00:00Z");
    s = await startServer({ clock: () => new Date(now) });
    tokens.org = s.creds.organization_key;
    tokens.other = (await s.newTenant("other")).token;
    tokens.smith = await s.smithToken(["runs:read", "runs:write"]);
    tokens.none = null;
    tokens.garbage = "tha_live_not.a.jwt";
    tokens.unprefixed = s.creds.tenant_token.slice("tha_live_".length);
    tokens.forgedPrefix = `thp_live_${s.creds.tenant_token.slice("tha_live_".length)}`;
    const revoked = await s.call("POST", "/v1/tenant/tokens", { body: { scope: "admin" } });
    await s.call("DELETE", `/v1/tenant/tokens/${revoked.body.id}`);
    tokens.revoked = revoked.body.token;
    const expiring = await s.call("POST", "/v1/tenant/tokens", { body: { scope: "admin", ttl_seconds: 60 } });
    tokens.expired = expiring.body.token;
    const archived = await s.newTenant("to-archive");
    await s.call("DELETE", `/v1/organization/projects/${archived.projectId}`, { token: tokens.org });
    tokens.archivedProject = archived.token;
    now += 61_000; // the 60 s token is now expired
  });
  after(() => s.close());

  const expectDenied = async (
    method: string,
    path: string,
    token: string | null,
    status: number,
    code: string,
    body?: unknown,
  ) => {
    const r = await s.call(method, path, {
      token,
      body: body ?? (method === "GET" || method === "DELETE" ? undefined : {}),
    });
    assert.equal(r.status, status, `${method} ${path} as ${token?.slice(0, 9)} → ${r.text}`);
    assert.equal(envelope(r).code, code);
  };

  for (const { op, method, ok, idScoped, setup } of TENANT_OPS) {
    it(`${op}: tenant ${ok}, other tenant ${idScoped ? 404 : "isolated"}, smith/org 403, none/bad/revoked/expired 401`, async () => {
      const target = await setup(s);
      for (const who of [
        "none",
        "garbage",
        "unprefixed",
        "forgedPrefix",
        "revoked",
        "expired",
        "archivedProject",
      ]) {
        await expectDenied(method, target.path, tokens[who]!, 401, "unauthenticated");
      }
      await expectDenied(method, target.path, tokens.smith!, 403, "admin_required");
      await expectDenied(method, target.path, tokens.org!, 403, "tenant_token_required");
      if (idScoped) await expectDenied(method, target.path, tokens.other!, 404, "not_found", target.body);
      const r = await s.call(method, target.path, {
        body: target.body,
        raw: target.raw?.raw,
        headers: target.raw?.headers,
      });
      assert.equal(r.status, ok, `${op}: ${r.text}`);
    });
  }

  for (const { op, method, ok, setup } of ORG_OPS) {
    it(`${op}: org key ${ok}, tenant/smith 403 organization_required, none/bad 401`, async () => {
      const target = await setup(s);
      for (const who of ["none", "garbage", "revoked"])
        await expectDenied(method, target.path, tokens[who]!, 401, "unauthenticated");
      await expectDenied(method, target.path, s.creds.tenant_token, 403, "organization_required");
      await expectDenied(method, target.path, tokens.smith!, 403, "organization_required");
      const r = await s.call(method, target.path, { token: tokens.org, body: target.body });
      assert.equal(r.status, ok, `${op}: ${r.text}`);
    });
  }

  it("lists never show another tenant's objects", async () => {
    const mine = await s.call("POST", "/v1/agents", { body: { name: "private" } });
    const theirs = await s.call("GET", "/v1/agents?limit=200", { token: tokens.other });
    assert.equal(theirs.status, 200);
    assert.ok(!theirs.body.data.some((a: { id: string }) => a.id === mine.body.id));
    const theirTokens = await s.call("GET", "/v1/tenant/tokens?limit=200", { token: tokens.other });
    assert.ok(theirTokens.body.data.every((t: { sub: string }) => !t.sub.startsWith(s.creds.project_id)));
  });

  it("another organization's project is not found via the org key", async () => {
    const r = await s.call("GET", "/v1/organization/projects/prj_doesnotexist", { token: tokens.org });
    assert.equal(r.status, 404);
    assert.equal(envelope(r).code, "not_found");
  });

  it("JWKS is public and holds the RS256 key that signs tokens", async () => {
    const r = await s.call("GET", "/.well-known/jwks.json", { token: null });
    assert.equal(r.status, 200);
    const [key] = r.body.keys;
    assert.equal(key.alg, "RS256");
    const header = JSON.parse(
      Buffer.from(s.creds.tenant_token.slice(9).split(".")[0]!, "base64url").toString(),
    );
    assert.equal(header.kid, key.kid);
    assert.equal(key.d, undefined, "no private part in the JWKS");
  });
});
