// bun from the npm registry (its binary ships inside the package), installed once into the cache.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { promisify } from "node:util";
import { cacheRoot } from "../harness/pulumi";

export const BUN_VERSION = "1.4.5";

/** The path of the bun executable. */
export async function ensureBun(): Promise<string> {
  const dir = path.join(cacheRoot(), `bun-${BUN_VERSION}`);
  const bin = path.join(dir, "node_modules", ".bin", "bun");
  if (!existsSync(bin)) {
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, "package.json"), '{"name":"bun-tool","private":true}\n');
    await promisify(execFile)(
      "npm",
      ["install", `bun@${BUN_VERSION}`, "--no-audit", "--no-fund", "--loglevel=error"],
      { cwd: dir },
    );
  }
  return bin;
}
