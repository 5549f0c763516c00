import { createHash } from "node:crypto";
import { ModelKeyIn, type ModelKeyOut, type ModelProviderOut } from "@ingram-tech/ingram-cloud-contract";
import { apiError, notFound } from "../core/errors";
import type { RouteArea } from "../core/routes";
import type { Store } from "../core/store";
import { parseHttpUrl } from "../integrations/outbound";

const MODEL_KEYS_SCHEMA = `
CREATE TABLE IF NOT EXISTS model_keys (
  tenant_id TEXT NOT NULL, provider TEXT NOT NULL,
  key_sha256 TEXT NOT NULL,             -- write-only key: no run ever uses it locally, so only a hash is kept
  base_url TEXT, workspace_id TEXT, updated_at TEXT NOT NULL, PRIMARY KEY (tenant_id, provider)
);`;

/** A model provider the local server knows, with what its key accepts. */
export interface ProviderSpec extends ModelProviderOut {
  /** Whether the key takes a `workspace_id` (else 422 `workspace_id_unsupported`). */
  workspace: boolean;
}

/**
 * The providers valid as `{provider}`. `hosted: true` means an Ingram-hosted key backs it when the tenant
 * has none (so its models are available without BYOK).
 */
export const PROVIDERS: readonly ProviderSpec[] = [
  { id: "openai", label: "OpenAI", base_url: true, hosted: true, workspace: false },
  { id: "anthropic", label: "Anthropic", base_url: true, hosted: true, workspace: true },
  { id: "google", label: "Google Gemini", base_url: false, hosted: true, workspace: false },
  { id: "mistral", label: "Mistral", base_url: true, hosted: false, workspace: false },
];

interface KeyRow {
  provider: string;
  base_url: string | null;
  workspace_id: string | null;
  updated_at: string;
}

/** Providers for which the tenant stored a key. */
export function byokProviders(store: Store, tenantId: string): Set<string> {
  const rows = store.stmt("SELECT provider FROM model_keys WHERE tenant_id = ?").all(tenantId) as {
    provider: string;
  }[];
  return new Set(rows.map((r) => r.provider));
}

function provider(id: string | undefined): ProviderSpec {
  const spec = PROVIDERS.find((p) => p.id === id);
  if (!spec) {
    throw apiError(
      "unknown_provider",
      `Unknown provider; use one of ${PROVIDERS.map((p) => p.id).join(", ")}`,
      "provider",
    );
  }
  return spec;
}

const toOut = (row: KeyRow): ModelKeyOut => ({
  provider: row.provider,
  base_url: row.base_url,
  workspace_id: row.workspace_id,
  has_key: true,
  updated_at: row.updated_at,
});

/** `/v1/tenant/model_keys`: BYOK model keys (§8.1), presence only on reads. */
export const modelKeysArea: RouteArea = {
  name: "model-keys",
  schema: MODEL_KEYS_SCHEMA,
  register(api) {
    api.route({
      method: "GET",
      path: "/v1/tenant/model_keys",
      operationId: "tenant.models.keys.list",
      auth: "tenant",
      status: 200,
      handler: ({ store, tenantId }) => ({
        data: (
          store
            .stmt(
              "SELECT provider, base_url, workspace_id, updated_at FROM model_keys WHERE tenant_id = ? ORDER BY provider",
            )
            .all(tenantId) as KeyRow[]
        ).map(toOut),
      }),
    });

    api.route({
      method: "PUT",
      path: "/v1/tenant/model_keys/{provider}",
      operationId: "tenant.models.keys.put",
      auth: "tenant",
      status: 200,
      body: ModelKeyIn,
      bodyCodes: { api_key: "empty_key", base_url: "invalid_url" },
      handler({ store, params, body, tenantId }) {
        const spec = provider(params.provider);
        if (body.api_key.trim() === "") throw apiError("empty_key", "api_key must not be empty", "api_key");
        const baseUrl = body.base_url ?? null;
        if (baseUrl !== null) {
          if (!spec.base_url) {
            throw apiError("invalid_input", `Provider '${spec.id}' does not take a base_url`, "base_url");
          }
          if (!parseHttpUrl(baseUrl))
            throw apiError("invalid_url", "base_url must be an http(s) URL", "base_url");
        }
        const workspaceId = body.workspace_id ?? null;
        if (workspaceId !== null && !spec.workspace) {
          throw apiError(
            "workspace_id_unsupported",
            `Provider '${spec.id}' does not take a workspace_id`,
            "workspace_id",
          );
        }
        // Full replace: an omitted base_url/workspace_id clears the stored one.
        store
          .stmt(
            `INSERT INTO model_keys (tenant_id, provider, key_sha256, base_url, workspace_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT(tenant_id, provider) DO UPDATE SET key_sha256 = excluded.key_sha256, base_url = excluded.base_url,
             workspace_id = excluded.workspace_id, updated_at = excluded.updated_at`,
          )
          .run(
            tenantId,
            spec.id,
            createHash("sha256").update(body.api_key).digest("hex"),
            baseUrl,
            workspaceId,
            store.now(),
          );
        return { provider: spec.id, configured: true, base_url: baseUrl, workspace_id: workspaceId };
      },
    });

    api.route({
      method: "DELETE",
      path: "/v1/tenant/model_keys/{provider}",
      operationId: "tenant.models.keys.delete",
      auth: "tenant",
      status: 204,
      handler({ store, params, tenantId }) {
        const removed = store
          .stmt("DELETE FROM model_keys WHERE tenant_id = ? AND provider = ?")
          .run(tenantId, params.provider);
        if (removed.changes === 0) throw notFound("model key");
      },
    });
  },
};
