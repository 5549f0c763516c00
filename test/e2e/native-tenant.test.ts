// The seed's tenant program in native mode: the same program with its import switched to
// `@ingram-tech/pulumi-ingram-cloud/native`, the plugin installed from the `build:plugin` tarball with
// `pulumi plugin install … --file`, the real CLI against the local API.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type LocalApi, startLocalApi } from "../../packages/pulumi/test/support/local-api";
import { createPulumiProject, type PulumiProject, type PulumiStack } from "./harness/pulumi";
import {
  NATIVE,
  NATIVE_TEST_ENV,
  nativePlugin,
  PLUGIN_VERSION,
  pulumiYaml,
  tenantProgram,
  writeProgram,
} from "./support/native";
import { tenantExampleStack, upTenantExample } from "./support/tenant-example";

const SECRETS = {
  mcpSecret: "mcp-shared-secret-native",
  botToken: "434343:telegram-secret-native",
  anthropicApiKey: "sk-ant-native-very-secret",
};

describe("seed tenant program on the native plugin (installed from the tarball)", () => {
  let api: LocalApi;
  let project: PulumiProject;
  let stack: PulumiStack;

  before(async () => {
    api = await startLocalApi();
    const { tarball } = await nativePlugin();
    const dir = await writeProgram("native-tenant", {
      "Pulumi.yaml": pulumiYaml("acme-tenant"),
      ...(await tenantProgram("@ingram-tech/pulumi-ingram-cloud/native")),
    });
    project = await createPulumiProject({ dir, env: NATIVE_TEST_ENV, removeDirOnCleanup: true });
    await project.run(["plugin", "install", "resource", "ingram-cloud", PLUGIN_VERSION, "--file", tarball]);
    stack = await project.initStack("dev", tenantExampleStack(api.baseUrl, api.tenantToken, SECRETS));
  });
  after(async () => {
    await project?.cleanup();
    await api?.close();
  });

  it("the installed plugin is listed", async () => {
    const { stdout } = await project.run(["plugin", "ls"]);
    assert.match(stdout, new RegExp(`ingram-cloud\\s+resource\\s+${PLUGIN_VERSION.replace(/\./g, "\\.")}`));
  });

  it("up creates every resource as ingram-cloud:index:<Name>", async () => {
    const outputs = await upTenantExample(stack);
    const types = (await stack.resources()).map((r) => r.type).sort();
    assert.deepEqual(types, [
      NATIVE("IcAgent"),
      NATIVE("IcMcpServer"),
      NATIVE("IcMcpServer"),
      NATIVE("IcModelKey"),
      NATIVE("IcTelegramBot"),
      NATIVE("IcWebhook"),
      "pulumi:providers:ingram-cloud",
      "pulumi:pulumi:Stack",
    ]);
    const agent = await api.client.get(`/v1/agents/${outputs.supportAgentId}`, {
      schema: { parse: (v: unknown) => v as { slug: string; active_version: number } },
    });
    assert.equal(agent.slug, "support", "the slug default comes from the resource name (plugin check)");
    assert.equal(agent.active_version, 1);
  });

  it("a second up changes nothing and writes nothing", async () => {
    await api.resetCounters();
    const up = await stack.up();
    assert.deepEqual(up.changes, { unchanged: 7 }, up.output);
    assert.deepEqual(await api.writes(), {});
  });

  it("state holds no secret in plaintext", async () => {
    const text = JSON.stringify(await stack.exportState());
    const outputs = await stack.outputs({ showSecrets: true });
    for (const value of [...Object.values(SECRETS), api.tenantToken, String(outputs.webhookSigningSecret)]) {
      assert.ok(!text.includes(value), `state must not contain ${value.slice(0, 6)}…`);
    }
  });

  it("destroy removes everything from the API", async () => {
    const outputs = await stack.outputs();
    const destroy = await stack.destroy();
    assert.equal(destroy.changes.deleted, 7, destroy.output);
    const res = await fetch(`${api.baseUrl}/v1/agents/${outputs.supportAgentId}`, {
      headers: { authorization: `Bearer ${api.tenantToken}`, "ic-api-version": "2026-05-01" },
    });
    const body = (await res.json()) as { archived_at?: string | null };
    assert.ok(res.status === 404 || body.archived_at, "the agent is archived");
  });
});
