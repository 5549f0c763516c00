// Reliability 2 and 3: the run is interrupted.
//  - `pulumi up` is SIGKILLed (its whole process group: CLI, language host, provider) when about half
//    the creates are done; the documented recovery (`pulumi refresh --clear-pending-creates`, then
//    `pulumi up`) converges with no duplicate and no orphan (an API object that state does not track).
//  - the local API is killed and restarted on the same database and port during an `up`: the run
//    completes or fails cleanly, and the next `up` converges.
import assert from "node:assert/strict";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import {
  createPulumiProject,
  type PulumiProject,
  type PulumiStack,
  type StateResource,
} from "./harness/pulumi";
import {
  ApiProcess,
  duplicates,
  inventory,
  startPulumi,
  successes,
  waitUntil,
  workspaceProgram,
} from "./support/api-process";

const T = (name: string) => `pulumi-nodejs:dynamic/ingram-cloud:${name}`;
const SIZE = { agents: 24, webhooks: 10, projectTokens: 4 };
const CREATES = SIZE.agents + SIZE.webhooks + 1 + SIZE.projectTokens;

/** Creates the API answered so far (agents, webhooks, projects, project tokens). */
async function createsDone(api: ApiProcess): Promise<number> {
  const c = await api.counters();
  return (
    successes(c, "POST /v1/agents") +
    successes(c, "POST /v1/tenant/webhooks") +
    successes(c, "POST /v1/organization/projects") +
    successes(c, "POST /v1/organization/projects/{pid}/tokens")
  );
}

/** API objects of each kind that the stack's state does not track (ids), after a converged run. */
async function orphans(api: ApiProcess, stack: PulumiStack, projectToken: string) {
  const state = await stack.resources();
  const ids = (type: string) =>
    new Set(state.filter((r: StateResource) => r.type === T(type)).map((r) => r.id));
  const agents = (await api.listAll("/v1/agents")).filter(
    (a) => !a.archived_at && a.slug.startsWith("agent-"),
  );
  const hooks = await api.listAll("/v1/tenant/webhooks");
  const projects = (await api.listAll("/v1/organization/projects", api.orgKey)).filter(
    (p) => !p.archived_at && p.name === "rel-platform",
  );
  const tokens = (await api.listAll("/v1/tenant/tokens", projectToken)).filter((t) => !t.revoked_at);
  return {
    agents: agents.filter((a) => !ids("IcAgent").has(a.id)).map((a) => a.slug),
    webhooks: hooks.filter((w) => !ids("IcWebhook").has(w.id)).map((w) => w.id),
    projects: projects.filter((p) => !ids("IcProject").has(p.id)).map((p) => p.id),
    projectTokens: tokens.filter((t) => !ids("IcProjectToken").has(t.id)).map((t) => t.id),
  };
}

async function setUp(api: ApiProcess, name: string) {
  const project = await createPulumiProject({
    dir: await workspaceProgram(path.join(__dirname, "fixtures/reliability")),
  });
  const stack = await project.initStack(name, {
    config: {
      "ingram-cloud:baseUrl": api.baseUrl,
      "rel:agents": String(SIZE.agents),
      "rel:webhooks": String(SIZE.webhooks),
      "rel:projectTokens": String(SIZE.projectTokens),
    },
    secrets: { "ingram-cloud:token": api.tenantToken, "rel:orgKey": api.orgKey },
  });
  return { project, stack };
}

/** Converged: preview has nothing to do, and every declared object exists exactly once. */
async function assertConverged(api: ApiProcess, stack: PulumiStack, label: string) {
  const preview = await stack.preview();
  assert.deepEqual(Object.keys(preview.changes), ["same"], preview.output);
  const outputs = await stack.outputs({ showSecrets: true });
  const token = (outputs.projectTokens as string[])[0]!;
  const inv = await inventory(api, token);
  const dupes = [inv.agents, inv.webhooks, inv.projects, inv.projectTokens].flatMap(duplicates);
  const lost = await orphans(api, stack, token);
  console.log(`[reliability] ${label}: duplicates ${dupes.length}, orphans ${JSON.stringify(lost)}`);
  assert.deepEqual(dupes, []);
  assert.deepEqual(lost, { agents: [], webhooks: [], projects: [], projectTokens: [] });
  assert.equal([...inv.agents.keys()].filter((s) => s.startsWith("agent-")).length, SIZE.agents);
  assert.equal(inv.webhooks.size, SIZE.webhooks);
  assert.equal(inv.projectTokens.size, SIZE.projectTokens);
}

