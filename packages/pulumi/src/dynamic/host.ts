/**
 * The dynamic host: adapts the shared core (../host/core) to the methods of a Pulumi dynamic
 * `ResourceProvider`. The serialized provider objects in state (see ./provider.ts) `require` this module
 * inside each method, so it runs in the provider process from the installed package, never from state;
 * its path and exports are therefore a contract with every existing stack.
 *
 * All it adds is the dynamic wire shape: the `__provider` key (the serialized provider the
 * `pulumi-nodejs` plugin stores in inputs and outputs) and `configure`. No Pulumi runtime import.
 */
import * as core from "../host/core";
import type { Props } from "../resources/lifecycle";

const PROVIDER_KEY = "__provider";
/**
 * The resource's URN, as an input the class sets (a dynamic provider's `create` is given inputs only).
 * It makes a create's idempotency key stable across runs (see core.create); no other step reads it,
 * so it never shows as a change.
 */
export const URN_KEY = "__urn";

/** The subset of the dynamic `configure` request we use. */
export interface ConfigureRequest {
  config: { get(key: string): string | undefined };
}

/**
 * Remembers `ingram-cloud:baseUrl` / `ingram-cloud:token` from the stack config (the dynamic provider
 * sees the whole stack config, secrets decrypted), for resources that carry no credentials.
 */
export function configure(req: ConfigureRequest): void {
  core.setProviderConfig(core.providerConfigFrom((key) => req.config.get(key)));
}

/** Props without the serialized provider and the URN. */
function strip(props: Props): Props {
  const { [PROVIDER_KEY]: _provider, [URN_KEY]: _urn, ...rest } = props;
  return rest;
}

/** The URN the class registered, when it did (resources created before it did not). */
function urnOf(props: Props): string | undefined {
  return typeof props[URN_KEY] === "string" ? props[URN_KEY] : undefined;
}

/** See {@link core.check}. The URN passes through to `create`. */
export async function check(type: string, olds: Props, news: Props) {
  const result = await core.check(type, strip(olds), strip(news));
  const urn = urnOf(news);
  return urn !== undefined ? { ...result, inputs: { ...result.inputs, [URN_KEY]: urn } } : result;
}

/** See {@link core.diff}. */
export function diff(type: string, id: string, olds: Props, news: Props) {
  return core.diff(type, id, strip(olds), strip(news));
}

/** See {@link core.create}. A partial create keeps `__provider`, so refresh/destroy can find the code. */
export async function create(type: string, news: Props) {
  try {
    return await core.create(type, strip(news), urnOf(news));
  } catch (err) {
    const partial = err as { properties?: Props };
    if (partial.properties) partial.properties[PROVIDER_KEY] = news[PROVIDER_KEY];
    throw err;
  }
}

/** See {@link core.read}. (The dynamic-provider server adds `__provider` back to the result.) */
export function read(type: string, id: string, props: Props) {
  return core.read(type, id, strip(props));
}

/** See {@link core.update}. */
export function update(type: string, id: string, olds: Props, news: Props) {
  return core.update(type, id, strip(olds), strip(news));
}

/** See {@link core.remove}. */
export function remove(type: string, id: string, props: Props): Promise<void> {
  return core.remove(type, id, strip(props));
}
