// Helpers for end-to-end tests that drive the REAL Pulumi CLI (built or found by
// scripts/ensure-pulumi.sh) against a file backend in a temp dir, fully offline.
//
//   const dir = await prepareFixture(path.join(__dirname, "fixtures/smoke"));
//   const project = await createPulumiProject({ dir });
//   const stack = await project.initStack("test", { config: { who: "e2e" }, secrets: { token: "s3cr3t" } });
//   await stack.up();
//   assert.equal((await stack.outputs()).message, "hello, e2e");
//   await stack.destroy();
//   await project.cleanup();
//
// Every command runs with `--non-interactive --color=never`, a private PULUMI_HOME and backend,
// and fails with a PulumiCommandError that carries the CLI's full output.
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";

export const PULUMI_VERSION = "v3.276.0";
export const REPO_ROOT = path.resolve(__dirname, "../../..");

/** Per-command timeout; a first TypeScript run includes type-checking, so be generous. */
const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** Root of everything cached between runs (the CLI build, installed fixture dependencies). */
export function cacheRoot(): string {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "ingram-cloud-pulumi");
}

// ------------------------------------------------------------------------------------------------
// Running processes

export interface CommandResult {
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in arrival order: what a person would have seen. */
  output: string;
  durationMs: number;
}

export class PulumiCommandError extends Error {
  constructor(
    message: string,
    readonly result: CommandResult,
  ) {
    super(message);
    this.name = "PulumiCommandError";
  }
}

interface SpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
  /** Also copy the child's stderr here as it arrives (progress of long builds). */
  teeStderr?: NodeJS.WritableStream;
}

function run(cmd: string, args: string[], opts: SpawnOptions): Promise<CommandResult> {
  const started = Date.now();
  const command = [cmd, ...args].join(" ");
  return new Promise((resolve, reject) => {
    // Own process group, so a timeout also kills the plugins pulumi started.
    const child: ChildProcess = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env,
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let output = "";
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      output += d;
    });
    child.stderr?.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      output += d;
      opts.teeStderr?.write(d);
    });
    child.stdin?.end(opts.input ?? "");
    const timer = setTimeout(() => {
      output += `\n[harness] timed out after ${opts.timeoutMs ?? DEFAULT_TIMEOUT_MS}ms, killing ${command}\n`;
      killGroup(child);
    }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ command, code, signal, stdout, stderr, output, durationMs: Date.now() - started });
    });
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

