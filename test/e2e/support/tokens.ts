// The type token of a resource on the native plugin / as a dynamic resource, for reading state.
export const NATIVE = (name: string) => `ingram-cloud:index:${name}`;
export const DYNAMIC = (name: string) => `pulumi-nodejs:dynamic/ingram-cloud:${name}`;
