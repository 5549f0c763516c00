// Proves the toolchain end to end: the real `pulumi` CLI, our Node.js language host running a
// TypeScript program, config and secrets, and the dynamic-provider plugin, all offline on a
// file backend. If this fails, every other e2e test will too: start debugging here.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { createPulumiProject, type PulumiProject, type PulumiStack, prepareFixture } from "./harness/pulumi";

const DYNAMIC_TYPE = "pulumi-nodejs:dynamic:Resource";

// Both ways of giving a program its packages (see FixtureOptions in the harness).
for (const deps of ["install", "workspace"] as const) {
  describe(`smoke (${deps} deps): pulumi up/destroy of a TypeScript program with a dynamic resource`, () => {
    let project: PulumiProject;
    let stack: PulumiStack;

    before(async () => {
      project = await createPulumiProject({
        dir: await prepareFixture(path.join(__dirname, "fixtures/smoke"), { deps }),
      });
      stack = await project.initStack("smoke", { config: { who: "e2e" }, secrets: { token: "s3cr3t" } });
    });

    after(async () => {
      await project?.cleanup();
    });

    it("pulumi version is the pinned one", async () => {
      const { stdout } = await project.run(["version"]);
      assert.equal(stdout.trim(), "v3.276.0");
    });

    it("previews one create", async () => {
      const preview = await stack.preview();
      assert.equal(preview.changes.create, 2, preview.output); // the stack + the greeting
      const ops = preview.json.steps?.filter((s) => s.urn.includes(DYNAMIC_TYPE)).map((s) => s.op);
      assert.deepEqual(ops, ["create"]);
    });

    it("up creates the resource and exports outputs", async () => {
      const up = await stack.up();
      assert.equal(up.changes.created, 2, up.output);
      assert.match(up.output, /smoke program running in stack smoke/); // pulumi.log via the engine

      const outputs = await stack.outputs();
      assert.equal(outputs.message, "hello, e2e");
      assert.equal(outputs.greetingId, "greeting-e2e");
      assert.equal(outputs.project, "smoke");
      assert.equal(outputs.stack, "smoke");
      assert.equal(outputs.token, "[secret]");
      assert.equal((await stack.outputs({ showSecrets: true })).token, "s3cr3t");

      const [greeting, ...rest] = await stack.resources(DYNAMIC_TYPE);
      assert.equal(rest.length, 0);
      assert.equal(greeting?.id, "greeting-e2e");
      assert.equal(greeting?.outputs?.message, "hello, e2e");
    });

    it("a second up and a refresh change nothing", async () => {
      const up = await stack.up();
      assert.deepEqual(up.changes, { unchanged: 2 }, up.output);
      const refresh = await stack.refresh();
      assert.deepEqual(refresh.changes, { unchanged: 2 }, refresh.output);
    });

    it("reads back config", async () => {
      assert.equal(await stack.getConfig("who"), "e2e");
      assert.equal(await stack.getConfig("token"), "s3cr3t");
      assert.equal(await stack.getConfig("missing"), undefined);
    });

    it("destroy removes the resource from state", async () => {
      const destroy = await stack.destroy();
      assert.equal(destroy.changes.deleted, 2, destroy.output);
      assert.deepEqual(await stack.resources(), []);
      assert.deepEqual(await stack.outputs(), {});
    });
  });
}