function failure(what: string, result: CommandResult): PulumiCommandError {
  const status = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.code}`;
  return new PulumiCommandError(
    `${what} ${status} after ${(result.durationMs / 1000).toFixed(1)}s\n` +
      `$ ${result.command}\n--- output ---\n${result.output.trimEnd()}\n--- end of output ---`,
    result,
  );
}

// ------------------------------------------------------------------------------------------------
// The CLI

let binDir: Promise<string> | undefined;

/**
 * Makes sure the pinned CLI, language host and dynamic-provider plugin exist (building them on a
 * cold machine, which takes minutes once) and returns their bin dir. Memoized per process.
 */
export function ensurePulumi(): Promise<string> {
  binDir ??= (async () => {
    const script = path.join(REPO_ROOT, "scripts/ensure-pulumi.sh");
    // A cold build takes 15+ minutes on two cores: show its progress, and allow for a loaded machine.
    const result = await run("bash", [script], {
      cwd: REPO_ROOT,
      env: process.env,
      timeoutMs: 75 * 60_000,
      teeStderr: process.stderr,
    });
    if (result.code !== 0) throw failure("scripts/ensure-pulumi.sh", result);
    const lines = result.stdout.trim().split("\n");
    return lines[lines.length - 1]!.trim();
  })();
  return binDir;
}

// ------------------------------------------------------------------------------------------------
// Fixtures

export interface FixtureOptions {
  /**
   * Where the program's packages come from:
   * - "install" (default): the fixture's own package.json, installed once per distinct
   *   package.json (+ lockfile) into the cache and symlinked as node_modules, so repeated runs
   *   cost no `npm install`;
   * - "workspace": none of its own; the copy is placed under the repo (test/e2e/.work/) so Node
   *   resolves everything from the repo's node_modules: the workspace packages as built here
   *   (e.g. @ingram-tech/pulumi-ingram-cloud) and the single @pulumi/pulumi they share.
   */
  deps?: "install" | "workspace";
}

/** Copies a fixture program (a directory with Pulumi.yaml) into a fresh directory; see FixtureOptions. */
export async function prepareFixture(fixtureDir: string, opts: FixtureOptions = {}): Promise<string> {
  const workspace = opts.deps === "workspace";
  const parent = workspace ? path.join(REPO_ROOT, "test/e2e/.work") : os.tmpdir();
  await fs.mkdir(parent, { recursive: true });
  const dir = await fs.mkdtemp(path.join(parent, `ic-e2e-${path.basename(fixtureDir)}-`));
  await fs.cp(fixtureDir, dir, {
    recursive: true,
    filter: (src) => path.basename(src) !== "node_modules",
  });
  if (!workspace && existsSync(path.join(dir, "package.json"))) {
    const deps = await installedDependencies(dir);
    await fs.symlink(deps, path.join(dir, "node_modules"), "dir");
  }
  return dir;
}

async function installedDependencies(projectDir: string): Promise<string> {
  const manifests = ["package.json", "package-lock.json"].filter((f) => existsSync(path.join(projectDir, f)));
  const hash = createHash("sha256");
  hash.update(process.versions.node.split(".")[0]!);
  for (const f of manifests) hash.update(`\0${f}\0`).update(await fs.readFile(path.join(projectDir, f)));
  const key = hash.digest("hex").slice(0, 16);
  const target = path.join(cacheRoot(), "node-deps", key);
  const modules = path.join(target, "node_modules");
  if (existsSync(path.join(target, ".complete"))) return modules;

  // Install in a private staging dir and rename it into place, so concurrent runs never see a
  // half-installed tree.
  const staging = `${target}.tmp-${process.pid}-${Date.now()}`;
  await fs.mkdir(staging, { recursive: true });
  for (const f of manifests) await fs.copyFile(path.join(projectDir, f), path.join(staging, f));
  const result = await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: staging,
    env: process.env,
  });
  if (result.code !== 0) {
    await fs.rm(staging, { recursive: true, force: true });
    throw failure(`npm install for ${projectDir}`, result);
  }
  await fs.writeFile(path.join(staging, ".complete"), "");
  try {
    await fs.rename(staging, target);
  } catch {
    // Someone else finished first (or a broken leftover is in the way): keep theirs if complete.
    await fs.rm(staging, { recursive: true, force: true });
    if (!existsSync(path.join(target, ".complete")))
      throw new Error(`could not place dependencies in ${target}`);
  }
  return modules;
}

// ------------------------------------------------------------------------------------------------
// Projects and stacks

export interface ProjectOptions {
  /** Directory holding Pulumi.yaml (see prepareFixture). */
  dir: string;
  /** Extra environment for every command (e.g. the local API's URL). */
  env?: Record<string, string>;
  /** Defaults to "test". */
  passphrase?: string;
  /** Per-command timeout, default 10 minutes. */
  timeoutMs?: number;
  /** Remove `dir` too on cleanup() (default: when it is in the OS temp dir or prepareFixture made it). */
  removeDirOnCleanup?: boolean;
}

export interface RunOptions {
  /** Extra CLI arguments, appended after the harness's own. */
  args?: string[];
  env?: Record<string, string>;
  input?: string;
  timeoutMs?: number;
  /** The command is expected to fail: resolves with its result, and throws if it succeeded. */
  expectFailure?: boolean;
  /** Resolve with the result whatever the exit code. */
  allowFailure?: boolean;
}

export async function createPulumiProject(opts: ProjectOptions): Promise<PulumiProject> {
  if (!existsSync(path.join(opts.dir, "Pulumi.yaml"))) throw new Error(`no Pulumi.yaml in ${opts.dir}`);
  const bin = await ensurePulumi();
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), "ic-e2e-pulumi-"));
  await fs.mkdir(path.join(scratch, "backend"));
  await fs.mkdir(path.join(scratch, "home"));
  return new PulumiProject(opts, bin, scratch);
}

export class PulumiProject {
  readonly dir: string;
  /** The file backend's directory (state lives in .pulumi/ below it). */
  readonly backendDir: string;
  readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly opts: ProjectOptions,
    bin: string,
    private readonly scratch: string,
  ) {
    this.dir = opts.dir;
    this.backendDir = path.join(scratch, "backend");
    // Drop the caller's PULUMI_* settings (tokens, backends, ...) so nothing leaks into tests.
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("PULUMI_")));
    this.env = {
      ...base,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
      PULUMI_HOME: path.join(scratch, "home"),
      PULUMI_BACKEND_URL: `file://${this.backendDir}`,
      PULUMI_CONFIG_PASSPHRASE: opts.passphrase ?? "test",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
      PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
      ...opts.env,
    };
  }

  /** Runs `pulumi <args>` in the project dir; throws PulumiCommandError on failure (see RunOptions). */
  async run(args: string[], opts: RunOptions = {}): Promise<CommandResult> {
    const flags = ["--non-interactive", "--color=never", ...(opts.args ?? [])];
    const result = await run("pulumi", withFlags(args, flags), {
      cwd: this.dir,
      env: { ...this.env, ...opts.env },
      input: opts.input,
      timeoutMs: opts.timeoutMs ?? this.opts.timeoutMs,
    });
    const failed = result.code !== 0;
    if (opts.allowFailure) return result;
    if (failed && !opts.expectFailure) throw failure(`pulumi ${args[0]}`, result);
    if (!failed && opts.expectFailure) throw failure(`pulumi ${args[0]} (expected to fail)`, result);
    return result;
  }

  /** Creates a stack (and selects it), optionally setting plain and secret config. */
  async initStack(
    name = "test",
    init: { config?: Record<string, string>; secrets?: Record<string, string> } = {},
  ): Promise<PulumiStack> {
    await this.run(["stack", "init", name]);
    const stack = new PulumiStack(this, name);
    for (const [k, v] of Object.entries(init.config ?? {})) await stack.setConfig(k, v);
    for (const [k, v] of Object.entries(init.secrets ?? {})) await stack.setConfig(k, v, { secret: true });
    return stack;
  }

  /** A handle on an existing stack. */
  stack(name: string): PulumiStack {
    return new PulumiStack(this, name);
  }

  /** Removes the backend, PULUMI_HOME and (by default, for temp dirs) the project dir. */
  async cleanup(): Promise<void> {
    await fs.rm(this.scratch, { recursive: true, force: true });
    const inTmp = path.resolve(this.dir).startsWith(path.resolve(os.tmpdir()) + path.sep);
    const madeByPrepareFixture = path.basename(this.dir).startsWith("ic-e2e-");
    const removeDir = this.opts.removeDirOnCleanup ?? (inTmp || madeByPrepareFixture);
    if (removeDir) await fs.rm(this.dir, { recursive: true, force: true });
  }
}

