/**
 * Where credentials come from, shared by the program side (`connectionFromConfig`) and the provider
 * process (the dynamic host's `configure`). Pure: no Pulumi runtime import.
 */

/** Production API origin. */
export const DEFAULT_BASE_URL = "https://api.cloud.ingram.tech";
/** Stack config namespace: `ingram-cloud:token`, `ingram-cloud:baseUrl`. */
export const CONFIG_NAMESPACE = "ingram-cloud";
/** Environment variables holding the token, in precedence order. */
export const TOKEN_ENV_VARS = ["INGRAM_CLOUD_TOKEN", "CLOUD_API_KEY"] as const;
/** Environment variable holding the API origin. */
export const BASE_URL_ENV_VAR = "INGRAM_CLOUD_BASE_URL";
/** Resource arguments that carry credentials: never diffed as content, never sent as API fields. */
export const CREDENTIAL_KEYS = ["baseUrl", "token"] as const;

/** The error text when no token can be found anywhere. */
export const MISSING_TOKEN_MESSAGE =
  "no Ingram Cloud token found: run `pulumi config set --secret ingram-cloud:token <token>`, " +
  "or set INGRAM_CLOUD_TOKEN (or CLOUD_API_KEY) in the environment, " +
  "or pass `token` to the resource (e.g. `...ic.connectionFromConfig()`)";

/** The first non-empty token variable of `env`. */
export function tokenFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const name of TOKEN_ENV_VARS) {
    const value = env[name];
    if (value) return value;
  }
  return undefined;
}

/** `INGRAM_CLOUD_BASE_URL` when set and non-empty. */
export function baseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[BASE_URL_ENV_VAR] || undefined;
}
