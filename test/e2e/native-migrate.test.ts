// Moving an existing stack from the dynamic classes to the native plugin without recreating anything:
// the seed's tenant program goes up with `@ingram-tech/pulumi-ingram-cloud` (dynamic resources owned by
// the `pulumi-nodejs` provider), then its import changes to `…/native` and nothing else. The native
// classes alias their dynamic type, so the engine matches every resource to its old state, lets the
// ingram-cloud provider diff it, and finds no change. The plugin loads from `plugins.providers`.
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { type LocalApi, startLocalApi } from "../../packages/pulumi/test/support/local-api";
import { createPulumiProject, type PulumiProject, type PulumiStack } from "./harness/pulumi";
import {
  DYNAMIC,
  NATIVE,
  NATIVE_TEST_ENV,
  nativePlugin,
  pulumiYaml,
  tenantProgram,
  writeProgram,
} from "./support/native";
import { tenantExampleStack } from "./support/tenant-example";

const IC_TYPES = ["IcAgent", "IcMcpServer", "IcTelegramBot", "IcWebhook", "IcModelKey"];

describe("moving the tenant stack from dynamic to native", () => {
  let api: LocalApi;
  let project: PulumiProject;
  let stack: PulumiStack;
  let dir: string;
  let idsBefore: Record<string, string | undefined>;

  const ids = async (token: (name: string) => string) => {
    const all = await stack.resources();
    return Object.fromEntries(
      all
        .filter((r) => IC_TYPES.some((t) => r.type === token(t)))
        .map((r) => [r.urn.split("::").pop(), r.id]),
    );
  };

  before(async () => {
    api = await startLocalApi();
    const { binDir } = await nativePlugin();
    dir = await writeProgram("native-migrate", {
      "Pulumi.yaml": pulumiYaml("acme-tenant", binDir),
      ...(await tenantProgram("@ingram-tech/pulumi-ingram-cloud")),
    });
    project = await createPulumiProject({ dir, env: NATIVE_TEST_ENV, removeDirOnCleanup: true });
    stack = await project.initStack(
      "dev",
      tenantExampleStack(api.baseUrl, api.tenantToken, {
        mcpSecret: "mcp-secret-migrate",
        botToken: "454545:telegram-migrate",
        anthropicApiKey: "sk-ant-migrate",
      }),
    );
  });
  after(async () => {
    await project?.cleanup();
    await api?.close();
  });

  it("starts as dynamic resources", async () => {
    const up = await stack.up();
    assert.equal(up.changes.created, 7, up.output);
    idsBefore = await ids(DYNAMIC);
    assert.equal(Object.keys(idsBefore).length, 6);
  });

  it("after switching the import to /native, preview shows every resource as the same", async () => {
    const native = await tenantProgram("@ingram-tech/pulumi-ingram-cloud/native");
    await fs.writeFile(path.join(dir, "index.ts"), native["index.ts"]!);
    const preview = await stack.preview();
    assert.deepEqual(preview.changes, { same: 7 }, preview.output);
  });

  it("up moves every resource to ingram-cloud:index:<Name> with zero API writes", async () => {
    await api.resetCounters();
    const up = await stack.up();
    assert.equal(up.changes.created ?? 0, 0, up.output);
    assert.equal(up.changes.deleted ?? 0, 0, up.output);
    assert.equal(up.changes.replaced ?? 0, 0, up.output);
    assert.deepEqual(await api.writes(), {});
    assert.deepEqual(await ids(NATIVE), idsBefore, "same ids, now under the native type");
    assert.deepEqual(await ids(DYNAMIC), {});
    const providers = (await stack.resources()).filter((r) => r.type.startsWith("pulumi:providers:"));
    assert.deepEqual(
      providers.map((p) => p.type),
      ["pulumi:providers:ingram-cloud"],
    );
  });

  it("then a second up and a refresh change nothing", async () => {
    await api.resetCounters();
    const up = await stack.up();
    assert.deepEqual(up.changes, { unchanged: 7 }, up.output);
    const refresh = await stack.refresh();
    assert.deepEqual(refresh.changes, { unchanged: 7 }, refresh.output);
    assert.deepEqual(await api.writes(), {});
  });

  it("destroy runs on the native plugin", async () => {
    const destroy = await stack.destroy();
    assert.equal(destroy.changes.deleted, 7, destroy.output);
    const hooks = await api.client.get("/v1/tenant/webhooks", {
      schema: { parse: (v: unknown) => v as { data: unknown[] } },
    });
    assert.deepEqual(hooks.data, []);
  });
});
