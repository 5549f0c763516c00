// `npm run bench`: the provider with the real Pulumi CLI against the local API (a separate process),
// at N resources of a realistic mix, against the floor: the same engine and program running N trivial
// dynamic resources that do no I/O. Per scenario: wall time (median of BENCH_REPS runs) and API calls
// by route (the local API's admin counters). Writes bench/results/pulumi.{json,md} (docs/benchmarks.md quotes them).
//
//   BENCH_SIZES=10,100,300  BENCH_REPS=3  BENCH_PREEXISTING=1000  npm run bench
import { execFileSync } from "node:child_process";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { startMcpServer } from "../packages/local/test/fixtures";
import { createPulumiProject, PULUMI_VERSION, type PulumiStack, REPO_ROOT } from "../test/e2e/harness/pulumi";
import { ApiProcess, type Counters, workspaceProgram } from "../test/e2e/support/api-process";

const SIZES = (process.env.BENCH_SIZES ?? "10,100,300").split(",").map(Number);
const REPS = Number(process.env.BENCH_REPS ?? 3);
/** Runs at N ≥ 300: one pass pair takes ~10 min on 2 cores, so fewer by default (documented). */
const LARGE_REPS = Number(process.env.BENCH_LARGE_REPS ?? 1);
const repsFor = (n: number) => (n >= 300 ? Math.min(REPS, LARGE_REPS) : REPS);
const PREEXISTING = Number(process.env.BENCH_PREEXISTING ?? 1000);
const FIXTURE = path.join(REPO_ROOT, "test/e2e/fixtures/reliability");
const SCENARIOS = ["create", "no-op up", "preview", "refresh", "update 1 field", "destroy"] as const;
type Scenario = (typeof SCENARIOS)[number];

/** The realistic mix at size n: half agents, a quarter webhooks, MCP servers, a project with tokens. */
function mix(n: number) {
  const agents = Math.round(n * 0.5);
  const webhooks = Math.floor(n * 0.25);
  const mcpServers = Math.floor(n * 0.15);
  const projectTokens = Math.max(1, n - agents - webhooks - mcpServers - 1);
  return { agents, webhooks, mcpServers, projectTokens };
}

interface Sample {
  ms: number;
  /** API requests per `METHOD /template` (empty for the floor). */
  calls: Record<string, number>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const callsOf = (c: Counters) =>
  Object.fromEntries(
    Object.entries(c)
      .filter(([k]) => k.includes(" /v1"))
      .map(([k, v]) => [k, v.count]),
  );
const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

/** One pass of every scenario on a fresh stack (and a fresh API unless `floor`). */
async function pass(
  config: Record<string, string>,
  api: ApiProcess | undefined,
): Promise<Record<Scenario, Sample>> {
  const project = await createPulumiProject({ dir: await workspaceProgram(FIXTURE) });
  const secrets: Record<string, string> = api
    ? { "ingram-cloud:token": api.tenantToken, "rel:orgKey": api.orgKey, "rel:mcpSecret": "bench-mcp-secret" }
    : {};
  const stack = await project.initStack("bench", {
    config: { ...(api ? { "ingram-cloud:baseUrl": api.baseUrl } : {}), ...config },
    secrets,
  });
  const out = {} as Record<Scenario, Sample>;
  const measure = async (scenario: Scenario, run: (s: PulumiStack) => Promise<unknown>) => {
    await api?.resetCounters();
    const started = performance.now();
    await run(stack);
    out[scenario] = { ms: performance.now() - started, calls: api ? callsOf(await api.counters()) : {} };
  };
  try {
    await measure("create", (s) => s.up());
    await measure("no-op up", (s) => s.up());
    await measure("preview", (s) => s.preview());
    await measure("refresh", (s) => s.refresh());
    await stack.setConfig("rel:touch", " (renamed)");
    await measure("update 1 field", (s) => s.up());
    await measure("destroy", (s) => s.destroy());
  } finally {
    await project.cleanup();
  }
  return out;
}

async function seedAgents(api: ApiProcess, count: number): Promise<void> {
  for (let i = 0; i < count; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, (_, j) =>
        api.call("POST", "/v1/agents", { name: `pre ${i + j}`, slug: `pre-${i + j}` }),
      ),
    );
  }
}

interface Row {
  n: number;
  reps: number;
  scenario: Scenario;
  oursMs: number;
  floorMs: number;
  calls: Record<string, number>;
}

