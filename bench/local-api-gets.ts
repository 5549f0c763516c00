/**
 * Authenticated GETs per second against the local API on loopback.
 *
 * Starts `ingram-cloud-local serve` (built dist, `:memory:` database) as a child process so the load
 * generator does not share the server's event loop, creates one agent, then fires a bounded number of
 * keep-alive requests with autocannon at two endpoints. A bare Fastify server answering `{ok:true}` is
 * measured the same way as the ceiling of this machine (loopback syscalls dominate on small VMs), so the
 * figure can be read as a fraction of it. Prints a table and writes bench/results/local-api-gets.json.
 * Run: `npm run bench:local`.
 *
 * Env: BENCH_REQUESTS (per endpoint, default 20000), BENCH_CONNECTIONS (default 16).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const CLI = join(__dirname, "..", "packages", "local", "dist", "cli.js");

/** Starts the server on a free port; resolves with its base URL and the bootstrap tenant token. */
function startServer(): Promise<{ child: ChildProcess; base: string; token: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "serve", "--port", "0", "--db", ":memory:", "--no-admin"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const base = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const token = /tenant-admin token .*?: (tha_live_\S+)/.exec(out)?.[1];
      if (base && token) resolve({ child, base, token });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
    setTimeout(() => reject(new Error(`server did not start: ${out.slice(0, 200)}`)), 20_000).unref();
  });
}

/** A bare Fastify server (same HTTP stack, no auth/DB) in a child process: the machine's ceiling. */
function startBaseline(): Promise<{ child: ChildProcess; base: string }> {
  const code = `const f = require("fastify")(); f.get("/x", async () => ({ ok: true }));
    f.listen({ port: 0, host: "127.0.0.1" }).then((a) => console.log("listening on " + a));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", code], {
      stdio: ["ignore", "pipe", "inherit"],
      cwd: join(__dirname, "..", "packages", "local"),
    });
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const base = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (base) resolve({ child, base });
    });
    child.on("exit", (code) => reject(new Error(`baseline exited with ${code}`)));
  });
}

async function run(title: string, url: string, headers: Record<string, string>) {
  const result = await autocannon({ title, url, headers, connections: CONNECTIONS, amount: REQUESTS });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return {
    endpoint: title,
    requests: result.requests.total,
    rps_mean: Math.round(result.requests.average),
    rps_total: Math.round(result.requests.total / (result.duration || 1)),
    latency_p50_ms: result.latency.p50,
    latency_p99_ms: result.latency.p99,
    failures: non2xx,
  };
}

async function main() {
  const { child, base, token } = await startServer();
  try {
    const headers = { authorization: `Bearer ${token}`, "ic-api-version": "2026-05-01" };
    const agent = await fetch(`${base}/v1/agents`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ name: "bench", instructions: "x".repeat(200) }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const rows = [
      await run("GET /v1/agents/{aid}", `${base}/v1/agents/${agent.id}`, headers),
      await run("GET /v1/tenant/tokens", `${base}/v1/tenant/tokens`, headers),
    ];
    const baseline = await startBaseline();
    try {
      rows.push(await run("baseline: bare Fastify GET", `${baseline.base}/x`, {}));
    } finally {
      baseline.child.kill("SIGTERM");
    }
    console.table(rows);
    const report = {
      date: new Date().toISOString(),
      loadavg_1m_at_end: loadavg()[0],
      node: process.version,
      cpus: cpus().length,
      cpu_model: cpus()[0]?.model,
      connections: CONNECTIONS,
      requests_per_endpoint: REQUESTS,
      rows,
    };
    mkdirSync(join(__dirname, "results"), { recursive: true });
    writeFileSync(join(__dirname, "results", "local-api-gets.json"), `${JSON.stringify(report, null, 2)}\n`);
    if (rows.some((r) => r.failures > 0)) process.exitCode = 1;
  } finally {
    child.kill("SIGTERM");
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
