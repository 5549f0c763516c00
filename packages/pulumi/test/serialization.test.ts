import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "../src/dynamic/provider";

const SECRET_TOKEN = "tha_live_never-in-the-closure";
const HOST = "@ingram-tech/pulumi-ingram-cloud/dist/dynamic/host";

describe("serialized provider closure", () => {
  it("captures only the type name and a require of the installed host", async () => {
    const provider = dynamicProvider("IcAgent");
    const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    assert.equal(sf.containsSecrets, false);
    // Every method is a trampoline into the host module, resolved at call time.
    for (const method of ["configure", "check", "diff", "create", "read", "update", "remove"]) {
      assert.match(
        sf.text,
        new RegExp(`require\\(host\\)\\.${method}\\(`),
        `${method} delegates to the host`,
      );
    }
    assert.ok(sf.text.includes(`host: "${HOST}"`), "the host path is the package subpath");
    assert.ok(sf.text.includes('type: "IcAgent"'));
    // No library code rides along: no client, no fetch, no lifecycle, no Map.
    for (const absent of ["fetch(", "Bearer", "IcClient", "agentLifecycle", "Map.prototype", "__awaiter"]) {
      assert.ok(!sf.text.includes(absent), `serialized text must not contain ${absent}`);
    }
    assert.ok(sf.text.length < 4000, `serialized text stays small (${sf.text.length} chars)`);
  });

  it("is what a resource stores as __provider, even when the resource gets a secret token", async () => {
    const providers: string[] = [];
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          providers.push(String(args.inputs.__provider));
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call: (args) => args.inputs,
      },
      "proj",
      "stack",
      false,
    );
    // Import after setMocks so the classes bind to the mocked runtime.
    const ic = await import("../src/index");
    const agent = new ic.IcAgent("support", {
      token: pulumi.secret(SECRET_TOKEN),
      baseUrl: "http://127.0.0.1:1",
    });
    const hook = new ic.IcWebhook("hook", { url: "https://example.com/h", token: SECRET_TOKEN });
    await new Promise<void>((resolve) => agent.urn.apply(() => hook.urn.apply(() => resolve())));
    assert.equal(providers.length, 2);
    for (const text of providers) {
      assert.ok(!text.includes(SECRET_TOKEN), "no token in __provider");
      assert.ok(text.includes(HOST));
    }
    assert.ok(providers.some((p) => p.includes('type: "IcAgent"')));
    assert.ok(providers.some((p) => p.includes('type: "IcWebhook"')));
  });

  it("registers the readable dynamic type token and defaults the slug from the resource name", async () => {
    const registered: { type: string; inputs: Record<string, unknown> }[] = [];
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          registered.push({ type: args.type, inputs: args.inputs });
          return { id: "x", state: args.inputs };
        },
        call: (args) => args.inputs,
      },
      "proj",
      "stack",
      false,
    );
    const ic = await import("../src/index");
    const agent = new ic.IcAgent("Support Bot", { token: "t" });
    await new Promise<void>((resolve) => agent.urn.apply(() => resolve()));
    const entry = registered.find((r) => r.type.endsWith("IcAgent"));
    assert.equal(entry?.type, "pulumi-nodejs:dynamic/ingram-cloud:IcAgent");
    assert.equal(entry?.inputs.slug, "support-bot");
    assert.equal(entry?.inputs.name, "Support Bot");
  });
});
