import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ProjectListOut, ProjectOut } from "@ingram-tech/ingram-cloud-contract";
import { IcApiError } from "../src/client/errors";
import { IcClient } from "../src/client/http";
import * as host from "../src/dynamic/host";
import { createResource, refreshResource, updateResource } from "./support/engine";
import { type LocalApi, startLocalApi, total } from "./support/local-api";

let api: LocalApi;
let org: IcClient;
before(async () => {
  api = await startLocalApi();
  org = new IcClient({ baseUrl: api.baseUrl, token: api.orgKey });
});
after(async () => api.close());

const conn = () => ({ baseUrl: api.baseUrl, token: api.orgKey });

describe("IcProject", () => {
  it("adopts a script-made project by name instead of duplicating it", async () => {
    const scripted = await org.post("/v1/organization/projects", {
      body: { name: "acme" },
      schema: ProjectOut,
    });
    const project = await createResource("IcProject", { ...conn(), projectName: "acme" });
    assert.equal(project.id, scripted.id);
    assert.equal(project.state.projectId, scripted.id);
    let named = 0;
    for await (const p of org.list("/v1/organization/projects", ProjectListOut))
      if (p.name === "acme") named++;
    assert.equal(named, 1);
  });

  it("creates, refreshes, archives on destroy, and reads an archived project as gone", async () => {
    const project = await createResource("IcProject", { ...conn(), projectName: "beta" });
    assert.match(project.id, /^prj_/);
    const refreshed = await refreshResource("IcProject", project);
    assert.equal(refreshed?.inputs.projectName, "beta");
    const { diff } = await updateResource("IcProject", project, { ...conn(), projectName: "beta-2" });
    assert.deepEqual(diff.replaces, ["projectName"]);
    await host.remove("IcProject", project.id, project.state);
    assert.equal(await refreshResource("IcProject", project), null);
  });
});

describe("IcProjectToken", () => {
  it("mints a working tenant token, survives an org-key change without re-minting, revokes on destroy", async () => {
    const project = await createResource("IcProject", { ...conn(), projectName: "gamma" });
    const args = { ...conn(), project: project.id, tokenName: "gamma-admin" };
    const token = await createResource("IcProjectToken", args);
    const minted = token.state.projectToken as string;
    assert.match(minted, /^tha_live_/);
    assert.equal(token.state.tokenId, token.id);

    // The minted token works as a tenant token for its project.
    const asTenant = new IcClient({ baseUrl: api.baseUrl, token: minted });
    await asTenant.get("/v1/agents");

    // Refresh verifies the token with itself.
    const refreshed = await refreshResource("IcProjectToken", token);
    assert.ok(refreshed, "a live token is not gone");
    assert.equal(refreshed.managed.state.projectToken, minted, "the secret is carried forward");

    // Rotating the organization key (credentials only) re-mints nothing and calls nothing.
    await api.resetCounters();
    const rotated = await updateResource("IcProjectToken", token, { ...args, baseUrl: `${api.baseUrl}/` });
    assert.deepEqual(rotated.diff.replaces, []);
    assert.equal(total(await api.counters()), 0);
    assert.equal(rotated.next.state.projectToken, minted);

    // Its own inputs re-mint (replace).
    const renamed = await updateResource("IcProjectToken", token, { ...args, tokenName: "gamma-admin-2" });
    assert.deepEqual(renamed.diff.replaces, ["tokenName"]);

    await host.remove("IcProjectToken", token.id, token.state);
    await assert.rejects(
      asTenant.get("/v1/agents"),
      (err: unknown) => err instanceof IcApiError && err.status === 401,
    );
    assert.equal(await refreshResource("IcProjectToken", token), null, "revoked reads as gone");
  });

  it("rejects bad inputs before any call", async () => {
    const result = await host.check(
      "IcProjectToken",
      {},
      { token: "t", project: "prj_1", ttlSeconds: 0, scope: "x" },
    );
    assert.deepEqual(result.failures.map((f) => f.property).sort(), ["scope", "ttlSeconds"]);
  });
});
