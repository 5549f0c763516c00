import { ModelKeyConfiguredOut, ModelKeyListOut } from "@ingram-tech/ingram-cloud-contract";
import { isNotFound } from "../client/errors";
import type { IcClient } from "../client/http";
import type { FieldSpec, Lifecycle, Props } from "./lifecycle";
import { Checker } from "./validate";

/** Inputs of {@link modelKeyLifecycle} (IcModelKey). */
export interface ModelKeyInputs {
  /**
   * Model provider the key is for (one key per provider in a tenant). A change replaces.
   * @example "anthropic"
   */
  provider: string;
  /** The provider API key: write-only (never read back), stored encrypted in state. */
  apiKey: string;
  /**
   * Base URL override for OpenAI-compatible backends (https; http only for loopback hosts).
   * @default null (the provider's own endpoint)
   * @example "https://llm-gateway.acme.example.com/v1"
   */
  providerBaseUrl?: string | null;
  /**
   * Provider workspace id, for providers that take one.
   * @default null
   */
  workspaceId?: string | null;
}

const fields: Record<keyof ModelKeyInputs, FieldSpec> = {
  provider: { replaces: true },
  apiKey: { secret: true, writeOnly: true },
  providerBaseUrl: {},
  workspaceId: {},
};

const path = (provider: unknown) => `/v1/tenant/model_keys/${encodeURIComponent(String(provider))}`;

async function put(client: IcClient, inputs: Props): Promise<Props> {
  const key = await client.put(path(inputs.provider), {
    body: {
      api_key: inputs.apiKey,
      base_url: inputs.providerBaseUrl ?? null,
      workspace_id: inputs.workspaceId ?? null,
    },
    schema: ModelKeyConfiguredOut,
  });
  return { configured: key.configured };
}

/**
 * IcModelKey: a tenant BYOK key, `PUT /v1/tenant/model_keys/{provider}` (full upsert, so create adopts
 * an existing key for that provider). The API shows presence only (`has_key`), never the key: read
 * compares base URL and workspace, and carries the key from state.
 */
export const modelKeyLifecycle: Lifecycle = {
  type: "IcModelKey",
  fields,
  outputs: { configured: {} },

  check(news) {
    const c = new Checker(news);
    c.onlyKeys(Object.keys(fields));
    c.string("provider", {
      required: true,
      pattern: /^[a-z0-9][a-z0-9_-]{0,62}$/,
      hint: 'a provider id in lowercase, e.g. "anthropic", "openai" or "google"',
    });
    c.string("apiKey", { required: true, hint: "the provider's API key (pass it as a Pulumi secret)" });
    c.url("providerBaseUrl");
    c.string("workspaceId");
    return { inputs: news, failures: c.failures };
  },

  async create({ client }, inputs) {
    return { id: inputs.provider as string, outputs: await put(client, inputs) };
  },

  async read({ client }, id) {
    const list = await client.get("/v1/tenant/model_keys", { schema: ModelKeyListOut });
    const key = list.data.find((k) => k.provider === id);
    if (!key?.has_key) return undefined;
    return {
      inputs: { provider: key.provider, providerBaseUrl: key.base_url, workspaceId: key.workspace_id },
      outputs: { configured: key.has_key },
    };
  },

  async update({ client }, _id, _olds, news) {
    return put(client, news);
  },

  async delete({ client }, id) {
    try {
      await client.delete(path(id));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  },
};