describe("reliability: pulumi up killed mid-run", () => {
  let api: ApiProcess;
  let project: PulumiProject;
  let stack: PulumiStack;

  before(async () => {
    // Some latency so "about half" is a window the poller can hit.
    api = await ApiProcess.start({ args: ["--latency", "40-80ms"] });
    ({ project, stack } = await setUp(api, "killed"));
  });
  after(async () => {
    await project?.cleanup();
    await api?.cleanup();
  });

  it("SIGKILL at ~half the creates, refresh --clear-pending-creates, up: converged, no duplicate, no orphan", async () => {
    const run = startPulumi(project, ["up", "--yes", "--skip-preview", "--stack", stack.name]);
    let killedAt = 0;
    await waitUntil(async () => {
      killedAt = await createsDone(api);
      return killedAt >= CREATES / 2;
    });
    run.killGroup();
    const killed = await run.done;
    assert.equal(killed.signal, "SIGKILL", killed.output);

    const state = await stack.exportState();
    const pending =
      (state.deployment.pending_operations as { type: string; resource: { urn: string } }[]) ?? [];
    const tracked = (state.deployment.resources ?? []).filter((r) => r.type.includes("ingram-cloud")).length;
    console.log(
      `[reliability] killed after ${killedAt}/${CREATES} creates answered: state tracks ${tracked}, ` +
        `${pending.length} pending operation(s): ${pending.map((p) => `${p.type} ${p.resource.urn.split("::").pop()}`).join(", ")}`,
    );

    // The recovery a user runs (README → Troubleshooting): the killed CLI left its lock behind
    // (`pulumi cancel` removes it on a file backend), and pending creates that refresh clears.
    const locked = await stack.refresh({ args: ["--clear-pending-creates"], expectFailure: true });
    assert.match(locked.output, /currently locked/, locked.output);
    await project.run(["cancel", "--yes", "--stack", stack.name]);
    await stack.refresh({ args: ["--clear-pending-creates"] });
    const up = await stack.up();
    console.log(`[reliability] recovery up: ${JSON.stringify(up.changes)}`);

    // Agents and projects adopt by natural key: never an orphan. A webhook or project token whose
    // create was in flight at the kill may exist with no trace in state (no natural key to adopt by);
    // at most one per such pending create. The README's last recovery step deletes them.
    const token = ((await stack.outputs({ showSecrets: true })).projectTokens as string[])[0]!;
    const left = await orphans(api, stack, token);
    const pendingOf = (type: string) =>
      pending.filter((p) => p.resource.urn.includes(`::${T(type)}::`)).length;
    console.log(`[reliability] orphans before cleanup: ${JSON.stringify(left)}`);
    assert.deepEqual([left.agents, left.projects], [[], []]);
    assert.ok(left.webhooks.length <= pendingOf("IcWebhook"), "only in-flight webhook creates may orphan");
    assert.ok(left.projectTokens.length <= pendingOf("IcProjectToken"), "only in-flight mints may orphan");
    const projectId = (await stack.outputs()).projectId as string;
    for (const id of left.webhooks)
      assert.equal((await api.call("DELETE", `/v1/tenant/webhooks/${id}`)).status, 204);
    for (const id of left.projectTokens) {
      const res = await api.call(
        "DELETE",
        `/v1/organization/projects/${projectId}/tokens/${id}`,
        undefined,
        api.orgKey,
      );
      assert.equal(res.status, 204);
    }
    await assertConverged(api, stack, "after kill + recovery");
  });
});

describe("reliability: the API restarts during an up", () => {
  let api: ApiProcess;
  let project: PulumiProject;
  let stack: PulumiStack;

  before(async () => {
    api = await ApiProcess.start({ args: ["--latency", "40-80ms"] });
    ({ project, stack } = await setUp(api, "restarted"));
  });
  after(async () => {
    await project?.cleanup();
    await api?.cleanup();
  });

  it("kill -9 the API mid-run, restart it on the same database: the up completes or fails cleanly, the next up converges", async () => {
    const run = startPulumi(project, ["up", "--yes", "--skip-preview", "--stack", stack.name]);
    await waitUntil(async () => (await createsDone(api)) >= CREATES / 3);
    await api.stop("SIGKILL");
    await new Promise((r) => setTimeout(r, 1500)); // down for a while: clients see refused connections
    await api.launch();
    const first = await run.done;
    console.log(`[reliability] up across an API restart exited ${first.code}`);
    assert.equal(first.signal, null, "the CLI was not killed");
    if (first.code !== 0) {
      // Failing is allowed, but cleanly: a diagnostic naming the call, no crash or hang.
      assert.match(first.output, /error: /, first.output);
      assert.doesNotMatch(first.output, /panic|unhandled|TypeError/i, first.output);
    }
    const state = await stack.exportState();
    const pending = (state.deployment.pending_operations as unknown[]) ?? [];
    if (pending.length > 0) await stack.refresh({ args: ["--clear-pending-creates"] });
    await stack.up();
    await assertConverged(api, stack, "after API restart");
  });
});
