import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { envelope, startServer, type TestServer } from "./helpers";

describe("deployments", () => {
  let s: TestServer;
  let published: string;
  let draftOnly: string;
  before(async () => {
    s = await startServer({ publicBaseUrl: "http://127.0.0.1:8787/" });
    published = (await s.call("POST", "/v1/agents", { body: { name: "Support Bot" } })).body.id;
    await s.call("POST", `/v1/agents/${published}/versions`, { body: {} });
    draftOnly = (await s.call("POST", "/v1/agents", { body: { name: "Draft" } })).body.id;
  });
  after(() => s.close());

  const web = (extra: Record<string, unknown> = {}) => ({
    kind: "web",
    target: { type: "agent", id: published },
    provider_metadata: { title: "Help", greeting: "Hi!" },
    ...extra,
  });

  it("creates a web page: 201, page_url, write-only password as secret_keys, public hosted read", async () => {
    const r = await s.call("POST", "/v1/deployments", { body: web({ secrets: { password: "hunter2" } }) });
    assert.equal(r.status, 201, r.text);
    assert.match(r.body.id, /^dep_/);
    assert.equal(r.body.page_url, `http://127.0.0.1:8787/hosted/${r.body.id}`);
    assert.deepEqual(r.body.secret_keys, ["password"]);
    assert.deepEqual(r.body.target, { type: "agent", id: published });
    assert.equal(r.body.status, "active");
    assert.ok(!r.text.includes("hunter2"));
    const got = await s.call("GET", `/v1/deployments/${r.body.id}`);
    assert.deepEqual(got.body, r.body);

    const page = await s.call("GET", `/v1/hosted/${r.body.id}`, { token: null });
    assert.deepEqual(page.body, {
      id: r.body.id,
      title: "Help",
      greeting: "Hi!",
      requires_password: true,
      status: "active",
    });
    const plain = await s.call("POST", "/v1/deployments", {
      body: { kind: "web", target: { type: "agent", id: published } },
    });
    const plainPage = await s.call("GET", `/v1/hosted/${plain.body.id}`, { token: null });
    assert.deepEqual(
      [plainPage.body.title, plainPage.body.greeting, plainPage.body.requires_password],
      ["Support Bot", "", false],
    );
  });

  it("enforces target rules: unknown agent 404, unpublished 422, smith target for web 422", async () => {
    const missing = await s.call("POST", "/v1/deployments", {
      body: web({ target: { type: "agent", id: "agt_nope" } }),
    });
    assert.equal(missing.status, 404);
    const draft = await s.call("POST", "/v1/deployments", {
      body: web({ target: { type: "agent", id: draftOnly } }),
    });
    assert.deepEqual([draft.status, envelope(draft).code], [422, "agent_unpublished"]);
    const smithTarget = await s.call("POST", "/v1/deployments", {
      body: web({ target: { type: "smith", id: "smt_x" } }),
    });
    assert.equal(envelope(smithTarget).code, "target_not_supported");
    const other = await s.newTenant();
    const cross = await s.call("POST", "/v1/deployments", { token: other.token, body: web() });
    assert.equal(cross.status, 404, "another tenant's agent is not found");
  });

  it("validates kind, setup, secrets and metadata", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "carrier-pigeon", target: { type: "agent", id: published } }, "invalid_kind"],
      [{ kind: "slack", target: { type: "agent", id: published } }, "setup_unsupported"],
      [web({ setup: { mode: "start_token" } }), "web_no_setup"],
      [web({ secrets: { token: "x" } }), "invalid_input"],
      [web({ secrets: { password: "" } }), "invalid_input"],
      [web({ provider_metadata: { title: 5 } }), "invalid_input"],
      [web({ address: "x@y.z" }), "invalid_address"],
      [{ kind: "mcp", target: { type: "agent", id: published }, setup: { mode: "x" } }, "mcp_no_setup"],
    ];
    for (const [body, code] of cases) {
      const r = await s.call("POST", "/v1/deployments", { body });
      assert.equal(r.status, 422, JSON.stringify(body));
      assert.equal(envelope(r).code, code, JSON.stringify(body));
    }
  });

  it("mcp kind returns mcp_url; list filters and pages; PATCH only display_name/owner_email; DELETE", async () => {
    const m = await s.call("POST", "/v1/deployments", {
      body: { kind: "mcp", target: { type: "agent", id: published } },
    });
    assert.equal(m.status, 201);
    assert.equal(m.body.mcp_url, `http://127.0.0.1:8787/v1/deployments/${m.body.id}/mcp`);
    assert.equal(m.body.page_url, undefined);

    const all = await s.call("GET", `/v1/deployments?target_type=agent&target_id=${published}&limit=1`);
    assert.equal(all.body.data.length, 1);
    assert.equal(all.body.has_more, true);
    assert.equal(all.body.data[0].id, m.body.id, "newest first");
    assert.deepEqual((await s.call("GET", "/v1/deployments?target_id=agt_none")).body.data, []);
    assert.equal((await s.call("GET", "/v1/deployments?target_type=robot")).status, 400);

    const p = await s.call("PATCH", `/v1/deployments/${m.body.id}`, {
      body: { display_name: "Ops", owner_email: "ops@example.com" },
    });
    assert.equal(p.status, 200);
    assert.equal(p.body.id, m.body.id);
    assert.equal(
      envelope(await s.call("PATCH", `/v1/deployments/${m.body.id}`, { body: {} })).code,
      "nothing_to_update",
    );
    assert.equal(
      envelope(await s.call("PATCH", `/v1/deployments/${m.body.id}`, { body: { display_name: " " } })).code,
      "display_name_required",
    );
    assert.equal(
      envelope(await s.call("PATCH", `/v1/deployments/${m.body.id}`, { body: { owner_email: "nope" } })).code,
      "invalid_input",
    );

    assert.equal((await s.call("DELETE", `/v1/deployments/${m.body.id}`)).status, 204);
    assert.equal((await s.call("GET", `/v1/deployments/${m.body.id}`)).status, 404);
    assert.equal((await s.call("DELETE", `/v1/deployments/${m.body.id}`)).status, 404);
    assert.equal(
      (await s.call("GET", `/v1/hosted/${m.body.id}`, { token: null })).status,
      404,
      "only web pages are hosted",
    );
  });

  it("smith tokens: need deployments permissions and reach only their own smith", async () => {
    const smith = (await s.call("POST", "/_admin/smiths", { body: { tenant_id: s.creds.project_id } })).body
      .id as string;
    const mint = await s.call("POST", "/v1/tenant/tokens", {
      body: { scope: "smith", smith_id: smith, permissions: ["deployments:read", "deployments:write"] },
    });
    const token = mint.body.token as string;
    const own = await s.call("POST", "/v1/deployments", {
      token,
      body: { kind: "mcp", target: { type: "smith", id: smith } },
    });
    assert.equal(own.status, 201, own.text);
    const foreign = await s.call("POST", "/v1/deployments", { token, body: web() });
    assert.deepEqual([foreign.status, envelope(foreign).code], [403, "forbidden_target"]);
    const list = await s.call("GET", "/v1/deployments", { token });
    assert.deepEqual(
      list.body.data.map((d: { id: string }) => d.id),
      [own.body.id],
    );
    const agentDep = (await s.call("GET", "/v1/deployments?target_type=agent")).body.data[0].id;
    const denied = await s.call("GET", `/v1/deployments/${agentDep}`, { token });
    assert.deepEqual([denied.status, envelope(denied).code], [403, "smith_mismatch"]);
    const readOnly = await s.smithToken(["runs:read"]);
    assert.equal((await s.call("GET", "/v1/deployments", { token: readOnly })).status, 403);
  });
});
