import type { FastifyInstance, FastifyRequest } from "fastify";

/** Webhook delivery tuning (attempt count, backoff, per-attempt timeout). */
export interface WebhookDeliveryOptions {
  /**
   * Attempts per delivery, the first included; after the last failure the delivery is `dead`.
   * @default 3
   */
  attempts?: number;
  /**
   * Wait before the 2nd attempt in milliseconds; doubles for each further attempt.
   * @default 1000
   */
  backoffMs?: number;
  /**
   * Timeout of one HTTP attempt in milliseconds.
   * @default 5000
   */
  timeoutMs?: number;
}

/**
 * Options of the outbound integrations (MCP discovery, webhook delivery) and the URLs the server hands
 * out (Telegram `webhook_url`, deployment `page_url`/`mcp_url`). Passed as `createServer({ integrations })`.
 */
export interface IntegrationOptions {
  /**
   * `mcp_url` overrides for MCP catalog presets, by slug, so a preset can point at a local MCP server.
   * @default {}
   * @example { stripe: "http://127.0.0.1:9999/mcp" }
   */
  catalogUrls?: Record<string, string>;
  /**
   * Let MCP discovery and webhook deliveries reach non-loopback hosts. Off by default so a local or
   * CI server never calls out to the internet: such a call is recorded as failed instead.
   * @default false
   */
  allowRemoteOutbound?: boolean;
  /**
   * Timeout of one MCP discovery (`initialize` + `tools/list`) in milliseconds.
   * @default 5000
   */
  mcpDiscoveryTimeoutMs?: number;
  /** Webhook delivery tuning. @default { attempts: 3, backoffMs: 1000, timeoutMs: 5000 } */
  webhooks?: WebhookDeliveryOptions;
}

/** {@link IntegrationOptions} with every default applied. */
export interface ResolvedIntegrations {
  catalogUrls: Record<string, string>;
  allowRemoteOutbound: boolean;
  mcpDiscoveryTimeoutMs: number;
  webhooks: Required<WebhookDeliveryOptions>;
  /** The server's public base URL (`publicBaseUrl` option), or null to derive it from each request. */
  publicBaseUrl: string | null;
}

/** Applies the defaults of {@link IntegrationOptions}. */
export function resolveIntegrations(
  options: IntegrationOptions = {},
  publicBaseUrl: string | null = null,
): ResolvedIntegrations {
  const positive = (value: number | undefined, fallback: number, name: string): number => {
    const v = value ?? fallback;
    if (!Number.isFinite(v) || v < 0) throw new Error(`integrations.${name} must be a non-negative number`);
    return v;
  };
  const attempts = positive(options.webhooks?.attempts, 3, "webhooks.attempts");
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new Error("integrations.webhooks.attempts must be an integer >= 1");
  return {
    catalogUrls: { ...options.catalogUrls },
    allowRemoteOutbound: options.allowRemoteOutbound ?? false,
    mcpDiscoveryTimeoutMs: positive(options.mcpDiscoveryTimeoutMs, 5000, "mcpDiscoveryTimeoutMs"),
    webhooks: {
      attempts,
      backoffMs: positive(options.webhooks?.backoffMs, 1000, "webhooks.backoffMs"),
      timeoutMs: positive(options.webhooks?.timeoutMs, 5000, "webhooks.timeoutMs"),
    },
    publicBaseUrl: publicBaseUrl === null ? null : publicBaseUrl.replace(/\/+$/, ""),
  };
}

/**
 * Parses repeated CLI `--catalog-url slug=url` values.
 * @example parseCatalogUrls(["stripe=http://127.0.0.1:9999/mcp"]) // { stripe: "http://127.0.0.1:9999/mcp" }
 */
export function parseCatalogUrls(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf("=");
    if (eq <= 0 || eq === value.length - 1)
      throw new Error(`bad --catalog-url '${value}' (expected slug=url)`);
    out[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return out;
}

/** The integrations of an app (defaults when the server was built without any). */
export function integrationsOf(app: FastifyInstance): ResolvedIntegrations {
  return app.local.integrations;
}

/**
 * The base URL handed out in `webhook_url`, `page_url` and `mcp_url`: the configured public base URL, or
 * else the scheme and host the client used to reach this server.
 */
export function publicBase(app: FastifyInstance, req: FastifyRequest): string {
  const configured = integrationsOf(app).publicBaseUrl;
  if (configured !== null) return configured;
  return `${req.protocol}://${req.host}`;
}
