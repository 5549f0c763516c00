import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { z } from "zod";
import * as c from "../src";

// The spec ships no `example`s for these components, so each case is a realistic object built from the
// field tables (ids with the documented prefixes), parsed as the server or the provider would.

const ts = "2026-05-01T12:00:00Z";

const draft = {
  instructions: "Answer billing questions politely.",
  model: "gpt-4.1-mini",
  enabled_hosted_tools: ["web_search", "file_search"],
  vector_store_ids: ["vs_abc"],
  mcp_servers: null,
  skills: [{ skill_id: "skl_123", version: 2 }, { skill_id: "skl_456" }],
  auto_memory: true,
  memory_consolidation: null,
  variables: [{ name: "company", default: "Acme", description: null, required: false }],
  ui_resources: [
    {
      name: "invoice-card",
      content_hash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
      csp: { connectDomains: ["https://api.acme.test"] },
      permissions: null,
      prefers_border: true,
      domain: null,
      tool: {
        description: "Show an invoice",
        input_schema: { type: "object" },
        visibility: ["model", "app"],
      },
    },
  ],
};

const agent = {
  id: "agt_01",
  slug: "billing-bot",
  name: "Billing Bot",
  is_default: false,
  draft,
  active_version: 1,
  rollout_version: 2,
  rollout_percent: 25,
  smith_count: 3,
  last_activity_at: null,
  created_at: ts,
  updated_at: ts,
};

const mcpServer = {
  id: "mcp_01",
  name: "stripe",
  url: "https://mcp.stripe.test/mcp",
  auth: { kind: "oauth", provider: "stripe", client_mode: "platform" },
  origin: "catalog",
  catalog_slug: "stripe",
  tool_allowlist: ["list_invoices"],
  approval_policy: [{ match: "create_*", require: "approval" }],
  tools: [{ name: "list_invoices", description: null, requires_approval: false, enabled: true }],
  tools_discovered: 12,
  tools_refreshed_at: ts,
  status: "active",
  discovery_error: null,
  last_call_error: null,
  last_call_error_at: null,
  created_at: ts,
};

const deployment = {
  id: "dep_01",
  target: { type: "agent", id: "agt_01" },
  kind: "web",
  address: null,
  provider: null,
  provider_metadata: { title: "Help", greeting: "Hi!" },
  secret_keys: ["password"],
  page_url: "https://cloud.ingram.tech/hosted/dep_01",
  status: "active",
  created_at: ts,
};

const page = <T>(data: T[]) => ({ data, next_cursor: "cur_2", has_more: true });

interface Case {
  schema: z.ZodType;
  valid: unknown[];
  /** Objects of the right outline with one field of the wrong type, or a missing required field. */
  invalid: unknown[];
}

