import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import {
  computeSignature,
  parseSignatureHeader,
  SIGNATURE_HEADER,
  signWebhook,
  verifyWebhook,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from "../src";

const secret = "whsec_test_0123456789abcdef";
const body = JSON.stringify({
  v: 1,
  id: "evt_1",
  type: "webhook.test",
  created_at: "2026-05-01T00:00:00Z",
  data: {},
});
const t = 1_777_600_000;

function rejects(fn: () => unknown, reason: WebhookVerificationReason): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof WebhookVerificationError, String(err));
    assert.equal(err.reason, reason);
    assert.ok(!err.message.includes(secret), "secret leaked into the message");
    return true;
  });
}

describe("webhook signatures", () => {
  it("signs as t=<unix>,v1=<hex HMAC-SHA256(full secret, '<t>.' + body)>", () => {
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    assert.equal(signWebhook([secret], body, t), `t=${t},v1=${expected}`);
    assert.equal(computeSignature(secret, t, Buffer.from(body)), expected);
    assert.equal(computeSignature(secret, t, new TextEncoder().encode(body)), expected);
  });

  it("round-trips with record headers, Headers objects, string/Buffer/Uint8Array bodies", () => {
    const header = signWebhook([secret], body, t);
    assert.deepEqual(verifyWebhook(secret, { "x-ic-signature": header }, body, { now: t }), {
      ok: true,
      timestamp: t,
    });
    assert.ok(
      verifyWebhook(secret, new Headers({ [SIGNATURE_HEADER]: header }), Buffer.from(body), { now: t }).ok,
    );
    assert.ok(
      verifyWebhook([secret], { "X-IC-SIGNATURE": header }, new TextEncoder().encode(body), { now: t }).ok,
    );
  });

  it("defaults the timestamp to now and the tolerance to 300 s", () => {
    const header = signWebhook([secret], body);
    assert.ok(verifyWebhook(secret, { [SIGNATURE_HEADER]: header }, body).ok);
    const old = signWebhook([secret], body, Math.floor(Date.now() / 1000) - 301);
    rejects(() => verifyWebhook(secret, { [SIGNATURE_HEADER]: old }, body), "timestamp_out_of_tolerance");
  });

  it("rejects a tampered body and a wrong secret", () => {
    const header = signWebhook([secret], body, t);
    rejects(
      () => verifyWebhook(secret, { [SIGNATURE_HEADER]: header }, `${body} `, { now: t }),
      "bad_signature",
    );
    rejects(
      () => verifyWebhook("whsec_other", { [SIGNATURE_HEADER]: header }, body, { now: t }),
      "bad_signature",
    );
    // The whsec_ prefix is part of the key: stripping it must not verify.
    rejects(
      () => verifyWebhook(secret.slice(6), { [SIGNATURE_HEADER]: header }, body, { now: t }),
      "bad_signature",
    );
  });

  it("rejects a timestamp outside the tolerance, in the past or the future", () => {
    const header = signWebhook([secret], body, t);
    rejects(
      () => verifyWebhook(secret, { [SIGNATURE_HEADER]: header }, body, { now: t + 301 }),
      "timestamp_out_of_tolerance",
    );
    rejects(
      () => verifyWebhook(secret, { [SIGNATURE_HEADER]: header }, body, { now: t - 301 }),
      "timestamp_out_of_tolerance",
    );
    assert.ok(verifyWebhook(secret, { [SIGNATURE_HEADER]: header }, body, { now: t + 300 }).ok);
    assert.ok(
      verifyWebhook(secret, { [SIGNATURE_HEADER]: header }, body, {
        now: t + 10_000,
        toleranceSeconds: Infinity,
      }).ok,
    );
  });

  it("a timestamp swapped into a valid signature is rejected (t is signed)", () => {
    const header = signWebhook([secret], body, t).replace(`t=${t}`, `t=${t + 60}`);
    rejects(
      () => verifyWebhook(secret, { [SIGNATURE_HEADER]: header }, body, { now: t + 60 }),
      "bad_signature",
    );
  });

  it("during a rotation both the old and the new secret verify the same delivery", () => {
    const next = "whsec_next_fedcba9876543210";
    const header = signWebhook([next, secret], body, t);
    assert.equal(header.split(",").filter((p) => p.startsWith("v1=")).length, 2);
    assert.ok(verifyWebhook(secret, { [SIGNATURE_HEADER]: header }, body, { now: t }).ok);
    assert.ok(verifyWebhook(next, { [SIGNATURE_HEADER]: header }, body, { now: t }).ok);
    assert.ok(verifyWebhook([next, "whsec_unrelated"], { [SIGNATURE_HEADER]: header }, body, { now: t }).ok);
    rejects(
      () => verifyWebhook("whsec_unrelated", { [SIGNATURE_HEADER]: header }, body, { now: t }),
      "bad_signature",
    );
  });

  it("reports a missing header", () => {
    rejects(() => verifyWebhook(secret, {}, body, { now: t }), "missing_signature");
    rejects(() => verifyWebhook(secret, new Headers(), body, { now: t }), "missing_signature");
    rejects(() => verifyWebhook(secret, { [SIGNATURE_HEADER]: "  " }, body, { now: t }), "missing_signature");
  });

  it("parses headers leniently about whitespace and unknown schemes, strictly about t and v1", () => {
    const sig = computeSignature(secret, t, body);
    assert.deepEqual(parseSignatureHeader(` t=${t} , v0=zz, v1=${sig.toUpperCase()} ,`), {
      timestamp: t,
      signatures: [sig],
    });
    assert.ok(verifyWebhook(secret, { [SIGNATURE_HEADER]: [`t=${t}`, `v1=${sig}`] }, body, { now: t }).ok);
    const bad = [
      `v1=${sig}`, // no t
      `t=${t}`, // no v1
      `t=${t},t=${t},v1=${sig}`, // two t
      `t=abc,v1=${sig}`, // t not numeric
      `t=-5,v1=${sig}`,
      `t=${t},v1=${sig.slice(2)}`, // short hex
      `t=${t},v1=${"g".repeat(64)}`, // not hex
      `t=${t},${sig}`, // not key=value
      "garbage",
    ];
    for (const header of bad) {
      rejects(
        () => verifyWebhook(secret, { [SIGNATURE_HEADER]: header }, body, { now: t }),
        "malformed_header",
      );
    }
  });

  it("refuses to sign or verify with no secret at all", () => {
    assert.throws(() => signWebhook([], body), TypeError);
    assert.throws(
      () => verifyWebhook([], { [SIGNATURE_HEADER]: signWebhook([secret], body, t) }, body, { now: t }),
      TypeError,
    );
  });
});
