import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IcApiError } from "@ingram-tech/ingram-cloud-contract";
import * as core from "../src/host/core";
import { explainingScope } from "../src/host/scope";
import { lifecycleFor } from "../src/resources/registry";

const TENANT = "tha_live_eyJhbGciOiJSUzI1NiJ9.tenant.sig";
const ORG = "tho_live_eyJhbGciOiJSUzI1NiJ9.org.sig";
const SMITH = "thp_live_eyJhbGciOiJSUzI1NiJ9.smith.sig";

async function tokenFailures(type: string, token: string, args: Record<string, unknown>) {
  const { failures } = await core.check(type, {}, { token, ...args });
  return failures.filter((f) => f.property === "token").map((f) => f.reason);
}

describe("the wrong kind of token is one clear message", () => {
  it("check rejects an organization key or a smith token on a tenant resource, naming the key needed", async () => {
    const hook = { url: "https://a.example.com/h", events: [] };
    assert.deepEqual(await tokenFailures("IcWebhook", TENANT, hook), []);
    for (const token of [ORG, SMITH]) {
      const [reason, ...more] = await tokenFailures("IcWebhook", token, hook);
      assert.equal(more.length, 0);
      assert.match(reason!, /IcWebhook needs a tenant-admin token \(tha_live_…/);
      assert.match(reason!, /pulumi config set --secret ingram-cloud:token/);
      assert.ok(!reason!.includes(token), "the token is never echoed");
    }
  });

  it("check rejects a tenant token on IcProject and IcProjectToken", async () => {
    const [reason] = await tokenFailures("IcProject", TENANT, { projectName: "acme" });
    assert.match(
      reason!,
      /IcProject needs the organization key, but the token given is a tenant-admin token/,
    );
    assert.deepEqual(await tokenFailures("IcProject", ORG, { projectName: "acme" }), []);
    const [minted] = await tokenFailures("IcProjectToken", TENANT, { project: "prj_1" });
    assert.match(minted!, /IcProjectToken needs the organization key/);
  });

  it("a token of unknown shape is left to the API", async () => {
    assert.deepEqual(await tokenFailures("IcAgent", "opaque-token-value", { slug: "a", name: "A" }), []);
    assert.deepEqual(await tokenFailures("IcProject", "opaque-token-value", { projectName: "a" }), []);
  });

  it("a scope 403 from the API becomes the same message; other errors pass through", async () => {
    const denied = new IcApiError("tenant_token_required", "Ingram Cloud GET /v1/agents failed: 403", {
      status: 403,
      requestId: "req_1",
    });
    await assert.rejects(
      explainingScope(lifecycleFor("IcAgent"), () => Promise.reject(denied)),
      /IcAgent needs a tenant-admin token .* the API refused the token \(403 tenant_token_required, request id req_1\)/,
    );
    const gone = new IcApiError("not_found", "404", { status: 404 });
    await assert.rejects(
      explainingScope(lifecycleFor("IcAgent"), () => Promise.reject(gone)),
      (err) => err === gone,
    );
  });
});
