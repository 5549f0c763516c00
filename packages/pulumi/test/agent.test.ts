import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AgentListOut, AgentOut, AgentVersionListOut } from "@ingram-tech/ingram-cloud-contract";
import * as host from "../src/dynamic/host";
import { UNKNOWN } from "../src/resources/lifecycle";
import { createResource, refreshResource, updateResource } from "./support/engine";
import { type LocalApi, startLocalApi, total } from "./support/local-api";

let api: LocalApi;
before(async () => {
  api = await startLocalApi();
});
after(async () => api.close());

const conn = () => ({ baseUrl: api.baseUrl, token: api.tenantToken });
const content = {
  instructions: "You are Acme support.",
  model: "claude-sonnet-4-5",
  autoMemory: true,
  variables: [{ name: "company", default: "Acme" }],
  enabledHostedTools: ["web_search"],
};
const versionsOf = async (id: string) => {
  const versions = [];
  for await (const v of api.client.list(`/v1/agents/${id}/versions`, AgentVersionListOut)) versions.push(v);
  return versions;
};

describe("IcAgent lifecycle", () => {
  it("creates with at most 4 calls, then no-ops, renames without publishing, publishes once per content change", async () => {
    await api.resetCounters();
    const agent = await createResource("IcAgent", {
      ...conn(),
      slug: "support",
      name: "Support",
      ...content,
    });
    const createCalls = await api.counters();
    assert.ok(total(createCalls) <= 4, `create made ${JSON.stringify(createCalls)}`);
    assert.deepEqual(createCalls, {
      "POST /v1/agents": 1,
      "POST /v1/agents/{aid}/versions": 1,
      "POST /v1/agents/{aid}/rollout": 1,
    });
    assert.match(agent.id, /^agt_/);
    assert.equal(agent.state.agentId, agent.id);
    assert.equal(agent.state.activeVersion, 1);
    assert.equal(agent.state.rolloutVersion, 1);
    assert.equal(agent.state.rolloutPercent, 100);

    // Same program again: no changes, no calls.
    await api.resetCounters();
    const same = await updateResource("IcAgent", agent, {
      ...conn(),
      slug: "support",
      name: "Support",
      ...content,
    });
    assert.equal(same.diff.changes, false);
    assert.equal(total(await api.counters()), 0);

    // Rename: one PATCH, no version.
    await api.resetCounters();
    const renamed = await updateResource("IcAgent", agent, {
      ...conn(),
      slug: "support",
      name: "Help desk",
      ...content,
    });
    assert.deepEqual(renamed.diff.replaces, []);
    assert.deepEqual(await api.counters(), { "PATCH /v1/agents/{aid}": 1 });
    assert.equal((await versionsOf(agent.id)).length, 1);

    // Content change (variables reordered + instructions changed): exactly one new version.
    await api.resetCounters();
    const changed = await updateResource("IcAgent", renamed.next, {
      ...conn(),
      slug: "support",
      name: "Help desk",
      ...content,
      instructions: "You are Acme support. Be brief.",
    });
    assert.equal(changed.diff.changes, true);
    assert.deepEqual(await api.counters(), {
      "PATCH /v1/agents/{aid}": 1,
      "POST /v1/agents/{aid}/versions": 1,
      "POST /v1/agents/{aid}/rollout": 1,
    });
    assert.equal((await versionsOf(agent.id)).length, 2);
    assert.equal(changed.next.state.activeVersion, 2);
    assert.equal(changed.next.state.rolloutVersion, 2);
  });

  it("stages a content change at rolloutPercent, and a percent change alone only moves the rollout", async () => {
    const base = { ...conn(), slug: "canary", name: "Canary", ...content };
    const agent = await createResource("IcAgent", base);
    const staged = await updateResource("IcAgent", agent, {
      ...base,
      model: "claude-opus-4",
      rolloutPercent: 50,
    });
    assert.equal(staged.next.state.activeVersion, 1);
    assert.equal(staged.next.state.rolloutVersion, 2);
    assert.equal(staged.next.state.rolloutPercent, 50);

    await api.resetCounters();
    const full = await updateResource("IcAgent", staged.next, {
      ...base,
      model: "claude-opus-4",
      rolloutPercent: 100,
    });
    assert.deepEqual(await api.counters(), { "POST /v1/agents/{aid}/rollout": 1 });
    assert.equal(full.next.state.activeVersion, 2);
    assert.equal((await versionsOf(agent.id)).length, 2);

    // Refresh agrees with the state: no drift.
    const refreshed = await refreshResource("IcAgent", full.next);
    assert.ok(refreshed);
    const diff = await host.diff(
      "IcAgent",
      agent.id,
      refreshed.managed.state,
      (await host.check("IcAgent", {}, { ...base, model: "claude-opus-4", rolloutPercent: 100 })).inputs,
    );
    assert.equal(diff.changes, false);
  });

  it("replaces on slug change only", async () => {
    const agent = await createResource("IcAgent", { ...conn(), slug: "immutable", name: "X" });
    const { diff } = await updateResource("IcAgent", agent, { ...conn(), slug: "immutable-2", name: "X" });
    assert.deepEqual(diff.replaces, ["slug"]);
  });

  it("adopts a script-made agent by slug, paging through every agent, without a new version", async () => {
    // A setup script made 120 agents (more than one page) and then ours, and published it.
    for (let i = 0; i < 120; i++) {
      await api.client.post("/v1/agents", { body: { name: `Filler ${i}`, slug: `filler-${i}` } });
    }
    const scripted = await api.client.post("/v1/agents", {
      body: {
        name: "Sales",
        slug: "sales",
        instructions: content.instructions,
        model: content.model,
        auto_memory: true,
        variables: [{ name: "company", default: "Acme" }],
        enabled_hosted_tools: ["web_search"],
      },
      schema: AgentOut,
    });
    await api.client.post(`/v1/agents/${scripted.id}/versions`, { body: {} });
    // The listing is newest first, so push ours past the first page.
    for (let i = 0; i < 110; i++) {
      await api.client.post("/v1/agents", { body: { name: `Later ${i}`, slug: `later-${i}` } });
    }

    await api.resetCounters();
    const adopted = await createResource("IcAgent", { ...conn(), slug: "sales", name: "Sales", ...content });
    assert.equal(adopted.id, scripted.id, "adopted, not duplicated");
    const calls = await api.counters();
    assert.equal(calls["POST /v1/agents"], 1, "create first");
    assert.ok((calls["GET /v1/agents"] ?? 0) >= 2, "paged past the first page");
    assert.equal(calls["POST /v1/agents/{aid}/versions"], undefined, "no new version");
    assert.equal(calls["POST /v1/agents/{aid}/rollout"], undefined, "nothing to roll out");
    assert.equal((await versionsOf(scripted.id)).length, 1);
    assert.equal(adopted.state.rolloutVersion, 1);

    let count = 0;
    for await (const a of api.client.list("/v1/agents", AgentListOut)) if (a.slug === "sales") count++;
    assert.equal(count, 1);
  });

  it("adopting an agent whose served version differs publishes one version", async () => {
    const scripted = await api.client.post("/v1/agents", {
      body: { name: "Ops", slug: "ops", instructions: "old" },
      schema: AgentOut,
    });
    await api.client.post(`/v1/agents/${scripted.id}/versions`, { body: {} });
    const adopted = await createResource("IcAgent", {
      ...conn(),
      slug: "ops",
      name: "Ops",
      instructions: "new",
    });
    assert.equal(adopted.id, scripted.id);
    assert.equal((await versionsOf(scripted.id)).length, 2);
    assert.equal(adopted.state.activeVersion, 2);
  });

  it("refresh reports draft drift (managed fields only) and update repairs it; 404 means gone", async () => {
    const args = { ...conn(), slug: "drifty", name: "Drifty", instructions: "declared" };
    const agent = await createResource("IcAgent", args);
    await api.client.patch(`/v1/agents/${agent.id}`, {
      body: { instructions: "edited in the console", model: "x" },
    });
    const refreshed = await refreshResource("IcAgent", agent);
    assert.ok(refreshed);
    assert.equal(refreshed.inputs.instructions, "edited in the console");
    assert.equal(refreshed.inputs.model, undefined, "model is not managed by this program: not reported");
    const repaired = await updateResource("IcAgent", refreshed.managed, args);
    assert.equal(repaired.diff.changes, true);
    const live = await api.client.get(`/v1/agents/${agent.id}`, { schema: AgentOut });
    assert.equal(live.draft.instructions, "declared");

    await host.remove("IcAgent", agent.id, repaired.next.state);
    assert.equal(await refreshResource("IcAgent", repaired.next), null);
    // Deleting what is already gone is fine.
    await host.remove("IcAgent", agent.id, repaired.next.state);
  });

  it("explains agent_in_use on destroy, naming retainOnDelete", async () => {
    const agent = await createResource("IcAgent", { ...conn(), slug: "busy", name: "Busy" });
    await fetch(`${api.baseUrl}/_admin/smiths`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ agent_id: agent.id }),
    });
    await assert.rejects(host.remove("IcAgent", agent.id, agent.state), /retainOnDelete/);
  });

  it("credential-only changes update state without any API call", async () => {
    const agent = await createResource("IcAgent", { ...conn(), slug: "creds", name: "Creds" });
    await api.resetCounters();
    const rotated = await updateResource("IcAgent", agent, {
      baseUrl: `${api.baseUrl}/`,
      token: api.tenantToken,
      slug: "creds",
      name: "Creds",
    });
    assert.equal(rotated.diff.changes, true);
    assert.deepEqual(rotated.diff.replaces, []);
    assert.equal(total(await api.counters()), 0);
    assert.equal(rotated.next.state.baseUrl, `${api.baseUrl}/`);
  });
});

