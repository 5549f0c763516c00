// Reliability: a create the API carried out but whose answer never reached the provider (what a
// SIGKILLed `pulumi up` or a connection lost after the last retry leaves behind), made deterministic:
// the local API's `drop` fault commits every request and then cuts the connection, and the provider
// gets no retry. The next `pulumi up` must adopt those objects (webhook, project token, web page
// creates carry an Idempotency-Key derived from the URN and inputs, the same in every run), and a
// destroy followed by the same `up` must create new objects, not adopt the deleted ones.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { PulumiProject, PulumiStack } from "./harness/pulumi";
import { ApiProcess } from "./support/api-process";
import { assertConverged, orphans, reliabilityStack, type Size, sizeConfig } from "./support/reliability";
import { DYNAMIC } from "./support/tokens";

const BEFORE: Size = { agents: 2, webhooks: 0, projectTokens: 1, webPages: 0 };
const AFTER: Size = { agents: 2, webhooks: 2, projectTokens: 3, webPages: 2 };

describe("reliability: creates whose answers were lost", () => {
  let api: ApiProcess;
  let project: PulumiProject;
  let stack: PulumiStack;
  /** A live token of the project (lists the project's tokens). */
  let projectToken: string;

  before(async () => {
    api = await ApiProcess.start();
    ({ project, stack } = await reliabilityStack(api, "lost", BEFORE));
    await stack.up();
    projectToken = ((await stack.outputs({ showSecrets: true })).projectTokens as string[])[0]!;
  });
  after(async () => {
    await project?.cleanup();
    await api?.cleanup();
  });

  it("the API holds the objects, state does not; the next up adopts them: no duplicate, no orphan", async () => {
    for (const [key, value] of Object.entries(sizeConfig(AFTER)))
      await project.run(["config", "set", key, value, "--stack", stack.name]);
    await api.setFaults({ drop: 1 });
    // --continue-on-error: every create is attempted, not only those in flight at the first failure.
    const lost = await stack.up({
      args: ["--continue-on-error"],
      expectFailure: true,
      env: { INGRAM_CLOUD_MAX_RETRIES: "0" },
    });
    await api.setFaults({});
    assert.match(lost.output, /socket|closed|terminated|ECONNRESET|fetch failed/i, lost.output);

    // The situation to recover from is real: every new object exists on the API, none in state.
    const untracked = await orphans(api, stack, projectToken);
    console.log(`[reliability] after the lost answers: ${JSON.stringify(untracked)}`);
    assert.equal(untracked.webhooks.length, AFTER.webhooks);
    assert.equal(untracked.projectTokens.length, AFTER.projectTokens - BEFORE.projectTokens);
    assert.equal(untracked.webPages.length, AFTER.webPages);

    await api.resetCounters();
    const up = await stack.up();
    assert.equal(up.changes.created, 6, up.output);
    await assertConverged(api, stack, AFTER, "after lost answers");
    const hooks = await stack.resources(DYNAMIC("IcWebhook"));
    assert.deepEqual(
      hooks.map((h) => h.id).sort(),
      [...untracked.webhooks].sort(),
      "the objects the lost creates made are the ones now in state",
    );
  });

  it("destroy, then the same up: new objects, none of the deleted ones adopted", async () => {
    const before = (await stack.resources(DYNAMIC("IcWebhook"))).map((h) => h.id);
    await stack.destroy();
    await api.resetCounters();
    const up = await stack.up();
    assert.equal(up.changes.created, 11, up.output); // 10 resources and the stack
    const after = (await stack.resources(DYNAMIC("IcWebhook"))).map((h) => h.id);
    assert.equal(after.filter((id) => before.includes(id)).length, 0, "no deleted webhook in state");
    await assertConverged(api, stack, AFTER, "destroy + up");
  });
});
