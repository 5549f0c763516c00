// The seed's tenant snippets (docs: "Pulumi provider"), verbatim. Only the secret values are ours:
// they come from stack config (`pulumi config set --secret acme:mcpSecret …` and so on).
import * as ic from "@ingram-tech/pulumi-ingram-cloud";
import * as pulumi from "@pulumi/pulumi";
import { AGENT_SPECS } from "../src/agents"; // app-owned prompts

const appSecrets = new pulumi.Config("acme");
const mcpSecret = appSecrets.requireSecret("mcpSecret");
const botToken = appSecrets.requireSecret("botToken");
const apiKey = appSecrets.requireSecret("anthropicApiKey");

// Reads ingram-cloud:token (secret) / :baseUrl from Pulumi config,
// or INGRAM_CLOUD_TOKEN / CLOUD_API_KEY from the environment.
const conn = ic.connectionFromConfig();

const support = new ic.IcAgent("support", {
  ...conn,
  // slug defaults to "support"; pass `slug` to decouple the key from the name.
  name: AGENT_SPECS.support.name, // display label, freely renamable
  instructions: AGENT_SPECS.support.instructions,
  model: AGENT_SPECS.support.model,
  autoMemory: AGENT_SPECS.support.auto_memory,
  // variables: [...], enabledHostedTools: [...], rolloutPercent: 100,
});
export const supportAgentId = support.agentId;

// Your own MCP server (raw URL + a static secret).
new ic.IcMcpServer("acme-mcp", {
  ...conn,
  serverName: "acme",
  url: "https://acme.example.com/api/mcp",
  authKind: "static",
  secret: mcpSecret,
});

// A curated third party from the catalog: gate which tools run, and require
// human approval on the dangerous ones. Per-smith OAuth is collected at run time
// by the hosted connect flow, not declared here.
new ic.IcMcpServer("stripe", {
  ...conn,
  serverName: "stripe",
  catalog: "stripe",
  toolAllowlist: ["get_balance", "list_charges", "create_refund"],
  approvalPolicy: [{ match: "create_refund" }],
});

new ic.IcTelegramBot("acme-telegram", { ...conn, botToken });

const hook = new ic.IcWebhook("acme-events", {
  ...conn,
  url: "https://acme.example.com/api/ic/events",
  events: ["run.completed", "approval.required"],
});
export const webhookSigningSecret = hook.secret; // whsec_… (create-only output)

new ic.IcModelKey("anthropic", { ...conn, provider: "anthropic", apiKey });
