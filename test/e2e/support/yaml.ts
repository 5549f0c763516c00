// The Pulumi YAML language host, built once from the Go module proxy into the cache. It is tagged
// (unlike the official Node.js/Python/Go hosts), so `go install` of a release works; it is kept out of
// scripts/ensure-pulumi.sh because only the YAML test needs it and a cold build takes minutes.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { cacheRoot } from "../harness/pulumi";

const exec = promisify(execFile);
export const PULUMI_YAML_VERSION = "v1.25.0";

/** The directory holding `pulumi-language-yaml` (built on first use). */
export async function ensureYamlHost(): Promise<string> {
  const bin = path.join(cacheRoot(), `pulumi-yaml-${PULUMI_YAML_VERSION}`, "bin");
  if (!existsSync(path.join(bin, "pulumi-language-yaml"))) {
    await exec(
      "go",
      ["install", `github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@${PULUMI_YAML_VERSION}`],
      {
        env: { ...process.env, GOBIN: bin, CGO_ENABLED: "0" },
        maxBuffer: 16 * 1024 * 1024,
        timeout: 30 * 60_000,
      },
    );
  }
  return bin;
}
