// The main job: start the local Ingram Cloud API on an embedded SQLite file, `pulumi up` the seed's
// tenant example against it with the real Pulumi CLI, print the outputs, then show that a second `up`
// changes nothing and makes no API write.
//
//   npm run demo                 (builds first; see package.json)
//
// Everything lives under .local-data/demo (git-ignored) and starts fresh on each run.
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { createServer } from "@ingram-tech/ingram-cloud-local";
import { createPulumiProject, REPO_ROOT } from "../test/e2e/harness/pulumi";
import { tenantExampleStack } from "../test/e2e/support/tenant-example";

const WORK = path.join(REPO_ROOT, ".local-data", "demo");

type Counters = Record<string, { count: number }>;

/** Calls that change something on the API side (anything but GET), summed over routes. */
function writeCalls(counters: Counters): number {
  return Object.entries(counters)
    .filter(([route]) => !route.startsWith("GET ") && route.includes("/v1/"))
    .reduce((sum, [, c]) => sum + c.count, 0);
}

function section(title: string): void {
  console.log(`\n=== ${title}`);
}

async function main(): Promise<void> {
  await fs.rm(WORK, { recursive: true, force: true });
  await fs.mkdir(WORK, { recursive: true });

  section("local Ingram Cloud API");
  const db = path.join(WORK, "ingram-cloud.db");
  const app = await createServer({ db });
  const baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
  const credentials = app.local.credentials;
  if (!credentials) throw new Error("the local API did not create credentials");
  console.log(`listening on ${baseUrl}, database ${path.relative(REPO_ROOT, db)}`);
  console.log(
    `project ${credentials.project_id}; credentials in ${path.relative(REPO_ROOT, `${db}.credentials.json`)}`,
  );

  const counters = async (): Promise<Counters> => {
    const res = await fetch(`${baseUrl}/_admin/counters`);
    return ((await res.json()) as { counters: Counters }).counters;
  };
  const resetCounters = () => fetch(`${baseUrl}/_admin/counters/reset`, { method: "POST" });

  // The example resolves the provider and @pulumi/pulumi from the workspace's node_modules, so it is
  // copied below the repo root (not into the OS temp dir) together with the app-owned AGENT_SPECS.
  const programDir = path.join(WORK, "tenant");
  await fs.cp(path.join(REPO_ROOT, "examples/tenant"), programDir, { recursive: true });
  await fs.cp(path.join(REPO_ROOT, "examples/src"), path.join(WORK, "src"), { recursive: true });

  const project = await createPulumiProject({ dir: programDir, removeDirOnCleanup: false });
  try {
    const stack = await project.initStack(
      "demo",
      tenantExampleStack(baseUrl, credentials.tenant_token, {
        mcpSecret: "demo-mcp-secret",
        botToken: "123456789:demo-telegram-bot-token",
        anthropicApiKey: "sk-ant-demo-key",
      }),
    );

    section("pulumi up (first run: creates the tenant's configuration)");
    await resetCounters();
    const first = await stack.up();
    console.log(first.stdout.trim());
    console.log(`API write calls: ${writeCalls(await counters())}`);

    section("stack outputs");
    console.log(JSON.stringify(await stack.outputs(), null, 2));

    section("pulumi up (second run: nothing to do)");
    await resetCounters();
    const second = await stack.up();
    console.log(second.stdout.trim());
    const writes = writeCalls(await counters());
    console.log(`API write calls: ${writes}`);
    const changed = Object.entries(second.changes).filter(([kind, n]) => kind !== "unchanged" && n > 0);
    if (changed.length > 0 || writes > 0) {
      throw new Error(`the second up was not a no-op: ${JSON.stringify(second.changes)}, ${writes} writes`);
    }
    console.log("\nDemo complete: the second `up` changed nothing and wrote nothing.");
  } finally {
    await project.cleanup();
    await app.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  if (err && typeof err === "object" && "result" in err)
    console.error((err as { result: { output: string } }).result.output);
  process.exit(1);
});
