/**
 * Generates the Pulumi package schema of the native plugin (`schema.json`) from the TypeScript itself,
 * so the TSDoc users read in their editor is the one source of every description, and the types cannot
 * drift from the classes:
 * - resources: every entry of the lifecycle registry (src/resources/registry.ts), token
 *   `ingram-cloud:index:<Name>`;
 * - inputs: the properties of the class's `<Name>Args` (the lifecycle's documented `*Inputs`
 *   interface plus `ConnectionArgs`), read with the TypeScript compiler API: types, optionality, TSDoc
 *   with its `@default` and `@example`;
 * - outputs: the class's `declare readonly` members (their TSDoc), plus the inputs;
 * - secrets: the lifecycle's field and output specs (`secret: true`) and the token;
 * - provider configuration: `ConnectionArgs` (`token`, `baseUrl`) with their env fallbacks.
 *
 * Usage: node --import tsx scripts/schema.ts [--check]   (writes schema.json; --check fails on drift)
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { LIFECYCLES } from "../src/resources/registry";

const PKG_DIR = path.resolve(__dirname, "..");
export const SCHEMA_FILE = path.join(PKG_DIR, "schema.json");
const TOKEN_PREFIX = "ingram-cloud:index:";

type Json = Record<string, unknown>;

/** The program over the package's sources (the classes pull in every lifecycle). */
function loadProgram(): { program: ts.Program; checker: ts.TypeChecker } {
  const configPath = path.join(PKG_DIR, "tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  return { program, checker: program.getTypeChecker() };
}

/** TSDoc of a symbol as Markdown: the text, then `Default:` and `Example:` lines from the tags. */
function docOf(symbol: ts.Symbol, checker: ts.TypeChecker): string {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const lines = text ? [text] : [];
  for (const tag of symbol.getJsDocTags(checker)) {
    const body = ts.displayPartsToString(tag.text ?? []).trim();
    if (tag.name === "default") lines.push(`Default: ${body}.`);
    if (tag.name === "example")
      lines.push(body.includes("\n") ? `Example:\n\`\`\`\n${body}\n\`\`\`` : `Example: \`${body}\``);
  }
  return lines.join("\n\n");
}

/** Object types met while mapping (e.g. AgentVariableInput → `ingram-cloud:index:AgentVariable`). */
interface TypeCollector {
  types: Record<string, Json>;
}

/** Maps a plain TS type (no Input/Output wrapper) to a schema type spec. */
function schemaType(type: ts.Type, checker: ts.TypeChecker, ctx: TypeCollector, where: string): Json {
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return { type: "boolean" };
    if (parts.every((t) => t.isStringLiteral())) return { type: "string" };
    if (parts.length === 1) return schemaType(parts[0]!, checker, ctx, where);
    throw new Error(`${where}: union ${checker.typeToString(type)} has no schema mapping`);
  }
  if (type.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) return { type: "string" };
  if (type.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return { type: "number" };
  if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { type: "boolean" };
  if (checker.isArrayType(type)) {
    const [item] = checker.getTypeArguments(type as ts.TypeReference);
    return { type: "array", items: schemaType(item!, checker, ctx, `${where}[]`) };
  }
  const symbol = type.getSymbol();
  if (type.flags & ts.TypeFlags.Object && symbol && symbol.flags & ts.SymbolFlags.Interface) {
    const name = symbol.getName().replace(/Input$/, "");
    const token = `${TOKEN_PREFIX}${name}`;
    if (!ctx.types[token]) {
      ctx.types[token] = {}; // placeholder against recursion
      const properties: Record<string, Json> = {};
      const required: string[] = [];
      for (const prop of checker.getPropertiesOfType(type)) {
        const propType = checker.getTypeOfSymbol(prop);
        properties[prop.name] = {
          ...schemaType(propType, checker, ctx, `${name}.${prop.name}`),
          description: docOf(prop, checker),
        };
        if (!(prop.flags & ts.SymbolFlags.Optional)) required.push(prop.name);
      }
      ctx.types[token] = {
        type: "object",
        description: docOf(symbol, checker),
        properties,
        ...(required.length ? { required } : {}),
      };
    }
    return { $ref: `#/types/${token}` };
  }
  throw new Error(`${where}: type ${checker.typeToString(type)} has no schema mapping`);
}

/** The exported declaration named `name` in a source file. */
function exported(checker: ts.TypeChecker, file: ts.SourceFile, name: string): ts.Symbol {
  const moduleSymbol = checker.getSymbolAtLocation(file);
  const symbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === name);
  if (!symbol) throw new Error(`${file.fileName} exports no ${name}`);
  return symbol;
}

/** The declared (plain) type of a property: for Input/Output-wrapped members, the original declaration. */
function plainTypeOf(prop: ts.Symbol, checker: ts.TypeChecker): ts.Type {
  const decl = prop.declarations?.[0];
  if (!decl) throw new Error(`${prop.name} has no declaration`);
  const type = checker.getTypeAtLocation(decl);
  // `declare readonly x: pulumi.Output<T>` → T
  const node = (decl as ts.PropertyDeclaration).type;
  if (
    node &&
    ts.isTypeReferenceNode(node) &&
    node.typeName.getText().endsWith("Output") &&
    node.typeArguments
  ) {
    return checker.getTypeFromTypeNode(node.typeArguments[0]!);
  }
  return type;
}