/** Counts of resource operations, e.g. { create: 1, same: 1 } (keys as the engine names them). */
export type ChangeSummary = Record<string, number>;

export interface OperationResult extends CommandResult {
  changes: ChangeSummary;
}

export interface PreviewResult extends CommandResult {
  changes: ChangeSummary;
  /** Parsed `pulumi preview --json`: { steps, changeSummary, diagnostics, ... }. */
  json: {
    steps?: Array<{ op: string; urn: string; [k: string]: unknown }>;
    diagnostics?: Array<{ urn?: string; message: string; severity: string }>;
    [k: string]: unknown;
  };
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  [k: string]: unknown;
}

export class PulumiStack {
  constructor(
    readonly project: PulumiProject,
    readonly name: string,
  ) {}

  private run(args: string[], opts?: RunOptions): Promise<CommandResult> {
    return this.project.run(withFlags(args, ["--stack", this.name]), opts);
  }

  private async operation(cmd: string, opts?: RunOptions): Promise<OperationResult> {
    const result = await this.run([cmd, "--yes", "--skip-preview", "--diff=false"], opts);
    return { ...result, changes: parseResourceSummary(result.stdout) };
  }

  up(opts?: RunOptions): Promise<OperationResult> {
    return this.operation("up", opts);
  }

  refresh(opts?: RunOptions): Promise<OperationResult> {
    return this.operation("refresh", opts);
  }

