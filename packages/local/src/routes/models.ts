import type { HostedToolOut, ModelOut } from "@ingram-tech/ingram-cloud-contract";
import type { RouteArea } from "../core/routes";
import { byokProviders, PROVIDERS } from "./model-keys";

/** The model catalog (ids as the providers name them; any id works once a key resolves). */
const MODELS: readonly { id: string; provider: string; label: string }[] = [
  { id: "gpt-5", provider: "openai", label: "GPT-5" },
  { id: "gpt-5-mini", provider: "openai", label: "GPT-5 mini" },
  { id: "gpt-4.1", provider: "openai", label: "GPT-4.1" },
  { id: "o4-mini", provider: "openai", label: "o4-mini" },
  { id: "claude-opus-4-1", provider: "anthropic", label: "Claude Opus 4.1" },
  { id: "claude-sonnet-4-5", provider: "anthropic", label: "Claude Sonnet 4.5" },
  { id: "claude-haiku-4-5", provider: "anthropic", label: "Claude Haiku 4.5" },
  { id: "gemini-2.5-pro", provider: "google", label: "Gemini 2.5 Pro" },
  { id: "gemini-2.5-flash", provider: "google", label: "Gemini 2.5 Flash" },
  { id: "mistral-large-latest", provider: "mistral", label: "Mistral Large" },
];

/** The hosted tools an agent can name in `enabled_hosted_tools`. */
export const HOSTED_TOOLS: readonly HostedToolOut[] = [
  {
    name: "web_search",
    title: "Web search",
    description: "Search the web and return ranked results with snippets.",
  },
  {
    name: "web_fetch",
    title: "Web fetch",
    description: "Fetch a web page or document by URL and return its text.",
  },
  {
    name: "calculator",
    title: "Calculator",
    description: "Evaluate arithmetic and unit conversions exactly.",
  },
  {
    name: "reasoning",
    title: "Reasoning",
    description: "Scratchpad tools for step-by-step planning and self-checks.",
  },
  {
    name: "file_search",
    title: "File search",
    description: "Retrieve passages from the agent's vector stores (vector_store_ids).",
  },
  {
    name: "run_command",
    title: "Run command",
    description:
      "Run shell commands in an isolated sandbox; sandbox secrets are exposed as environment variables.",
  },
];

/** `GET /v1/tenant/models` (§8.2) and `GET /v1/tenant/hosted_tools` (§9): read-only catalogs. */
export const modelsArea: RouteArea = {
  name: "models",
  register(api) {
    api.route({
      method: "GET",
      path: "/v1/tenant/models",
      operationId: "tenant.models.list",
      // The docs show this call made with a smith token holding runs:read.
      auth: { smithPermission: "runs:read" },
      status: 200,
      handler({ store, tenantId }) {
        const byok = byokProviders(store, tenantId);
        const hosted = new Set(PROVIDERS.filter((p) => p.hosted).map((p) => p.id));
        const data: ModelOut[] = MODELS.map((m) => {
          const source = byok.has(m.provider) ? "byok" : hosted.has(m.provider) ? "hosted" : null;
          return { ...m, available: source !== null, source };
        });
        return {
          data,
          providers: PROVIDERS.map(({ id, label, base_url, hosted }) => ({ id, label, base_url, hosted })),
        };
      },
    });
    api.route({
      method: "GET",
      path: "/v1/tenant/hosted_tools",
      operationId: "tenant.tools.list",
      auth: "tenant",
      status: 200,
      handler: () => ({ data: HOSTED_TOOLS }),
    });
  },
};
