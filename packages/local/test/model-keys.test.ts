import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { envelope, startServer, type TestServer } from "./helpers";

describe("model keys, models and hosted tools", () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  it("PUT stores presence only; list and DELETE", async () => {
    const put = await s.call("PUT", "/v1/tenant/model_keys/anthropic", {
      body: { api_key: "sk-ant-very-secret", workspace_id: "wrkspc_1" },
    });
    assert.equal(put.status, 200);
    assert.deepEqual(put.body, {
      provider: "anthropic",
      configured: true,
      base_url: null,
      workspace_id: "wrkspc_1",
    });
    await s.call("PUT", "/v1/tenant/model_keys/openai", {
      body: { api_key: "sk-openai-secret", base_url: "http://127.0.0.1:1234/v1" },
    });
    const list = await s.call("GET", "/v1/tenant/model_keys");
    assert.deepEqual(
      list.body.data.map((k: { provider: string; has_key: boolean; base_url: string | null }) => [
        k.provider,
        k.has_key,
        k.base_url,
      ]),
      [
        ["anthropic", true, null],
        ["openai", true, "http://127.0.0.1:1234/v1"],
      ],
    );
    assert.ok(!list.text.includes("secret"));
    // Full replace: omitting base_url clears it.
    const replaced = await s.call("PUT", "/v1/tenant/model_keys/openai", { body: { api_key: "sk-2" } });
    assert.equal(replaced.body.base_url, null);
    assert.equal((await s.call("DELETE", "/v1/tenant/model_keys/openai")).status, 204);
    assert.equal((await s.call("DELETE", "/v1/tenant/model_keys/openai")).status, 404);
  });

  it("validates provider, key, workspace_id and base_url", async () => {
    const cases: [string, unknown, string, string][] = [
      ["bedrockish", { api_key: "k" }, "unknown_provider", "provider"],
      ["openai", { api_key: "" }, "empty_key", "api_key"],
      ["openai", {}, "empty_key", "api_key"],
      ["openai", { api_key: "k", workspace_id: "w" }, "workspace_id_unsupported", "workspace_id"],
      ["openai", { api_key: "k", base_url: "not a url" }, "invalid_url", "base_url"],
      ["google", { api_key: "k", base_url: "http://127.0.0.1/x" }, "invalid_input", "base_url"],
    ];
    for (const [provider, body, code, param] of cases) {
      const r = await s.call("PUT", `/v1/tenant/model_keys/${provider}`, { body });
      assert.equal(r.status, 422, `${provider} ${JSON.stringify(body)}`);
      assert.deepEqual([envelope(r).code, envelope(r).param], [code, param]);
    }
  });

  it("models: hosted providers are available, BYOK switches the source, providers list matches", async () => {
    const before = await s.call("GET", "/v1/tenant/models");
    const mistral = () => before.body.data.find((m: { id: string }) => m.id === "mistral-large-latest");
    assert.deepEqual(mistral(), {
      id: "mistral-large-latest",
      provider: "mistral",
      label: "Mistral Large",
      available: false,
      source: null,
    });
    assert.equal(before.body.data.find((m: { id: string }) => m.id === "gpt-5").source, "hosted");
    assert.deepEqual(
      before.body.providers.map((p: { id: string }) => p.id),
      ["openai", "anthropic", "google", "mistral"],
    );
    await s.call("PUT", "/v1/tenant/model_keys/mistral", { body: { api_key: "m-key" } });
    const after = await s.call("GET", "/v1/tenant/models");
    const m = after.body.data.find((x: { id: string }) => x.id === "mistral-large-latest");
    assert.deepEqual([m.available, m.source], [true, "byok"]);
    const smith = await s.smithToken(["runs:read"]);
    assert.equal((await s.call("GET", "/v1/tenant/models", { token: smith })).status, 200);
  });

  it("hosted tools list the documented names with titles", async () => {
    const r = await s.call("GET", "/v1/tenant/hosted_tools");
    assert.deepEqual(
      r.body.data.map((t: { name: string }) => t.name),
      ["web_search", "web_fetch", "calculator", "reasoning", "file_search", "run_command"],
    );
    assert.ok(r.body.data.every((t: { title: string; description: string }) => t.title && t.description));
  });
});