  destroy(opts?: RunOptions): Promise<OperationResult> {
    return this.operation("destroy", opts);
  }

  async preview(opts?: RunOptions): Promise<PreviewResult> {
    const result = await this.run(["preview", "--json"], opts);
    // On failure stdout may not be JSON; keep the raw result usable for assertions.
    let json: PreviewResult["json"] = {};
    try {
      json = JSON.parse(result.stdout);
    } catch {
      if (!opts?.expectFailure) throw failure("pulumi preview --json (unparseable output)", result);
    }
    const changes = (json.changeSummary as ChangeSummary | undefined) ?? {};
    return { ...result, json, changes };
  }

  /** Stack outputs; secrets appear as "[secret]" unless showSecrets. */
  async outputs(opts: { showSecrets?: boolean } = {}): Promise<Record<string, unknown>> {
    const args = ["stack", "output", "--json", ...(opts.showSecrets ? ["--show-secrets"] : [])];
    return JSON.parse((await this.run(args)).stdout);
  }

  /** `pulumi stack export` parsed: { version, deployment: { resources, ... } }. */
  async exportState(opts: { showSecrets?: boolean } = {}): Promise<{
    version: number;
    deployment: { resources?: StateResource[]; [k: string]: unknown };
  }> {
    const args = ["stack", "export", ...(opts.showSecrets ? ["--show-secrets"] : [])];
    return JSON.parse((await this.run(args)).stdout);
  }

  /** Resources in state (the stack itself and providers included), optionally of one type. */
  async resources(type?: string): Promise<StateResource[]> {
    const all = (await this.exportState()).deployment.resources ?? [];
    return type ? all.filter((r) => r.type === type) : all;
  }

  async importState(state: unknown): Promise<void> {
    const file = path.join(os.tmpdir(), `ic-e2e-state-${process.pid}-${Date.now()}.json`);
    await fs.writeFile(file, JSON.stringify(state));
    try {
      await this.run(["stack", "import", "--file", file]);
    } finally {
      await fs.rm(file, { force: true });
    }
  }

  /** Sets a config value; `key` may be namespaced ("ingram-cloud:apiUrl") or bare (project's). */
  async setConfig(
    key: string,
    value: string,
    opts: { secret?: boolean; path?: boolean } = {},
  ): Promise<void> {
    const flags = [...(opts.secret ? ["--secret"] : ["--plaintext"]), ...(opts.path ? ["--path"] : [])];
    // `--` so values starting with "-" are not read as flags.
    await this.run(["config", "set", ...flags, "--", key, value]);
  }

  /** The config value, or undefined when the key is not set. */
  async getConfig(key: string): Promise<string | undefined> {
    const result = await this.run(["config", "get", "--json", "--", key], { allowFailure: true });
    return result.code === 0 ? (JSON.parse(result.stdout) as { value?: string }).value : undefined;
  }

  async removeConfig(key: string): Promise<void> {
    await this.run(["config", "rm", "--", key]);
  }

  /** `pulumi stack rm` (with --force, so leftover resources are simply forgotten). */
  async remove(): Promise<void> {
    await this.run(["stack", "rm", "--yes", "--force"]);
  }
}

/** Inserts flags before a "--" separator (after it they would be positional arguments). */
function withFlags(args: string[], flags: string[]): string[] {
  const sep = args.indexOf("--");
  return sep < 0 ? [...args, ...flags] : [...args.slice(0, sep), ...flags, ...args.slice(sep)];
}

/**
 * Parses the "Resources:" block an update prints, e.g.
 *     Resources:
 *         + 1 created
 *         2 unchanged
 * into { created: 1, unchanged: 2 }.
 */
export function parseResourceSummary(stdout: string): ChangeSummary {
  const summary: ChangeSummary = {};
  const block = stdout.split(/^Resources:\s*$/m)[1];
  if (!block) return summary;
  for (const line of block.split("\n").slice(1)) {
    const m = /^\s+(?:[-+~]+|\+-)?\s*(\d+) ([a-z][a-z -]*[a-z])\s*$/.exec(line);
    if (!m) break;
    summary[m[2]!] = Number(m[1]);
  }
  return summary;
}
