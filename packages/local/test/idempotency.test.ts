import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RouteArea } from "../src";
import { envelope, startServer, type TestServer } from "./helpers";

/** A create whose `prepare` waits on a gate, so two requests can overlap. */
let openGate: () => void = () => {};
const slowCreate: RouteArea = {
  name: "slow",
  register(api) {
    api.route({
      method: "POST",
      path: "/v1/_probe/slow",
      operationId: "local.probe.slow",
      auth: "tenant",
      status: 201,
      prepare: () => new Promise<void>((resolve) => (openGate = resolve)),
      handler: () => ({ created: true }),
    });
  },
};

describe("Idempotency-Key", () => {
  let s: TestServer;
  let now = Date.parse("2026-05-01T00:00:00Z");
  before(async () => {
    s = await startServer({ extraAreas: [slowCreate], clock: () => new Date(now) });
  });
  after(() => s.close());

  const agentCount = async () => (await s.call("GET", "/v1/agents?limit=200")).body.data.length as number;

  it("same key + same body replays the original status and body, creating once", async () => {
    const before = await agentCount();
    const headers = { "Idempotency-Key": "k-replay" };
    const first = await s.call("POST", "/v1/agents", { body: { name: "Once", model: "m" }, headers });
    // Same body with keys in another order is the same request.
    const second = await s.call("POST", "/v1/agents", { body: { model: "m", name: "Once" }, headers });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.deepEqual(second.body, first.body);
    assert.equal(first.headers["idempotent-replayed"], "false", "a fresh answer says so");
    assert.equal(second.headers["idempotent-replayed"], "true");
    assert.equal(await agentCount(), before + 1);
  });

  it("same key + different body → 422 idempotency_key_reused", async () => {
    const headers = { "Idempotency-Key": "k-reuse" };
    await s.call("POST", "/v1/agents", { body: { name: "A" }, headers });
    const r = await s.call("POST", "/v1/agents", { body: { name: "B" }, headers });
    assert.equal(r.status, 422);
    assert.equal(envelope(r).code, "idempotency_key_reused");
  });

  it("replays an error response too (a 409 stays a 409)", async () => {
    await s.call("POST", "/v1/agents", { body: { name: "dup", slug: "dup" } });
    const headers = { "Idempotency-Key": "k-err" };
    const a = await s.call("POST", "/v1/agents", { body: { name: "dup", slug: "dup" }, headers });
    const b = await s.call("POST", "/v1/agents", { body: { name: "dup", slug: "dup" }, headers });
    assert.equal(a.status, 409);
    assert.equal(a.headers["idempotent-replayed"], "false");
    assert.deepEqual(b.body, a.body);
    assert.equal(b.headers["idempotent-replayed"], "true");
  });

  it("is scoped per token subject and per path", async () => {
    const headers = { "Idempotency-Key": "k-scope" };
    const mine = await s.call("POST", "/v1/agents", { body: { name: "scoped" }, headers });
    const other = await s.newTenant();
    const theirs = await s.call("POST", "/v1/agents", {
      token: other.token,
      body: { name: "scoped" },
      headers,
    });
    assert.equal(theirs.status, 201);
    assert.notEqual(theirs.body.id, mine.body.id);
    const publish = await s.call("POST", `/v1/agents/${mine.body.id}/versions`, {
      body: { name: "scoped" },
      headers,
    });
    assert.equal(publish.status, 201, "same key on another path is another request");
  });

  it("publishing with a key does not publish twice", async () => {
    const a = await s.call("POST", "/v1/agents", { body: { name: "pub" } });
    const headers = { "Idempotency-Key": "k-pub" };
    const v1 = await s.call("POST", `/v1/agents/${a.body.id}/versions`, { body: { note: "n" }, headers });
    const again = await s.call("POST", `/v1/agents/${a.body.id}/versions`, { body: { note: "n" }, headers });
    assert.deepEqual(again.body, v1.body);
    const list = await s.call("GET", `/v1/agents/${a.body.id}/versions`);
    assert.equal(list.body.data.length, 1);
  });

  it("a concurrent request with the key in flight → 409 idempotency_in_progress", async () => {
    const headers = { "Idempotency-Key": "k-flight" };
    const first = s.call("POST", "/v1/_probe/slow", { body: { x: 1 }, headers });
    await new Promise((r) => setTimeout(r, 20));
    const second = await s.call("POST", "/v1/_probe/slow", { body: { x: 1 }, headers });
    assert.equal(second.status, 409);
    assert.equal(envelope(second).code, "idempotency_in_progress");
    openGate();
    assert.equal((await first).status, 201);
    const third = await s.call("POST", "/v1/_probe/slow", { body: { x: 1 }, headers });
    assert.equal(third.status, 201);
    assert.equal(third.headers["idempotent-replayed"], "true");
  });

  it("expires after 24 h", async () => {
    const headers = { "Idempotency-Key": "k-expire" };
    const a = await s.call("POST", "/v1/agents", { body: { name: "exp" }, headers });
    now += 24 * 3600 * 1000 + 1000;
    const b = await s.call("POST", "/v1/agents", { body: { name: "exp" }, headers });
    assert.equal(b.status, 201);
    assert.notEqual(b.body.id, a.body.id);
    assert.equal(b.headers["idempotent-replayed"], "false");
  });

  it("a create without a key says nothing about replays", async () => {
    const r = await s.call("POST", "/v1/agents", { body: { name: "keyless" } });
    assert.equal(r.status, 201);
    assert.equal(r.headers["idempotent-replayed"], undefined);
  });

  it("rejects an over-long key", async () => {
    const r = await s.call("POST", "/v1/agents", {
      body: { name: "x" },
      headers: { "Idempotency-Key": "k".repeat(300) },
    });
    assert.equal(r.status, 422);
    assert.equal(envelope(r).param, "Idempotency-Key");
  });

  it("does not apply to non-create operations (PATCH is naturally idempotent)", async () => {
    const a = await s.call("POST", "/v1/agents", { body: { name: "p" } });
    const headers = { "Idempotency-Key": "k-patch" };
    const one = await s.call("PATCH", `/v1/agents/${a.body.id}`, { body: { model: "a" }, headers });
    const two = await s.call("PATCH", `/v1/agents/${a.body.id}`, { body: { model: "b" }, headers });
    assert.equal(one.status, 200);
    assert.equal(two.status, 200);
    assert.equal(two.body.draft.model, "b");
  });
});
