// The local API as a SEPARATE process (`ingram-cloud-local serve` on a SQLite file), so a test can
// SIGKILL it or restart it on the same port and database mid-run, plus what the reliability tests
// need around it: admin counters/faults, paged listing, a program dir wired to the workspace build.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import * as fs from "node:fs/promises";
import { createServer } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../harness/pulumi";
import { type ApiResponse, apiCall } from "./api-call";

const CLI = path.join(REPO_ROOT, "packages/local/dist/cli.js");

/** Requests seen per `METHOD /template` with their statuses (the API's `/_admin/counters`). */
export type Counters = Record<string, { count: number; statuses: Record<string, number> }>;

export interface ApiProcessOptions {
  /** SQLite file; default: a fresh temp file. */
  db?: string;
  /** Port; default: a free one, kept across restarts. */
  port?: number;
  /** `--faults` spec, e.g. "429:0.1,503:0.05,reset:0.05". */
  faults?: string;
  /** Extra CLI arguments. */
  args?: string[];
}

/** A free loopback port (bound and released; good enough for a test on one machine). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export class ApiProcess {
  readonly baseUrl: string;
  tenantToken = "";
  orgKey = "";
  projectId = "";
  private child: ChildProcess | undefined;
  /** Everything the process printed (all incarnations), for failure messages. */
  log = "";

  private constructor(
    readonly db: string,
    readonly port: number,
    private readonly extraArgs: string[],
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  static async start(opts: ApiProcessOptions = {}): Promise<ApiProcess> {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
    const db = opts.db ?? path.join(await fs.mkdtemp(path.join(os.tmpdir(), "ic-api-")), "ic.db");
    const args = [...(opts.faults ? ["--faults", opts.faults] : []), ...(opts.args ?? [])];
    const api = new ApiProcess(db, opts.port ?? (await freePort()), args);
    await api.launch();
    const creds = JSON.parse(await fs.readFile(`${db}.credentials.json`, "utf8"));
    api.tenantToken = creds.tenant_token;
    api.orgKey = creds.organization_key;
    api.projectId = creds.project_id;
    return api;
  }

  /** Starts the server (again) on the same port and database; resolves once it listens. */
  async launch(): Promise<void> {
    if (this.child) throw new Error("the API process is already running");
    const child = spawn(
      process.execPath,
      [CLI, "serve", "--port", String(this.port), "--db", this.db, ...this.extraArgs],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    this.child = child;
    child.on("exit", () => {
      if (this.child === child) this.child = undefined;
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`local API did not start:\n${this.log}`)), 20_000);
      const onData = (d: Buffer) => {
        this.log += d.toString();
        if (this.log.includes(`listening on http://127.0.0.1:${this.port}`)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`local API exited with ${code}:\n${this.log}`));
      });
    });
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Sends `signal` and waits for the process to exit. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill(signal);
    await exited;
  }

  /** An authenticated `/v1` call (default: the tenant token). */
  async call(
    method: string,
    urlPath: string,
    body?: unknown,
    token = this.tenantToken,
  ): Promise<ApiResponse> {
    return apiCall(this.baseUrl, token, method, urlPath, body);
  }

  /** Every item of a paged (or unpaged `{data}`) list, retrying injected faults. */
  // biome-ignore lint/suspicious/noExplicitAny: tests poke into arbitrary JSON bodies
  async listAll(urlPath: string, token?: string): Promise<any[]> {
    // biome-ignore lint/suspicious/noExplicitAny: as above
    const items: any[] = [];
    let cursor: string | undefined;
    do {
      const sep = urlPath.includes("?") ? "&" : "?";
      const page = `${urlPath}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const res = await this.call("GET", page, undefined, token);
      if (res.status !== 200) throw new Error(`GET ${page}: ${res.status} ${JSON.stringify(res.body)}`);
      items.push(...res.body.data);
      cursor = res.body.has_more ? res.body.next_cursor : undefined;
    } while (cursor);
    return items;
  }

  private admin(p: string, init?: RequestInit): Promise<Response> {
    return fetch(`${this.baseUrl}/_admin${p}`, init);
  }

  async counters(): Promise<Counters> {
    return ((await (await this.admin("/counters")).json()) as { counters: Counters }).counters;
  }

  async resetCounters(): Promise<void> {
    await this.admin("/counters/reset", { method: "POST" });
  }

  /** Sets the injected fault rates at runtime (`{}` = none). */
  async setFaults(faults: Record<string, number>): Promise<void> {
    const res = await this.admin("/faults", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(faults),
    });
    if (!res.ok) throw new Error(`PUT /_admin/faults: ${res.status} ${await res.text()}`);
  }

  /** Removes the database and its credentials. */
  async cleanup(): Promise<void> {
    await this.stop("SIGKILL");
    await fs.rm(path.dirname(this.db), { recursive: true, force: true });
  }
}

/** Requests per route that are writes (non-GET `/v1`), counting every attempt. */
export function writesOf(counters: Counters): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counters)
      .filter(([k]) => !k.startsWith("GET ") && !k.startsWith("HEAD ") && k.includes(" /v1/"))
      .map(([k, v]) => [k, v.count]),
  );
}

/** Successful (2xx) answers for one route. */
export function successes(counters: Counters, route: string): number {
  const statuses = counters[route]?.statuses ?? {};
  return Object.entries(statuses)
    .filter(([s]) => s.startsWith("2"))
    .reduce((n, [, c]) => n + c, 0);
}

/**
 * Copies a fixture program into a temp dir whose node_modules is the workspace's, so the program
 * uses this checkout's build of @ingram-tech/pulumi-ingram-cloud (and the provider process loads the
 * same build). Cheaper than installing the packed tarball; the provider e2e tests cover that path.
 */
export async function workspaceProgram(fixtureDir: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `ic-e2e-${path.basename(fixtureDir)}-`));
  await fs.cp(fixtureDir, dir, { recursive: true });
  await fs.symlink(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/**
 * What the tenant/platform holds, counted through the API: objects per natural key, so a duplicate
 * shows as a count above 1.
 */
export interface Inventory {
  agents: Map<string, number>;
  webhooks: Map<string, number>;
  mcpServers: Map<string, number>;
  modelKeys: Map<string, number>;
  telegram: number;
  projects: Map<string, number>;
  /** Live (unrevoked) tokens of `projectId`, by token name. */
  projectTokens: Map<string, number>;
  /** Web pages (web deployments), by the agent they serve. */
  webPages: Map<string, number>;
}

const tally = (keys: string[]) => {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};

/** Counts what the API holds; `projectToken` (any live token of the project) lists its tokens. */
export async function inventory(api: ApiProcess, projectToken?: string): Promise<Inventory> {
  const agents = await api.listAll("/v1/agents");
  const webhooks = await api.listAll("/v1/tenant/webhooks");
  const mcp = await api.listAll("/v1/tenant/mcp");
  const keys = await api.listAll("/v1/tenant/model_keys");
  const telegram = await api.call("GET", "/v1/tenant/telegram");
  const projects = await api.listAll("/v1/organization/projects", api.orgKey);
  const tokens = projectToken ? await api.listAll("/v1/tenant/tokens", projectToken) : [];
  const deployments = await api.listAll("/v1/deployments");
  return {
    agents: tally(agents.filter((a) => !a.archived_at).map((a) => a.slug)),
    webhooks: tally(webhooks.map((w) => w.url)),
    mcpServers: tally(mcp.map((s) => s.name)),
    modelKeys: tally(keys.filter((k) => k.has_key).map((k) => k.provider)),
    telegram: telegram.status === 200 && telegram.body?.configured !== false ? 1 : 0,
    projects: tally(projects.filter((p) => !p.archived_at).map((p) => p.name)),
    projectTokens: tally(tokens.filter((t) => !t.revoked_at).map((t) => t.name ?? "")),
    webPages: tally(deployments.filter((d) => d.kind === "web").map((d) => d.target.id)),
  };
}

/** Keys whose count is not exactly 1 (duplicates), as "key×n". */
export function duplicates(m: Map<string, number>): string[] {
  return [...m].filter(([, n]) => n !== 1).map(([k, n]) => `${k}×${n}`);
}

/** A `pulumi` command running in the background, in its own process group. */
export interface BackgroundCommand {
  child: ChildProcess;
  /** Resolves when the process exits (whatever the code). */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
  /** SIGKILLs the whole group: the CLI, the language host, the program and the provider plugins. */
  killGroup(): void;
}

/** Starts `pulumi <args>` for `project` without waiting (e.g. to kill it mid-run). */
export function startPulumi(
  project: { dir: string; env: NodeJS.ProcessEnv },
  args: string[],
): BackgroundCommand {
  const child = spawn("pulumi", [...args, "--non-interactive", "--color=never"], {
    cwd: project.dir,
    env: project.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>(
    (resolve) => child.on("close", (code, signal) => resolve({ code, signal, output })),
  );
  return {
    child,
    done,
    killGroup() {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    },
  };
}

/** Polls `probe` every `intervalMs` until it returns true (or `timeoutMs` passes: throws). */
export async function waitUntil(
  probe: () => Promise<boolean>,
  timeoutMs = 120_000,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
