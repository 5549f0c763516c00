import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as host from "../src/dynamic/host";
import { createResource, refreshResource, updateResource } from "./support/engine";
import { type LocalApi, startLocalApi } from "./support/local-api";

let api: LocalApi;
before(async () => {
  api = await startLocalApi();
});
after(async () => api.close());

const conn = () => ({ baseUrl: api.baseUrl, token: api.tenantToken });

describe("IcWebPage", () => {
  it("creates a hosted page for a published agent, replaces on any change, deletes on destroy", async () => {
    const agent = await createResource("IcAgent", {
      ...conn(),
      slug: "pager",
      name: "Pager",
      instructions: "hi",
    });
    const args = { ...conn(), agentId: agent.id, title: "Acme", greeting: "Hello", password: "page-pass-1" };
    const page = await createResource("IcWebPage", args);
    assert.match(page.id, /^dep_/);
    assert.equal(page.state.deploymentId, page.id);
    assert.ok(String(page.state.pageUrl).includes(page.id));

    const hosted = await fetch(`${api.baseUrl}/v1/hosted/${page.id}`);
    const body = (await hosted.json()) as { title: string; greeting: string; requires_password: boolean };
    assert.deepEqual([body.title, body.greeting, body.requires_password], ["Acme", "Hello", true]);

    const refreshed = await refreshResource("IcWebPage", page);
    assert.ok(refreshed);
    assert.equal(refreshed.inputs.password, "page-pass-1", "write-only password carried from state");
    const same = await updateResource("IcWebPage", refreshed.managed, args);
    assert.equal(same.diff.changes, false);
    const retitled = await updateResource("IcWebPage", page, { ...args, title: "Acme support" });
    assert.deepEqual(retitled.diff.replaces, ["title"]);

    await host.remove("IcWebPage", page.id, page.state);
    assert.equal(await refreshResource("IcWebPage", page), null);
  });
});
