import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { envelope, startServer, type TestServer } from "./helpers";

describe("cursor pagination", () => {
  let s: TestServer;
  const created: string[] = [];
  before(async () => {
    s = await startServer();
    for (let i = 0; i < 7; i++)
      created.push((await s.call("POST", "/v1/agents", { body: { name: `page ${i}` } })).body.id);
  });
  after(() => s.close());

  it("walks every page newest first with no duplicates", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await s.call(
        "GET",
        `/v1/agents?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      assert.equal(r.status, 200);
      assert.ok(r.body.data.length <= 3);
      seen.push(...r.body.data.map((a: { id: string }) => a.id));
      assert.equal(r.body.has_more, r.body.next_cursor !== null);
      cursor = r.body.next_cursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [...created].reverse());
  });

  it("items created between pages do not shift later pages", async () => {
    const first = await s.call("GET", "/v1/agents?limit=2");
    await s.call("POST", "/v1/agents", { body: { name: "late" } });
    const second = await s.call("GET", `/v1/agents?limit=2&cursor=${first.body.next_cursor}`);
    const ids = [...first.body.data, ...second.body.data].map((a: { id: string }) => a.id);
    assert.equal(new Set(ids).size, 4);
    assert.deepEqual(
      second.body.data.map((a: { id: string }) => a.id),
      [created[4], created[3]],
    );
  });

  it("defaults to 50 and clamps to 200", async () => {
    for (let i = 0; i < 45; i++) await s.call("POST", "/v1/agents", { body: { name: `bulk ${i}` } });
    const d = await s.call("GET", "/v1/agents");
    assert.equal(d.body.data.length, 50);
    assert.equal(d.body.has_more, true);
    const big = await s.call("GET", "/v1/agents?limit=1000");
    assert.equal(big.status, 200);
    assert.equal(big.body.data.length, 53);
    assert.equal(big.body.has_more, false);
    assert.equal(big.body.next_cursor, null);
  });

  for (const limit of ["0", "-1", "abc", "1.5", "1e3"]) {
    it(`limit=${limit} → 400 invalid_limit`, async () => {
      const r = await s.call("GET", `/v1/agents?limit=${limit}`);
      assert.equal(r.status, 400);
      assert.equal(envelope(r).code, "invalid_limit");
      assert.equal(envelope(r).param, "limit");
    });
  }

  for (const cursor of [
    "garbage",
    Buffer.from('{"v":1,"s":"x"}').toString("base64url"),
    Buffer.from("[]").toString("base64url"),
  ]) {
    it(`cursor=${cursor} → 400 invalid_cursor`, async () => {
      const r = await s.call("GET", `/v1/agents?cursor=${cursor}`);
      assert.equal(r.status, 400);
      assert.equal(envelope(r).code, "invalid_cursor");
    });
  }

  it("the same helper pages tokens, projects and versions", async () => {
    for (let i = 0; i < 3; i++)
      await s.call("POST", "/v1/tenant/tokens", { body: { scope: "admin", name: `t${i}` } });
    const t = await s.call("GET", "/v1/tenant/tokens?limit=2");
    assert.equal(t.body.data.length, 2);
    assert.equal(t.body.data[0].name, "t2");
    const agent = created[0]!;
    for (let i = 0; i < 3; i++) await s.call("POST", `/v1/agents/${agent}/versions`, { body: {} });
    const v = await s.call("GET", `/v1/agents/${agent}/versions?limit=2`);
    assert.deepEqual(
      v.body.data.map((x: { version: number }) => x.version),
      [3, 2],
    );
    const v2 = await s.call("GET", `/v1/agents/${agent}/versions?limit=2&cursor=${v.body.next_cursor}`);
    assert.deepEqual(
      v2.body.data.map((x: { version: number }) => x.version),
      [1],
    );
  });
});
