/** Package name of the native plugin and of its type tokens. */
export const PACKAGE = "ingram-cloud";
/** Module of every type token. */
export const MODULE = "index";

/** The type token the same resource has as a dynamic resource (the package root's classes). */
export const dynamicTypeToken = (type: string) => `pulumi-nodejs:dynamic/${PACKAGE}:${type}`;

/** The native type token of a resource type name: `ingram-cloud:index:<Name>`. */
export const typeToken = (type: string) => `${PACKAGE}:${MODULE}:${type}`;
