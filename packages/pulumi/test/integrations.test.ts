import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { McpServerOut, ModelKeyListOut, TelegramBotOut } from "@ingram-tech/ingram-cloud-contract";
import * as host from "../src/dynamic/host";
import { createResource, refreshResource, updateResource } from "./support/engine";
import { type LocalApi, startLocalApi, total } from "./support/local-api";

let api: LocalApi;
before(async () => {
  api = await startLocalApi();
});
after(async () => api.close());

const conn = () => ({ baseUrl: api.baseUrl, token: api.tenantToken });

describe("IcMcpServer", () => {
  it("registers a raw server with a static secret, reports the probe, repairs drift, keeps the secret write-only", async () => {
    const args = {
      ...conn(),
      serverName: "acme",
      url: "http://127.0.0.1:9/api/mcp", // nothing listens: the probe fails, registration still succeeds
      authKind: "static",
      secret: "mcp-shared-secret",
    };
    const server = await createResource("IcMcpServer", args);
    assert.equal(server.id, "acme");
    assert.equal(server.state.toolsDiscovered, 0);
    assert.equal(typeof server.state.discoveryError, "string");
    const live = await api.client.get("/v1/tenant/mcp/acme", { schema: McpServerOut });
    assert.equal(live.auth.kind, "bearer", '"static" maps to the API\'s bearer');
    assert.ok(!JSON.stringify(live).includes("mcp-shared-secret"), "the API never returns the secret");

    // No-op: nothing changes, nothing is called.
    await api.resetCounters();
    const same = await updateResource("IcMcpServer", server, args);
    assert.equal(same.diff.changes, false);
    assert.equal(total(await api.counters()), 0);

    // Out-of-band edit: refresh shows it (in the program's own words), up repairs it.
    await api.client.put("/v1/tenant/mcp/acme", {
      body: { url: "http://127.0.0.1:9/other", auth: { kind: "none" } },
    });
    const refreshed = await refreshResource("IcMcpServer", server);
    assert.ok(refreshed);
    assert.equal(refreshed.inputs.url, "http://127.0.0.1:9/other");
    assert.equal(refreshed.inputs.authKind, "none");
    assert.equal(refreshed.inputs.secret, "mcp-shared-secret", "write-only secret carried from state");
    const repaired = await updateResource("IcMcpServer", refreshed.managed, args);
    assert.equal(repaired.diff.changes, true);
    const back = await api.client.get("/v1/tenant/mcp/acme", { schema: McpServerOut });
    assert.equal(back.url, args.url);
    assert.equal(back.auth.kind, "bearer");

    const renamed = await updateResource("IcMcpServer", repaired.next, { ...args, serverName: "acme-2" });
    assert.deepEqual(renamed.diff.replaces, ["serverName"]);

    await host.remove("IcMcpServer", server.id, repaired.next.state);
    assert.equal(await refreshResource("IcMcpServer", server), null);
  });

  it("registers a catalog preset with an allow-list and approval policy; a reorder is no change", async () => {
    const args = {
      ...conn(),
      serverName: "gh",
      catalog: "github",
      toolAllowlist: ["get_balance", "list_charges", "create_refund"],
      approvalPolicy: [{ match: "create_refund" }],
    };
    const server = await createResource("IcMcpServer", args);
    const live = await api.client.get("/v1/tenant/mcp/gh", { schema: McpServerOut });
    assert.equal(live.catalog_slug, "github");
    assert.deepEqual(live.tool_allowlist?.slice().sort(), ["create_refund", "get_balance", "list_charges"]);
    const refreshed = await refreshResource("IcMcpServer", server);
    assert.ok(refreshed);
    const reordered = await updateResource("IcMcpServer", refreshed.managed, {
      ...args,
      toolAllowlist: ["create_refund", "list_charges", "get_balance"],
    });
    assert.equal(reordered.diff.changes, false);
  });
});

describe("IcTelegramBot", () => {
  it("configures the tenant bot, exposes its identity, and refresh/destroy only touch our bot", async () => {
    const bot = await createResource("IcTelegramBot", { ...conn(), botToken: "123456:secret-token" });
    assert.equal(bot.state.botId, 123456);
    assert.match(String(bot.state.botUsername), /_bot$/);
    assert.ok(String(bot.state.webhookUrl).includes("/v1/telegram/webhook/"));

    await api.resetCounters();
    const same = await updateResource("IcTelegramBot", bot, { ...conn(), botToken: "123456:secret-token" });
    assert.equal(same.diff.changes, false);
    const rotated = await updateResource("IcTelegramBot", bot, {
      ...conn(),
      botToken: "123456:rotated-token",
    });
    assert.deepEqual(rotated.diff.replaces, []);
    assert.deepEqual(await api.writes(), { "PUT /v1/tenant/telegram": 1 });

    // Someone configures another bot: ours is gone, and destroy leaves theirs alone.
    await api.client.put("/v1/tenant/telegram", { body: { bot_token: "999:someone-else" } });
    assert.equal(await refreshResource("IcTelegramBot", rotated.next), null);
    await host.remove("IcTelegramBot", bot.id, rotated.next.state);
    const live = await api.client.get("/v1/tenant/telegram", { schema: TelegramBotOut });
    assert.equal(live.bot_id, 999);
  });
});

describe("IcModelKey", () => {
  it("stores a BYOK key (never read back), diffs base URL/workspace, replaces on provider change", async () => {
    const args = { ...conn(), provider: "anthropic", apiKey: "sk-ant-very-secret" };
    const key = await createResource("IcModelKey", args);
    assert.equal(key.id, "anthropic");
    assert.equal(key.state.configured, true);
    const list = await api.client.get("/v1/tenant/model_keys", { schema: ModelKeyListOut });
    assert.ok(!JSON.stringify(list).includes("sk-ant-very-secret"));

    const refreshed = await refreshResource("IcModelKey", key);
    assert.ok(refreshed);
    assert.equal(refreshed.inputs.apiKey, "sk-ant-very-secret", "carried from state");
    const same = await updateResource("IcModelKey", refreshed.managed, args);
    assert.equal(same.diff.changes, false, "no perpetual diff from null base URL / workspace");

    const moved = await updateResource("IcModelKey", key, {
      ...args,
      providerBaseUrl: "https://gw.example.com/v1",
    });
    assert.deepEqual(moved.diff.replaces, []);
    const swapped = await updateResource("IcModelKey", key, { ...args, provider: "openai" });
    assert.deepEqual(swapped.diff.replaces, ["provider"]);

    await host.remove("IcModelKey", key.id, key.state);
    assert.equal(await refreshResource("IcModelKey", key), null);
  });
});
