import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import Ajv, { type ValidateFunction } from "ajv";

/** `shared/ingram-cloud/openapi.json` next to the repo (`../shared/…` from the repo root). */
export const SPEC_PATH = resolve(__dirname, "../../../../shared/ingram-cloud/openapi.json");

interface Operation {
  operationId?: string;
  requestBody?: { content?: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** The OpenAPI document with ajv validators for response bodies; null when the file is absent. */
export interface Spec {
  /** The operation at `method path`, or undefined. */
  operation(method: string, path: string): Operation | undefined;
  /** Validates a JSON body against the operation's schema for `status`; returns error text or null. */
  check(method: string, path: string, status: number, body: unknown): string | null;
}

/**
 * OpenAPI 3.0 → JSON Schema for ajv: `nullable: true` becomes a `null` alternative, `$ref`s point into
 * the document registered as `openapi`, and OpenAPI-only keywords are dropped.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== "object") return node;
  const src = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(src)) {
    if (
      [
        "nullable",
        "example",
        "xml",
        "discriminator",
        "externalDocs",
        "deprecated",
        "readOnly",
        "writeOnly",
      ].includes(key)
    ) {
      continue;
    }
    if (key === "$ref" && typeof value === "string") out.$ref = value.replace(/^#\//, "openapi#/");
    else if (key === "properties" || key === "patternProperties") {
      out[key] = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toJsonSchema(v)]));
    } else out[key] = toJsonSchema(value);
  }
  // 3.0's boolean exclusiveMinimum/Maximum modify minimum/maximum; JSON Schema's carry the bound.
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[flag] !== "boolean") continue;
    if (out[flag] === true) out[flag] = out[bound];
    else delete out[flag];
    if (out[flag] !== undefined) delete out[bound];
  }
  if (src.nullable !== true) return out;
  if (typeof out.type === "string" && out.$ref === undefined) {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

/** Loads the spec, or returns null when the file is not there. */
export function loadSpec(): Spec | null {
  if (!existsSync(SPEC_PATH)) return null;
  const doc = JSON.parse(readFileSync(SPEC_PATH, "utf8")) as {
    paths: Record<string, Record<string, Operation>>;
    components: Record<string, unknown>;
  };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: "openapi", components: toJsonSchema(doc.components) });
  const cache = new Map<string, ValidateFunction | null>();
  const operation = (method: string, path: string) => doc.paths[path]?.[method.toLowerCase()];
  return {
    operation,
    check(method, path, status, body) {
      const key = `${method} ${path} ${status}`;
      if (!cache.has(key)) {
        const schema = operation(method, path)?.responses[String(status)]?.content?.["application/json"]
          ?.schema;
        cache.set(key, schema === undefined ? null : ajv.compile(toJsonSchema(schema) as object));
      }
      const validate = cache.get(key);
      if (!validate) return null;
      return validate(body) ? null : ajv.errorsText(validate.errors, { dataVar: "body" });
    },
  };
}
