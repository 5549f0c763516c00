import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setProviderConfig } from "../src/host/core";
import { nativeProvider, parseUrn, providerConfigFromEnv, unwrapSecrets } from "../src/native/provider";
import { type LocalApi, startLocalApi } from "./support/local-api";

// The native plugin's Provider object, driven the way the Node provider server calls it (wrapped
// secrets in, URNs carrying type and name), against the in-process local API.
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const secret = (value: unknown) => ({ [SIG]: SECRET, value });
const isSecret = (value: unknown) => (value as Record<string, unknown>)?.[SIG] === SECRET;
const urn = (type: string, name: string) => `urn:pulumi:dev::acme::ingram-cloud:index:${type}::${name}`;

let api: LocalApi;
const provider = nativeProvider("0.0.0-test", "{}");
before(async () => {
  api = await startLocalApi();
  // Provider config as the engine passes it: PULUMI_CONFIG with the package's keys.
  setProviderConfig(
    providerConfigFromEnv({
      PULUMI_CONFIG: JSON.stringify({ baseUrl: api.baseUrl, token: api.tenantToken }),
    }),
  );
});
after(async () => {
  setProviderConfig({});
  await api.close();
});

describe("native provider", () => {
  it("parses URNs, including parented types and names with ::", () => {
    assert.deepEqual(parseUrn("urn:pulumi:s::p::a:b:C$ingram-cloud:index:IcAgent::x::y"), {
      token: "ingram-cloud:index:IcAgent",
      name: "x::y",
    });
    assert.deepEqual(unwrapSecrets({ a: [secret("x")], b: secret({ c: 1 }) }), { a: ["x"], b: { c: 1 } });
  });

  it("reads provider config with or without the namespace prefix; tolerates garbage", () => {
    assert.deepEqual(providerConfigFromEnv({ PULUMI_CONFIG: '{"ingram-cloud:token":"t"}' }), {
      baseUrl: undefined,
      token: "t",
    });
    assert.deepEqual(providerConfigFromEnv({ PULUMI_CONFIG: "{nope" }), {
      baseUrl: undefined,
      token: undefined,
    });
  });

  it("keys a create by its URN: the same create again replays, another URN is another object", async () => {
    const inputs = { url: "https://hooks.example.com/native", events: [], active: true };
    const first = await provider.create!(urn("IcWebhook", "events"), inputs);
    const again = await provider.create!(urn("IcWebhook", "events"), inputs);
    const other = await provider.create!(urn("IcWebhook", "events-2"), inputs);
    assert.equal(again.id, first.id);
    assert.notEqual(other.id, first.id);
  });

  it("fills name-derived defaults from the URN and rejects foreign tokens", async () => {
    const checked = await provider.check!(urn("IcAgent", "Support Bot"), {}, { instructions: "hi" });
    assert.deepEqual(checked.failures, []);
    assert.equal(checked.inputs.slug, "support-bot");
    assert.equal(checked.inputs.name, "Support Bot");
    await assert.rejects(
      provider.check!("urn:pulumi:dev::acme::other:index:IcAgent::x", {}, {}),
      /unknown resource type "other:index:IcAgent"/,
    );
  });

  it("create → import-style read (id only) → update → delete a webhook; secrets go out wrapped", async () => {
    const u = urn("IcWebhook", "events");
    const checked = await provider.check!(u, {}, { url: "https://example.com/h", events: ["run.completed"] });
    const created = await provider.create!(u, checked.inputs);
    assert.match(created.id, /^wh_/);
    assert.ok(isSecret(created.outs.secret), "the signing secret is returned as a secret");
    assert.match(String((created.outs.secret as { value: string }).value), /^whsec_/);

    // `pulumi import` reads with the id alone: every live input comes back, and no secret exists.
    const imported = await provider.read!(created.id, u, {});
    assert.equal(imported.id, created.id);
    assert.deepEqual(imported.inputs, {
      url: "https://example.com/h",
      events: ["run.completed"],
      active: true,
    });
    assert.equal(imported.props.secret, undefined);

    // Refresh keeps the once-shown secret (it arrives wrapped, as the engine sends state).
    const refreshed = await provider.read!(created.id, u, created.outs);
    assert.ok(isSecret(refreshed.props.secret));

    const next = await provider.check!(u, created.outs, { url: "https://example.com/h2", events: [] });
    const diff = await provider.diff!(created.id, u, created.outs, next.inputs);
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, []);
    const updated = await provider.update!(created.id, u, created.outs, next.inputs);
    assert.equal(updated.outs.url, "https://example.com/h2");
    assert.ok(isSecret(updated.outs.secret), "the secret survives the update");

    await provider.delete!(created.id, u, updated.outs);
    const gone = await provider.read!(created.id, u, updated.outs);
    assert.equal(gone.id, "");
  });

  it("unwraps secret inputs before the API sees them and re-wraps them in outputs", async () => {
    const u = urn("IcModelKey", "anthropic");
    const checked = await provider.check!(u, {}, { provider: "anthropic", apiKey: secret("sk-ant-123") });
    assert.deepEqual(checked.failures, []);
    assert.ok(isSecret(checked.inputs.apiKey));
    const created = await provider.create!(u, checked.inputs);
    assert.equal(created.id, "anthropic");
    assert.ok(isSecret(created.outs.apiKey));
    await provider.delete!(created.id, u, created.outs);
  });
});
