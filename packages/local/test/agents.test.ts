import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { applyRollout, resolveAgentVersion, rolloutBucket } from "../src";
import { envelope, multipart, startServer, type TestServer } from "./helpers";

describe("agents", () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());
  const create = async (body: Record<string, unknown>) => s.call("POST", "/v1/agents", { body });

  describe("slug", () => {
    it("defaults to the slugified name, de-duplicated", async () => {
      assert.equal((await create({ name: "Support Bot (EU)" })).body.slug, "support-bot-eu");
      assert.equal((await create({ name: "Support Bot (EU)" })).body.slug, "support-bot-eu-2");
      assert.equal((await create({ name: "Support Bot (EU)" })).body.slug, "support-bot-eu-3");
      assert.equal((await create({ name: "!!!" })).body.slug, "agent");
    });
    it("a duplicate explicit slug among live agents → 409 agent_exists; archived slugs are reusable", async () => {
      const a = await create({ name: "x", slug: "taken" });
      const dup = await create({ name: "y", slug: "taken" });
      assert.equal(dup.status, 409);
      assert.equal(envelope(dup).code, "agent_exists");
      assert.equal(envelope(dup).param, "slug");
      assert.equal((await s.call("DELETE", `/v1/agents/${a.body.id}`)).status, 204);
      assert.equal((await create({ name: "z", slug: "taken" })).status, 201);
    });
    for (const slug of ["Upper", "-lead", "trail-", "under_score", "a".repeat(64), ""]) {
      it(`'${slug.slice(0, 10)}' → 422 invalid_slug`, async () => {
        const r = await create({ name: "n", slug });
        assert.equal(r.status, 422);
        assert.equal(envelope(r).code, "invalid_slug");
      });
    }
    it("other tenants may use the same slug", async () => {
      await create({ name: "n", slug: "shared-slug" });
      const other = await s.newTenant();
      const r = await s.call("POST", "/v1/agents", {
        token: other.token,
        body: { name: "n", slug: "shared-slug" },
      });
      assert.equal(r.status, 201);
    });
  });

  describe("draft and patch", () => {
    it("create fills every draft key", async () => {
      const a = await create({ name: "full", instructions: "hi", skills: [{ skill_id: "skl_1" }] });
      assert.deepEqual(a.body.draft, {
        instructions: "hi",
        model: null,
        enabled_hosted_tools: [],
        vector_store_ids: [],
        mcp_servers: null,
        skills: [{ skill_id: "skl_1" }],
        auto_memory: null,
        memory_consolidation: null,
        variables: [],
        ui_resources: [],
      });
      assert.equal(a.body.active_version, null);
      assert.equal(a.body.rollout_version, null);
      assert.equal(a.body.rollout_percent, 0);
      assert.equal(a.body.is_default, false);
    });
    it("omitted = unchanged, null clears (mcp_servers null = all servers), unknown keys like slug are ignored", async () => {
      const a = await create({ name: "p", model: "m1", mcp_servers: ["a"], enabled_hosted_tools: ["web"] });
      const r = await s.call("PATCH", `/v1/agents/${a.body.id}`, {
        body: { slug: "ignored", mcp_servers: null, enabled_hosted_tools: null, name: "renamed" },
      });
      assert.equal(r.status, 200);
      assert.equal(r.body.slug, a.body.slug);
      assert.equal(r.body.name, "renamed");
      assert.equal(r.body.draft.model, "m1");
      assert.equal(r.body.draft.mcp_servers, null);
      assert.deepEqual(r.body.draft.enabled_hosted_tools, []);
      const again = await s.call("PATCH", `/v1/agents/${a.body.id}`, { body: { name: null, model: null } });
      assert.equal(again.body.name, "renamed", "name null leaves it unchanged");
      assert.equal(again.body.draft.model, null);
    });
    it("an empty patch → 422 empty_patch; duplicate variables → 422 invalid_variables", async () => {
      const a = await create({ name: "e" });
      const r = await s.call("PATCH", `/v1/agents/${a.body.id}`, { body: { slug: "only-unknown" } });
      assert.equal(r.status, 422);
      assert.equal(envelope(r).code, "empty_patch");
      const v = await s.call("PATCH", `/v1/agents/${a.body.id}`, {
        body: { variables: [{ name: "x" }, { name: "x" }] },
      });
      assert.equal(v.status, 422);
      assert.equal(envelope(v).code, "invalid_variables");
    });
    it("an archived agent is gone (404) and not listed", async () => {
      const a = await create({ name: "gone" });
      await s.call("DELETE", `/v1/agents/${a.body.id}`);
      assert.equal((await s.call("GET", `/v1/agents/${a.body.id}`)).status, 404);
      assert.equal((await s.call("DELETE", `/v1/agents/${a.body.id}`)).status, 404);
      const list = await s.call("GET", "/v1/agents?limit=200");
      assert.ok(!list.body.data.some((x: { id: string }) => x.id === a.body.id));
    });
  });

  describe("versions and rollout state machine", () => {
    it("publish snapshots the draft; only the first publish goes live; rollout moves the rest", async () => {
      const a = await create({ name: "sm", instructions: "v1 text" });
      const id = a.body.id;
      const v1 = await s.call("POST", `/v1/agents/${id}/versions`, { body: { note: "first" } });
      assert.equal(v1.status, 201);
      assert.equal(v1.body.version, 1);
      assert.equal(v1.body.note, "first");
      assert.equal(v1.body.snapshot.instructions, "v1 text");
      assert.match(v1.body.created_by, /^tok_/);
      let agent = (await s.call("GET", `/v1/agents/${id}`)).body;
      assert.deepEqual([agent.active_version, agent.rollout_version, agent.rollout_percent], [1, null, 0]);

      await s.call("PATCH", `/v1/agents/${id}`, { body: { instructions: "v2 text" } });
      const v2 = await s.call("POST", `/v1/agents/${id}/versions`, {});
      assert.equal(v2.body.version, 2);
      agent = (await s.call("GET", `/v1/agents/${id}`)).body;
      assert.equal(agent.active_version, 1, "later publishes wait for a rollout");
      assert.equal(agent.draft.instructions, "v2 text");
      const v1Again = (await s.call("GET", `/v1/agents/${id}/versions`)).body.data.find(
        (v: { version: number }) => v.version === 1,
      );
      assert.equal(v1Again.snapshot.instructions, "v1 text", "versions are immutable");

      const partial = await s.call("POST", `/v1/agents/${id}/rollout`, { body: { version: 2, percent: 30 } });
      assert.equal(partial.status, 200);
      assert.deepEqual(
        [partial.body.active_version, partial.body.rollout_version, partial.body.rollout_percent],
        [1, 2, 30],
      );
      const same = await s.call("POST", `/v1/agents/${id}/rollout`, { body: { version: 2, percent: 30 } });
      assert.deepEqual(same.body.rollout_version, 2, "idempotent");

      const full = await s.call("POST", `/v1/agents/${id}/rollout`, { body: { version: 2 } });
      assert.deepEqual(
        [full.body.active_version, full.body.rollout_version, full.body.rollout_percent],
        [2, null, 0],
      );

      const back = await s.call("POST", `/v1/agents/${id}/rollout`, { body: { version: 1, percent: 100 } });
      assert.deepEqual(
        [back.body.active_version, back.body.rollout_version],
        [1, null],
        "rollback is a rollout",
      );

      const staged = await s.call("POST", `/v1/agents/${id}/rollout`, { body: { version: 2, percent: 0 } });
      assert.deepEqual(
        [staged.body.active_version, staged.body.rollout_version, staged.body.rollout_percent],
        [1, 2, 0],
      );
      const cancel = await s.call("POST", `/v1/agents/${id}/rollout`, { body: { version: 1, percent: 50 } });
      assert.deepEqual(
        [cancel.body.active_version, cancel.body.rollout_version, cancel.body.rollout_percent],
        [1, null, 0],
      );
    });
    it("rollout validation: unknown version 422, percent out of range 422 invalid_percent, unpublished 422", async () => {
      const a = await create({ name: "rv" });
      const unpublished = await s.call("POST", `/v1/agents/${a.body.id}/rollout`, { body: { version: 1 } });
      assert.equal(unpublished.status, 422);
      assert.equal(envelope(unpublished).code, "agent_unpublished");
      await s.call("POST", `/v1/agents/${a.body.id}/versions`, {});
      const missing = await s.call("POST", `/v1/agents/${a.body.id}/rollout`, { body: { version: 9 } });
      assert.equal(missing.status, 422);
      assert.equal(envelope(missing).param, "version");
      for (const percent of [-1, 101, 50.5]) {
        const r = await s.call("POST", `/v1/agents/${a.body.id}/rollout`, { body: { version: 1, percent } });
        assert.equal(r.status, 422);
        assert.equal(envelope(r).code, "invalid_percent");
      }
    });
    it("applyRollout / resolveAgentVersion: sticky, monotone buckets", () => {
      const base = { active_version: 1, rollout_version: null, rollout_percent: 0 };
      assert.deepEqual(applyRollout(base, 2, 25), {
        active_version: 1,
        rollout_version: 2,
        rollout_percent: 25,
      });
      assert.deepEqual(applyRollout(base, 2, 100), {
        active_version: 2,
        rollout_version: null,
        rollout_percent: 0,
      });
      const smiths = Array.from({ length: 2000 }, (_, i) => `smt_${i}`);
      const on = (pct: number) =>
        new Set(
          smiths.filter(
            (sm) => resolveAgentVersion({ id: "agt_x", ...applyRollout(base, 2, pct) }, sm) === 2,
          ),
        );
      const at10 = on(10);
      const at50 = on(50);
      for (const sm of at10)
        assert.ok(at50.has(sm), "raising the percent keeps earlier smiths on the new version");
      assert.ok(Math.abs(at50.size / smiths.length - 0.5) < 0.05, `~50% (${at50.size})`);
      assert.equal(on(0).size, 0);
      assert.equal(rolloutBucket("agt_x", "smt_1"), rolloutBucket("agt_x", "smt_1"));
      assert.equal(
        resolveAgentVersion({ id: "agt_x", ...applyRollout(base, 2, 100) }, "smt_1", 1),
        1,
        "a pin wins",
      );
    });
  });

  describe("archive while in use", () => {
    it("409 agent_in_use while a smith uses it, 204 once it does not; smith_count reflects it", async () => {
      const a = await create({ name: "busy" });
      await s.call("POST", `/v1/agents/${a.body.id}/versions`, {});
      const smith = await s.call("POST", "/_admin/smiths", { token: null, body: { agent_id: a.body.id } });
      assert.equal(smith.status, 201);
      assert.equal(smith.body.agent_version, 1);
      assert.equal((await s.call("GET", `/v1/agents/${a.body.id}`)).body.smith_count, 1);
      const busy = await s.call("DELETE", `/v1/agents/${a.body.id}`);
      assert.equal(busy.status, 409);
      assert.equal(envelope(busy).code, "agent_in_use");
      await s.call("DELETE", `/_admin/smiths/${smith.body.id}`, { token: null });
      assert.equal((await s.call("DELETE", `/v1/agents/${a.body.id}`)).status, 204);
    });
  });

  describe("UI templates", () => {
    it("upload (multipart) replaces by name, is listed in the draft, frozen at publish, served with ETag/304", async () => {
      const a = await create({ name: "ui" });
      const id = a.body.id;
      const html = "<h1>Hello</h1>";
      const up = multipart(html, {
        name: "card",
        csp: { connectDomains: ["https://x.test"] },
        tool: { description: "shows a card" },
      });
      const put = await s.call("POST", `/v1/agents/${id}/ui`, { raw: up.raw, headers: up.headers });
      assert.equal(put.status, 200, put.text);
      const hash = createHash("sha256").update(html).digest("hex");
      assert.equal(put.body.content_hash, hash);
      assert.deepEqual(put.body.csp, { connectDomains: ["https://x.test"] });
      assert.equal(put.body.tool.description, "shows a card");

      const list = await s.call("GET", `/v1/agents/${id}/ui`);
      assert.deepEqual(
        list.body.data.map((u: { name: string }) => u.name),
        ["card"],
      );
      assert.equal((await s.call("GET", `/v1/agents/${id}`)).body.draft.ui_resources[0].content_hash, hash);
      await s.call("POST", `/v1/agents/${id}/versions`, {});

      const content = await s.call("GET", `/v1/agents/${id}/ui/card/content`);
      assert.equal(content.status, 200);
      assert.equal(content.text, html);
      assert.match(String(content.headers["content-type"]), /^text\/html/);
      assert.equal(content.headers.etag, `"${hash}"`);
      const cached = await s.call("GET", `/v1/agents/${id}/ui/card/content`, {
        headers: { "If-None-Match": `"${hash}"` },
      });
      assert.equal(cached.status, 304);
      assert.equal(cached.text, "");

      const v2html = "<h1>Bye</h1>";
      const up2 = multipart(v2html, { name: "card" });
      const replaced = await s.call("POST", `/v1/agents/${id}/ui`, { raw: up2.raw, headers: up2.headers });
      assert.notEqual(replaced.body.content_hash, hash);
      assert.equal((await s.call("GET", `/v1/agents/${id}/ui`)).body.data.length, 1, "replaced by name");
      const v1 = (await s.call("GET", `/v1/agents/${id}/versions`)).body.data[0];
      assert.equal(v1.snapshot.ui_resources[0].content_hash, hash, "snapshot keeps the published template");

      assert.equal((await s.call("DELETE", `/v1/agents/${id}/ui/card`)).status, 204);
      assert.equal((await s.call("GET", `/v1/agents/${id}/ui/card`)).status, 404);
      assert.equal((await s.call("DELETE", `/v1/agents/${id}/ui/card`)).status, 404);
    });
    it("rejects bad uploads with 422 naming the part", async () => {
      const a = await create({ name: "bad-ui" });
      const badName = multipart("<p/>", { name: "Bad Name" });
      const r1 = await s.call("POST", `/v1/agents/${a.body.id}/ui`, {
        raw: badName.raw,
        headers: badName.headers,
      });
      assert.equal(r1.status, 422);
      assert.equal(envelope(r1).param, "metadata.name");
      const notMultipart = await s.call("POST", `/v1/agents/${a.body.id}/ui`, { body: { name: "x" } });
      assert.equal(notMultipart.status, 422);
      assert.equal(envelope(notMultipart).param, "file");
    });
    it("a template larger than the upload limit → 413", async () => {
      const small = await startServer({ uploadLimit: 1024 });
      try {
        const a = await small.call("POST", "/v1/agents", { body: { name: "big" } });
        const up = multipart("x".repeat(4096), { name: "big" });
        const r = await small.call("POST", `/v1/agents/${a.body.id}/ui`, {
          raw: up.raw,
          headers: up.headers,
        });
        assert.equal(r.status, 413);
        assert.equal(envelope(r).code, "payload_too_large");
      } finally {
        await small.close();
      }
    });
  });
});
