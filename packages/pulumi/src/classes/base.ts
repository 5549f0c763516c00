import * as pulumi from "@pulumi/pulumi";
import { URN_KEY } from "../dynamic/host";
import { dynamicProvider } from "../dynamic/provider";
import { withNameDefaults } from "../host/core";
import type { Lifecycle } from "../resources/lifecycle";

/** A plain input type lifted so every value (and nested value) may be a Pulumi Input. */
type Deep<T> = T extends (infer E)[]
  ? pulumi.Input<Deep<E>>[]
  : T extends object
    ? { [K in keyof T]: pulumi.Input<Deep<T[K]>> }
    : T;

/** The args of a resource class: the lifecycle's documented inputs, each accepting an Input. */
export type InputArgs<T> = { [K in keyof T]: pulumi.Input<Deep<T[K]>> };

/**
 * Credentials every resource accepts. Spread `...ic.connectionFromConfig()` to store them (as secrets)
 * with each resource, or leave them out: the provider process then reads `ingram-cloud:baseUrl` /
 * `ingram-cloud:token` from the stack config (or the environment), and the token never enters state.
 * Changing only these never replaces a resource and makes no API call.
 */
export interface ConnectionArgs {
  /**
   * API origin.
   * @default config `ingram-cloud:baseUrl`, env `INGRAM_CLOUD_BASE_URL`, else "https://api.cloud.ingram.tech"
   * @example "http://127.0.0.1:8787"
   */
  baseUrl?: pulumi.Input<string>;
  /**
   * Bearer token: a tenant-admin token (`tha_live_…`), or the organization key for IcProject and
   * IcProjectToken. Always stored as a secret.
   * @default config `ingram-cloud:token`, env `INGRAM_CLOUD_TOKEN`, then env `CLOUD_API_KEY`
   */
  token?: pulumi.Input<string>;
}

const CREDENTIALS = ["baseUrl", "token"];
/** The SDK registers a dynamic resource as `pulumi-nodejs:dynamic/<module>:<type>`. */
const DYNAMIC_MODULE = "ingram-cloud";
const DYNAMIC_TYPE_PREFIX = `pulumi-nodejs:dynamic/${DYNAMIC_MODULE}:`;

/**
 * What every resource class registers, whichever host runs it: secret inputs (and credentials) wrapped
 * as secrets, every input and output declared up front (so it shows as unknown in preview rather than
 * missing), and secret outputs that share no input key listed in `additionalSecretOutputs`.
 * @param lifecycle - the resource's lifecycle (for field and output metadata).
 * @param args - the user's args (already holding any name-derived defaults the host wants filled in).
 * @param opts - the user's resource options.
 */
export function registration(
  lifecycle: Lifecycle,
  args: Record<string, unknown>,
  opts: pulumi.CustomResourceOptions | undefined,
): { props: pulumi.Inputs; opts: pulumi.CustomResourceOptions } {
  const props: pulumi.Inputs = {};
  for (const [key, value] of Object.entries(args)) {
    const secret = CREDENTIALS.includes(key) || lifecycle.fields[key]?.secret;
    props[key] = secret && value !== undefined ? pulumi.secret(value) : value;
  }
  for (const key of [...Object.keys(lifecycle.fields), ...Object.keys(lifecycle.outputs)]) {
    if (!(key in props)) props[key] = undefined;
  }
  const secretOutputs = Object.entries(lifecycle.outputs)
    .filter(([, spec]) => spec.secret)
    .map(([key]) => key);
  return {
    props,
    opts: { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secretOutputs] },
  };
}

/**
 * The one base of every resource class: registers under `pulumi-nodejs:dynamic/ingram-cloud:<Type>`
 * (see {@link registration} for what it sends).
 */
export abstract class IcResource extends pulumi.dynamic.Resource {
  /**
   * @param lifecycle - the resource's lifecycle (for field and output metadata).
   * @param name - the Pulumi resource name.
   * @param args - the user's args; copied, never mutated (the SDK writes `__provider` into props).
   * @param opts - resource options.
   */
  protected constructor(
    lifecycle: Lifecycle,
    name: string,
    args: Record<string, unknown>,
    opts: pulumi.CustomResourceOptions | undefined,
  ) {
    // The dynamic check() never sees the URN, so name-derived defaults are filled in here.
    const reg = registration(lifecycle, withNameDefaults(lifecycle.type, name, args), opts);
    // The dynamic create() is given no URN either; it keys creates by it (see dynamic/host.ts).
    reg.props[URN_KEY] = pulumi.createUrn(name, `${DYNAMIC_TYPE_PREFIX}${lifecycle.type}`, opts?.parent);
    // The SDK stamps `new Error().stack` on the promise of every property it registers, for its
    // promise-leak report; under ts-node each is source-mapped (~1 ms), and an IcAgent declares 13
    // properties: that alone made `preview` and a no-op `up` ~25% slower than the engine's floor at
    // 100 resources (docs/benchmarks.md). Registration is synchronous, so the limit is lowered for
    // exactly its duration; the resource's own source position is unaffected (the SDK captures it
    // with an explicit limit).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(dynamicProvider(lifecycle.type), name, reg.props, reg.opts, DYNAMIC_MODULE, lifecycle.type);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }
}
