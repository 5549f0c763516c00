// The provider end to end: the real Pulumi CLI runs the seed's programs (examples/tenant and
// examples/platform, verbatim) and an extras fixture, with @ingram-tech/pulumi-ingram-cloud installed
// from its `npm pack` tarball into a fresh project, against the local API running in-process.
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { verifyWebhook } from "@ingram-tech/ingram-cloud-contract";
import { startReceiver } from "../../packages/pulumi/test/support/receiver";
import { createPulumiProject, type PulumiProject, type PulumiStack, REPO_ROOT } from "./harness/pulumi";
import {
  type Consumer,
  installPackedProvider,
  type LocalApi,
  startLocalApi,
} from "./support/provider-consumer";
import { tenantExampleStack, upTenantExample } from "./support/tenant-example";
import { DYNAMIC } from "./support/tokens";

const SECRETS = {
  mcpSecret: "mcp-shared-secret-e2e",
  botToken: "424242:telegram-secret-e2e",
  anthropicApiKey: "sk-ant-e2e-very-secret",
};
const agentsModule = (name: string, instructions: string) => `
export const AGENT_SPECS = {
  support: { name: ${JSON.stringify(name)}, instructions: ${JSON.stringify(instructions)}, model: "claude-sonnet-4-5", auto_memory: true },
};
`;

let api: LocalApi;
let consumer: Consumer;
before(async () => {
  api = await startLocalApi();
  consumer = await installPackedProvider();
});
after(async () => {
  await api?.close();
  await consumer?.cleanup();
});

