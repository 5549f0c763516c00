import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RouteArea } from "../src";
import { envelope, startServer, type TestServer } from "./helpers";

/** Probe routes that fail on purpose, to see what the catch-all answers. */
const probes: RouteArea = {
  name: "probes",
  register(api) {
    api.route({
      method: "GET",
      path: "/v1/_probe/crash",
      operationId: "local.probe.crash",
      auth: "tenant",
      status: 200,
      handler() {
        throw new TypeError("secret internals at /srv/app.js:42");
      },
    });
  },
};

describe("HTTP behaviour", () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ extraAreas: [probes], bodyLimit: 64 * 1024 });
  });
  after(() => s.close());

  describe("IC-Api-Version", () => {
    it("a missing header is accepted (lenient default)", async () => {
      const r = await s.call("GET", "/v1/agents", {
        headers: { "ic-api-version": undefined as unknown as string },
      });
      assert.equal(r.status, 200);
    });
    it("a wrong value → 400 unsupported_api_version", async () => {
      const r = await s.call("GET", "/v1/agents", { headers: { "IC-Api-Version": "2025-01-01" } });
      assert.equal(r.status, 400);
      assert.equal(envelope(r).code, "unsupported_api_version");
      assert.equal(envelope(r).param, "IC-Api-Version");
    });
    it("requireApiVersion makes a missing header a 400", async () => {
      const strict = await startServer({ requireApiVersion: true });
      try {
        const r = await strict.app.inject({
          method: "GET",
          url: "/v1/agents",
          headers: { authorization: `Bearer ${strict.creds.tenant_token}` },
        });
        assert.equal(r.statusCode, 400);
        assert.equal(r.json().error.code, "unsupported_api_version");
        const ok = await strict.call("GET", "/v1/agents");
        assert.equal(ok.status, 200);
      } finally {
        await strict.close();
      }
    });
    it("is not required outside /v1", async () => {
      const r = await s.call("GET", "/health", { token: null, headers: { "IC-Api-Version": "1999-01-01" } });
      assert.equal(r.status, 200);
      assert.equal(r.body.ok, true);
    });
  });

  describe("X-Request-Id", () => {
    it("is generated as req_… on success and on errors", async () => {
      for (const [method, url] of [
        ["GET", "/v1/agents"],
        ["GET", "/v1/nope"],
        ["GET", "/health"],
      ] as const) {
        const r = await s.call(method, url);
        assert.match(String(r.headers["x-request-id"]), /^req_[0-9a-f]{24}$/, url);
      }
    });
    it("echoes a well-formed client id, replaces a malformed one", async () => {
      const r = await s.call("GET", "/v1/agents", { headers: { "X-Request-Id": "client-abc.123" } });
      assert.equal(r.headers["x-request-id"], "client-abc.123");
      const bad = await s.call("GET", "/v1/agents", { headers: { "X-Request-Id": "has spaces\tand tabs" } });
      assert.match(String(bad.headers["x-request-id"]), /^req_/);
    });
    it("differs between requests", async () => {
      const a = await s.call("GET", "/v1/agents");
      const b = await s.call("GET", "/v1/agents");
      assert.notEqual(a.headers["x-request-id"], b.headers["x-request-id"]);
    });
  });

  describe("error envelope on every error kind", () => {
    const cases: [string, () => Promise<import("./helpers").Res>, number, string][] = [
      ["unknown route", () => s.call("GET", "/v1/does-not-exist"), 404, "not_found"],
      ["unknown non-/v1 route", () => s.call("GET", "/nowhere", { token: null }), 404, "not_found"],
      ["wrong method", () => s.call("PUT", "/v1/agents", { body: {} }), 405, "invalid_request"],
      [
        "malformed JSON",
        () =>
          s.call("POST", "/v1/agents", { raw: '{"name": ', headers: { "content-type": "application/json" } }),
        400,
        "invalid_request",
      ],
      ["validation", () => s.call("POST", "/v1/agents", { body: { name: 42 } }), 422, "invalid_request"],
      ["missing token", () => s.call("GET", "/v1/agents", { token: null }), 401, "unauthenticated"],
      ["bad limit", () => s.call("GET", "/v1/agents?limit=abc"), 400, "invalid_limit"],
      ["bad cursor", () => s.call("GET", "/v1/agents?cursor=zzz"), 400, "invalid_cursor"],
      [
        "body too large",
        () => s.call("POST", "/v1/agents", { body: { name: "x", instructions: "a".repeat(70 * 1024) } }),
        413,
        "payload_too_large",
      ],
      [
        "unsupported content type",
        () =>
          s.call("POST", "/v1/agents", {
            raw: "name=x",
            headers: { "content-type": "application/x-www-form-urlencoded" },
          }),
        415,
        "invalid_request",
      ],
      ["handler crash", () => s.call("GET", "/v1/_probe/crash"), 500, "internal_error"],
    ];
    for (const [name, run, status, code] of cases) {
      it(`${name} → ${status} ${code}`, async () => {
        const r = await run();
        assert.equal(r.status, status, r.text);
        const e = envelope(r);
        assert.equal(e.code, code);
        assert.match(String(r.headers["content-type"]), /^application\/json/);
        assert.ok(r.headers["x-request-id"]);
        assert.doesNotMatch(
          r.text,
          /\bat \S+:\d+|stack|\.ts:\d+|\.js:\d+|TypeError/,
          "no stack trace or internals",
        );
      });
    }
    it("validation names the offending field as param (nested paths too)", async () => {
      const r = await s.call("POST", "/v1/agents", {
        body: { name: "x", skills: [{ skill_id: "skl_1", version: 0 }] },
      });
      assert.equal(r.status, 422);
      assert.equal(envelope(r).param, "skills[0].version");
    });
    it("405 carries an Allow header", async () => {
      const r = await s.call("DELETE", "/v1/agents");
      assert.equal(r.status, 405);
      assert.match(String(r.headers.allow), /GET/);
      assert.match(String(r.headers.allow), /POST/);
    });
    it("malformed JSON is not echoed back", async () => {
      const r = await s.call("POST", "/v1/agents", {
        raw: '{"secret_token":"sk-abc',
        headers: { "content-type": "application/json" },
      });
      assert.equal(r.status, 400);
      assert.doesNotMatch(r.text, /sk-abc/);
    });
  });

  describe("faults, latency and counters (/_admin)", () => {
    it("injects 429/503 with Retry-After and resets, only on /v1, toggled at runtime", async () => {
      const set = await s.call("PUT", "/_admin/faults", { token: null, body: { "429": 1 } });
      assert.equal(set.status, 200);
      const limited = await s.call("GET", "/v1/agents");
      assert.equal(limited.status, 429);
      assert.equal(limited.headers["retry-after"], "1");
      assert.equal(envelope(limited).code, "rate_limit_exceeded");
      assert.equal(
        (await s.call("GET", "/health", { token: null })).status,
        200,
        "non-/v1 routes are never faulted",
      );

      await s.call("PUT", "/_admin/faults", { token: null, body: { "503": 1 } });
      const overloaded = await s.call("GET", "/v1/agents");
      assert.equal(overloaded.status, 503);
      assert.equal(overloaded.headers["retry-after"], "1");
      assert.equal(envelope(overloaded).code, "service_overloaded");

      await s.call("PUT", "/_admin/faults", { token: null, body: {} });
      assert.equal((await s.call("GET", "/v1/agents")).status, 200);
    });
    it("a reset fault destroys the connection (real socket)", async () => {
      const net = await startServer({ faults: { reset: 1 } });
      try {
        const base = await net.app.listen({ port: 0, host: "127.0.0.1" });
        const headers = { authorization: `Bearer ${net.creds.tenant_token}` };
        await assert.rejects(fetch(`${base}/v1/agents`, { headers }));
        assert.equal((await fetch(`${base}/health`)).status, 200, "non-/v1 routes are never reset");
        await fetch(`${base}/_admin/faults`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: "{}",
        });
        assert.equal((await fetch(`${base}/v1/agents`, { headers })).status, 200);
      } finally {
        await net.close();
      }
    });
    it("rejects invalid fault settings", async () => {
      const r = await s.call("PUT", "/_admin/faults", { token: null, body: { "429": 0.8, "503": 0.5 } });
      assert.equal(r.status, 422);
      const unknown = await s.call("PUT", "/_admin/faults", { token: null, body: { "500": 0.1 } });
      assert.equal(unknown.status, 422);
    });
    it("fault probabilities follow the random source", async () => {
      let i = 0;
      const draws = [0.05, 0.15, 0.5];
      const f = await startServer({ faults: "429:0.1,503:0.1", random: () => draws[i++ % draws.length]! });
      try {
        const statuses = [];
        for (let n = 0; n < 3; n++) statuses.push((await f.call("GET", "/v1/agents")).status);
        assert.deepEqual(statuses, [429, 503, 200]);
      } finally {
        await f.close();
      }
    });
    it("counts requests per method and route template", async () => {
      await s.call("POST", "/_admin/counters/reset", { token: null });
      const a = await s.call("POST", "/v1/agents", { body: { name: "counted" } });
      await s.call("GET", `/v1/agents/${a.body.id}`);
      await s.call("GET", `/v1/agents/${a.body.id}`);
      await s.call("GET", "/v1/agents/agt_missing");
      const c = await s.call("GET", "/_admin/counters", { token: null });
      assert.equal(c.body.counters["GET /v1/agents/{aid}"].count, 3);
      assert.deepEqual(c.body.counters["GET /v1/agents/{aid}"].statuses, { 200: 2, 404: 1 });
      assert.equal(c.body.counters["POST /v1/agents"].count, 1);
      assert.equal(c.body.counters["GET /_admin/counters"], undefined, "admin calls are not counted");
    });
    it("adds latency to /v1 calls", async () => {
      await s.call("PUT", "/_admin/latency", { token: null, body: { min_ms: 30, max_ms: 30 } });
      const t0 = process.hrtime.bigint();
      await s.call("GET", "/v1/agents");
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      await s.call("PUT", "/_admin/latency", { token: null, body: null });
      assert.ok(ms >= 29, `took ${ms} ms`);
    });
    it("lists the registered operations", async () => {
      const r = await s.call("GET", "/_admin/routes", { token: null });
      const ops = r.body.data.map((x: { operationId: string }) => x.operationId);
      for (const op of [
        "agents.create",
        "agents.rollout",
        "tenant.tokens.create",
        "organization.projects.tokens.delete",
        "agents.ui.content",
      ]) {
        assert.ok(ops.includes(op), op);
      }
      assert.ok(
        r.body.data.every((x: { path: string }) => !x.path.includes(":")),
        "OpenAPI template syntax",
      );
    });
    it("is absent when admin is off", async () => {
      const off = await startServer({ admin: false });
      try {
        assert.equal((await off.call("GET", "/_admin/counters", { token: null })).status, 404);
      } finally {
        await off.close();
      }
    });
  });
});
