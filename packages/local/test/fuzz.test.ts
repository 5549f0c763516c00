// Fuzzed bodies on every write route of the registry (`app.local.routes`): random JSON of every shape,
// each field of the route's valid body swapped for a value of the wrong type, huge strings, deep
// nesting, malformed JSON. Every answer must be < 500, carry the error envelope when it is an error,
// and arrive promptly (no hang). Seeded, so a failure reproduces; FUZZ_SEED / FUZZ_ROUNDS override.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RegisteredRoute } from "../src/core/routes";
import { type McpFixture, type Receiver, startMcpServer, startReceiver } from "./fixtures";
import { envelope, type Res, startServer, type TestServer } from "./helpers";
import { type CaseContext, ROUTE_CASES, routeKey } from "./route-cases";

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 12);
const ANSWER_WITHIN_MS = 5_000;

/** mulberry32: a tiny seeded PRNG, so a failing body can be reproduced from the seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = [
  "",
  " ",
  "a",
  "🙂",
  "\u0000",
  "../../etc/passwd",
  "' OR 1=1 --",
  "<script>",
  "http://",
  "-1",
  "NaN",
];
const NUMBERS = [0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31];

function randomValue(rand: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  switch (Math.floor(rand() * (depth > 3 ? 5 : 7))) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return pick(NUMBERS);
    case 3:
      return pick(STRINGS);
    case 4:
      return "x".repeat(Math.floor(rand() * 5000));
    case 5:
      return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(rand() * 4) }, (_, i) => [
          pick(["name", "url", "events", "kind", "auth", "__proto__", "constructor", `k${i}`]),
          randomValue(rand, depth + 1),
        ]),
      );
  }
}

/** A value of another JSON type than `v`. */
function wrongType(v: unknown, rand: () => number): unknown {
  const options: unknown[] = [null, true, 42, "str", [], {}, [[["deep"]]]];
  const kind = (x: unknown) => (Array.isArray(x) ? "array" : x === null ? "null" : typeof x);
  const others = options.filter((o) => kind(o) !== kind(v));
  return others[Math.floor(rand() * others.length)];
}

/** Nested arrays/objects `depth` levels deep, as raw JSON text (too deep to build as a value cheaply). */
const deepJson = (depth: number, open = "[", close = "]") => `${open.repeat(depth)}${close.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

/** Bodies for one route: structured mutations of its valid body plus random and pathological ones. */
function bodiesFor(valid: unknown, rand: () => number): { label: string; raw: string }[] {
  const out: { label: string; raw: string }[] = [];
  const json = (label: string, v: unknown) => out.push({ label, raw: JSON.stringify(v) });
  if (valid && typeof valid === "object" && !Array.isArray(valid)) {
    for (const [key, value] of Object.entries(valid)) {
      json(`${key}: wrong type`, { ...valid, [key]: wrongType(value, rand) });
      json(`${key}: huge string`, { ...valid, [key]: "x".repeat(200_000) });
      json(`${key}: nested`, { ...valid, [key]: JSON.parse(deepJson(200)) });
    }
    json("unknown extra field", { ...valid, zzz_unknown: { nested: [1, 2, 3] } });
  }
  for (let i = 0; i < ROUNDS; i++) json(`random #${i}`, randomValue(rand));
  out.push({ label: "array nested 10k deep", raw: deepJson(10_000) });
  out.push({ label: "object nested 10k deep", raw: deepObject(10_000) });
  out.push({
    label: "2 MB string (over the body limit)",
    raw: JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }),
  });
  out.push({ label: "truncated JSON", raw: '{"name": "abc' });
  out.push({ label: "not JSON", raw: "name=abc&url=x" });
  out.push({ label: "empty body", raw: "" });
  out.push({ label: "null", raw: "null" });
  return out;
}

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer within ${ANSWER_WITHIN_MS} ms`)),
      ANSWER_WITHIN_MS,
    );
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

describe(`fuzz: every write route, seed ${SEED}`, () => {
  let s: TestServer;
  let mcp: McpFixture;
  let hook: Receiver;
  let ctx: CaseContext;
  let writes: RegisteredRoute[];

  before(async () => {
    mcp = await startMcpServer([{ name: "lookup" }]);
    hook = await startReceiver(200);
    s = await startServer({ integrations: { webhooks: { backoffMs: 10 }, mcpDiscoveryTimeoutMs: 2_000 } });
    ctx = { s, mcpUrl: mcp.url, hookUrl: hook.url };
    writes = s.app.local.routes.filter((r) => r.method !== "GET" && r.path.startsWith("/v1/"));
  });
  after(async () => {
    await s.close();
    await mcp.close();
    await hook.close();
  });

  it("answers 4xx with the envelope (or a success), never a 500 or a hang", async () => {
    const rand = prng(SEED);
    const failures: string[] = [];
    let requests = 0;
    const statuses = new Map<number, number>();
    for (const route of writes) {
      const req = await ROUTE_CASES[routeKey(route)]!.setup(ctx);
      if (req.raw) continue; // multipart uploads: not a JSON body
      const token = route.auth === "organization" ? s.creds.organization_key : undefined;
      for (const { label, raw } of bodiesFor(req.body, rand)) {
        const where = `${routeKey(route)} [${label}]`;
        let res: Res;
        try {
          res = await withTimeout(
            s.call(route.method, req.path, { token, raw, headers: { "content-type": "application/json" } }),
            where,
          );
        } catch (err) {
          failures.push((err as Error).message);
          continue;
        }
        requests++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) failures.push(`${where} → ${res.status}: ${res.text.slice(0, 200)}`);
        else if (res.status >= 400) {
          try {
            envelope(res);
          } catch (err) {
            failures.push(`${where} → ${res.status} without the envelope: ${(err as Error).message}`);
          }
          if (/at .*\.(ts|js):\d+/.test(res.text)) failures.push(`${where}: a stack trace in the answer`);
        }
      }
    }
    console.log(
      `[fuzz] ${requests} requests over ${writes.length} write routes: ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    assert.deepEqual(failures, []);
    assert.ok(requests > writes.length * 10);
  });
});
