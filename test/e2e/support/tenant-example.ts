// The seed's tenant example (examples/tenant) as the e2e tests run it: the stack config it reads (the
// connection and the three app secrets; callers pick their own secret values, so a leak check can
// search for exactly those), and what its first `up` must produce.
import assert from "node:assert/strict";
import type { PulumiStack } from "../harness/pulumi";

export interface TenantExampleSecrets {
  mcpSecret: string;
  botToken: string;
  anthropicApiKey: string;
}

/** `initStack` settings for examples/tenant against the API at `baseUrl`. */
export function tenantExampleStack(baseUrl: string, token: string, secrets: TenantExampleSecrets) {
  return {
    config: { "ingram-cloud:baseUrl": baseUrl },
    secrets: {
      "ingram-cloud:token": token,
      "acme:mcpSecret": secrets.mcpSecret,
      "acme:botToken": secrets.botToken,
      "acme:anthropicApiKey": secrets.anthropicApiKey,
    },
  };
}

/**
 * The first `up` of examples/tenant: the stack and its 6 resources created, the agent's id and the
 * webhook's signing secret exported, the secret masked unless asked for. Returns the outputs.
 */
export async function upTenantExample(stack: PulumiStack): Promise<Record<string, unknown>> {
  const up = await stack.up();
  assert.equal(up.changes.created, 7, up.output); // stack + agent + 2 MCP + telegram + webhook + key
  const outputs = await stack.outputs({ showSecrets: true });
  assert.match(String(outputs.supportAgentId), /^agt_/);
  assert.match(String(outputs.webhookSigningSecret), /^whsec_/);
  assert.equal((await stack.outputs()).webhookSigningSecret, "[secret]");
  return outputs;
}