const cases: Record<string, Case> = {
  TokenIn: {
    schema: c.TokenIn,
    valid: [
      {
        scope: "smith",
        smith_id: "smt_1",
        permissions: ["runs:read", "runs:write"],
        ttl_seconds: 3600,
        name: "ci",
      },
      { scope: "admin", ttl_seconds: null },
      {},
    ],
    invalid: [
      { ttl_seconds: 0 },
      { ttl_seconds: -5 },
      { ttl_seconds: 315360001 },
      { ttl_seconds: 1.5 },
      { ttl_seconds: "3600" },
      { permissions: "runs:read" },
      { scope: 1 },
    ],
  },
  MintedTokenOut: {
    schema: c.MintedTokenOut,
    valid: [
      {
        id: "tok_1",
        token: "thp_live_eyJhbGciOiJSUzI1NiJ9.x.y",
        scope: "smith",
        sub: "prj_1:smt_1",
        scopes: ["runs:read"],
        expires_at: ts,
      },
    ],
    invalid: [{ id: "tok_1", token: "t", scope: "smith", sub: "s", scopes: ["a"] }],
  },
  TokenListOut: {
    schema: c.TokenListOut,
    valid: [
      page([
        {
          id: "tok_1",
          name: null,
          sub: "prj_1",
          scopes: ["tenant:*"],
          prefix: "tha_live_",
          created_at: ts,
          expires_at: null,
          revoked_at: null,
        },
      ]),
      { data: [], has_more: false },
    ],
    invalid: [{ data: [], has_more: "no" }, { data: {}, has_more: false }, { data: [] }],
  },
  AgentIn: {
    schema: c.AgentIn,
    valid: [
      { name: "Billing Bot" },
      {
        name: "Billing Bot",
        slug: "billing-bot",
        ...draft,
        ui_resources: undefined,
        mcp_servers: ["stripe"],
      },
    ],
    invalid: [
      {},
      { name: 5 },
      { name: "x", skills: [{ skill_id: "skl_1", version: 0 }] },
      { name: "x", auto_memory: "yes" },
    ],
  },
  AgentPatch: {
    schema: c.AgentPatch,
    valid: [{}, { name: "Renamed", mcp_servers: null, variables: [{ name: "tone" }] }],
    invalid: [{ name: 1 }, { variables: [{ default: "x" }] }, { enabled_hosted_tools: "web_search" }],
  },
  AgentOut: {
    schema: c.AgentOut,
    valid: [
      agent,
      {
        ...agent,
        slug: null,
        is_default: true,
        active_version: null,
        rollout_version: null,
        smith_count: undefined,
      },
    ],
    invalid: [
      { ...agent, rollout_percent: "25" },
      { ...agent, draft: { ...draft, skills: undefined } },
      { ...agent, id: undefined },
    ],
  },
  AgentListOut: {
    schema: c.AgentListOut,
    valid: [page([agent])],
    invalid: [page([{ ...agent, is_default: 0 }])],
  },
  PublishIn: {
    schema: c.PublishIn,
    valid: [{}, { note: "v2: new tone" }, { note: null }],
    invalid: [{ note: 2 }],
  },
  AgentVersionOut: {
    schema: c.AgentVersionOut,
    valid: [
      { version: 2, snapshot: draft, created_by: "tok_1", note: null, created_at: ts },
      { version: 1, snapshot: {}, created_by: null, note: "first", created_at: null },
    ],
    invalid: [
      { version: "2", snapshot: {}, created_by: null, note: null, created_at: ts },
      { version: 2, created_by: null, note: null, created_at: ts },
    ],
  },
  RolloutIn: {
    schema: c.RolloutIn,
    valid: [{ version: 2 }, { version: 2, percent: 0 }, { version: 2, percent: 100 }],
    invalid: [
      { percent: 50 },
      { version: 2, percent: 101 },
      { version: 2, percent: -1 },
      { version: 2, percent: 12.5 },
      { version: "2" },
    ],
  },
  UiResourceIn: {
    schema: c.UiResourceIn,
    valid: [{ name: "invoice-card" }, { name: "a_b", csp: null, tool: { description: "d" } }],
    invalid: [{ name: "-bad" }, { name: "Upper" }, { name: "a".repeat(64) }, { name: "ok", tool: {} }],
  },
  McpServerIn: {
    schema: c.McpServerIn,
    valid: [
      { url: "https://mcp.acme.test/mcp", auth: { kind: "bearer", secret: "s3cret" }, tool_allowlist: null },
      { catalog: "stripe", approval_policy: [{ match: "create_*", require: "approval" }] },
      { url: "https://mcp.acme.test/mcp", auth: { kind: "oauth", provider: "acme", client_mode: "tenant" } },
    ],
    invalid: [
      { url: 1 },
      { auth: "bearer" },
      { approval_policy: [{ require: "approval" }] },
      { tool_allowlist: [1] },
    ],
  },
  McpServerOut: {
    schema: c.McpServerOut,
    valid: [
      mcpServer,
      {
        ...mcpServer,
        origin: undefined,
        catalog_slug: undefined,
        approval_policy: undefined,
        auth: { kind: "none", provider: null },
      },
    ],
    invalid: [
      { ...mcpServer, tools_discovered: "12" },
      { ...mcpServer, auth: { kind: "none" } },
      { ...mcpServer, status: undefined },
    ],
  },
  McpServerListOut: {
    schema: c.McpServerListOut,
    valid: [page([mcpServer])],
    invalid: [page([{ ...mcpServer, tools: null }])],
  },
  CatalogListOut: {
    schema: c.CatalogListOut,
    valid: [
      {
        data: [
          {
            slug: "stripe",
            display_name: "Stripe",
            description: "Payments",
            mcp_url: "https://mcp.stripe.test/mcp",
            auth: { kind: "oauth", provider: "stripe", client_mode: "platform" },
            scopes: ["read_only"],
            default_allowlist: null,
            default_approval_policy: [{ match: "create_*", require: "approval" }],
            logo_url: null,
            docs_url: "https://docs.stripe.test/mcp",
          },
        ],
      },
    ],
    invalid: [{ data: [{ slug: "stripe" }] }],
  },
  TelegramBotIn: {
    schema: c.TelegramBotIn,
    valid: [{ bot_token: "123:ABC" }, { bot_token: "123:ABC", webhook_secret: null }],
    invalid: [{}, { bot_token: 123 }],
  },
  TelegramBotOut: {
    schema: c.TelegramBotOut,
    valid: [
      { configured: false },
      {
        configured: true,
        bot_username: "acme_bot",
        bot_id: 123,
        has_token: true,
        webhook_url: "https://x.test/v1/telegram/webhook/prj_1",
      },
    ],
    invalid: [{}, { configured: true, bot_id: "123" }],
  },
  WebhookIn: {
    schema: c.WebhookIn,
    valid: [
      { url: "https://hooks.acme.test/ic" },
      { url: "https://hooks.acme.test/ic", events: ["run", "slack.install"], active: false },
    ],
    invalid: [{}, { url: "https://x.test", events: "run" }, { url: "https://x.test", active: "true" }],
  },
  WebhookCreateOut: {
    schema: c.WebhookCreateOut,
    valid: [{ id: "wh_1", url: "https://x.test", events: [], active: true, secret: "whsec_abc" }],
    invalid: [{ id: "wh_1", url: "https://x.test", events: [], active: true }],
  },
  WebhookListOut: {
    schema: c.WebhookListOut,
    valid: [page([{ id: "wh_1", url: "https://x.test", events: ["run"], active: true, created_at: ts }])],
    invalid: [page([{ id: "wh_1", url: "https://x.test", events: ["run"], active: true }])],
  },
  WebhookPatch: {
    schema: c.WebhookPatch,
    valid: [{}, { events: ["slack"] }, { active: null, url: null }],
    invalid: [{ events: [1] }, { active: "no" }],
  },
  WebhookIdOut: { schema: c.WebhookIdOut, valid: [{ id: "wh_1" }], invalid: [{}, { id: 1 }] },
  WebhookRotateIn: {
    schema: c.WebhookRotateIn,
    valid: [{}, { grace_seconds: 0 }, { grace_seconds: 604800 }],
    invalid: [
      { grace_seconds: -1 },
      { grace_seconds: 604801 },
      { grace_seconds: 1.5 },
      { grace_seconds: "60" },
    ],
  },
  WebhookRotateOut: {
    schema: c.WebhookRotateOut,
    valid: [
      { id: "wh_1", secret: "whsec_new", previous_secret_expires_at: ts },
      { id: "wh_1", secret: "whsec_new", previous_secret_expires_at: null },
    ],
    invalid: [{ id: "wh_1", secret: "whsec_new" }],
  },
  WebhookTestOut: {
    schema: c.WebhookTestOut,
    valid: [{ delivered: true }],
    invalid: [{}, { delivered: "yes" }],
  },
  WebhookDeliveryListOut: {
    schema: c.WebhookDeliveryListOut,
    valid: [
      page([
        {
          id: "whd_1",
          event_id: "evt_1",
          event_type: "run.completed",
          url: "https://x.test",
          status: "succeeded",
          attempts: 1,
          last_status: 200,
          last_error: "",
          next_attempt_at: null,
          delivered_at: ts,
          created_at: ts,
        },
      ]),
    ],
    invalid: [
      page([{ id: "whd_1", event_id: "evt_1", event_type: "x", url: "u", status: "dead", attempts: "3" }]),
    ],
  },
  WebhookRedeliverOut: {
    schema: c.WebhookRedeliverOut,
    valid: [
      { delivery_id: "whd_1", delivered: false, status: null },
      { delivery_id: "whd_1", delivered: true, status: 204 },
    ],
    invalid: [{ delivery_id: "whd_1", delivered: true }],
  },
  ModelKeyIn: {
    schema: c.ModelKeyIn,
    valid: [
      { api_key: "sk-test" },
      { api_key: "sk-test", base_url: "https://llm.acme.test/v1", workspace_id: null },
    ],
    invalid: [{}, { api_key: null }, { api_key: "k", base_url: 3 }],
  },
  ModelKeyListOut: {
    schema: c.ModelKeyListOut,
    valid: [
      { data: [{ provider: "openai", base_url: null, workspace_id: null, has_key: true, updated_at: ts }] },
    ],
    invalid: [{ data: [{ provider: "openai", has_key: true }] }],
  },
  ModelKeyConfiguredOut: {
    schema: c.ModelKeyConfiguredOut,
    valid: [{ provider: "anthropic", configured: true, base_url: null, workspace_id: null }],
    invalid: [{ provider: "anthropic", configured: "true", base_url: null, workspace_id: null }],
  },
  ModelsListOut: {
    schema: c.ModelsListOut,
    valid: [
      {
        data: [
          {
            id: "gpt-4.1-mini",
            provider: "openai",
            label: "GPT-4.1 mini",
            available: true,
            source: "hosted",
          },
          {
            id: "claude-sonnet-4",
            provider: "anthropic",
            label: "Claude Sonnet 4",
            available: false,
            source: null,
          },
        ],
        providers: [
          { id: "openai", label: "OpenAI", base_url: true, hosted: true },
          { id: "anthropic", label: "Anthropic", base_url: false },
        ],
      },
    ],
    invalid: [
      { data: [], providers: [{ id: "openai", label: "OpenAI" }] },
      { data: [{ id: "m", provider: "p", label: "l", available: true, source: "other" }], providers: [] },
    ],
  },
  HostedToolsListOut: {
    schema: c.HostedToolsListOut,
    valid: [{ data: [{ name: "web_search", title: "Web search", description: "Search the web" }] }],
    invalid: [{ data: [{ name: "web_search", description: "Search the web" }] }],
  },
  DeploymentIn: {
    schema: c.DeploymentIn,
    valid: [
      {
        target: { type: "agent", id: "agt_01" },
        kind: "web",
        provider_metadata: { title: "Help" },
        secrets: { password: "pw" },
      },
      {
        target: { type: "smith", id: "smt_01" },
        kind: "telegram",
        setup: { mode: "start_token" },
        address: null,
      },
    ],
    invalid: [
      { target: { type: "team", id: "x" }, kind: "web" },
      { target: { type: "agent", id: "agt_01" }, kind: "fax" },
      { kind: "web" },
    ],
  },
  DeploymentCreatedOut: {
    schema: c.DeploymentCreatedOut,
    valid: [
      deployment,
      { ...deployment, kind: "telegram", start_token: "st_1", deep_link: "https://t.me/acme_bot?start=st_1" },
    ],
    invalid: [
      { ...deployment, status: undefined },
      { ...deployment, kind: "fax" },
    ],
  },
  DeploymentListOut: {
    schema: c.DeploymentListOut,
    valid: [page([deployment])],
    invalid: [page([{ ...deployment, address: undefined }])],
  },
  DeploymentPatch: {
    schema: c.DeploymentPatch,
    valid: [{}, { display_name: "Support", owner_email: null }],
    invalid: [{ display_name: 1 }],
  },
  HostedPageOut: {
    schema: c.HostedPageOut,
    valid: [{ id: "dep_01", title: "Help", greeting: "Hi!", requires_password: false, status: "active" }],
    invalid: [{ id: "dep_01", title: "Help", greeting: "Hi!", requires_password: "no", status: "active" }],
  },
  HostedChatIn: {
    schema: c.HostedChatIn,
    valid: [{ visitor_id: "v1", message: "hello" }],
    invalid: [
      { visitor_id: "", message: "hi" },
      { visitor_id: "v".repeat(129), message: "hi" },
      { visitor_id: "v1" },
    ],
  },
  ProjectIn: {
    schema: c.ProjectIn,
    valid: [{ name: "staging" }, { name: "prod", metadata: { team: "core" } }],
    invalid: [{}, { name: "x", metadata: "m" }],
  },
  ProjectListOut: {
    schema: c.ProjectListOut,
    valid: [
      page([
        {
          id: "prj_1",
          organization: "org_1",
          name: "staging",
          metadata: {},
          created_at: ts,
          archived_at: null,
        },
      ]),
    ],
    invalid: [
      page([
        {
          id: "prj_1",
          organization: "org_1",
          name: "staging",
          metadata: null,
          created_at: ts,
          archived_at: null,
        },
      ]),
    ],
  },
  ProjectTokenIn: {
    schema: c.ProjectTokenIn,
    valid: [{}, { ttl_seconds: 315360000, name: "ci" }, { ttl_seconds: null }],
    invalid: [{ ttl_seconds: 0 }, { ttl_seconds: 315360001 }, { name: 5 }],
  },
  ProjectTokenOut: {
    schema: c.ProjectTokenOut,
    valid: [
      {
        id: "tok_9",
        token: "tha_live_eyJ.x.y",
        scope: "admin",
        sub: "prj_1",
        scopes: ["tenant:*"],
        expires_at: null,
      },
    ],
    invalid: [{ id: "tok_9", scope: "admin", sub: "prj_1", scopes: ["tenant:*"], expires_at: null }],
  },
  EventEnvelope: {
    schema: c.EventEnvelope,
    valid: [
      {
        v: 1,
        id: "evt_1",
        type: "run.completed",
        created_at: ts,
        tenant_id: "prj_1",
        smith_id: "smt_1",
        data: { run_id: "run_1" },
      },
    ],
    invalid: [{ v: 2, id: "evt_1", type: "x", created_at: ts, tenant_id: "prj_1", data: {} }],
  },
  EventListOut: {
    schema: c.EventListOut,
    valid: [
      page([
        {
          v: 1,
          id: "evt_1",
          type: "webhook.test",
          smith_id: null,
          data: {},
          actor: { kind: "tenant", id: "prj_1", token_id: "tok_1" },
          created_at: ts,
        },
      ]),
    ],
    invalid: [
      page([
        {
          v: 1,
          id: "evt_1",
          type: "x",
          smith_id: null,
          data: {},
          actor: { kind: "robot", id: "r", token_id: "t" },
          created_at: ts,
        },
      ]),
    ],
  },
  ErrorEnvelope: {
    schema: c.ErrorEnvelope,
    valid: [
      {
        error: {
          message: "percent must be 0..100",
          type: "invalid_request_error",
          param: "percent",
          code: "invalid_percent",
        },
      },
    ],
    invalid: [{ error: { message: "x", type: "api_error", param: null } }],
  },
};

