// The Python and Go SDKs generated from packages/pulumi/schema.json by tools/pulumi-sdkgen, and the
// language environments that use them, built once and cached under cacheRoot() by content hash:
//   sdkgen/<hash of its sources>/pulumi-sdkgen     (~2 min to build once)
//   sdk/<language>/<hash of schema + sdkgen>/      (the generated SDK; Go's gets a go.mod)
//   python-venv/<hash of SDK + pulumi version>/    (`pulumi` from PyPI + the generated SDK)
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { cacheRoot, REPO_ROOT } from "../harness/pulumi";

/** The `pulumi` package the Python programs run on: the newest release the package index serves here. */
export const PYTHON_PULUMI_VERSION = "3.272.0";
/** The Go SDK the Go programs build against: the CLI's own version. */
export const GO_PULUMI_SDK = "github.com/pulumi/pulumi/sdk/v3 v3.276.0";
/** Module path of the generated Go SDK's root (schema: language.go.importBasePath minus /go/ingramcloud). */
export const GO_SDK_MODULE = "github.com/ingram-tech/pulumi-ingram-cloud/sdk";

const SDKGEN_SRC = path.join(REPO_ROOT, "tools/pulumi-sdkgen");
const SCHEMA = path.join(REPO_ROOT, "packages/pulumi/schema.json");

/** Runs a command; rejects with its whole output on failure. */
export function exec(
  cmd: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { cwd: opts.cwd, env: opts.env ?? process.env, maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000 },
      (err, stdout, stderr) => {
        if (err)
          reject(
            new Error(
              `$ ${cmd} ${args.join(" ")} (in ${opts.cwd}) failed: ${err.message}\n${stdout}${stderr}`,
            ),
          );
        else resolve(stdout);
      },
    );
  });
}

async function hashOf(...parts: Array<string | Buffer>): Promise<string> {
  const hash = createHash("sha256");
  for (const p of parts) hash.update(p).update("\0");
  return hash.digest("hex").slice(0, 16);
}

/**
 * A directory built once per key: `build` fills a private staging dir that is then renamed into
 * place, so concurrent runs never see half a build.
 */
async function cachedDir(kind: string, key: string, build: (dir: string) => Promise<void>): Promise<string> {
  const target = path.join(cacheRoot(), kind, key);
  if (existsSync(path.join(target, ".complete"))) return target;
  const staging = `${target}.tmp-${process.pid}-${Date.now()}`;
  await fs.mkdir(staging, { recursive: true });
  try {
    await build(staging);
    await fs.writeFile(path.join(staging, ".complete"), "");
    await fs.rename(staging, target);
  } catch (err) {
    await fs.rm(staging, { recursive: true, force: true });
    if (!existsSync(path.join(target, ".complete"))) throw err;
  }
  return target;
}

// Memoized per process: the first caller builds, the others await the same promise.
const memo = new Map<string, Promise<string>>();
function once(name: string, make: () => Promise<string>): Promise<string> {
  let p = memo.get(name);
  if (!p) {
    p = make();
    memo.set(name, p);
  }
  return p;
}

async function sdkgenKey(): Promise<string> {
  const files = ["go.mod", "go.sum", "main.go"];
  return hashOf(...(await Promise.all(files.map((f) => fs.readFile(path.join(SDKGEN_SRC, f))))));
}

/** The tools/pulumi-sdkgen binary. */
export function sdkgen(): Promise<string> {
  return once("sdkgen", async () => {
    const dir = await cachedDir("sdkgen", await sdkgenKey(), async (out) => {
      await exec("go", ["build", "-o", path.join(out, "pulumi-sdkgen"), "."], {
        cwd: SDKGEN_SRC,
        env: { ...process.env, GOFLAGS: "-mod=mod", CGO_ENABLED: "0" },
      });
    });
    return path.join(dir, "pulumi-sdkgen");
  });
}

/**
 * The generated SDK for `language`. Python: a dir with setup.py (pip-installable). Go: the module
 * root of {@link GO_SDK_MODULE}, with go.mod, holding go/ingramcloud.
 */
export function generatedSdk(language: "python" | "go"): Promise<string> {
  return once(`sdk-${language}`, async () => {
    const bin = await sdkgen();
    const key = await hashOf(await sdkgenKey(), await fs.readFile(SCHEMA));
    return cachedDir(`sdk/${language}`, key, async (out) => {
      const target = language === "go" ? path.join(out, "go") : out;
      await exec(bin, ["-schema", SCHEMA, "-language", language, "-out", target], { cwd: REPO_ROOT });
      if (language === "go") {
        await fs.writeFile(
          path.join(out, "go.mod"),
          `module ${GO_SDK_MODULE}\n\ngo 1.26\n\nrequire ${GO_PULUMI_SDK}\n`,
        );
        await exec("go", ["mod", "tidy"], { cwd: out, env: { ...process.env, GOFLAGS: "-mod=mod" } });
      }
    });
  });
}

/** A virtualenv with `pulumi` from PyPI and the generated SDK installed: set it as runtime.options.virtualenv. */
export function pythonVenv(): Promise<string> {
  return once("python-venv", async () => {
    const sdk = await generatedSdk("python");
    const key = await hashOf(sdk, PYTHON_PULUMI_VERSION);
    return cachedDir("python-venv", key, async (venv) => {
      await exec("python3", ["-m", "venv", venv], { cwd: REPO_ROOT });
      const pip = ["-m", "pip", "install", "--quiet", "--disable-pip-version-check"];
      await exec(path.join(venv, "bin/python"), [...pip, `pulumi==${PYTHON_PULUMI_VERSION}`, sdk], {
        cwd: REPO_ROOT,
      });
    });
  });
}
