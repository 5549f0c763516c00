// The stack config the seed's tenant example (examples/tenant) reads: the connection and the three
// app secrets. Callers pick their own secret values, so a leak check can search for exactly those.
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