describe("wire schemas", () => {
  for (const [name, { schema, valid, invalid }] of Object.entries(cases)) {
    it(`${name} accepts realistic bodies and rejects wrong types`, () => {
      for (const body of valid) {
        const result = schema.safeParse(body);
        assert.ok(result.success, `${name} rejected ${JSON.stringify(body)}: ${result.error?.message}`);
      }
      for (const body of invalid) {
        assert.equal(schema.safeParse(body).success, false, `${name} accepted ${JSON.stringify(body)}`);
      }
    });
  }
});

describe("schema behaviour", () => {
  it("applies the spec's request defaults", () => {
    assert.equal(c.TokenIn.parse({}).scope, "smith");
    assert.deepEqual(c.WebhookIn.parse({ url: "https://x.test" }), {
      url: "https://x.test",
      events: [],
      active: true,
    });
    assert.equal(c.RolloutIn.parse({ version: 3 }).percent, 100);
    assert.equal(c.WebhookRotateIn.parse({}).grace_seconds, 86400);
    assert.equal(c.Actor.parse({ kind: "smith", id: "smt_1", token_id: "tok_1" }).email, "");
  });

  it("strips unknown keys (e.g. a slug sent on PATCH)", () => {
    const parsed = c.AgentPatch.parse({ name: "x", slug: "ignored" });
    assert.deepEqual(parsed, { name: "x" });
    assert.deepEqual(c.AgentOut.parse({ ...agent, future_field: 1 }), agent);
  });

  it("keeps unknown approval-rule clauses on input so the server can reject them", () => {
    const parsed = c.McpServerIn.parse({
      approval_policy: [{ match: "*", require: "approval", when: "x > 1" }],
    });
    assert.deepEqual(parsed.approval_policy?.[0], { match: "*", require: "approval", when: "x > 1" });
  });

  it("exposes the MCP auth kinds and client modes as closed enums", () => {
    assert.deepEqual([...c.MCP_AUTH_KINDS], ["none", "bearer", "oauth"]);
    assert.ok(c.McpAuthKindSchema.safeParse("oauth").success);
    assert.equal(c.McpAuthKindSchema.safeParse("basic").success, false);
    assert.ok(c.McpClientModeSchema.safeParse("platform").success);
    assert.equal(c.McpClientModeSchema.safeParse("user").success, false);
  });

  it("cursorPage wraps any item schema", () => {
    const Page = c.cursorPage(c.WebhookIdOut);
    assert.ok(Page.safeParse({ data: [{ id: "wh_1" }], next_cursor: null, has_more: false }).success);
    assert.equal(Page.safeParse({ data: [{ id: 1 }], has_more: false }).success, false);
  });
});
