import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider objects Pulumi serializes into state (`__provider`). Each method is a one-line
 * trampoline that `require`s the host from the installed package at call time, so the serialized text
 * captures nothing but the type name and this module path: no secret, no library code. An upgrade of
 * the package therefore also changes what refresh and destroy of existing stacks run.
 *
 * The path must stay a literal subpath of the package (no `exports` map may hide it): the provider
 * process resolves it from the project's node_modules.
 */
const HOST_MODULE = "@ingram-tech/pulumi-ingram-cloud/dist/dynamic/host";

const providers = new Map<string, pulumi.dynamic.ResourceProvider>();

/**
 * The (cached) dynamic provider for a resource type. One object per type: the SDK caches serialization
 * per object, so every resource of a type shares one serialized text.
 */
export function dynamicProvider(type: string): pulumi.dynamic.ResourceProvider {
  let provider = providers.get(type);
  if (!provider) {
    provider = makeProvider(type, HOST_MODULE);
    providers.set(type, provider);
  }
  return provider;
}

/** Kept separate from the cache so the serialized closure cannot reach the Map. */
function makeProvider(type: string, host: string): pulumi.dynamic.ResourceProvider {
  return {
    configure: (req) => require(host).configure(req),
    check: (olds, news) => require(host).check(type, olds, news),
    diff: (id, olds, news) => require(host).diff(type, id, olds, news),
    create: (inputs) => require(host).create(type, inputs),
    read: (id, props) => require(host).read(type, id, props),
    update: (id, olds, news) => require(host).update(type, id, olds, news),
    delete: (id, props) => require(host).remove(type, id, props),
  };
}
