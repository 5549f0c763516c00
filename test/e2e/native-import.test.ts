// `pulumi import` on the native plugin, as the seed shows it, for every resource that has an id:
// objects made by plain API calls (like the old setup scripts) are imported, the generated TypeScript
// compiles against `@ingram-tech/pulumi-ingram-cloud/native`, and the next `up` changes nothing.
// Write-only secrets (a model key's apiKey, the Telegram botToken) cannot be read back, so the program
// adds them and that first `up` sends each once (one update each); the `up` after it is a no-op.
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { type LocalApi, startLocalApi } from "../../packages/pulumi/test/support/local-api";
import { createPulumiProject, type PulumiProject, type PulumiStack } from "./harness/pulumi";
import { NATIVE, NATIVE_TEST_ENV, nativePlugin, pulumiYaml, typecheck, writeProgram } from "./support/native";

const ENTRY = "@ingram-tech/pulumi-ingram-cloud/native";

describe("pulumi import on the native plugin", () => {
  let api: LocalApi;
  const call = async (method: string, urlPath: string, body?: unknown, token = api.tenantToken) => {
    const res = await fetch(`${api.baseUrl}${urlPath}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        "ic-api-version": "2026-05-01",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as { id: string };
    assert.ok(res.ok, `${method} ${urlPath}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  // What the old setup scripts made.
  const ids: Record<string, string> = {};
  let pluginDir: string;

  before(async () => {
    api = await startLocalApi();
    pluginDir = (await nativePlugin()).binDir;
    const agent = await call("POST", "/v1/agents", {
      name: "Support",
      slug: "support",
      instructions: "You are Acme's support agent.",
      model: "claude-sonnet-4-5",
    });
    await call("POST", `/v1/agents/${agent.id}/versions`, {});
    ids.agent = agent.id;
    ids.webhook = (
      await call("POST", "/v1/tenant/webhooks", {
        url: "https://acme.example.com/hooks",
        events: ["run.completed"],
      })
    ).id;
    await call("PUT", "/v1/tenant/mcp/stripe", { catalog: "stripe" });
    await call("PUT", "/v1/tenant/model_keys/anthropic", { api_key: "sk-ant-imported" });
    await call("PUT", "/v1/tenant/telegram", { bot_token: "464646:telegram-imported" });
    ids.page = (
      await call("POST", "/v1/deployments", {
        kind: "web",
        target: { type: "agent", id: agent.id },
        provider_metadata: { title: "Acme support" },
      })
    ).id;
    ids.project = (await call("POST", "/v1/organization/projects", { name: "acme-imported" }, api.orgKey)).id;
  });
  after(async () => api?.close());

  describe("tenant resources", () => {
    let project: PulumiProject;
    let stack: PulumiStack;
    let dir: string;

    before(async () => {
      dir = await writeProgram("native-import", {
        "Pulumi.yaml": pulumiYaml("acme-import", pluginDir),
        "index.ts": "export {};\n",
      });
      project = await createPulumiProject({ dir, env: NATIVE_TEST_ENV, removeDirOnCleanup: true });
      stack = await project.initStack("dev", {
        config: { "ingram-cloud:baseUrl": api.baseUrl },
        secrets: {
          "ingram-cloud:token": api.tenantToken,
          "acme:botToken": "464646:telegram-imported",
          "acme:anthropicApiKey": "sk-ant-imported",
        },
      });
    });
    after(async () => project?.cleanup());

    it("imports an agent as the seed shows and prints TypeScript for /native", async () => {
      const result = await stack.project.run([
        "import",
        "ingram-cloud:index:IcAgent",
        "support",
        ids.agent!,
        "--yes",
        "--stack",
        "dev",
      ]);
      assert.match(result.stdout, new RegExp(`import \\* as ingram_cloud from "${ENTRY}";`), result.output);
      assert.match(result.stdout, /new ingram_cloud\.IcAgent\("support", \{/);
      assert.match(result.stdout, /slug: "support"/);
      assert.match(result.stdout, /instructions: "You are Acme's support agent\."/);
      const [agent] = await stack.resources(NATIVE("IcAgent"));
      assert.equal(agent?.id, ids.agent);
    });

    it("imports every other tenant resource by its id (bulk file) into a program that compiles", async () => {
      const spec = {
        resources: [
          { type: NATIVE("IcWebhook"), name: "events", id: ids.webhook },
          { type: NATIVE("IcMcpServer"), name: "stripe", id: "stripe" },
          { type: NATIVE("IcModelKey"), name: "anthropic", id: "anthropic" },
          { type: NATIVE("IcTelegramBot"), name: "bot", id: "telegram" },
          { type: NATIVE("IcWebPage"), name: "page", id: ids.page },
        ],
      };
      await fs.writeFile(path.join(dir, "import.json"), JSON.stringify(spec));
      // Re-import the agent too, so one generated file declares everything in the stack.
      spec.resources.unshift({ type: NATIVE("IcAgent"), name: "support", id: ids.agent });
      await fs.writeFile(path.join(dir, "import.json"), JSON.stringify(spec));
      const result = await stack.project.run(
        ["import", "--file", "import.json", "--out", "index.ts", "--yes", "--stack", "dev"],
        { allowFailure: true },
      );
      assert.equal(result.code, 0, result.output);
      const code = await fs.readFile(path.join(dir, "index.ts"), "utf8");
      for (const [cls, name] of [
        ["IcWebhook", "events"],
        ["IcMcpServer", "stripe"],
        ["IcModelKey", "anthropic"],
        ["IcTelegramBot", "bot"],
        ["IcWebPage", "page"],
      ]) {
        assert.match(code, new RegExp(`new ingram_cloud\\.${cls}\\("${name}"`), code);
      }
      assert.doesNotMatch(code, /whsec_|sk-ant|464646/, "no secret is imported into code");

      // The code compiles as generated: the engine writes "" for required inputs it could not read
      // (the write-only secrets), and the plugin's check rejects those until the program sets them.
      assert.match(code, /apiKey: ""/);
      assert.match(code, /botToken: ""/);
      assert.match(code, /agentId: support\.id/, "the page refers to the imported agent");
      const generated = await typecheck(dir);
      assert.ok(generated.ok, generated.output);
      const preview = await stack.preview({ expectFailure: true });
      // The engine stops at the first failed check, and which of the two resources is checked first
      // varies from run to run: assert that it is one of them, named with its property and fix.
      const errors = (preview.json.diagnostics ?? []).filter((d) => d.severity === "error");
      assert.ok(errors.length > 0, preview.output);
      for (const { message } of errors) {
        assert.match(
          message,
          /property (apiKey|botToken) value \{\[secret\]\} has a problem: must not be empty: /,
          message,
        );
      }

      await fs.writeFile(path.join(dir, "index.ts"), withWriteOnlySecrets(code));
    });

    it("the next up sends only the two write-only secrets; the one after changes nothing", async () => {
      await api.resetCounters();
      const up = await stack.up();
      assert.deepEqual(up.changes, { updated: 2, unchanged: 5 }, up.output);
      assert.deepEqual(await api.writes(), {
        "PUT /v1/tenant/model_keys/{provider}": 1,
        "PUT /v1/tenant/telegram": 1,
      });
      await api.resetCounters();
      const again = await stack.up();
      assert.deepEqual(again.changes, { unchanged: 7 }, again.output);
      assert.deepEqual(await api.writes(), {});
    });

    it("an imported webhook has no signing secret output", async () => {
      const [hook] = await stack.resources(NATIVE("IcWebhook"));
      assert.equal(hook?.id, ids.webhook);
      assert.equal(hook?.outputs?.secret, undefined);
    });
  });

  describe("platform resources (organization key)", () => {
    let project: PulumiProject;
    let stack: PulumiStack;
    let dir: string;

    before(async () => {
      dir = await writeProgram("native-import-platform", {
        "Pulumi.yaml": pulumiYaml("acme-platform", pluginDir),
        "index.ts": "export {};\n",
      });
      project = await createPulumiProject({ dir, env: NATIVE_TEST_ENV, removeDirOnCleanup: true });
      stack = await project.initStack("dev", {
        config: { "ingram-cloud:baseUrl": api.baseUrl },
        secrets: { "ingram-cloud:token": api.orgKey },
      });
    });
    after(async () => project?.cleanup());

    it("imports a project; the program compiles and the next up changes nothing", async () => {
      await project.run(["import", NATIVE("IcProject"), "acme", ids.project!, "--yes", "--out", "index.ts"], {
        args: ["--stack", "dev"],
      });
      const code = await fs.readFile(path.join(dir, "index.ts"), "utf8");
      assert.match(code, /projectName: "acme-imported"/);
      const compiled = await typecheck(dir);
      assert.ok(compiled.ok, compiled.output);
      await api.resetCounters();
      const up = await stack.up();
      assert.deepEqual(up.changes, { unchanged: 2 }, up.output);
      assert.deepEqual(await api.writes(), {});
    });

    it("refuses to import a project token, saying why", async () => {
      const result = await project.run(
        ["import", NATIVE("IcProjectToken"), "admin", "tok_whatever", "--yes", "--stack", "dev"],
        { expectFailure: true },
      );
      assert.match(result.output, /IcProjectToken cannot be imported/);
    });
  });
});

/** Fills the write-only secrets the import left as "", as a user would (from stack config). */
function withWriteOnlySecrets(code: string): string {
  const importLine = `import * as ingram_cloud from "${ENTRY}";\n`;
  assert.ok(code.includes('import * as pulumi from "@pulumi/pulumi";') && code.includes(importLine));
  return code
    .replace(importLine, `${importLine}\nconst acme = new pulumi.Config("acme");\n`)
    .replace('apiKey: ""', 'apiKey: acme.requireSecret("anthropicApiKey")')
    .replace('botToken: ""', 'botToken: acme.requireSecret("botToken")');
}
