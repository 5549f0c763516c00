// Shared setup of the native-plugin e2e tests: the plugin built once per process (the same tarball
// `npm run build:plugin` makes), and programs placed under the repo so they resolve
// @ingram-tech/pulumi-ingram-cloud (and its single @pulumi/pulumi) from the workspace as built.
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { buildPlugin } from "../../../packages/pulumi/scripts/build-plugin";
import { REPO_ROOT } from "../harness/pulumi";

export const PLUGIN_VERSION: string = require("../../../packages/pulumi/package.json").version;

export { DYNAMIC, NATIVE } from "./tokens";

/**
 * Env for every CLI command: no retries against the local API, and programs transpiled without a
 * type check (tests that care type-check explicitly with {@link typecheck}; it halves each `up`).
 */
export const NATIVE_TEST_ENV = { INGRAM_CLOUD_MAX_RETRIES: "0", PULUMI_NODEJS_TRANSPILE_ONLY: "true" };

let plugin: Promise<{ binDir: string; tarball: string }> | undefined;

/** Builds the plugin (bundle + shim + tarball) into a temp dir, once per test process. */
export function nativePlugin(): Promise<{ binDir: string; tarball: string }> {
  plugin ??= (async () => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), "ic-e2e-plugin-"));
    const tarball = buildPlugin(out);
    return { binDir: path.join(out, "bin"), tarball };
  })();
  return plugin;
}

export interface ProgramFiles {
  /** Pulumi.yaml text. */
  "Pulumi.yaml": string;
  [file: string]: string;
}

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: "ES2020",
    module: "commonjs",
    moduleResolution: "node",
    skipLibCheck: true,
    types: [],
  },
  files: ["index.ts"],
};

/**
 * Writes a program into a fresh dir under test/e2e/.work (git-ignored), where Node resolves the
 * workspace's packages. A tsconfig.json is added to TypeScript programs (those with index.ts).
 */
export async function writeProgram(name: string, files: ProgramFiles): Promise<string> {
  const parent = path.join(REPO_ROOT, "test/e2e/.work");
  await fs.mkdir(parent, { recursive: true });
  const dir = await fs.mkdtemp(path.join(parent, `${name}-`));
  if ("index.ts" in files)
    await fs.writeFile(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), text);
  }
  return dir;
}

/** A Pulumi.yaml for a Node.js program, optionally loading the plugin from a directory. */
export function pulumiYaml(name: string, pluginDir?: string): string {
  const plugins = pluginDir
    ? `plugins:\n  providers:\n    - name: ingram-cloud\n      path: ${JSON.stringify(pluginDir)}\n`
    : "";
  return `name: ${name}\nruntime: nodejs\n${plugins}`;
}

/** The seed's tenant program (examples/tenant) importing the given entry point instead of the root. */
export async function tenantProgram(entry: string): Promise<Record<string, string>> {
  const index = await fs.readFile(path.join(REPO_ROOT, "examples/tenant/index.ts"), "utf8");
  const agents = await fs.readFile(path.join(REPO_ROOT, "examples/src/agents.ts"), "utf8");
  const from = 'from "@ingram-tech/pulumi-ingram-cloud";';
  if (!index.includes(from)) throw new Error("examples/tenant/index.ts no longer imports the package root");
  return {
    "index.ts": index
      .replace(from, `from ${JSON.stringify(entry)};`)
      .replace('"../src/agents"', '"./agents"'),
    "agents.ts": agents,
  };
}

/** Type-checks a program dir with the workspace's TypeScript; returns tsc's output on failure. */
export async function typecheck(dir: string): Promise<{ ok: boolean; output: string }> {
  const { execFile } = await import("node:child_process");
  const tsc = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");
  return new Promise((resolve) => {
    execFile("node", [tsc, "--noEmit", "-p", dir], { cwd: dir }, (err, stdout, stderr) => {
      resolve({ ok: !err, output: `${stdout}${stderr}` });
    });
  });
}
