import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { multipart, startServer } from "./helpers";

describe("persistence (SQLite file)", () => {
  const dir = mkdtempSync(join(tmpdir(), "ic-local-"));
  const db = join(dir, "ic.db");
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps everything across a restart with the same file", async () => {
    const first = await startServer({ db });
    assert.equal(first.app.local.freshCredentials, true);
    const creds = first.creds;
    const agent = await first.call("POST", "/v1/agents", {
      body: { name: "Durable", instructions: "keep me" },
    });
    await first.call("POST", `/v1/agents/${agent.body.id}/versions`, { body: { note: "v1" } });
    const up = multipart("<i>ui</i>", { name: "card" });
    await first.call("POST", `/v1/agents/${agent.body.id}/ui`, { raw: up.raw, headers: up.headers });
    const minted = await first.call("POST", "/v1/tenant/tokens", { body: { scope: "admin", name: "kept" } });
    const revoked = await first.call("POST", "/v1/tenant/tokens", { body: { scope: "admin" } });
    await first.call("DELETE", `/v1/tenant/tokens/${revoked.body.id}`);
    const project = await first.call("POST", "/v1/organization/projects", {
      token: creds.organization_key,
      body: { name: "P2" },
    });
    const idem = await first.call("POST", "/v1/agents", {
      body: { name: "idem" },
      headers: { "Idempotency-Key": "persist" },
    });
    const jwks = (await first.call("GET", "/.well-known/jwks.json", { token: null })).body;
    await first.close();

    const second = await startServer({ db });
    try {
      assert.equal(second.app.local.freshCredentials, false);
      assert.deepEqual(second.creds, creds, "credentials read back from the file");
      const got = await second.call("GET", `/v1/agents/${agent.body.id}`);
      assert.equal(got.status, 200, "bootstrap token still valid: signing key persisted");
      assert.equal(got.body.draft.instructions, "keep me");
      assert.equal(got.body.active_version, 1);
      assert.equal(got.body.draft.ui_resources[0].name, "card");
      assert.equal(
        (await second.call("GET", `/v1/agents/${agent.body.id}/ui/card/content`)).text,
        "<i>ui</i>",
      );
      assert.equal((await second.call("GET", "/v1/agents", { token: minted.body.token })).status, 200);
      assert.equal((await second.call("GET", "/v1/agents", { token: revoked.body.token })).status, 401);
      assert.equal(
        (
          await second.call("GET", `/v1/organization/projects/${project.body.id}`, {
            token: creds.organization_key,
          })
        ).body.name,
        "P2",
      );
      const replay = await second.call("POST", "/v1/agents", {
        body: { name: "idem" },
        headers: { "Idempotency-Key": "persist" },
      });
      assert.deepEqual(replay.body, idem.body, "idempotency records survive a restart");
      assert.deepEqual((await second.call("GET", "/.well-known/jwks.json", { token: null })).body, jwks);
    } finally {
      await second.close();
    }
  });

  it("writes the credentials file with mode 0600 and the documented keys", () => {
    const file = `${db}.credentials.json`;
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const c = JSON.parse(readFileSync(file, "utf8"));
    assert.deepEqual(Object.keys(c).sort(), [
      "api_version",
      "base_url",
      "created_at",
      "organization_id",
      "organization_key",
      "organization_key_id",
      "project_id",
      "tenant_token",
      "tenant_token_id",
    ]);
    assert.match(c.organization_key, /^tho_live_/);
    assert.match(c.tenant_token, /^tha_live_/);
  });

  it("uses WAL mode", async () => {
    const s = await startServer({ db });
    try {
      assert.equal(s.app.local.store.db.pragma("journal_mode", { simple: true }), "wal");
    } finally {
      await s.close();
    }
  });
});
