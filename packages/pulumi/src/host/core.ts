/**
 * The host-neutral core both Pulumi hosts share: the dynamic host (src/dynamic/host.ts, run by the
 * `pulumi-nodejs` provider) and the native plugin (src/native/provider.ts, `pulumi-resource-ingram-cloud`).
 * Each host only adapts its wire shapes (the dynamic `__provider` key; the native server's wrapped
 * secrets and URNs) and then calls these functions with plain props.
 *
 * It owns what every resource shares: credential resolution, the client, the diff rule, carrying
 * computed and write-only values forward, and the 404-means-gone read contract. No Pulumi runtime import.
 */
import { IcClient } from "../client/http";
import {
  baseUrlFromEnv,
  CONFIG_NAMESPACE,
  CREDENTIAL_KEYS,
  DEFAULT_BASE_URL,
  MISSING_TOKEN_MESSAGE,
  tokenFromEnv,
} from "../credentials";
import { changedFields, sameValue } from "../resources/compare";
import { stableCreateKey } from "../resources/create-once";
import {
  containsUnknown,
  type Lifecycle,
  type LifecycleContext,
  PartialCreateError,
  type Props,
} from "../resources/lifecycle";
import { lifecycleFor } from "../resources/registry";
import { Checker } from "../resources/validate";
import { explainingScope, tokenKindProblem } from "./scope";

/** Provider-level credentials from the stack config, as the host received them. */
export interface ProviderConfig {
  baseUrl?: string;
  token?: string;
}

/** Stack config seen by this provider process (secrets decrypted); set once by the host. */
let stackConfig: ProviderConfig = {};

/**
 * Remembers `ingram-cloud:baseUrl` / `ingram-cloud:token` from the stack config, for resources that do
 * not carry credentials in their inputs (so the token never lands in state). Empty strings count as unset.
 */
export function setProviderConfig(config: ProviderConfig): void {
  stackConfig = { baseUrl: config.baseUrl || undefined, token: config.token || undefined };
}

/** Reads the two keys from a config lookup that takes full keys (`ingram-cloud:token`). */
export function providerConfigFrom(get: (key: string) => string | undefined): ProviderConfig {
  return { baseUrl: get(`${CONFIG_NAMESPACE}:baseUrl`), token: get(`${CONFIG_NAMESPACE}:token`) };
}

/**
 * Fills inputs the program left out whose default derives from the Pulumi resource name (an agent's
 * `slug` and `name`, a project's `projectName`, …), per the lifecycle's field specs.
 */
export function withNameDefaults(type: string, resourceName: string, props: Props): Props {
  const out = { ...props };
  for (const [key, spec] of Object.entries(lifecycleFor(type).fields)) {
    if (spec.fromResourceName && (out[key] === undefined || out[key] === null)) {
      out[key] = spec.fromResourceName(resourceName);
    }
  }
  return out;
}

/** Credentials for a call: the resource's own (from its inputs or state), then stack config, then env. */
function credentialsFor(props: Props): { baseUrl: string; token: string | undefined } {
  const own = (key: string) =>
    typeof props[key] === "string" && props[key] !== "" ? (props[key] as string) : undefined;
  return {
    baseUrl: own("baseUrl") ?? stackConfig.baseUrl ?? baseUrlFromEnv() ?? DEFAULT_BASE_URL,
    token: own("token") ?? stackConfig.token ?? tokenFromEnv(),
  };
}

function envNumber(name: string): number | undefined {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * The lifecycle context: a client bound to the credentials, scrubbing the resource's secrets. For a
 * create, `urn` gives the create its stable key (see `stableCreateKey`).
 */
function contextFor(lifecycle: Lifecycle, props: Props, urn?: string): LifecycleContext {
  const { baseUrl, token } = credentialsFor(props);
  if (!token) throw new Error(`${lifecycle.type}: ${MISSING_TOKEN_MESSAGE}`);
  const secretKeys = [
    ...Object.entries(lifecycle.fields).filter(([, f]) => f.secret),
    ...Object.entries(lifecycle.outputs).filter(([, o]) => o.secret),
  ].map(([key]) => key);
  const maxRetries = envNumber("INGRAM_CLOUD_MAX_RETRIES");
  const client = new IcClient({
    baseUrl,
    token,
    timeoutMs: envNumber("INGRAM_CLOUD_TIMEOUT_MS"),
    retry: maxRetries === undefined ? undefined : { maxRetries },
    secrets: secretKeys.map((k) => (typeof props[k] === "string" ? (props[k] as string) : undefined)),
  });
  return { client, createKey: urn ? stableCreateKey(urn, withoutCredentials(props), token) : undefined };
}

/** Props without credentials: what a lifecycle sees. */
function withoutCredentials(props: Props): Props {
  const out = { ...props };
  for (const key of CREDENTIAL_KEYS) delete out[key];
  return out;
}

function pick(props: Props, keys: readonly string[]): Props {
  return Object.fromEntries(keys.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));
}

/** Drops `undefined` (the engine's Struct encoding rejects it) and any non-JSON value. */
function clean(props: Props): Props {
  return JSON.parse(JSON.stringify(props));
}

const inputKeys = (lifecycle: Lifecycle) => [...Object.keys(lifecycle.fields), ...CREDENTIAL_KEYS];

