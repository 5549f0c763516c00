// One scenario for every language on the native plugin beyond Node.js (native-python/-go/-bun tests): a program with an
// IcAgent, an IcWebhook and an IcModelKey on the native plugin against the in-process local API.
// `up` creates all three; raising the stack config `revision` from 1 to 2 changes the agent's
// instructions and the webhook's events, which must update in place; the next `up` changes
// nothing and writes nothing; `destroy` removes everything from the API.
//
// Each language's program reads config `revision` and `anthropicKey` (secret) and exports
// `agentId`, `webhookId` and `webhookSecret`, with
//   instructions = "You are Acme's support agent (rev <revision>)."
//   events       = revision 1: ["run.completed"]; otherwise ["run.completed", "approval.required"]
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type LocalApi, startLocalApi } from "../../../packages/pulumi/test/support/local-api";
import { createPulumiProject, type PulumiProject, type PulumiStack } from "../harness/pulumi";
import { NATIVE, NATIVE_TEST_ENV, nativePlugin, writeProgram } from "./native";

export interface SdkProgram {
  /** Files of the program dir, Pulumi.yaml included. */
  files: Record<string, string> & { "Pulumi.yaml": string };
  /** Runs in the written dir before the first `pulumi` command (e.g. `go mod tidy`). */
  prepare?: (dir: string) => Promise<void>;
  /** Extra environment for every CLI command (e.g. PATH with bun). */
  env?: Record<string, string>;
}

/** Pulumi.yaml naming the runtime (with options) and loading the plugin from a directory. */
export function sdkPulumiYaml(runtime: string, options: Record<string, string>, pluginDir: string): string {
  const opts = Object.entries(options)
    .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`)
    .join("");
  return (
    `name: acme-${runtime}\n` +
    `runtime:\n  name: ${runtime}\n${opts ? `  options:\n${opts}` : ""}` +
    `plugins:\n  providers:\n    - name: ingram-cloud\n      path: ${JSON.stringify(pluginDir)}\n`
  );
}

export const instructionsFor = (revision: number) => `You are Acme's support agent (rev ${revision}).`;
export const eventsFor = (revision: number) =>
  revision === 1 ? ["run.completed"] : ["run.completed", "approval.required"];

/** Registers the scenario as a test suite. `makeProgram` gets the plugin's directory. */
export function describeSdkLifecycle(
  language: string,
  makeProgram: (pluginDir: string) => Promise<SdkProgram>,
): void {
  describe(`${language} program on the native plugin`, () => {
    let api: LocalApi;
    let project: PulumiProject;
    let stack: PulumiStack;
    let ids: { agentId: string; webhookId: string };

    const get = async (urlPath: string) => {
      const res = await fetch(`${api.baseUrl}${urlPath}`, {
        headers: { authorization: `Bearer ${api.tenantToken}`, "ic-api-version": "2026-05-01" },
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const webhooks = async () =>
      ((await get("/v1/tenant/webhooks?limit=200")).body.data as Array<{
        id: string;
        url: string;
        events: string[];
      }>) ?? [];
    const modelKeys = async () =>
      (await get("/v1/tenant/model_keys")).body.data as Array<{ provider: string }>;
    const assertApiAt = async (revision: number) => {
      const agent = await get(`/v1/agents/${ids.agentId}`);
      assert.equal(agent.status, 200);
      assert.equal((agent.body.draft as { instructions: string }).instructions, instructionsFor(revision));
      const hook = (await webhooks()).find((w) => w.id === ids.webhookId);
      assert.deepEqual([...(hook?.events ?? [])].sort(), [...eventsFor(revision)].sort());
      assert.deepEqual(
        (await modelKeys()).map((k) => k.provider),
        ["anthropic"],
      );
    };

    before(async () => {
      api = await startLocalApi();
      const program = await makeProgram((await nativePlugin()).binDir);
      const dir = await writeProgram(`native-${language.toLowerCase()}`, program.files);
      await program.prepare?.(dir);
      project = await createPulumiProject({
        dir,
        env: { ...NATIVE_TEST_ENV, ...program.env },
        removeDirOnCleanup: true,
      });
      stack = await project.initStack("dev", {
        config: { "ingram-cloud:baseUrl": api.baseUrl, revision: "1" },
        secrets: { "ingram-cloud:token": api.tenantToken, anthropicKey: "sk-ant-from-config" },
      });
    });
    after(async () => {
      await project?.cleanup();
      await api?.close();
    });

    it("up creates the agent, the webhook and the model key", async () => {
      const result = await stack.up();
      assert.deepEqual(result.changes, { created: 4 }, result.output);
      const outputs = await stack.outputs({ showSecrets: true });
      ids = { agentId: String(outputs.agentId), webhookId: String(outputs.webhookId) };
      assert.match(ids.agentId, /^agt_/);
      assert.match(ids.webhookId, /^wh_/);
      assert.match(String(outputs.webhookSecret), /^whsec_/);
      assert.equal((await stack.outputs()).webhookSecret, "[secret]", "the signing secret stays a secret");
      for (const type of ["IcAgent", "IcWebhook", "IcModelKey"]) {
        assert.equal((await stack.resources(NATIVE(type))).length, 1, type);
      }
      await assertApiAt(1);
    });

    it("a changed field updates in place", async () => {
      await stack.setConfig("revision", "2");
      const result = await stack.up();
      assert.deepEqual(result.changes, { updated: 2, unchanged: 2 }, result.output);
      const outputs = await stack.outputs();
      assert.deepEqual({ agentId: outputs.agentId, webhookId: outputs.webhookId }, ids, "same objects");
      await assertApiAt(2);
    });

    it("the next up changes nothing and writes nothing", async () => {
      await api.resetCounters();
      const result = await stack.up();
      assert.deepEqual(result.changes, { unchanged: 4 }, result.output);
      assert.deepEqual(await api.writes(), {});
    });

    it("destroy removes everything", async () => {
      const result = await stack.destroy();
      assert.deepEqual(result.changes, { deleted: 4 }, result.output);
      assert.equal((await get(`/v1/agents/${ids.agentId}`)).status, 404);
      assert.equal(
        (await webhooks()).find((w) => w.id === ids.webhookId),
        undefined,
      );
      assert.deepEqual(await modelKeys(), []);
    });
  });
}
