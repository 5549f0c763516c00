// kill -9 during writes: the server (a real `ingram-cloud-local serve` process on a SQLite file) is
// SIGKILLed while 8 clients create agents and webhooks as fast as they can, then restarted on the
// same file. The database passes SQLite's integrity check, every write acknowledged before the kill
// is there (WAL + synchronous commit), nothing half-written is visible, and retrying the in-flight
// requests with their Idempotency-Keys yields exactly one object per key.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as netServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";

const CLI = join(__dirname, "../dist/cli.js");
const skip = existsSync(CLI) ? false : "packages/local is not built (npm run build)";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = netServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function serve(db: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, "serve", "--port", String(port), "--db", db], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes("listening on")) resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

interface Sent {
  kind: "agent" | "webhook";
  key: string;
  body: Record<string, unknown>;
  /** The id the server acknowledged (2xx) before the kill, if it did. */
  acked?: string;
}

describe("crash consistency: kill -9 during writes", { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), "ic-crash-"));
  let child: ChildProcess | undefined;
  after(() => {
    child?.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("restarts consistent: integrity ok, acknowledged writes kept, idempotent retries make one object per key", async () => {
    const db = join(dir, "ic.db");
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = await serve(db, port);
    const token = JSON.parse(readFileSync(`${db}.credentials.json`, "utf8")).tenant_token as string;
    const headers = (key: string) => ({
      authorization: `Bearer ${token}`,
      "ic-api-version": "2026-05-01",
      "content-type": "application/json",
      "idempotency-key": key,
    });
    const post = (s: Sent) =>
      fetch(`${base}${s.kind === "agent" ? "/v1/agents" : "/v1/tenant/webhooks"}`, {
        method: "POST",
        headers: headers(s.key),
        body: JSON.stringify(s.body),
      });

    const sent: Sent[] = [];
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        const i = n++;
        const s: Sent =
          i % 3 === 2
            ? {
                kind: "webhook",
                key: randomUUID(),
                body: { url: `https://hooks.example.com/${i}`, events: [] },
              }
            : {
                kind: "agent",
                key: randomUUID(),
                body: { name: `crash ${i}`, slug: `crash-${i}`, instructions: "x".repeat(2000) },
              };
        sent.push(s);
        try {
          const res = await post(s);
          if (res.ok) s.acked = ((await res.json()) as { id: string }).id;
        } catch {
          // the connection died with the server
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await new Promise((r) => setTimeout(r, 1500));
    child.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));
    stop = true;
    await Promise.all(workers);
    const acked = sent.filter((s) => s.acked);
    assert.ok(acked.length > 20, `only ${acked.length} writes were acknowledged before the kill`);

    child = await serve(db, port);
    // SQLite's own verdict on the file the killed process left behind (read beside the live server).
    const check = new Database(db, { readonly: true });
    assert.equal(check.pragma("integrity_check", { simple: true }), "ok");
    assert.equal(check.pragma("journal_mode", { simple: true }), "wal");
    check.close();

    const list = async (p: string) => {
      const items: { id: string; slug?: string; url?: string; draft?: unknown }[] = [];
      let cursor: string | null = null;
      do {
        const url = `${base}${p}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        const res = await fetch(url, { headers: headers(randomUUID()) });
        assert.equal(res.status, 200);
        const page = (await res.json()) as {
          data: typeof items;
          has_more: boolean;
          next_cursor: string | null;
        };
        items.push(...page.data);
        cursor = page.has_more ? page.next_cursor : null;
      } while (cursor);
      return items;
    };
    const agents = await list("/v1/agents");
    const hooks = await list("/v1/tenant/webhooks");
    const ids = new Set([...agents, ...hooks].map((o) => o.id));
    const lost = acked.filter((s) => !ids.has(s.acked!));
    assert.deepEqual(lost, [], "every acknowledged write survives the kill");
    for (const a of agents) assert.ok(a.slug && a.draft, `agent ${a.id} is whole`);

    // Every request, retried with its key: one object per key, no 5xx.
    for (const s of sent) {
      const res = await post(s);
      assert.ok(res.status < 500, `retry of ${s.kind} ${s.key}: ${res.status}`);
      const body = (await res.json()) as { id?: string };
      if (s.acked) assert.equal(body.id, s.acked, "an acknowledged create replays the same object");
    }
    const slugs = (await list("/v1/agents")).map((a) => a.slug);
    const urls = (await list("/v1/tenant/webhooks")).map((w) => w.url);
    assert.equal(new Set(slugs).size, slugs.length, "no duplicate agent");
    assert.equal(new Set(urls).size, urls.length, "no duplicate webhook");
    assert.equal(slugs.length + urls.length, sent.length, "exactly one object per request");
    console.log(
      `[crash] ${sent.length} creates sent, ${acked.length} acknowledged before kill -9; after restart: ` +
        `integrity ok, 0 lost, ${slugs.length} agents + ${urls.length} webhooks = one per idempotency key`,
    );
  });
});
