import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { WebhookCreateOut, WebhookListOut } from "@ingram-tech/ingram-cloud-contract";
import { IcClient } from "../src/client/http";
import * as host from "../src/dynamic/host";
import { createOnce, stableCreateKey } from "../src/resources/create-once";
import { type LocalApi, startLocalApi } from "./support/local-api";
import { json, scriptedFetch } from "./support/scripted-fetch";

let api: LocalApi;
before(async () => {
  api = await startLocalApi();
});
after(() => api.close());

const URN = "urn:pulumi:dev::acme::pulumi-nodejs:dynamic/ingram-cloud:IcWebhook::events";

/** check + create as the engine drives the dynamic host, with the URN the class passes. */
async function createWebhook(urn: string, url: string) {
  const args = { baseUrl: api.baseUrl, token: api.tenantToken, url, [host.URN_KEY]: urn };
  const checked = await host.check("IcWebhook", {}, args);
  assert.deepEqual(checked.failures, []);
  return host.create("IcWebhook", checked.inputs);
}

async function webhookIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const w of api.client.list("/v1/tenant/webhooks", WebhookListOut)) ids.push(w.id);
  return ids;
}

describe("creates keyed by URN and inputs (a lost create answer is adopted, never orphaned)", () => {
  it("the same resource creating the same object again gets the first object back, secret included", async () => {
    const first = await createWebhook(URN, "https://hooks.example.com/a");
    await api.resetCounters();
    // What the next `pulumi up` does after a run that never received this answer.
    const again = await createWebhook(URN, "https://hooks.example.com/a");
    assert.equal(again.id, first.id);
    assert.equal(again.outs.secret, first.outs.secret);
    assert.deepEqual(await api.writes(), { "POST /v1/tenant/webhooks": 1 }, "a replay, no second object");
    assert.equal((await webhookIds()).filter((id) => id === first.id).length, 1);
  });

  it("other inputs or another resource are other objects", async () => {
    const a = await createWebhook(URN, "https://hooks.example.com/b");
    const changed = await createWebhook(URN, "https://hooks.example.com/b2");
    const other = await createWebhook(`${URN}-2`, "https://hooks.example.com/b");
    assert.equal(new Set([a.id, changed.id, other.id]).size, 3);
  });

  it("a replay naming an object deleted since creates a new one, and that one is keyed stably too", async () => {
    const gone = await createWebhook(URN, "https://hooks.example.com/c");
    await host.remove("IcWebhook", gone.id, gone.outs);
    await api.resetCounters();
    const fresh = await createWebhook(URN, "https://hooks.example.com/c");
    assert.notEqual(fresh.id, gone.id);
    assert.deepEqual(await api.counters(), {
      "POST /v1/tenant/webhooks": 2,
      "GET /v1/tenant/webhooks": 1,
    });
    assert.ok((await webhookIds()).includes(fresh.id));
    const replayed = await createWebhook(URN, "https://hooks.example.com/c");
    assert.equal(replayed.id, fresh.id, "the derived key replays the new object");
  });

  it("the key is the same for equal inputs in any key order, and differs by URN and token", () => {
    const inputs = { url: "u", events: [], active: true };
    const key = stableCreateKey(URN, inputs, "tha_live_a");
    assert.equal(key, stableCreateKey(URN, { active: true, events: [], url: "u" }, "tha_live_a"));
    assert.notEqual(key, stableCreateKey(`${URN}x`, inputs, "tha_live_a"));
    assert.notEqual(key, stableCreateKey(URN, inputs, "tha_live_b"), "an HMAC keyed by the token");
    assert.match(key, /^pulumi-[A-Za-z0-9_-]{43}$/);
  });
});

describe("createOnce against an API that does not mark replays", () => {
  const created = { id: "wh_1", url: "https://x", events: [], active: true, secret: "whsec_abc" };
  /** createOnce of a webhook over scripted answers; `exists` answers the existence check. */
  const createOver = (answers: Response[], exists: () => Promise<boolean> = async () => true) => {
    const { fetchImpl, seen } = scriptedFetch(answers);
    const client = new IcClient({ baseUrl: "http://127.0.0.1:1", token: "tha_live_t", fetch: fetchImpl });
    const result = createOnce(
      { client, createKey: "pulumi-key" },
      { path: "/v1/tenant/webhooks", body: {}, schema: WebhookCreateOut, exists },
    );
    return { result, seen };
  };
  const apiError = (status: number, code: string, headers: Record<string, string> = {}) =>
    json(status, { error: { message: code, type: "invalid_request_error", param: null, code } }, headers);

  it("checks that the object exists (one call), then returns it", async () => {
    let checks = 0;
    const { result, seen } = createOver([json(201, created)], async () => ++checks > 0);
    assert.equal((await result).id, "wh_1");
    assert.equal(checks, 1);
    assert.equal(seen[0]?.headers["Idempotency-Key"], "pulumi-key");
  });

  it("tries a 4xx that may be a replay once more under a random key, and reports a second 4xx", async () => {
    const { result, seen } = createOver([apiError(409, "unsupported"), apiError(409, "unsupported")]);
    await assert.rejects(result, /409 unsupported/);
    assert.equal(seen.length, 2);
    assert.equal(seen[0]?.headers["Idempotency-Key"], "pulumi-key");
    assert.notEqual(seen[1]?.headers["Idempotency-Key"], "pulumi-key");
  });

  it("does not retry a 4xx the server marks as fresh", async () => {
    const { result, seen } = createOver([apiError(400, "invalid_url", { "Idempotent-Replayed": "false" })]);
    await assert.rejects(result, /invalid_url/);
    assert.equal(seen.length, 1);
  });

  it("a replay of a deleted object is created again under a derived key, then returned", async () => {
    const second = { ...created, id: "wh_2" };
    let checks = 0;
    const { result, seen } = createOver([json(201, created), json(201, second)], async () => ++checks > 1);
    assert.equal((await result).id, "wh_2");
    const keys = seen.map((r) => r.headers["Idempotency-Key"]);
    assert.equal(keys[0], "pulumi-key");
    assert.match(keys[1] ?? "", /^pulumi-[A-Za-z0-9_-]{43}$/);
  });
});
