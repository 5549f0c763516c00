import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { z } from "zod";
import * as contract from "../src";

// Structural drift check: every wire schema we export under a spec component name must have the same
// properties, required set, base types, nullability, enums and numeric bounds as that component.

const repoRoot = path.resolve(__dirname, "../../..");
const specPath = path.resolve(repoRoot, "../shared/ingram-cloud/openapi.json");

const COMPONENTS = [
  "TokenIn",
  "MintedTokenOut",
  "TokenOut",
  "TokenListOut",
  "AgentIn",
  "AgentPatch",
  "AgentOut",
  "AgentDraft",
  "AgentVariable",
  "SkillRef",
  "UiResource",
  "UiCsp",
  "UiResourceTool",
  "UiResourceListOut",
  "PublishIn",
  "AgentVersionOut",
  "AgentVersionListOut",
  "RolloutIn",
  "AgentListOut",
  "McpServerIn",
  "McpAuthIn",
  "McpServerOut",
  "McpAuth",
  "ApprovalRule",
  "McpTool",
  "McpServerListOut",
  "CatalogEntryOut",
  "CatalogListOut",
  "TelegramBotIn",
  "TelegramBotOut",
  "WebhookIn",
  "WebhookCreateOut",
  "WebhookOut",
  "WebhookListOut",
  "WebhookPatch",
  "WebhookIdOut",
  "WebhookRotateIn",
  "WebhookRotateOut",
  "WebhookTestOut",
  "WebhookDeliveryOut",
  "WebhookDeliveryListOut",
  "WebhookRedeliverOut",
  "ModelKeyIn",
  "ModelKeyOut",
  "ModelKeyConfiguredOut",
  "ModelKeyListOut",
  "ModelsListOut",
  "ModelOut",
  "ModelProviderOut",
  "HostedToolOut",
  "HostedToolsListOut",
  "DeploymentIn",
  "DeploymentTarget",
  "DeploymentCreatedOut",
  "DeploymentOut",
  "DeploymentPatch",
  "DeploymentListOut",
  "HostedPageOut",
  "HostedChatIn",
  "ProjectIn",
  "ProjectOut",
  "ProjectListOut",
  "ProjectTokenIn",
  "ProjectTokenOut",
  "EventOut",
  "Actor",
  "EventListOut",
] as const;

// biome-ignore lint/suspicious/noExplicitAny: walks untyped JSON Schema documents from two generators.
type Json = Record<string, any>;

interface Shape {
  type: string;
  nullable: boolean;
  enum?: unknown[];
  min?: number;
  exclusiveMin?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, Shape>;
  required?: string[];
}

const SAFE = Number.MAX_SAFE_INTEGER;

function bounds(node: Json, out: Shape): void {
  if (node.exclusiveMinimum === true) out.exclusiveMin = node.minimum;
  else if (typeof node.exclusiveMinimum === "number") out.exclusiveMin = node.exclusiveMinimum;
  else if (typeof node.minimum === "number" && node.minimum !== -SAFE) out.min = node.minimum;
  if (typeof node.maximum === "number" && node.maximum !== SAFE) out.max = node.maximum;
  if (typeof node.minLength === "number") out.minLength = node.minLength;
  if (typeof node.maxLength === "number") out.maxLength = node.maxLength;
}

function objectShape(node: Json, toShape: (n: Json) => Shape, base: Shape): Shape {
  if (node.properties) {
    base.properties = Object.fromEntries(
      Object.entries(node.properties).map(([k, v]) => [k, toShape(v as Json)]),
    );
    base.required = [...(node.required ?? [])].sort();
  }
  return base;
}

/** Normalises an OpenAPI 3.0 schema node; `$ref`s are checked as their own component, so only "object". */
function specShape(spec: Json, node: Json): Shape {
  if (node.$ref) {
    const target = spec.components.schemas[node.$ref.split("/").pop()];
    const out: Shape = { type: target.type ?? "object", nullable: target.nullable === true };
    if (target.enum) out.enum = target.enum;
    return out;
  }
  const out: Shape = { type: node.type, nullable: node.nullable === true };
  if (node.enum) out.enum = node.enum.filter((v: unknown) => v !== null);
  bounds(node, out);
  return objectShape(node, (n) => specShape(spec, n), out);
}

/** Normalises a zod-generated JSON Schema node (2020-12: nullability via anyOf / type arrays). */
function zodShape(node: Json, nested: boolean): Shape {
  let nullable = false;
  let core = node;
  if (Array.isArray(node.anyOf)) {
    const rest = node.anyOf.filter((v: Json) => v.type !== "null");
    nullable = rest.length < node.anyOf.length;
    core = rest[0];
  } else if (Array.isArray(node.type)) {
    nullable = node.type.includes("null");
    core = { ...node, type: node.type.find((t: string) => t !== "null") };
  }
  const out: Shape = { type: core.type, nullable };
  if (core.enum) out.enum = core.enum.filter((v: unknown) => v !== null);
  bounds(core, out);
  // Nested named components are compared on their own; only inline objects recurse.
  return nested ? out : objectShape(core, (n) => zodShape(n, false), out);
}

function compare(spec: Json, name: string): void {
  const component = spec.components.schemas[name];
  assert.ok(component, `${name} is not a spec component`);
  const schema = (contract as unknown as Record<string, z.ZodType>)[name];
  assert.ok(schema instanceof z.ZodType, `${name} is not exported as a zod schema`);
  const ours = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json;
  const theirs = specShape(spec, component);
  const mine = zodShape(ours, false);
  // Properties that are $refs in the spec are compared as named components, so drop their sub-properties.
  for (const [key, prop] of Object.entries(component.properties ?? {})) {
    const p = prop as Json;
    const isRef = Boolean(p.$ref) || Boolean(p.items?.$ref);
    if (isRef && mine.properties?.[key]) {
      const m = mine.properties[key]!;
      delete m.properties;
      delete m.required;
    }
  }
  assert.deepEqual(stripNullableOnRoot(mine), stripNullableOnRoot(theirs), name);
}

/** A component's own `nullable` applies where it is referenced, not to the component itself. */
function stripNullableOnRoot(s: Shape): Shape {
  return { ...s, nullable: false };
}

describe("schemas match openapi.json components", () => {
  const present = existsSync(specPath);
  const spec: Json | undefined = present ? JSON.parse(readFileSync(specPath, "utf8")) : undefined;
  for (const name of COMPONENTS) {
    it(name, (t) => {
      if (!spec) {
        t.skip(`spec not found at ${specPath}`);
        return;
      }
      compare(spec, name);
    });
  }

  it("DeploymentKind enum", (t) => {
    if (!spec) {
      t.skip(`spec not found at ${specPath}`);
      return;
    }
    assert.deepEqual([...contract.DEPLOYMENT_KINDS], spec.components.schemas.DeploymentKind.enum);
  });
});
