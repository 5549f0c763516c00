import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { verifyWebhook, WebhookListOut } from "@ingram-tech/ingram-cloud-contract";
import * as host from "../src/dynamic/host";
import { createResource, refreshResource, updateResource } from "./support/engine";
import { type LocalApi, startLocalApi, total } from "./support/local-api";
import { startReceiver } from "./support/receiver";

let api: LocalApi;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
before(async () => {
  api = await startLocalApi();
  receiver = await startReceiver();
});
after(async () => {
  await api.close();
  await receiver.close();
});

const conn = () => ({ baseUrl: api.baseUrl, token: api.tenantToken });

describe("IcWebhook lifecycle", () => {
  it("keeps the once-shown secret through in-place updates and refresh; event order is no change", async () => {
    const args = { ...conn(), url: receiver.url, events: ["run.completed", "approval.required"] };
    await api.resetCounters();
    const hook = await createResource("IcWebhook", args);
    assert.deepEqual(await api.counters(), { "POST /v1/tenant/webhooks": 1 });
    const secret = hook.state.secret as string;
    assert.match(secret, /^whsec_/);
    assert.equal(hook.state.webhookId, hook.id);

    await api.resetCounters();
    const reordered = await updateResource("IcWebhook", hook, {
      ...args,
      events: ["approval.required", "run.completed"],
    });
    assert.equal(reordered.diff.changes, false);
    assert.equal(total(await api.counters()), 0);

    const moved = await updateResource("IcWebhook", hook, {
      ...args,
      url: `${receiver.url}/v2`,
      events: ["run"],
    });
    assert.deepEqual(moved.diff.replaces, [], "url and events patch in place");
    assert.deepEqual(await api.writes(), { "PATCH /v1/tenant/webhooks/{wid}": 1 });
    assert.equal(moved.next.state.secret, secret, "secret survives the update");

    const refreshed = await refreshResource("IcWebhook", moved.next);
    assert.ok(refreshed);
    assert.equal(refreshed.managed.state.secret, secret, "secret survives refresh");
    assert.equal(refreshed.inputs.url, `${receiver.url}/v2`);
  });

  it("signs the test delivery with the secret output (verifyWebhook accepts it, rejects tampering)", async () => {
    const hook = await createResource("IcWebhook", { ...conn(), url: receiver.url, events: [] });
    const before = receiver.received.length;
    await api.client.post(`/v1/tenant/webhooks/${hook.id}/test`, {});
    for (let i = 0; i < 50 && receiver.received.length === before; i++)
      await new Promise((r) => setTimeout(r, 20));
    const delivery = receiver.received.at(-1);
    assert.ok(delivery, "the receiver got the test delivery");
    assert.equal(JSON.parse(delivery.body.toString()).type, "webhook.test");
    assert.ok(verifyWebhook(hook.state.secret as string, delivery.headers, delivery.body).ok);
    assert.throws(() =>
      verifyWebhook(hook.state.secret as string, delivery.headers, Buffer.from(`${delivery.body} `)),
    );
  });

  it("a webhook deleted out of band reads as gone; any other error keeps state", async () => {
    const hook = await createResource("IcWebhook", { ...conn(), url: receiver.url });
    await api.client.delete(`/v1/tenant/webhooks/${hook.id}`);
    assert.equal(await refreshResource("IcWebhook", hook), null);
    const left = [];
    for await (const w of api.client.list("/v1/tenant/webhooks", WebhookListOut))
      if (w.id === hook.id) left.push(w);
    assert.equal(left.length, 0);
    await host.remove("IcWebhook", hook.id, hook.state); // already gone: fine

    const other = await createResource("IcWebhook", { ...conn(), url: receiver.url });
    await assert.rejects(
      host.read("IcWebhook", other.id, { ...other.state, token: "tha_live_wrong" }),
      (err: Error) => /401/.test(err.message) && !err.message.includes("tha_live_wrong"),
    );
  });
});
