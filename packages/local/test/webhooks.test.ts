import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { verifyWebhook } from "@ingram-tech/ingram-cloud-contract";
import { webhookDispatcher } from "../src/routes/webhooks";
import { type Receiver, startReceiver } from "./fixtures";
import { envelope, startServer, type TestServer } from "./helpers";

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("webhooks", () => {
  let s: TestServer;
  let rx: Receiver;
  before(async () => {
    rx = await startReceiver(200);
    s = await startServer({ integrations: { webhooks: { attempts: 3, backoffMs: 20, timeoutMs: 15_000 } } });
  });
  after(async () => {
    await s.close();
    await rx.close();
  });

  const create = (body: unknown) => s.call("POST", "/v1/tenant/webhooks", { body });

  it("create returns the whsec_ secret once; list never shows it", async () => {
    const r = await create({ url: rx.url, events: ["run", "webhook.test"] });
    assert.equal(r.status, 201);
    assert.match(r.body.id, /^wh_/);
    assert.match(r.body.secret, /^whsec_/);
    assert.deepEqual(r.body.events, ["run", "webhook.test"]);
    assert.equal(r.body.active, true);
    const list = await s.call("GET", "/v1/tenant/webhooks");
    const item = list.body.data.find((w: { id: string }) => w.id === r.body.id);
    assert.deepEqual(Object.keys(item).sort(), ["active", "created_at", "events", "id", "url"]);
    assert.ok(!list.text.includes(r.body.secret));
  });

  it("validates url and events (unknown names → 422 invalid_input on events)", async () => {
    assert.equal(envelope(await create({ url: "ftp://x" })).code, "invalid_url");
    assert.equal(envelope(await create({})).code, "invalid_url");
    const bad = await create({ url: rx.url, events: ["run", "run.exploded"] });
    assert.equal(bad.status, 422);
    assert.deepEqual([envelope(bad).code, envelope(bad).param], ["invalid_input", "events"]);
    assert.equal(envelope(await create({ url: rx.url, events: ["slack.*"] })).code, "invalid_input");
  });

  it("test fires a signed webhook.test envelope and waits for the first attempt", async () => {
    const hook = await create({ url: rx.url });
    const before = rx.received.length;
    const r = await s.call("POST", `/v1/tenant/webhooks/${hook.body.id}/test`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { delivered: true });
    const got = rx.received[before]!;
    assert.equal(got.headers["content-type"], "application/json");
    verifyWebhook(hook.body.secret, got.headers, got.body);
    const event = JSON.parse(got.body);
    assert.equal(got.headers["x-ic-event-id"], event.id);
    assert.deepEqual(Object.keys(event).sort(), [
      "created_at",
      "data",
      "id",
      "smith_id",
      "tenant_id",
      "type",
      "v",
    ]);
    assert.equal(event.v, 1);
    assert.match(event.id, /^evt_/);
    assert.equal(event.type, "webhook.test");
    assert.equal(event.tenant_id, s.creds.project_id);
    assert.equal(event.smith_id, null);
    assert.throws(() => verifyWebhook("whsec_wrong", got.headers, got.body), /no signature matches/);

    const log = await s.call("GET", `/v1/tenant/webhooks/${hook.body.id}/deliveries`);
    assert.equal(log.body.data.length, 1);
    const d = log.body.data[0];
    assert.deepEqual(
      [d.status, d.attempts, d.last_status, d.last_error, d.event_id, d.event_type, d.next_attempt_at],
      ["succeeded", 1, 200, "", event.id, "webhook.test", null],
    );
    assert.ok(d.delivered_at);
  });

  it("rotation: both secrets sign during the grace window; grace 0 cuts over at once", async () => {
    const hook = await create({ url: rx.url });
    const old = hook.body.secret as string;
    const rot = await s.call("POST", `/v1/tenant/webhooks/${hook.body.id}/rotate_secret`, {
      body: { grace_seconds: 3600 },
    });
    assert.equal(rot.status, 200);
    assert.notEqual(rot.body.secret, old);
    assert.ok(Date.parse(rot.body.previous_secret_expires_at) > Date.now());
    await s.call("POST", `/v1/tenant/webhooks/${hook.body.id}/test`);
    const during = rx.received.at(-1)!;
    verifyWebhook(old, during.headers, during.body);
    verifyWebhook(rot.body.secret, during.headers, during.body);
    assert.equal(String(during.headers["x-ic-signature"]).match(/v1=/g)?.length, 2);

    const cut = await s.call("POST", `/v1/tenant/webhooks/${hook.body.id}/rotate_secret`, {
      body: { grace_seconds: 0 },
    });
    assert.equal(cut.body.previous_secret_expires_at, null);
    await s.call("POST", `/v1/tenant/webhooks/${hook.body.id}/test`);
    const afterCut = rx.received.at(-1)!;
    verifyWebhook(cut.body.secret, afterCut.headers, afterCut.body);
    assert.throws(() => verifyWebhook(rot.body.secret, afterCut.headers, afterCut.body));
    assert.throws(() => verifyWebhook(old, afterCut.headers, afterCut.body));

    const bad = await s.call("POST", `/v1/tenant/webhooks/${hook.body.id}/rotate_secret`, {
      body: { grace_seconds: 604801 },
    });
    assert.equal(bad.status, 422);
    const dflt = await s.call("POST", `/v1/tenant/webhooks/${hook.body.id}/rotate_secret`, { body: {} });
    const graceMs = Date.parse(dflt.body.previous_secret_expires_at) - Date.now();
    assert.ok(graceMs > 86_000_000 && graceMs <= 86_400_000, "default grace is 86400 s");
  });

  it("retries a receiver answering 500, then succeeds; a receiver that never recovers ends dead", async () => {
    const flaky = await startReceiver((n) => (n < 3 ? 500 : 200));
    const hook = await create({ url: flaky.url });
    const r = await s.call("POST", `/v1/tenant/webhooks/${hook.body.id}/test`);
    assert.deepEqual(r.body, { delivered: false });
    const first = (await s.call("GET", `/v1/tenant/webhooks/${hook.body.id}/deliveries`)).body.data[0];
    assert.deepEqual([first.status, first.attempts, first.last_status], ["pending", 1, 500]);
    assert.match(first.last_error, /HTTP 500/);
    assert.ok(first.next_attempt_at);
    await flaky.waitFor(3);
    const done = await until(
      () => s.call("GET", `/v1/tenant/webhooks/${hook.body.id}/deliveries`),
      (res) => res.body.data[0].status !== "pending",
    );
    assert.deepEqual(
      [done.body.data[0].status, done.body.data[0].attempts, done.body.data[0].last_status],
      ["succeeded", 3, 200],
    );
    // Every attempt carries the same event id and a valid signature.
    const ids = new Set(flaky.received.map((x) => x.headers["x-ic-event-id"]));
    assert.equal(ids.size, 1);
    for (const x of flaky.received) verifyWebhook(hook.body.secret, x.headers, x.body);
    await flaky.close();

    const down = await startReceiver(500);
    const dead = await create({ url: down.url });
    await s.call("POST", `/v1/tenant/webhooks/${dead.body.id}/test`);
    const final = await until(
      () => s.call("GET", `/v1/tenant/webhooks/${dead.body.id}/deliveries`),
      (res) => res.body.data[0].status === "dead",
    );
    assert.deepEqual(
      [final.body.data[0].status, final.body.data[0].attempts, final.body.data[0].next_attempt_at],
      ["dead", 3, null],
    );
    assert.equal(down.received.length, 3);

    // Redeliver: one more attempt of the same event; succeeds once the receiver is back.
    down.respond = 200;
    const did = final.body.data[0].id;
    const re = await s.call("POST", `/v1/tenant/webhooks/${dead.body.id}/deliveries/${did}/redeliver`);
    assert.deepEqual(re.body, { delivery_id: did, delivered: true, status: 200 });
    assert.equal(down.received.at(-1)!.headers["x-ic-event-id"], final.body.data[0].event_id);
    const healed = (await s.call("GET", `/v1/tenant/webhooks/${dead.body.id}/deliveries`)).body.data[0];
    assert.deepEqual([healed.status, healed.attempts], ["succeeded", 4]);
    await down.close();
  });

  it("a closed port is a failed attempt with a reason, never a 500", async () => {
    const hook = await create({ url: "http://127.0.0.1:9/hook" });
    const r = await s.call("POST", `/v1/tenant/webhooks/${hook.body.id}/test`);
    assert.deepEqual(r.body, { delivered: false });
    const d = (await s.call("GET", `/v1/tenant/webhooks/${hook.body.id}/deliveries`)).body.data[0];
    assert.equal(d.last_status, null);
    assert.match(d.last_error, /delivery failed/);
  });

  it("non-loopback receivers are not called unless allowed", async () => {
    const hook = await create({ url: "https://hooks.example.invalid/x" });
    await s.call("POST", `/v1/tenant/webhooks/${hook.body.id}/test`);
    const d = (await s.call("GET", `/v1/tenant/webhooks/${hook.body.id}/deliveries`)).body.data[0];
    assert.match(d.last_error, /non-loopback/);
  });

  it("emit delivers to active subscribed webhooks only (exact type or family)", async () => {
    const sub = await startReceiver(200);
    const runs = await create({ url: sub.url, events: ["run"] });
    await create({ url: sub.url, events: ["slack"] });
    const paused = await create({ url: sub.url, events: [], active: false });
    assert.equal(
      (await s.call("PATCH", `/v1/tenant/webhooks/${paused.body.id}`, { body: { active: false } })).status,
      200,
    );
    const ids = s.app.local.store.tx(() =>
      webhookDispatcher(s.app).emit(s.creds.project_id, "run.completed", { run_id: "run_1" }),
    );
    assert.ok(ids.length >= 1);
    const got = await sub.waitFor(1);
    assert.equal(JSON.parse(got[0]!.body).type, "run.completed");
    verifyWebhook(runs.body.secret, got[0]!.headers, got[0]!.body);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(sub.received.length, 1, "the slack-only and the paused webhook got nothing");
    await sub.close();
  });

  it("PATCH changes url/events/active and keeps the secret; DELETE; tenants are isolated", async () => {
    const hook = await create({ url: rx.url, events: ["run"] });
    const p = await s.call("PATCH", `/v1/tenant/webhooks/${hook.body.id}`, {
      body: { events: ["approval"], active: false },
    });
    assert.deepEqual(p.body, { id: hook.body.id });
    const listed = (await s.call("GET", "/v1/tenant/webhooks?limit=200")).body.data.find(
      (w: { id: string }) => w.id === hook.body.id,
    );
    assert.deepEqual([listed.events, listed.active], [["approval"], false]);
    assert.equal(
      envelope(await s.call("PATCH", `/v1/tenant/webhooks/${hook.body.id}`, { body: {} })).code,
      "empty_patch",
    );
    assert.equal(
      envelope(await s.call("PATCH", `/v1/tenant/webhooks/${hook.body.id}`, { body: { events: ["nope"] } }))
        .code,
      "invalid_input",
    );
    await s.call("POST", `/v1/tenant/webhooks/${hook.body.id}/test`);
    verifyWebhook(hook.body.secret, rx.received.at(-1)!.headers, rx.received.at(-1)!.body);

    const other = await s.newTenant();
    for (const [m, path] of [
      ["PATCH", `/v1/tenant/webhooks/${hook.body.id}`],
      ["DELETE", `/v1/tenant/webhooks/${hook.body.id}`],
      ["POST", `/v1/tenant/webhooks/${hook.body.id}/test`],
      ["GET", `/v1/tenant/webhooks/${hook.body.id}/deliveries`],
    ] as const) {
      assert.equal(
        (await s.call(m, path, { token: other.token, body: m === "PATCH" ? { active: true } : undefined }))
          .status,
        404,
      );
    }
    assert.equal((await s.call("DELETE", `/v1/tenant/webhooks/${hook.body.id}`)).status, 204);
    assert.equal((await s.call("DELETE", `/v1/tenant/webhooks/${hook.body.id}`)).status, 404);
    assert.equal((await s.call("GET", `/v1/tenant/webhooks/${hook.body.id}/deliveries`)).status, 404);
  });
});
