/**
 * The native plugin `pulumi-resource-ingram-cloud`: a `@pulumi/pulumi/provider` Provider that hosts the
 * same lifecycles as the dynamic classes, through the same core (../host/core). It only adapts the
 * native wire shapes:
 * - the resource type comes from the URN (`ingram-cloud:index:<Name>`), and so does the resource name
 *   for name-derived defaults (the provider sees the URN, so every language gets them);
 * - secret inputs arrive wrapped (the Node provider server tells the engine it accepts secrets) and are
 *   unwrapped; secret fields and outputs go back wrapped, so they stay secret in state whatever the SDK
 *   declared;
 * - provider configuration comes from env `PULUMI_CONFIG`, which the engine sets when it launches the
 *   plugin (the Node provider server ignores the Configure request's args).
 */
import type * as provider from "@pulumi/pulumi/provider";
import * as core from "../host/core";
import type { Lifecycle, Props } from "../resources/lifecycle";
import { lifecycleFor } from "../resources/registry";
import { MODULE, PACKAGE } from "./token";

// The Node SDK's wire encoding of a secret: {[SIG_KEY]: SECRET_SIG, value}.
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Deeply replaces wrapped secrets with their plain values. */
export function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value !== null && typeof value === "object") {
    const obj = value as Props;
    if (obj[SIG_KEY] === SECRET_SIG) return unwrapSecrets(obj.value);
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

/** The keys a resource keeps secret: the token, secret inputs, secret outputs. */
function secretKeys(lifecycle: Lifecycle): string[] {
  return [
    "token",
    ...Object.entries(lifecycle.fields)
      .filter(([, f]) => f.secret)
      .map(([k]) => k),
    ...Object.entries(lifecycle.outputs)
      .filter(([, o]) => o.secret)
      .map(([k]) => k),
  ];
}

/** `props` with the lifecycle's secret keys wrapped as secrets (absent keys stay absent). */
function wrapSecrets(lifecycle: Lifecycle, props: Props): Props {
  const out = { ...props };
  for (const key of secretKeys(lifecycle)) {
    if (out[key] !== undefined && out[key] !== null) out[key] = { [SIG_KEY]: SECRET_SIG, value: out[key] };
  }
  return out;
}

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>` → the last type and the name. */
export function parseUrn(urn: string): { token: string; name: string } {
  const parts = urn.split("::");
  const qualified = parts[2] ?? "";
  return { token: qualified.split("$").pop() ?? "", name: parts.slice(3).join("::") };
}

/** The lifecycle type name of a URN, checking that the token belongs to this package. */
function typeOf(urn: string): string {
  const { token } = parseUrn(urn);
  const [pkg, mod, type] = token.split(":");
  if (pkg !== PACKAGE || mod !== MODULE || !type) throw new Error(`unknown resource type "${token}"`);
  return lifecycleFor(type).type;
}

/**
 * Plain props: secrets unwrapped, and without `__provider`, which state moved over from a dynamic
 * resource (see the aliases in ./index.ts) still holds until its next update.
 */
function plain(props: unknown): Props {
  const { __provider: _dynamic, ...rest } = (unwrapSecrets(props ?? {}) as Props) ?? {};
  return rest;
}

/**
 * The stack config the engine hands a plugin in `PULUMI_CONFIG`: a JSON object of this package's keys
 * (`token`, `baseUrl`; accepted with or without the `ingram-cloud:` prefix).
 */
export function providerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): core.ProviderConfig {
  let config: Record<string, unknown> = {};
  try {
    config = JSON.parse(env.PULUMI_CONFIG || "{}");
  } catch {
    // A malformed value gives no config; env fallbacks still apply and a missing token is reported.
  }
  const get = (key: string) => {
    const value = config[key] ?? config[`${PACKAGE}:${key}`];
    return typeof value === "string" ? value : undefined;
  };
  return { baseUrl: get("baseUrl"), token: get("token") };
}

/** The provider object served by `pulumi.provider.main`. */
export function nativeProvider(version: string, schema: string): provider.Provider {
  return {
    version,
    schema,

    async check(urn, olds, news) {
      const type = typeOf(urn);
      const inputs = core.withNameDefaults(type, parseUrn(urn).name, plain(news));
      const result = await core.check(type, plain(olds), inputs);
      return { inputs: wrapSecrets(lifecycleFor(type), result.inputs), failures: result.failures };
    },

    async diff(id, urn, olds, news) {
      return core.diff(typeOf(urn), id, plain(olds), plain(news));
    },

    async create(urn, inputs) {
      const type = typeOf(urn);
      try {
        const result = await core.create(type, plain(inputs), urn);
        return { id: result.id, outs: wrapSecrets(lifecycleFor(type), result.outs) };
      } catch (err) {
        const partial = err as { properties?: Props };
        if (partial.properties) partial.properties = wrapSecrets(lifecycleFor(type), partial.properties);
        throw err;
      }
    },

    async read(id, urn, props) {
      const type = typeOf(urn);
      const lifecycle = lifecycleFor(type);
      const result = await core.read(type, id, plain(props));
      if (result.id === "") return { id: "", props: {} };
      return {
        id: result.id,
        props: wrapSecrets(lifecycle, result.props),
        inputs: wrapSecrets(lifecycle, result.inputs ?? {}),
      };
    },

    async update(id, urn, olds, news) {
      const type = typeOf(urn);
      const result = await core.update(type, id, plain(olds), plain(news));
      return { outs: wrapSecrets(lifecycleFor(type), result.outs) };
    },

    async delete(id, urn, props) {
      await core.remove(typeOf(urn), id, plain(props));
    },
  };
}
