// The provider as a user gets it: `npm pack` tarball (contract bundled) installed into a fresh temp
// project next to copies of the example programs, plus the local API running in-process.
import { execFile } from "node:child_process";
import * as fs from "node:fs/promises";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { createServer } from "@ingram-tech/ingram-cloud-local";
import { REPO_ROOT } from "../harness/pulumi";
import { type ApiResponse, apiCall } from "./api-call";

const exec = promisify(execFile);

/** A temp project with the packed provider installed; programs live in subdirectories. */
export interface Consumer {
  root: string;
  tarball: string;
  /** Copies a program directory (and returns where it went). */
  addProgram(from: string, as: string): Promise<string>;
  cleanup(): Promise<void>;
}

/** Packs the provider and installs it (plus @pulumi/pulumi and typescript) into a fresh project. */
export async function installPackedProvider(): Promise<Consumer> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "ic-e2e-consumer-"));
  const { stdout } = await exec("node", ["--import", "tsx", "packages/pulumi/scripts/pack.ts", root], {
    cwd: REPO_ROOT,
  });
  const tarball = stdout.trim().split("\n").at(-1) ?? "";
  const pulumiVersion = JSON.parse(
    await fs.readFile(path.join(REPO_ROOT, "node_modules/@pulumi/pulumi/package.json"), "utf8"),
  ).version as string;
  await fs.writeFile(
    path.join(root, "package.json"),
    JSON.stringify(
      {
        name: "ic-e2e-consumer",
        private: true,
        dependencies: {
          "@ingram-tech/pulumi-ingram-cloud": `file:${tarball}`,
          "@pulumi/pulumi": pulumiVersion,
          typescript: "~5.9.3",
        },
      },
      null,
      2,
    ),
  );
  await exec("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  return {
    root,
    tarball,
    async addProgram(from, as) {
      const dest = path.join(root, as);
      await fs.cp(from, dest, { recursive: true, filter: (src) => path.basename(src) !== "node_modules" });
      return dest;
    },
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
}

/** The local API on a loopback port with its first-start credentials and the admin hooks. */
export interface LocalApi {
  baseUrl: string;
  tenantToken: string;
  orgKey: string;
  /** A `/v1` call with a token (default: the tenant token); returns status and parsed body. */
  call(method: string, urlPath: string, body?: unknown, token?: string): Promise<ApiResponse>;
  /** Non-GET `/v1` calls since the last reset, per `METHOD /template`. */
  writes(): Promise<Record<string, number>>;
  counters(): Promise<Record<string, number>>;
  resetCounters(): Promise<void>;
  setFaults(faults: Record<string, number>): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalApi(): Promise<LocalApi> {
  const app = await createServer({ db: ":memory:" });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const creds = app.local.credentials;
  if (!creds) throw new Error("local API has no credentials");
  const admin = (p: string, init?: RequestInit) => fetch(`${baseUrl}${p}`, init);
  const counters = async () => {
    const body = (await (await admin("/_admin/counters")).json()) as {
      counters: Record<string, { count: number }>;
    };
    return Object.fromEntries(Object.entries(body.counters).map(([k, v]) => [k, v.count]));
  };
  return {
    baseUrl,
    tenantToken: creds.tenant_token,
    orgKey: creds.organization_key,
    call: (method, urlPath, body, token = creds.tenant_token) =>
      apiCall(baseUrl, token, method, urlPath, body),
    counters,
    async writes() {
      return Object.fromEntries(
        Object.entries(await counters()).filter(([k]) => !k.startsWith("GET ") && k.includes(" /v1/")),
      );
    },
    async resetCounters() {
      await admin("/_admin/counters/reset", { method: "POST" });
    },
    async setFaults(faults) {
      const res = await admin("/_admin/faults", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(faults),
      });
      if (!res.ok) throw new Error(`setting faults failed: ${res.status} ${await res.text()}`);
    },
    close: () => app.close(),
  };
}