/** Validates credentials and the resource's inputs. Never calls the API. */
export async function check(type: string, _olds: Props, news: Props) {
  const lifecycle = lifecycleFor(type);
  const inputs = news;
  const creds = new Checker(inputs);
  creds.url("baseUrl");
  creds.string("token");
  const token = containsUnknown(inputs.token) ? undefined : credentialsFor(inputs).token;
  if (!containsUnknown(inputs.token) && !token) creds.fail("token", MISSING_TOKEN_MESSAGE);
  const wrongKind = typeof token === "string" ? tokenKindProblem(lifecycle, token) : undefined;
  if (wrongKind) creds.fail("token", wrongKind);
  const result = lifecycle.check(withoutCredentials(inputs));
  return {
    inputs: { ...result.inputs, ...pick(inputs, CREDENTIAL_KEYS) },
    failures: [...creds.failures, ...result.failures],
  };
}

/**
 * Field changes per the lifecycle's specs; `replaces` lists fields the API cannot change in place.
 * Credentials are compared too but never replace: a credential-only change is an update that makes no
 * API call (see {@link update}) and only rewrites the credentials that refresh and destroy will use.
 */
export async function diff(type: string, _id: string, olds: Props, news: Props) {
  const lifecycle = lifecycleFor(type);
  const changed = changedFields(lifecycle.fields, olds, news);
  const credentialsChanged = CREDENTIAL_KEYS.some(
    (k) => containsUnknown(news[k]) || !sameValue(olds[k], news[k]),
  );
  return {
    changes: changed.length > 0 || credentialsChanged,
    replaces: changed.filter((k) => lifecycle.fields[k]?.replaces),
    deleteBeforeReplace: false,
  };
}

/**
 * Creates the object; outputs = inputs + computed values. A partial create is recorded, not lost.
 * @param urn - the resource's URN: with it, a create's `Idempotency-Key` is the same in every run
 *   (see `stableCreateKey`), so the next run adopts an object whose create answer was lost.
 */
export async function create(type: string, news: Props, urn?: string) {
  const lifecycle = lifecycleFor(type);
  const inputs = news;
  try {
    const result = await explainingScope(lifecycle, () =>
      lifecycle.create(contextFor(lifecycle, inputs, urn), withoutCredentials(inputs)),
    );
    return { id: result.id, outs: clean({ ...inputs, ...result.outputs }) };
  } catch (err) {
    if (err instanceof PartialCreateError) {
      // Both hosts' servers turn `id` + `properties` into ErrorResourceInitFailed: the engine keeps the
      // object in state and the next `up` retries as an update.
      throw Object.assign(new Error(err.message), {
        id: err.id,
        properties: clean({ ...news, ...err.outputs }),
        reasons: [err.message],
      });
    }
    throw err;
  }
}

/**
 * Reads the live object. Gone (404) → empty id, so `pulumi refresh` drops it. Any other error throws
 * and the state stays as it was. Returns live inputs too, so out-of-band edits show in the next preview;
 * write-only secrets and fields the program leaves unmanaged are carried from state.
 *
 * An import (`pulumi import`, the `import` option) reads with no state at all: then every live input
 * is returned, unmanaged ones included, so the generated program declares what exists. Write-only
 * values (secrets the API never returns) cannot be imported and stay absent.
 */
export async function read(type: string, id: string, props: Props) {
  const lifecycle = lifecycleFor(type);
  const state = props;
  const importing = Object.keys(state).length === 0;
  const result = await explainingScope(lifecycle, () =>
    lifecycle.read(contextFor(lifecycle, state), id, withoutCredentials(state)),
  );
  if (!result) return { id: "", props: {} };
  const live: Props = {};
  for (const [key, value] of Object.entries(result.inputs)) {
    const spec = lifecycle.fields[key];
    if (!spec || spec.writeOnly) continue;
    if (spec.unmanagedWhenOmitted && state[key] === undefined && !importing) continue;
    live[key] = value;
  }
  const inputs = { ...pick(state, inputKeys(lifecycle)), ...live };
  return { id, props: clean({ ...state, ...live, ...result.outputs }), inputs: clean(inputs) };
}

/** Applies in-place changes; when only credentials changed, makes no API call at all. */
export async function update(type: string, id: string, olds: Props, news: Props) {
  const lifecycle = lifecycleFor(type);
  const before = olds;
  const after = news;
  let computed: Props = {};
  if (changedFields(lifecycle.fields, before, after).length > 0) {
    computed = await explainingScope(lifecycle, () =>
      lifecycle.update(
        contextFor(lifecycle, after),
        id,
        withoutCredentials(before),
        withoutCredentials(after),
      ),
    );
  }
  return { outs: clean({ ...pick(before, Object.keys(lifecycle.outputs)), ...after, ...computed }) };
}

/** Deletes (archives) the object with the credentials recorded in state (or config/env). */
export async function remove(type: string, id: string, props: Props): Promise<void> {
  const lifecycle = lifecycleFor(type);
  const state = props;
  await explainingScope(lifecycle, () =>
    lifecycle.delete(contextFor(lifecycle, state), id, withoutCredentials(state)),
  );
}