/** Generates the schema object. */
export function generateSchema(): Json {
  const { program, checker } = loadProgram();
  const file = (rel: string) => {
    const sf = program.getSourceFile(path.join(PKG_DIR, rel));
    if (!sf) throw new Error(`${rel} is not part of the program`);
    return sf;
  };
  const manifest = JSON.parse(readFileSync(path.join(PKG_DIR, "package.json"), "utf8"));
  const ctx: TypeCollector = { types: {} };
  const index = file("src/index.ts");

  // Provider configuration: the ConnectionArgs TSDoc.
  const connection = checker.getDeclaredTypeOfSymbol(
    exported(checker, file("src/classes/base.ts"), "ConnectionArgs"),
  );
  const connectionProps: Record<string, Json> = {};
  for (const prop of checker.getPropertiesOfType(connection)) {
    connectionProps[prop.name] = {
      type: "string",
      description: docOf(prop, checker),
      ...(prop.name === "token" ? { secret: true } : {}),
    };
  }
  const credentialKeys = Object.keys(connectionProps);
  const configVariables: Record<string, Json> = {
    token: {
      ...connectionProps.token,
      defaultInfo: { environment: ["INGRAM_CLOUD_TOKEN", "CLOUD_API_KEY"] },
    },
    baseUrl: {
      ...connectionProps.baseUrl,
      defaultInfo: { environment: ["INGRAM_CLOUD_BASE_URL"] },
    },
  };

  const resources: Record<string, Json> = {};
  for (const [name, lifecycle] of Object.entries(LIFECYCLES)) {
    const where = `${name}`;
    const classSymbol = exported(checker, index, name);
    const resolved =
      classSymbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(classSymbol) : classSymbol;
    const argsSymbol = exported(checker, index, `${name}Args`);
    const argsType = checker.getDeclaredTypeOfSymbol(
      argsSymbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(argsSymbol) : argsSymbol,
    );

    const inputProperties: Record<string, Json> = {};
    const requiredInputs: string[] = [];
    for (const prop of checker.getPropertiesOfType(argsType)) {
      if (credentialKeys.includes(prop.name)) {
        inputProperties[prop.name] = connectionProps[prop.name]!;
        continue;
      }
      const spec = lifecycle.fields[prop.name as keyof typeof lifecycle.fields] as
        | { secret?: boolean }
        | undefined;
      if (!spec) throw new Error(`${where}.${prop.name} is an argument but not a lifecycle field`);
      inputProperties[prop.name] = {
        ...schemaType(plainTypeOf(prop, checker), checker, ctx, `${where}.${prop.name}`),
        description: docOf(prop, checker),
        ...(spec.secret ? { secret: true } : {}),
      };
      if (!(prop.flags & ts.SymbolFlags.Optional)) requiredInputs.push(prop.name);
    }
    for (const field of Object.keys(lifecycle.fields)) {
      if (!inputProperties[field])
        throw new Error(`${where}: lifecycle field ${field} is not in ${name}Args`);
    }

    const properties: Record<string, Json> = {};
    for (const [key, input] of Object.entries(inputProperties)) {
      if (!credentialKeys.includes(key)) properties[key] = input;
    }
    const instance = checker.getDeclaredTypeOfSymbol(resolved);
    for (const key of Object.keys(lifecycle.outputs)) {
      const member = checker.getPropertyOfType(instance, key);
      if (!member) throw new Error(`${where}: output ${key} is not declared on the class`);
      const description = docOf(member, checker);
      if (!description) throw new Error(`${where}.${key}: the output needs TSDoc`);
      const spec = lifecycle.outputs[key as keyof typeof lifecycle.outputs] as { secret?: boolean };
      properties[key] = {
        ...schemaType(plainTypeOf(member, checker), checker, ctx, `${where}.${key}`),
        description,
        ...(spec.secret ? { secret: true } : {}),
      };
    }

    resources[`${TOKEN_PREFIX}${name}`] = {
      description: docOf(resolved, checker),
      properties,
      inputProperties,
      ...(requiredInputs.length ? { requiredInputs } : {}),
    };
  }

  return {
    name: "ingram-cloud",
    displayName: "Ingram Cloud",
    version: manifest.version,
    description: manifest.description,
    keywords: ["pulumi", "ingram-cloud", "category/cloud", "kind/native"],
    license: manifest.license,
    publisher: "Ingram Technologies",
    config: { variables: configVariables },
    provider: {
      description:
        "The Ingram Cloud provider. Configure it with `ingram-cloud:token` and `ingram-cloud:baseUrl`.",
      inputProperties: connectionProps,
    },
    types: Object.fromEntries(Object.entries(ctx.types).sort(([a], [b]) => a.localeCompare(b))),
    resources,
    language: {
      // `pulumi import` writes `import * as ingram_cloud from "@ingram-tech/pulumi-ingram-cloud/native"`.
      nodejs: { packageName: "@ingram-tech/pulumi-ingram-cloud/native" },
      python: { packageName: "pulumi_ingram_cloud" },
      go: {
        importBasePath: "github.com/ingram-tech/pulumi-ingram-cloud/sdk/go/ingramcloud",
        generateResourceContainerTypes: false,
      },
    },
  };
}

/** The schema file's text (stable: two-space JSON, trailing newline). */
export function schemaText(): string {
  return `${JSON.stringify(generateSchema(), null, 2)}\n`;
}

if (require.main === module) {
  const text = schemaText();
  if (process.argv.includes("--check")) {
    const current = readFileSync(SCHEMA_FILE, "utf8");
    if (current !== text) {
      console.error("schema.json is stale: run `npm run schema -w packages/pulumi` and commit it");
      process.exit(1);
    }
    console.log("schema.json is up to date");
  } else {
    writeFileSync(SCHEMA_FILE, text);
    console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
  }
}
