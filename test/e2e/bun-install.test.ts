// The seed's install line is `bun add @ingram-tech/pulumi-ingram-cloud @pulumi/pulumi`. This test
// installs the packed provider exactly that way (bun from the npm registry, the tarball standing in
// for the unpublished package name) and runs the seed's tenant program under the Node.js runtime
// (dynamic providers cannot run under `runtime: bun`: Pulumi's closure serialization refuses bun).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { createPulumiProject, type PulumiProject, REPO_ROOT } from "./harness/pulumi";
import { ensureBun } from "./support/bun";
import { type LocalApi, startLocalApi } from "./support/provider-consumer";
import { tenantExampleStack, upTenantExample } from "./support/tenant-example";

const exec = promisify(execFile);
let api: LocalApi;
let root: string;
let project: PulumiProject | undefined;

before(async () => {
  api = await startLocalApi();
  root = await fs.mkdtemp(path.join(os.tmpdir(), "ic-e2e-bun-"));
});

after(async () => {
  await project?.cleanup();
  await api?.close();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

test("bun add installs the provider and the seed's tenant program runs under Node", async () => {
  const bun = await ensureBun();
  const { stdout } = await exec("node", ["--import", "tsx", "packages/pulumi/scripts/pack.ts", root], {
    cwd: REPO_ROOT,
  });
  const tarball = stdout.trim().split("\n").at(-1)!;
  const app = path.join(root, "app");
  await fs.mkdir(app);
  await fs.writeFile(path.join(app, "package.json"), '{"name":"bun-consumer","private":true}\n');
  await exec(bun, ["add", tarball, "@pulumi/pulumi"], { cwd: app });

  const manifest = JSON.parse(await fs.readFile(path.join(app, "package.json"), "utf8"));
  assert.ok(manifest.dependencies["@ingram-tech/pulumi-ingram-cloud"], "bun recorded the provider");
  assert.ok(manifest.dependencies["@pulumi/pulumi"], "bun recorded @pulumi/pulumi");

  await fs.cp(path.join(REPO_ROOT, "examples/src"), path.join(app, "src"), { recursive: true });
  const program = path.join(app, "infra");
  await fs.cp(path.join(REPO_ROOT, "examples/tenant"), program, { recursive: true });

  project = await createPulumiProject({ dir: program, removeDirOnCleanup: false });
  const stack = await project.initStack(
    "dev",
    tenantExampleStack(api.baseUrl, api.tenantToken, {
      mcpSecret: "bun-mcp-secret",
      botToken: "123456789:bun-telegram-token",
      anthropicApiKey: "sk-ant-bun-key",
    }),
  );

  await upTenantExample(stack);

  await api.resetCounters();
  const second = await stack.up();
  assert.deepEqual(second.changes, { unchanged: 7 }, second.output);
  assert.deepEqual(await api.writes(), {}, "a no-op up makes no API write");

  const destroyed = await stack.destroy();
  assert.equal(destroyed.changes.deleted, 7, destroyed.output);
  const agents = await api.call("GET", "/v1/agents");
  assert.deepEqual(agents.body.data, []);
});