async function main() {
  const machine = {
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    pulumi: PULUMI_VERSION,
    loadBefore: os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" "),
    date: new Date().toISOString(),
  };
  console.log(`machine: ${JSON.stringify(machine)}`);
  // A real MCP server (two tools) for every IcMcpServer to register: discovery is part of the cost.
  const mcp = await startMcpServer([{ name: "lookup" }, { name: "refund", destructive: true }]);
  const rows: Row[] = [];
  for (const n of SIZES) {
    const ours: Record<Scenario, Sample>[] = [];
    const floor: Record<Scenario, Sample>[] = [];
    const size = mix(n);
    const reps = repsFor(n);
    for (let r = 0; r < reps; r++) {
      const api = await ApiProcess.start();
      try {
        const cfg = Object.fromEntries(Object.entries(size).map(([k, v]) => [`rel:${k}`, String(v)]));
        ours.push(await pass({ ...cfg, "rel:mcpUrl": mcp.url }, api));
      } finally {
        await api.cleanup();
      }
      floor.push(await pass({ "rel:floor": String(n) }, undefined));
      console.log(
        `N=${n} rep ${r + 1}/${REPS}: ${SCENARIOS.map((s) => `${s} ${(ours[r]![s].ms / 1000).toFixed(1)}s/${(floor[r]![s].ms / 1000).toFixed(1)}s`).join(", ")}`,
      );
    }
    for (const scenario of SCENARIOS) {
      rows.push({
        n,
        reps,
        scenario,
        oursMs: median(ours.map((o) => o[scenario].ms)),
        floorMs: median(floor.map((f) => f[scenario].ms)),
        calls: ours[0]![scenario].calls, // call counts are deterministic; rep 1 stands for all
      });
    }
  }

  // Cost per created resource with 0 vs PREEXISTING agents already in the tenant.
  const n = 100;
  const tenantSize: { preexisting: number; ms: number; calls: Record<string, number> }[] = [];
  for (const preexisting of [0, PREEXISTING]) {
    const api = await ApiProcess.start();
    try {
      await seedAgents(api, preexisting);
      const cfg = Object.fromEntries(Object.entries(mix(n)).map(([k, v]) => [`rel:${k}`, String(v)]));
      const project = await createPulumiProject({ dir: await workspaceProgram(FIXTURE) });
      const stack = await project.initStack("tenant", {
        config: { "ingram-cloud:baseUrl": api.baseUrl, ...cfg, "rel:mcpUrl": mcp.url },
        secrets: {
          "ingram-cloud:token": api.tenantToken,
          "rel:orgKey": api.orgKey,
          "rel:mcpSecret": "x-secret",
        },
      });
      await api.resetCounters();
      const started = performance.now();
      await stack.up();
      tenantSize.push({ preexisting, ms: performance.now() - started, calls: callsOf(await api.counters()) });
      await project.cleanup();
    } finally {
      await api.cleanup();
    }
  }

  await mcp.close();
  const results = {
    machine: {
      ...machine,
      loadAfter: os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" "),
    },
    reps: REPS,
    mix: Object.fromEntries(SIZES.map((s) => [s, mix(s)])),
    rows,
    tenantSize,
  };
  await fs.mkdir(path.join(REPO_ROOT, "bench/results"), { recursive: true });
  await fs.writeFile(
    path.join(REPO_ROOT, "bench/results/pulumi.json"),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  await fs.writeFile(path.join(REPO_ROOT, "bench/results/pulumi.md"), render(results));
  console.log(render(results));
}

function render(r: {
  machine: Record<string, string>;
  reps: number;
  mix: Record<number, ReturnType<typeof mix>>;
  rows: Row[];
  tenantSize: { preexisting: number; ms: number; calls: Record<string, number> }[];
}): string {
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const lines = [
    `Measured ${r.machine.date} on ${r.machine.cpus}, ${r.machine.memory}, ${r.machine.os}, Node ${r.machine.node}, Pulumi ${r.machine.pulumi}; load average before ${r.machine.loadBefore}, after ${r.machine.loadAfter}. Median of ${r.reps} runs (N ≥ 300: ${Math.min(r.reps, LARGE_REPS)}).`,
    "",
    "| N | mix (agents/webhooks/MCP/project tokens + 1 project) |",
    "| ---: | --- |",
    ...Object.entries(r.mix).map(
      ([n, m]) => `| ${n} | ${m.agents}/${m.webhooks}/${m.mcpServers}/${m.projectTokens} |`,
    ),
    "",
    "| N | runs | scenario | ours (s) | floor (s) | ours/floor | API calls | calls/resource | calls by route |",
    "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ...r.rows.map((row) => {
      const calls = total(row.calls);
      const byRoute = Object.entries(row.calls)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ×${v}`)
        .join("<br>");
      return `| ${row.n} | ${row.reps} | ${row.scenario} | ${s(row.oursMs)} | ${s(row.floorMs)} | ${(row.oursMs / row.floorMs).toFixed(2)} | ${calls} | ${(calls / row.n).toFixed(2)} | ${byRoute || "—"} |`;
    }),
    "",
    "| agents already in the tenant | create N=100 (s) | API calls | calls/resource | POST /v1/agents | GET /v1/agents |",
    "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ...r.tenantSize.map(
      (t) =>
        `| ${t.preexisting} | ${s(t.ms)} | ${total(t.calls)} | ${(total(t.calls) / 100).toFixed(2)} | ${t.calls["POST /v1/agents"] ?? 0} | ${t.calls["GET /v1/agents"] ?? 0} |`,
    ),
    "",
  ];
  return lines.join("\n");
}

// The packages under test must be built (the program loads packages/pulumi/dist).
execFileSync("npx", ["tsc", "-b"], { cwd: REPO_ROOT, stdio: "inherit" });
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
