import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { envelope, startServer, type TestServer } from "./helpers";

describe("Telegram singleton", () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ publicBaseUrl: "http://127.0.0.1:8787" });
  });
  after(() => s.close());

  it("is unconfigured at first: GET {configured:false}, DELETE 404", async () => {
    assert.deepEqual((await s.call("GET", "/v1/tenant/telegram")).body, { configured: false });
    assert.equal((await s.call("DELETE", "/v1/tenant/telegram")).status, 404);
  });

  it("PUT derives a deterministic bot from the token and never returns the token", async () => {
    const token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    const r = await s.call("PUT", "/v1/tenant/telegram", { body: { bot_token: token } });
    assert.equal(r.status, 200);
    assert.equal(r.body.configured, true);
    assert.equal(r.body.bot_id, 123456789);
    assert.match(r.body.bot_username, /^ic_local_[0-9a-f]{8}_bot$/);
    assert.equal(r.body.has_token, true);
    assert.equal(r.body.webhook_url, `http://127.0.0.1:8787/v1/telegram/webhook/${s.creds.project_id}`);
    const again = await s.call("PUT", "/v1/tenant/telegram", {
      body: { bot_token: token, webhook_secret: "s3" },
    });
    assert.equal(again.body.bot_username, r.body.bot_username);
    const got = await s.call("GET", "/v1/tenant/telegram");
    assert.deepEqual(got.body, r.body);
    assert.ok(!got.text.includes("AAHdq"));
  });

  it("rejects empty and malformed tokens", async () => {
    const empty = await s.call("PUT", "/v1/tenant/telegram", { body: { bot_token: "  " } });
    assert.equal(empty.status, 422);
    assert.equal(envelope(empty).code, "empty_bot_token");
    assert.equal(envelope(await s.call("PUT", "/v1/tenant/telegram", { body: {} })).code, "empty_bot_token");
    const bad = await s.call("PUT", "/v1/tenant/telegram", { body: { bot_token: "not-a-token" } });
    assert.equal(bad.status, 422);
    assert.equal(envelope(bad).code, "telegram_api_error");
  });

  it("is per tenant, and DELETE unconfigures", async () => {
    const other = await s.newTenant();
    assert.deepEqual((await s.call("GET", "/v1/tenant/telegram", { token: other.token })).body, {
      configured: false,
    });
    assert.equal((await s.call("DELETE", "/v1/tenant/telegram", { token: other.token })).status, 404);
    assert.equal((await s.call("DELETE", "/v1/tenant/telegram")).status, 204);
    assert.deepEqual((await s.call("GET", "/v1/tenant/telegram")).body, { configured: false });
  });
});
