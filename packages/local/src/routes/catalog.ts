import type { CatalogEntryOut } from "@ingram-tech/ingram-cloud-contract";
import type { FastifyInstance } from "fastify";
import { notFound } from "../core/errors";
import type { RouteArea } from "../core/routes";
import { integrationsOf } from "../integrations/options";

/**
 * The read-only MCP catalog presets. `mcp_url` is the vendor's endpoint; the `catalogUrls` option
 * (`--catalog-url slug=url`) overrides it per slug so tests and offline setups can point a preset at a
 * local MCP server.
 */
const PRESETS: readonly CatalogEntryOut[] = [
  {
    slug: "stripe",
    display_name: "Stripe",
    description: "Payments, customers, invoices and subscriptions through Stripe's MCP server.",
    mcp_url: "https://mcp.stripe.com",
    // Per-smith OAuth through the hosted connect flow (the seed: "Per-smith OAuth is collected at run
    // time"), so a tenant registers the preset without a secret of its own.
    auth: { kind: "oauth", provider: "stripe", client_mode: "platform" },
    scopes: [],
    default_allowlist: null,
    default_approval_policy: [
      { match: "create_refund", require: "approval" },
      { match: "cancel_*", require: "approval" },
    ],
    logo_url: null,
    docs_url: "https://docs.stripe.com/mcp",
  },
  {
    slug: "github",
    display_name: "GitHub",
    description: "Repositories, issues and pull requests through GitHub's MCP server.",
    mcp_url: "https://api.githubcopilot.com/mcp/",
    auth: { kind: "oauth", provider: "github", client_mode: "platform" },
    scopes: ["repo", "read:org"],
    default_allowlist: null,
    default_approval_policy: [
      { match: "merge_*", require: "approval" },
      { match: "delete_*", require: "approval" },
    ],
    logo_url: null,
    docs_url: "https://github.com/github/github-mcp-server",
  },
  {
    slug: "linear",
    display_name: "Linear",
    description: "Issues, projects and cycles through Linear's MCP server.",
    mcp_url: "https://mcp.linear.app/mcp",
    auth: { kind: "oauth", provider: "linear", client_mode: "platform" },
    scopes: ["read", "write"],
    default_allowlist: null,
    default_approval_policy: [{ match: "delete_*", require: "approval" }],
    logo_url: null,
    docs_url: "https://linear.app/docs/mcp",
  },
];

/** Every preset with the configured `mcp_url` overrides applied. */
export function catalogEntries(app: FastifyInstance): CatalogEntryOut[] {
  const urls = integrationsOf(app).catalogUrls;
  return PRESETS.map((p) => ({ ...p, mcp_url: urls[p.slug] ?? p.mcp_url }));
}

/** One preset by slug, or undefined. */
export function catalogEntry(app: FastifyInstance, slug: string): CatalogEntryOut | undefined {
  return catalogEntries(app).find((p) => p.slug === slug);
}

/** `GET /v1/catalog`, `GET /v1/catalog/{slug}` (§4.1). */
export const catalogArea: RouteArea = {
  name: "catalog",
  register(api) {
    api.route({
      method: "GET",
      path: "/v1/catalog",
      operationId: "catalog.list",
      auth: "tenant",
      status: 200,
      handler: () => ({ data: catalogEntries(api.app) }),
    });
    api.route({
      method: "GET",
      path: "/v1/catalog/{slug}",
      operationId: "catalog.get",
      auth: "tenant",
      status: 200,
      handler({ params }) {
        const entry = catalogEntry(api.app, params.slug!);
        if (!entry) throw notFound("catalog entry");
        return entry;
      },
    });
  },
};
