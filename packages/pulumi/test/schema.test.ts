import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { SCHEMA_FILE, schemaText } from "../scripts/schema";
import { LIFECYCLES } from "../src/resources/registry";

// The schema is generated from the TypeScript (TSDoc, arg types, lifecycle specs); this regenerates it
// and fails when the checked-in copy drifted. Fix: `npm run schema -w packages/pulumi`.
describe("native plugin schema", () => {
  const text = schemaText();
  const schema = JSON.parse(text);

  it("is up to date with the TypeScript", () => {
    assert.equal(readFileSync(SCHEMA_FILE, "utf8"), text, "schema.json is stale: run npm run schema");
  });

  it("has every registered resource under ingram-cloud:index:<Name>", () => {
    assert.deepEqual(
      Object.keys(schema.resources).sort(),
      Object.keys(LIFECYCLES)
        .map((name) => `ingram-cloud:index:${name}`)
        .sort(),
    );
  });

  it("marks secrets secret, inputs and outputs alike", () => {
    const r = schema.resources;
    assert.equal(r["ingram-cloud:index:IcWebhook"].properties.secret.secret, true);
    assert.equal(r["ingram-cloud:index:IcModelKey"].inputProperties.apiKey.secret, true);
    assert.equal(r["ingram-cloud:index:IcTelegramBot"].inputProperties.botToken.secret, true);
    assert.equal(r["ingram-cloud:index:IcMcpServer"].inputProperties.secret.secret, true);
    assert.equal(r["ingram-cloud:index:IcProjectToken"].properties.projectToken.secret, true);
    assert.equal(r["ingram-cloud:index:IcWebPage"].inputProperties.password.secret, true);
    for (const resource of Object.values<{ inputProperties: Record<string, { secret?: boolean }> }>(r)) {
      assert.equal(resource.inputProperties.token?.secret, true);
    }
    assert.equal(schema.config.variables.token.secret, true);
    assert.deepEqual(schema.config.variables.token.defaultInfo.environment, [
      "INGRAM_CLOUD_TOKEN",
      "CLOUD_API_KEY",
    ]);
    assert.deepEqual(schema.config.variables.baseUrl.defaultInfo.environment, ["INGRAM_CLOUD_BASE_URL"]);
  });

  it("carries the TSDoc, defaults and examples", () => {
    const slug = schema.resources["ingram-cloud:index:IcAgent"].inputProperties.slug;
    assert.match(slug.description, /Immutable reconcile key/);
    assert.match(slug.description, /Default: the Pulumi resource name/);
    assert.match(slug.description, /Example: `"support"`/);
    assert.deepEqual(schema.resources["ingram-cloud:index:IcAgent"].inputProperties.variables.items, {
      $ref: "#/types/ingram-cloud:index:AgentVariable",
    });
  });
});
