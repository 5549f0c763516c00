// Reliability 1: a 50-resource stack against a local API that fails 20% of requests (429 and 503
// with Retry-After, connections reset before an answer, and connections dropped AFTER the server
// committed — the case idempotency keys exist for). Three `up`s (create, update everything, refresh +
// update): each must succeed, leave nothing to do, and leave the API holding exactly the declared
// objects — no duplicate agent, webhook, MCP server, model key, project or project token.
import assert from "node:assert/strict";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { type McpFixture, startMcpServer } from "../../packages/local/test/fixtures";
import { createPulumiProject, type PulumiProject, type PulumiStack } from "./harness/pulumi";
import { ApiProcess, type Counters, duplicates, inventory, workspaceProgram } from "./support/api-process";

const SIZE = { agents: 26, webhooks: 8, mcpServers: 6, modelKeys: ["anthropic", "openai"], projectTokens: 6 };
// + 1 Telegram bot + 1 project = 50 resources.
const TOTAL =
  SIZE.agents + SIZE.webhooks + SIZE.mcpServers + SIZE.modelKeys.length + 1 + 1 + SIZE.projectTokens;
const FAULTS = { "429": 0.08, "503": 0.04, reset: 0.04, drop: 0.04 }; // 20% of /v1 requests
const MCP_SECRET = "mcp-secret-reliability-0001";

/** Faults actually injected, from the counters: statuses 429/503, and attempts that got no status. */
function injected(c: Counters): Record<string, number> {
  let s429 = 0;
  let s503 = 0;
  let unanswered = 0;
  for (const { count, statuses } of Object.values(c)) {
    s429 += statuses["429"] ?? 0;
    s503 += statuses["503"] ?? 0;
    unanswered += count - Object.values(statuses).reduce((a, b) => a + b, 0);
  }
  const requests = Object.values(c).reduce((a, b) => a + b.count, 0);
  return { requests, "429": s429, "503": s503, "reset/drop": unanswered };
}

describe("reliability: 50 resources, 20% injected failures, three ups", () => {
  let api: ApiProcess;
  let mcp: McpFixture;
  let project: PulumiProject;
  let stack: PulumiStack;

  before(async () => {
    mcp = await startMcpServer([{ name: "lookup" }, { name: "refund", destructive: true }], MCP_SECRET);
    api = await ApiProcess.start();
    project = await createPulumiProject({
      dir: await workspaceProgram(path.join(__dirname, "fixtures/reliability")),
    });
    stack = await project.initStack("flaky", {
      config: {
        "ingram-cloud:baseUrl": api.baseUrl,
        "rel:agents": String(SIZE.agents),
        "rel:webhooks": String(SIZE.webhooks),
        "rel:mcpServers": String(SIZE.mcpServers),
        "rel:mcpUrl": mcp.url,
        "rel:modelKeys": SIZE.modelKeys.join(","),
        "rel:telegram": "true",
        "rel:projectTokens": String(SIZE.projectTokens),
      },
      secrets: {
        "ingram-cloud:token": api.tenantToken,
        "rel:orgKey": api.orgKey,
        "rel:mcpSecret": MCP_SECRET,
        "rel:apiKey": "sk-reliability-api-key-0001",
        "rel:botToken": "777001:reliability-bot-token",
      },
    });
  });

  after(async () => {
    await project?.cleanup();
    await api?.cleanup();
    await mcp?.close();
  });

  /** Runs one `up` under faults, then checks convergence (faults off) and the API's inventory. */
  async function flakyUp(label: string, variant: string, extraArgs: string[] = []) {
    await stack.setConfig("rel:variant", variant);
    await api.resetCounters();
    await api.setFaults(FAULTS);
    const up = await stack.up({ args: extraArgs }).finally(() => api.setFaults({}));
    const faults = injected(await api.counters());
    console.log(
      `[reliability] ${label}: ${JSON.stringify(up.changes)} in ${(up.durationMs / 1000).toFixed(1)}s; injected ${JSON.stringify(faults)}`,
    );
    assert.ok(
      (faults["429"] ?? 0) + (faults["503"] ?? 0) + (faults["reset/drop"] ?? 0) > 0,
      "faults were injected",
    );

    // Converged: nothing left to do.
    const preview = await stack.preview();
    assert.deepEqual(Object.keys(preview.changes), ["same"], preview.output);
    assert.equal(preview.changes.same, TOTAL + 1, preview.output); // + the stack

    const outputs = await stack.outputs({ showSecrets: true });
    const tokens = outputs.projectTokens as string[];
    const inv = await inventory(api, tokens[0]);
    const found = {
      agents: [...inv.agents.keys()].filter((s) => s.startsWith("agent-")).length,
      webhooks: inv.webhooks.size,
      mcpServers: inv.mcpServers.size,
      modelKeys: inv.modelKeys.size,
      telegram: inv.telegram,
      projects: inv.projects.get("rel-platform") ?? 0,
      projectTokens: [...inv.projectTokens.values()].reduce((a, b) => a + b, 0),
    };
    const dupes = [inv.agents, inv.webhooks, inv.mcpServers, inv.modelKeys, inv.projectTokens].flatMap(
      duplicates,
    );
    console.log(`[reliability] ${label}: API holds ${JSON.stringify(found)}; duplicates: ${dupes.length}`);
    assert.deepEqual(dupes, []);
    assert.deepEqual(found, {
      agents: SIZE.agents,
      webhooks: SIZE.webhooks,
      mcpServers: SIZE.mcpServers,
      modelKeys: SIZE.modelKeys.length,
      telegram: 1,
      projects: 1,
      projectTokens: SIZE.projectTokens,
    });
    // The default tenant holds only our agents (no leftovers of retried creates under other slugs).
    assert.equal(
      [...inv.agents.values()].reduce((a, b) => a + b, 0),
      SIZE.agents,
    );
    return up;
  }

  it("up 1 creates all 50 resources", async () => {
    const up = await flakyUp("up 1 (create)", "v1");
    assert.equal(up.changes.created, TOTAL + 1, up.output);
  });

  it("up 2 updates every agent and webhook in place", async () => {
    const up = await flakyUp("up 2 (update)", "v2");
    assert.equal(up.changes.updated, SIZE.agents + SIZE.webhooks, up.output);
  });

  it("up 3 refreshes everything, then updates again", async () => {
    const up = await flakyUp("up 3 (refresh + update)", "v3", ["--refresh"]);
    assert.equal(up.changes.updated, SIZE.agents + SIZE.webhooks, up.output);
  });

  it("each agent published exactly one version per content change", async () => {
    const agents = (await api.listAll("/v1/agents")).filter((a) => a.slug.startsWith("agent-"));
    for (const a of agents) {
      const versions = await api.listAll(`/v1/agents/${a.id}/versions`);
      assert.equal(versions.length, 3, `${a.slug} has ${versions.length} versions`);
      assert.equal(a.active_version, 3, a.slug);
    }
  });
});
