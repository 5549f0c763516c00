// Reliability 4 and 5: bad input and the wrong kind of token. A table of invalid inputs across every
// resource, each previewed with the real CLI: the preview must fail, name the property, say how to fix
// it, never echo a secret, and the local API must see zero requests (check runs before any call).
// One stack per worker, the case chosen through config (bad:type, bad:args), a plain-JS program so a
// preview costs no compile; two workers share the two cores.
import assert from "node:assert/strict";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { createPulumiProject, type PulumiProject, type PulumiStack } from "./harness/pulumi";
import { ApiProcess, workspaceProgram } from "./support/api-process";

interface Case {
  type: string;
  /** What is wrong, for the report. */
  what: string;
  args: Record<string, unknown>;
  /** The property the message must name (as the engine prints it: `property <name> value`). */
  property: string;
  /** The fix the message must state. */
  fix: RegExp;
}

const HOOK = { url: "https://hooks.acme.example.com/ic" };
const MCP = { serverName: "acme", url: "https://mcp.acme.example.com/mcp", authKind: "none" };
const KEY = { provider: "anthropic", apiKey: "sk-bad-input-0001" };

const CASES: Case[] = [
  // IcAgent
  { type: "IcAgent", what: "empty slug", args: { slug: "" }, property: "slug", fix: /a-z, 0-9 and "-"/ },
  {
    type: "IcAgent",
    what: "slug with spaces/capitals",
    args: { slug: "Support Bot" },
    property: "slug",
    fix: /e\.g\. "support-bot"/,
  },
  {
    type: "IcAgent",
    what: "slug starting with -",
    args: { slug: "-lead" },
    property: "slug",
    fix: /not first or last/,
  },
  {
    type: "IcAgent",
    what: "slug of 64 chars",
    args: { slug: "a".repeat(64) },
    property: "slug",
    fix: /1\.\.63/,
  },
  {
    type: "IcAgent",
    what: "slug is a number",
    args: { slug: 42 },
    property: "slug",
    fix: /must be a string, got a number/,
  },
  {
    type: "IcAgent",
    what: "rolloutPercent 150",
    args: { rolloutPercent: 150 },
    property: "rolloutPercent",
    fix: /must be 0\.\.100, got 150/,
  },
  {
    type: "IcAgent",
    what: "rolloutPercent 12.5",
    args: { rolloutPercent: 12.5 },
    property: "rolloutPercent",
    fix: /whole number/,
  },
  {
    type: "IcAgent",
    what: "rolloutPercent as a string",
    args: { rolloutPercent: "50" },
    property: "rolloutPercent",
    fix: /whole number, got a string/,
  },
  {
    type: "IcAgent",
    what: "autoMemory as a string",
    args: { autoMemory: "yes" },
    property: "autoMemory",
    fix: /true or false/,
  },
  {
    type: "IcAgent",
    what: "variable without a name",
    args: { variables: [{ default: "Acme" }] },
    property: "variables\\[0\\]\\.name",
    fix: /\{ name: "company" \}/,
  },
  {
    type: "IcAgent",
    what: "variables not a list",
    args: { variables: "company" },
    property: "variables",
    fix: /must be a list/,
  },
  {
    type: "IcAgent",
    what: "hosted tools not a list",
    args: { enabledHostedTools: "web_search" },
    property: "enabledHostedTools",
    fix: /list of strings/,
  },
  {
    type: "IcAgent",
    what: "empty MCP server name",
    args: { mcpServers: [""] },
    property: "mcpServers\\[0\\]",
    fix: /IcMcpServer serverName/,
  },
  {
    type: "IcAgent",
    what: "typo'd argument",
    args: { instruction: "Be brief." },
    property: "instruction",
    fix: /known arguments: .*instructions/,
  },
  {
    type: "IcAgent",
    what: "organization key on a tenant resource",
    args: { token: "$ORG_KEY" },
    property: "token",
    fix: /needs a tenant-admin token .*ingram-cloud:token/,
  },
  {
    type: "IcAgent",
    what: "smith token on a tenant resource",
    args: { token: "$SMITH_TOKEN" },
    property: "token",
    fix: /needs a tenant-admin token .*but the token given is a smith token/,
  },
  {
    type: "IcAgent",
    what: "http base URL to a remote host",
    args: { baseUrl: "http://api.example.com" },
    property: "baseUrl",
    fix: /must use https:\/\//,
  },
  // IcWebhook
  {
    type: "IcWebhook",
    what: "http URL to a remote host",
    args: { url: "http://hooks.acme.example.com/ic" },
    property: "url",
    fix: /must use https:\/\/ \(http:\/\/ is accepted only for loopback/,
  },
  {
    type: "IcWebhook",
    what: "not a URL",
    args: { url: "hooks.acme.example.com/ic" },
    property: "url",
    fix: /absolute URL; use e\.g\. https:/,
  },
  {
    type: "IcWebhook",
    what: "ftp URL",
    args: { url: "ftp://hooks.acme.example.com/ic" },
    property: "url",
    fix: /https:\/\/ URL; the scheme was ftp:/,
  },
  {
    type: "IcWebhook",
    what: "missing URL",
    args: {},
    property: "url",
    fix: /is required: set it to the endpoint URL/,
  },
  {
    type: "IcWebhook",
    what: "unknown event",
    args: { ...HOOK, events: ["run.finished"] },
    property: "events\\[0\\]",
    fix: /not a known event type or family; use one of .*run\.completed/,
  },
  {
    type: "IcWebhook",
    what: "events as a string",
    args: { ...HOOK, events: "run.completed" },
    property: "events",
    fix: /list of strings/,
  },
  {
    type: "IcWebhook",
    what: "active as a string",
    args: { ...HOOK, active: "true" },
    property: "active",
    fix: /true or false/,
  },
  // IcMcpServer
  {
    type: "IcMcpServer",
    what: "url and catalog",
    args: { ...MCP, catalog: "stripe" },
    property: "catalog",
    fix: /either `url` .* or `catalog`/,
  },
  {
    type: "IcMcpServer",
    what: "neither url nor catalog",
    args: { serverName: "acme", authKind: "none" },
    property: "url",
    fix: /set `url` to your MCP endpoint, or `catalog`/,
  },
  {
    type: "IcMcpServer",
    what: "unknown auth kind",
    args: { ...MCP, authKind: "basic" },
    property: "authKind",
    fix: /must be one of "static", "bearer", "none", "oauth"/,
  },
  {
    type: "IcMcpServer",
    what: "static auth without a secret",
    args: { ...MCP, authKind: "static" },
    property: "secret",
    fix: /required with authKind "static"/,
  },
  {
    type: "IcMcpServer",
    what: "server name with spaces",
    args: { ...MCP, serverName: "Acme Server" },
    property: "serverName",
    fix: /./,
  },
  {
    type: "IcMcpServer",
    what: "http URL to a remote host",
    args: { ...MCP, url: "http://mcp.acme.example.com/mcp" },
    property: "url",
    fix: /must use https:\/\//,
  },
  {
    type: "IcMcpServer",
    what: "clientMode without oauth",
    args: { ...MCP, clientMode: "tenant" },
    property: "clientMode",
    fix: /only applies to authKind "oauth"/,
  },
  // IcModelKey
  {
    type: "IcModelKey",
    what: "malformed provider",
    args: { ...KEY, provider: "Anthropic!" },
    property: "provider",
    fix: /lowercase, e\.g\. "anthropic"/,
  },
  {
    type: "IcModelKey",
    what: "missing apiKey",
    args: { provider: "anthropic" },
    property: "apiKey",
    fix: /pass it as a Pulumi secret/,
  },
  {
    type: "IcModelKey",
    what: "http provider base URL",
    args: { ...KEY, providerBaseUrl: "http://llm.acme.example.com/v1" },
    property: "providerBaseUrl",
    fix: /must use https:\/\//,
  },
  // IcTelegramBot
  {
    type: "IcTelegramBot",
    what: "malformed bot token",
    args: { botToken: "not a token" },
    property: "botToken",
    fix: /./,
  },
  // IcProject / IcProjectToken
  {
    type: "IcProject",
    what: "tenant token given to IcProject",
    args: { token: "$TENANT_TOKEN" },
    property: "token",
    fix: /IcProject needs the organization key, but the token given is a tenant-admin token/,
  },
  {
    type: "IcProject",
    what: "empty project name",
    args: { token: "$ORG_KEY", projectName: "" },
    property: "projectName",
    fix: /must not be empty/,
  },
  {
    type: "IcProjectToken",
    what: "tenant token given to IcProjectToken",
    args: { token: "$TENANT_TOKEN", project: "prj_1" },
    property: "token",
    fix: /IcProjectToken needs the organization key/,
  },
  {
    type: "IcProjectToken",
    what: "ttlSeconds 0",
    args: { token: "$ORG_KEY", project: "prj_1", ttlSeconds: 0 },
    property: "ttlSeconds",
    fix: /must be 1\.\.315360000, got 0/,
  },
  {
    type: "IcProjectToken",
    what: "missing project",
    args: { token: "$ORG_KEY" },
    property: "project",
    fix: /`project\.projectId` of an IcProject/,
  },
  // IcWebPage
  {
    type: "IcWebPage",
    what: "missing agentId",
    args: { title: "Support" },
    property: "agentId",
    fix: /`agent\.agentId` of an IcAgent/,
  },
  {
    type: "IcWebPage",
    what: "title of 300 chars",
    args: { agentId: "agt_1", title: "t".repeat(300) },
    property: "title",
    fix: /at most 200 characters/,
  },
];

const WORKERS = 2;

describe(`bad input: ${CASES.length} invalid inputs fail at preview with zero API calls`, () => {
  let api: ApiProcess;
  const projects: PulumiProject[] = [];
  const stacks: PulumiStack[] = [];
  let secretValues: string[] = [];

  before(async () => {
    api = await ApiProcess.start();
    const smith = "thp_live_eyJhbGciOiJSUzI1NiJ9.bad-input-smith.sig";
    secretValues = [api.orgKey, api.tenantToken, smith, "sk-bad-input-0001"];
    for (let w = 0; w < WORKERS; w++) {
      const project = await createPulumiProject({
        dir: await workspaceProgram(path.join(__dirname, "fixtures/bad-input")),
      });
      projects.push(project);
      stacks.push(
        await project.initStack(`bad${w}`, {
          config: { "ingram-cloud:baseUrl": api.baseUrl },
          secrets: {
            "ingram-cloud:token": api.tenantToken,
            "bad:orgKey": api.orgKey,
            "bad:tenantToken": api.tenantToken,
            "bad:smithToken": smith,
          },
        }),
      );
    }
    await api.resetCounters();
  });
  after(async () => {
    for (const p of projects) await p.cleanup();
    await api?.cleanup();
  });

  it("every case fails with a message naming the property and the fix; the API sees nothing", async () => {
    const failures: string[] = [];
    const queue = [...CASES];
    const started = Date.now();
    await Promise.all(
      stacks.map(async (stack) => {
        for (let c = queue.shift(); c; c = queue.shift()) {
          await stack.setConfig("bad:type", c.type);
          await stack.setConfig("bad:args", JSON.stringify(c.args));
          // Plain (not --json) output: the message exactly as a user reads it.
          const preview = await stack.project.run(["preview", "--stack", stack.name], {
            expectFailure: true,
          });
          const problem = new RegExp(
            `${c.type} resource 'subject': property ${c.property} value .* has a problem: (.*)`,
          );
          const reason = problem.exec(preview.output)?.[1];
          const leaked = secretValues.filter((s) => preview.output.includes(s));
          if (!reason)
            failures.push(`${c.type} ${c.what}: no message naming ${c.property}:\n${preview.output}`);
          else if (!c.fix.test(reason))
            failures.push(`${c.type} ${c.what}: "${reason}" does not say ${c.fix}`);
          if (leaked.length > 0) failures.push(`${c.type} ${c.what}: a secret value appears in the output`);
          if (reason) console.log(`[bad-input] ${c.type} ${c.what} → ${c.property}: ${reason}`);
        }
      }),
    );
    console.log(`[bad-input] ${CASES.length} cases in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    assert.deepEqual(failures, []);
    const v1 = Object.entries(await api.counters()).filter(([route]) => route.includes(" /v1"));
    assert.deepEqual(v1, [], "no API request during any of the previews");
  });
});
