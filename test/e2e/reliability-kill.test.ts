// Reliability 2 and 3: the run is interrupted.
//  - `pulumi up` is SIGKILLed (its whole process group: CLI, language host, provider) when about half
//    the creates are done; the documented recovery (`pulumi cancel`, `pulumi refresh
//    --clear-pending-creates`, then `pulumi up`) converges with no duplicate and no orphan (an API
//    object that state does not track): agents and projects are adopted by natural key, and webhooks,
//    project tokens and web pages whose create answer the kill swallowed are replayed by their stable
//    idempotency key.
//  - the local API is killed and restarted on the same database and port during an `up`: the run
//    completes or fails cleanly, and the next `up` converges.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { PulumiProject, PulumiStack } from "./harness/pulumi";
import { ApiProcess, startPulumi, successes, waitUntil } from "./support/api-process";
import { assertConverged, reliabilityStack, type Size } from "./support/reliability";

const SIZE: Size = { agents: 24, webhooks: 10, projectTokens: 4, webPages: 4 };
const CREATES = SIZE.agents + SIZE.webhooks + 1 + SIZE.projectTokens + SIZE.webPages;

/** Creates the API answered so far (agents, webhooks, projects, project tokens, web pages). */
async function createsDone(api: ApiProcess): Promise<number> {
  const c = await api.counters();
  return (
    successes(c, "POST /v1/agents") +
    successes(c, "POST /v1/tenant/webhooks") +
    successes(c, "POST /v1/organization/projects") +
    successes(c, "POST /v1/organization/projects/{pid}/tokens") +
    successes(c, "POST /v1/deployments")
  );
}

describe("reliability: pulumi up killed mid-run", () => {
  let api: ApiProcess;
  let project: PulumiProject;
  let stack: PulumiStack;

  before(async () => {
    // Some latency so "about half" is a window the poller can hit.
    api = await ApiProcess.start({ args: ["--latency", "40-80ms"] });
    ({ project, stack } = await reliabilityStack(api, "killed", SIZE));
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

    await assertConverged(api, stack, SIZE, "after kill + recovery");
  });
});

describe("reliability: the API restarts during an up", () => {
  let api: ApiProcess;
  let project: PulumiProject;
  let stack: PulumiStack;

  before(async () => {
    api = await ApiProcess.start({ args: ["--latency", "40-80ms"] });
    ({ project, stack } = await reliabilityStack(api, "restarted", SIZE));
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
    await assertConverged(api, stack, SIZE, "after API restart");
  });
});