describe("IcAgent check", () => {
  const failures = async (args: Record<string, unknown>) =>
    (await host.check("IcAgent", {}, { token: "t", ...args })).failures.map((f) => f.property);

  it("names each bad property", async () => {
    assert.deepEqual(await failures({ slug: "Bad Slug", name: "x" }), ["slug"]);
    assert.deepEqual(await failures({ slug: "ok", name: "x", rolloutPercent: 101 }), ["rolloutPercent"]);
    assert.deepEqual(await failures({ slug: "ok", name: "x", instruction: "typo" }), ["instruction"]);
    assert.deepEqual(await failures({ slug: "ok", name: "x", variables: [{ default: "a" }] }), [
      "variables[0].name",
    ]);
    assert.deepEqual(await failures({ slug: "ok", name: "x", baseUrl: "http://example.com" }), ["baseUrl"]);
  });

  it("accepts unknown values during preview and defaults rolloutPercent", async () => {
    const result = await host.check(
      "IcAgent",
      {},
      { token: UNKNOWN, slug: UNKNOWN, name: "x", mcpServers: [UNKNOWN] },
    );
    assert.deepEqual(result.failures, []);
    assert.equal(result.inputs.rolloutPercent, 100);
    const diff = await host.diff(
      "IcAgent",
      "agt_1",
      { slug: "a", name: "x", rolloutPercent: 100 },
      result.inputs,
    );
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, ["slug"]);
  });

  it("fails without a token anywhere, naming the config key and both env vars", async () => {
    const saved = { a: process.env.INGRAM_CLOUD_TOKEN, b: process.env.CLOUD_API_KEY };
    delete process.env.INGRAM_CLOUD_TOKEN;
    delete process.env.CLOUD_API_KEY;
    try {
      const result = await host.check("IcAgent", {}, { slug: "ok", name: "x" });
      const reason = result.failures.find((f) => f.property === "token")?.reason ?? "";
      assert.match(reason, /ingram-cloud:token/);
      assert.match(reason, /INGRAM_CLOUD_TOKEN/);
      assert.match(reason, /CLOUD_API_KEY/);
    } finally {
      if (saved.a !== undefined) process.env.INGRAM_CLOUD_TOKEN = saved.a;
      if (saved.b !== undefined) process.env.CLOUD_API_KEY = saved.b;
    }
  });
});
