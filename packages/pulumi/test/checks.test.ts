import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as host from "../src/dynamic/host";
import { UNKNOWN } from "../src/resources/lifecycle";

/** The properties check() complains about, sorted. */
async function failing(type: string, args: Record<string, unknown>): Promise<string[]> {
  const { failures } = await host.check(type, {}, { token: "t", ...args });
  for (const f of failures) assert.ok(f.reason.length > 10, `reason for ${f.property} explains the fix`);
  return failures.map((f) => f.property).sort();
}

describe("check validates every resource before any API call", () => {
  it("IcWebhook: URL scheme, known events, defaults", async () => {
    assert.deepEqual(
      await failing("IcWebhook", { url: "https://a.example.com/h", events: ["run.completed", "run"] }),
      [],
    );
    assert.deepEqual(await failing("IcWebhook", { url: "http://a.example.com/h" }), ["url"]);
    assert.deepEqual(
      await failing("IcWebhook", { url: "http://127.0.0.1:9/h" }),
      [],
      "loopback http is fine",
    );
    assert.deepEqual(await failing("IcWebhook", { url: "https://a.example.com", events: ["run.exploded"] }), [
      "events[0]",
    ]);
    assert.deepEqual(await failing("IcWebhook", { url: UNKNOWN, events: [UNKNOWN] }), []);
    const { inputs } = await host.check("IcWebhook", {}, { token: "t", url: "https://a.example.com" });
    assert.deepEqual([inputs.events, inputs.active], [[], true]);
  });

  it("IcMcpServer: url xor catalog, auth kinds and their companions, approval rules", async () => {
    const raw = { serverName: "acme", url: "https://acme.example.com/mcp" };
    assert.deepEqual(await failing("IcMcpServer", { ...raw, authKind: "static", secret: "s3cr3t" }), []);
    assert.deepEqual(await failing("IcMcpServer", { ...raw, authKind: "static" }), ["secret"]);
    assert.deepEqual(await failing("IcMcpServer", { ...raw }), ["authKind"]);
    assert.deepEqual(await failing("IcMcpServer", { ...raw, authKind: "magic" }), ["authKind"]);
    assert.deepEqual(await failing("IcMcpServer", { ...raw, authKind: "oauth" }), ["oauthProvider"]);
    assert.deepEqual(await failing("IcMcpServer", { ...raw, authKind: "none", clientMode: "tenant" }), [
      "clientMode",
    ]);
    assert.deepEqual(await failing("IcMcpServer", { serverName: "x" }), ["url"]);
    assert.deepEqual(await failing("IcMcpServer", { ...raw, catalog: "stripe", authKind: "none" }), [
      "catalog",
    ]);
    assert.deepEqual(
      await failing("IcMcpServer", {
        serverName: "stripe",
        catalog: "stripe",
        toolAllowlist: ["get_balance"],
        approvalPolicy: [
          { match: "create_refund" },
          { match: "x", when: "amount > 5" },
          { require: "approval" },
        ],
      }),
      ["approvalPolicy[1].when", "approvalPolicy[2].match"],
    );
    assert.deepEqual(await failing("IcMcpServer", { ...raw, serverName: "Bad Name", authKind: "none" }), [
      "serverName",
    ]);
  });

  it("IcTelegramBot, IcModelKey, IcWebPage", async () => {
    assert.deepEqual(await failing("IcTelegramBot", { botToken: "123:abc-DEF" }), []);
    assert.deepEqual(await failing("IcTelegramBot", { botToken: "not a token" }), ["botToken"]);
    assert.deepEqual(await failing("IcModelKey", { provider: "anthropic", apiKey: "sk-1" }), []);
    assert.deepEqual(await failing("IcModelKey", { provider: "Anthropic!", apiKey: "" }), [
      "apiKey",
      "provider",
    ]);
    assert.deepEqual(
      await failing("IcModelKey", { provider: "openai", apiKey: "k", providerBaseUrl: "ftp://x" }),
      ["providerBaseUrl"],
    );
    assert.deepEqual(await failing("IcWebPage", { agentId: "agt_1", title: "Hi" }), []);
    assert.deepEqual(await failing("IcWebPage", { title: 5 }), ["agentId", "title"]);
  });
});
