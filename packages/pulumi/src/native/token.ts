/** Package name of the native plugin and of its type tokens. */
export const PACKAGE = "ingram-cloud";
/** Module of every type token. */
export const MODULE = "index";

/** The native type token of a resource type name: `ingram-cloud:index:<Name>`. */
export const typeToken = (type: string) => `${PACKAGE}:${MODULE}:${type}`;
