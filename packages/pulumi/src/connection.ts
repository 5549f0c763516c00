import * as pulumi from "@pulumi/pulumi";
import {
  baseUrlFromEnv,
  CONFIG_NAMESPACE,
  DEFAULT_BASE_URL,
  MISSING_TOKEN_MESSAGE,
  tokenFromEnv,
} from "./credentials";

/** Credentials every resource accepts; spread the result of {@link connectionFromConfig} into args. */
export interface Connection {
  /** API origin, stored as a secret. */
  baseUrl: pulumi.Output<string>;
  /** Tenant-admin token (or organization key for IcProject/IcProjectToken), always a secret. */
  token: pulumi.Output<string>;
}

/**
 * Resolves the connection once for a program:
 * - `baseUrl`: config `ingram-cloud:baseUrl`, then env `INGRAM_CLOUD_BASE_URL`, then
 *   `https://api.cloud.ingram.tech`;
 * - `token`: secret config `ingram-cloud:token`, then env `INGRAM_CLOUD_TOKEN`, then `CLOUD_API_KEY`.
 *
 * Both come back as secret Outputs, so they are encrypted wherever Pulumi stores them. Throws (failing
 * the preview before any API call) when no token is found.
 * @param cfg - the config to read; a namespace string or a `pulumi.Config`.
 * @default cfg new pulumi.Config("ingram-cloud")
 * @example
 * const conn = ic.connectionFromConfig();
 * new ic.IcWebhook("events", { ...conn, url: "https://acme.example.com/hooks", events: [] });
 */
export function connectionFromConfig(cfg: pulumi.Config | string = CONFIG_NAMESPACE): Connection {
  const config = typeof cfg === "string" ? new pulumi.Config(cfg) : cfg;
  const baseUrl = config.get("baseUrl") ?? baseUrlFromEnv() ?? DEFAULT_BASE_URL;
  const configured = config.getSecret("token");
  const fromEnv = tokenFromEnv();
  if (!configured && !fromEnv) throw new pulumi.RunError(MISSING_TOKEN_MESSAGE);
  return {
    baseUrl: pulumi.secret(baseUrl),
    token: configured ?? pulumi.secret(fromEnv as string),
  };
}
