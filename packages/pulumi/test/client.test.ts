import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IcApiError, IcNetworkError } from "../src/client/errors";
import { IcClient } from "../src/client/http";
import { paginate } from "../src/client/paginate";
import { redact } from "../src/client/redact";
import { parseRetryAfter, retryDelayMs } from "../src/client/retry";
import { json, scriptedFetch } from "./support/scripted-fetch";

const TOKEN = "tha_live_secret-token-value";
const envelope = (code: string, message: string) => ({ error: { message, type: "x", param: null, code } });

function clientWith(
  answers: (Response | Error)[],
  extra: Partial<ConstructorParameters<typeof IcClient>[0]> = {},
) {
  const { fetchImpl, seen } = scriptedFetch(answers);
  const sleeps: number[] = [];
  const client = new IcClient({
    baseUrl: "http://127.0.0.1:1/",
    token: TOKEN,
    fetch: fetchImpl,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...extra,
  });
  return { client, seen, sleeps };
}

describe("IcClient", () => {
  it("sends auth, the pinned API version and JSON", async () => {
    const { client, seen } = clientWith([json(200, { ok: true })]);
    assert.deepEqual(await client.get("/v1/agents", { query: { limit: 5, cursor: undefined } }), {
      ok: true,
    });
    assert.equal(seen[0]?.url, "http://127.0.0.1:1/v1/agents?limit=5");
    assert.equal(seen[0]?.headers.Authorization, `Bearer ${TOKEN}`);
    assert.equal(seen[0]?.headers["IC-Api-Version"], "2026-05-01");
    assert.equal(seen[0]?.headers["Idempotency-Key"], undefined, "GET carries no idempotency key");
  });

  it("retries 429 honouring Retry-After, then succeeds", async () => {
    const { client, seen, sleeps } = clientWith([
      json(429, envelope("rate_limit_exceeded", "slow down"), { "retry-after": "2" }),
      json(200, { id: "agt_1" }),
    ]);
    assert.deepEqual(await client.get("/v1/agents/agt_1"), { id: "agt_1" });
    assert.equal(seen.length, 2);
    assert.deepEqual(sleeps, [2000]);
  });

  it("retries 5xx with capped exponential backoff and keeps the POST idempotency key", async () => {
    const { client, seen, sleeps } = clientWith(
      [json(503, undefined), json(500, undefined), json(502, undefined), json(201, { id: "wh_1" })],
      { retry: { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 300 } },
    );
    assert.deepEqual(await client.post("/v1/tenant/webhooks", { body: { url: "x" } }), { id: "wh_1" });
    const keys = new Set(seen.map((s) => s.headers["Idempotency-Key"]));
    assert.equal(keys.size, 1, "one key across all retries of the same create");
    assert.ok([...keys][0], "the key is set");
    // equal jitter with random()=0.5: 3/4 of the capped step
    assert.deepEqual(sleeps, [75, 150, 225]);
  });

  it("retries network errors and reports a clean error when they persist", async () => {
    const boom = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    const { client, seen } = clientWith([boom, boom, boom], { retry: { maxRetries: 2 } });
    await assert.rejects(client.get("/v1/agents"), (err: unknown) => {
      assert.ok(err instanceof IcNetworkError);
      assert.match(err.message, /ECONNREFUSED/);
      assert.match(err.message, /3 attempts/);
      return true;
    });
    assert.equal(seen.length, 3);
  });

  it("does not retry 4xx and builds a typed, redacted error", async () => {
    const { client, seen } = clientWith([
      json(422, envelope("invalid_url", `bad url; token was ${TOKEN}; whsec_abcdef123`), {
        "x-request-id": "req_9",
      }),
    ]);
    await assert.rejects(client.post("/v1/tenant/webhooks", { body: {} }), (err: unknown) => {
      assert.ok(err instanceof IcApiError);
      assert.equal(err.status, 422);
      assert.equal(err.code, "invalid_url");
      assert.equal(err.requestId, "req_9");
      assert.ok(!err.message.includes(TOKEN), "token scrubbed");
      assert.ok(!err.message.includes("whsec_abcdef123"), "webhook secret scrubbed");
      assert.match(err.message, /POST \/v1\/tenant\/webhooks failed: 422 invalid_url/);
      return true;
    });
    assert.equal(seen.length, 1);
  });

  it("gives up when Retry-After exceeds the cap", async () => {
    const { client, seen } = clientWith([
      json(429, envelope("rate_limit_exceeded", "later"), { "retry-after": "3600" }),
    ]);
    await assert.rejects(
      client.get("/v1/agents"),
      (err: unknown) => err instanceof IcApiError && err.status === 429,
    );
    assert.equal(seen.length, 1);
  });

  it("times out a hung request", async () => {
    const hang = (async (_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      })) as unknown as typeof fetch;
    const client = new IcClient({
      baseUrl: "http://127.0.0.1:1",
      token: TOKEN,
      fetch: hang,
      timeoutMs: 20,
      retry: { maxRetries: 0 },
    });
    await assert.rejects(
      client.get("/v1/agents"),
      (err: unknown) => err instanceof IcNetworkError && err.timedOut,
    );
  });

  it("rejects a response that breaks the contract", async () => {
    const { client } = clientWith([json(200, { nope: 1 })]);
    const schema = {
      parse(v: unknown) {
        if (!(v as { id?: string }).id) throw new Error("id: Required");
        return v;
      },
    };
    await assert.rejects(client.get("/v1/x", { schema }), /does not match the API contract/);
  });
});

describe("paginate", () => {
  it("walks every page until has_more is false", async () => {
    const pages = [
      { data: [1, 2], next_cursor: "a", has_more: true },
      { data: [3], next_cursor: "b", has_more: true },
      { data: [4], next_cursor: null, has_more: false },
    ];
    const cursors: (string | undefined)[] = [];
    const items: number[] = [];
    for await (const n of paginate(async (cursor) => {
      cursors.push(cursor);
      return pages[cursors.length - 1]!;
    })) {
      items.push(n);
    }
    assert.deepEqual(items, [1, 2, 3, 4]);
    assert.deepEqual(cursors, [undefined, "a", "b"]);
  });

  it("throws on a repeating cursor instead of looping", async () => {
    const iter = paginate(async () => ({ data: [1], next_cursor: "same", has_more: true }));
    await assert.rejects(async () => {
      for await (const _ of iter) {
        // drain
      }
    }, /cursor repeated/);
  });
});

describe("retry policy", () => {
  it("parses Retry-After seconds, dates and retry-after-ms", () => {
    assert.equal(parseRetryAfter("3", null), 3000);
    assert.equal(parseRetryAfter(null, "250"), 250);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), null, 4_000), 6_000);
    assert.equal(parseRetryAfter("soon", null), undefined);
  });

  it("caps backoff and jitters within [step/2, step]", () => {
    const policy = { maxRetries: 9, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };
    assert.equal(
      retryDelayMs(0, undefined, policy, () => 0),
      250,
    );
    assert.equal(
      retryDelayMs(0, undefined, policy, () => 1),
      500,
    );
    assert.equal(
      retryDelayMs(10, undefined, policy, () => 1),
      8000,
    );
  });
});

describe("redact", () => {
  it("removes known values and secret-shaped tokens", () => {
    const out = redact("Bearer abc.def.ghi key=sk-live-123456 tha_live_x1 whsec_y2", ["sk-live-123456"]);
    assert.equal(out, "[REDACTED] key=[REDACTED] [REDACTED] [REDACTED]");
    assert.equal(redact("auth kind bearer (request id req_1)"), "auth kind bearer (request id req_1)");
  });
});