async function listAll(urlPath: string, token?: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | undefined;
  do {
    const sep = urlPath.includes("?") ? "&" : "?";
    const res = await api.call(
      "GET",
      `${urlPath}${sep}limit=100${cursor ? `&cursor=${cursor}` : ""}`,
      undefined,
      token,
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    items.push(...res.body.data);
    cursor = res.body.has_more ? res.body.next_cursor : undefined;
  } while (cursor);
  return items;
}
const agentBySlug = async (slug: string) => (await listAll("/v1/agents")).filter((a) => a.slug === slug);
const versionsOf = async (id: string) => listAll(`/v1/agents/${id}/versions`);

describe("seed tenant program", () => {
  let project: PulumiProject;
  let stack: PulumiStack;
  let dir: string;

  before(async () => {
    await consumer.addProgram(path.join(REPO_ROOT, "examples/src"), "src");
    dir = await consumer.addProgram(path.join(REPO_ROOT, "examples/tenant"), "tenant");
    project = await createPulumiProject({ dir, env: { INGRAM_CLOUD_MAX_RETRIES: "0" } });
    stack = await project.initStack("dev", tenantExampleStack(api.baseUrl, api.tenantToken, SECRETS));
  });
  after(async () => project?.cleanup());

  it("up creates every resource with correct outputs", async () => {
    const outputs = await upTenantExample(stack);
    const [support] = await agentBySlug("support");
    assert.equal(support.id, outputs.supportAgentId);
    assert.equal(support.active_version, 1);
    const [agentState] = await stack.resources(DYNAMIC("IcAgent"));
    assert.equal(agentState?.outputs?.rolloutPercent, 100);
  });

  it("a second up changes nothing and writes nothing", async () => {
    await api.resetCounters();
    const up = await stack.up();
    assert.deepEqual(up.changes, { unchanged: 7 }, up.output);
    assert.deepEqual(await api.writes(), {});
  });

  const assertNoPlaintextSecrets = async () => {
    const exported = JSON.stringify(await stack.exportState());
    const hookSecret = String((await stack.outputs({ showSecrets: true })).webhookSigningSecret);
    assert.match(hookSecret, /^whsec_/);
    for (const secret of [api.tenantToken, hookSecret, ...Object.values(SECRETS)]) {
      assert.ok(!exported.includes(secret), `state must not hold ${secret.slice(0, 8)}… in plaintext`);
    }
  };

  it("keeps every secret out of the exported state", assertNoPlaintextSecrets);

  it("a content change previews as one update and publishes exactly one version; a rename publishes none", async () => {
    const [support] = await agentBySlug("support");
    await fs.writeFile(
      path.join(dir, "../src/agents.ts"),
      agentsModule("Support", "You are Acme support. Be brief."),
    );
    const preview = await stack.preview();
    assert.deepEqual(preview.changes, { same: 6, update: 1 }, preview.output);
    await api.resetCounters();
    await stack.up();
    assert.deepEqual(await api.writes(), {
      "PATCH /v1/agents/{aid}": 1,
      "POST /v1/agents/{aid}/versions": 1,
      "POST /v1/agents/{aid}/rollout": 1,
    });
    assert.equal((await versionsOf(support.id)).length, 2);

    await fs.writeFile(
      path.join(dir, "../src/agents.ts"),
      agentsModule("Support desk", "You are Acme support. Be brief."),
    );
    await api.resetCounters();
    await stack.up();
    assert.deepEqual(await api.writes(), { "PATCH /v1/agents/{aid}": 1 });
    assert.equal((await versionsOf(support.id)).length, 2);
  });

  it("refresh prunes a webhook deleted out of band, and up recreates it", async () => {
    const [hook] = await stack.resources(DYNAMIC("IcWebhook"));
    assert.ok(hook?.id);
    assert.equal((await api.call("DELETE", `/v1/tenant/webhooks/${hook.id}`)).status, 204);
    const refresh = await stack.refresh();
    assert.equal(refresh.changes.deleted, 1, refresh.output);
    assert.equal((await stack.resources(DYNAMIC("IcWebhook"))).length, 0);
    const up = await stack.up();
    assert.equal(up.changes.created, 1, up.output);
    const [recreated] = await stack.resources(DYNAMIC("IcWebhook"));
    assert.notEqual(recreated?.id, hook.id);
    assert.ok((await listAll("/v1/tenant/webhooks")).some((w) => w.id === recreated?.id));
  });

  it("an agent draft edited out of band shows as drift and up repairs it", async () => {
    const [support] = await agentBySlug("support");
    await api.call("PATCH", `/v1/agents/${support.id}`, { instructions: "edited in the console" });
    await stack.refresh();
    const preview = await stack.preview();
    assert.equal(preview.changes.update, 1, preview.output);
    await stack.up();
    const live = (await api.call("GET", `/v1/agents/${support.id}`)).body;
    assert.equal(live.draft.instructions, "You are Acme support. Be brief.");
  });

  it("a server error during refresh fails the refresh and keeps the state", async () => {
    const before = (await stack.resources()).map((r) => r.urn).sort();
    await api.setFaults({ "503": 1 });
    try {
      const refresh = await stack.refresh({ expectFailure: true });
      assert.match(refresh.output, /503/);
    } finally {
      await api.setFaults({});
    }
    assert.deepEqual((await stack.resources()).map((r) => r.urn).sort(), before);
  });

  it("still keeps every secret out of state after updates and refreshes", assertNoPlaintextSecrets);

  it("destroy removes everything from the API", async () => {
    await stack.destroy();
    assert.deepEqual(await agentBySlug("support"), []);
    assert.deepEqual(await listAll("/v1/tenant/webhooks"), []);
    assert.deepEqual(await listAll("/v1/tenant/mcp"), []);
    assert.deepEqual((await api.call("GET", "/v1/tenant/model_keys")).body.data, []);
    assert.equal((await api.call("GET", "/v1/tenant/telegram")).body.configured, false);
  });
});

describe("extras: adopt, staged rollout, signed deliveries, credentials out of state", () => {
  let project: PulumiProject;
  let stack: PulumiStack;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let scriptedId: string;

  before(async () => {
    receiver = await startReceiver();
    // A setup script made and published the "adopted" agent before Pulumi existed.
    const made = await api.call("POST", "/v1/agents", {
      name: "Adopted",
      slug: "adopted",
      instructions: "Adopted instructions",
      model: "claude-sonnet-4-5",
    });
    scriptedId = made.body.id;
    await api.call("POST", `/v1/agents/${scriptedId}/versions`, {});
    const routes = (await (await fetch(`${api.baseUrl}/_admin/routes`)).json()) as {
      data: { path: string }[];
    };
    const withWebPage = routes.data.some((r) => r.path === "/v1/deployments");
    const dir = await consumer.addProgram(
      path.join(REPO_ROOT, "test/e2e/fixtures/provider-extras"),
      "extras",
    );
    project = await createPulumiProject({ dir });
    stack = await project.initStack("dev", {
      config: {
        "ingram-cloud:baseUrl": api.baseUrl,
        canaryInstructions: "v1",
        canaryPercent: "100",
        receiverUrl: receiver.url,
        withWebPage: String(withWebPage),
      },
      secrets: { "ingram-cloud:token": api.tenantToken, pagePassword: "page-password-e2e" },
    });
  });
  after(async () => {
    await project?.cleanup();
    await receiver?.close();
  });

  it("adopts the scripted agent without a duplicate or a new version", async () => {
    await stack.up();
    const outputs = await stack.outputs();
    assert.equal(outputs.adoptedAgentId, scriptedId);
    assert.equal((await agentBySlug("adopted")).length, 1);
    assert.equal((await versionsOf(scriptedId)).length, 1);
  });

  it("keeps the token out of state when credentials are left out", async () => {
    // Decrypted, so an encrypted copy would show too. (The export's stack config may hold it: that is
    // where the user put it; resources must not.)
    const exported = await stack.exportState({ showSecrets: true });
    const ours = (exported.deployment.resources ?? []).filter((r) => r.type.startsWith(DYNAMIC("")));
    assert.equal(ours.length, (await stack.resources()).filter((r) => r.type.startsWith(DYNAMIC(""))).length);
    assert.ok(ours.length >= 3);
    assert.ok(
      !JSON.stringify(ours).includes(api.tenantToken),
      "not even encrypted: the token is simply not there",
    );
  });

  it("stages a content change at 50%, then moving to 100% only moves the rollout", async () => {
    await stack.setConfig("canaryInstructions", "v2");
    await stack.setConfig("canaryPercent", "50");
    await stack.up();
    let out = await stack.outputs();
    assert.deepEqual(
      [out.canaryActiveVersion, out.canaryRolloutVersion, out.canaryRolloutPercent],
      [1, 2, 50],
    );

    await stack.setConfig("canaryPercent", "100");
    await api.resetCounters();
    await stack.up();
    assert.deepEqual(await api.writes(), { "POST /v1/agents/{aid}/rollout": 1 });
    out = await stack.outputs();
    assert.deepEqual([out.canaryActiveVersion, out.canaryRolloutVersion], [2, 2]);
    assert.equal((await versionsOf(String(out.canaryAgentId))).length, 2);
  });

  it("the webhook secret output verifies the API's signed test delivery", async () => {
    const out = await stack.outputs({ showSecrets: true });
    const seen = receiver.received.length;
    const res = await api.call("POST", `/v1/tenant/webhooks/${out.hookId}/test`, {});
    assert.equal(res.status, 200, JSON.stringify(res.body));
    for (let i = 0; i < 100 && receiver.received.length === seen; i++)
      await new Promise((r) => setTimeout(r, 20));
    const delivery = receiver.received.at(-1);
    assert.ok(delivery, "delivery received");
    assert.ok(verifyWebhook(String(out.hookSecret), delivery.headers, delivery.body).ok);
    assert.throws(() =>
      verifyWebhook(
        String(out.hookSecret),
        delivery.headers,
        Buffer.concat([delivery.body, Buffer.from(" ")]),
      ),
    );
  });

  it("destroy archives the adopted agent too", async () => {
    await stack.destroy();
    assert.deepEqual(await agentBySlug("adopted"), []);
    assert.deepEqual(await agentBySlug("canary"), []);
  });
});

describe("seed platform program", () => {
  let project: PulumiProject;
  let stack: PulumiStack;

  before(async () => {
    const dir = await consumer.addProgram(path.join(REPO_ROOT, "examples/platform"), "platform");
    project = await createPulumiProject({ dir });
    stack = await project.initStack("prod", {
      config: { "ingram-cloud:baseUrl": api.baseUrl },
      secrets: { "ingram-cloud:token": api.orgKey },
    });
  });
  after(async () => project?.cleanup());

  it("adopts a script-made project, mints a working tenant token, revokes it on destroy", async () => {
    const made = await api.call("POST", "/v1/organization/projects", { name: "acme" }, api.orgKey);
    assert.equal(made.status, 201);
    await stack.up();
    const out = await stack.outputs({ showSecrets: true });
    assert.equal(out.acmeProjectId, made.body.id, "adopted by name");
    assert.equal((await listAll("/v1/organization/projects?name=acme", api.orgKey)).length, 1);
    const token = String(out.acmeToken);
    assert.match(token, /^tha_live_/);
    assert.equal((await stack.outputs()).acmeToken, "[secret]");
    assert.ok(!JSON.stringify(await stack.exportState()).includes(token), "project token encrypted in state");
    assert.equal(
      (await api.call("GET", "/v1/agents", undefined, token)).status,
      200,
      "works as a tenant token",
    );

    await api.resetCounters();
    await stack.up();
    assert.deepEqual(await api.writes(), {}, "no re-mint on a no-op up");

    await stack.destroy();
    assert.equal((await api.call("GET", "/v1/agents", undefined, token)).status, 401, "revoked");
  });
});
