import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import {
  DEFAULT_STATUS,
  defaultFor,
  ERROR_CODES,
  ERROR_TYPES,
  ErrorEnvelope,
  errorEnvelope,
  IcApiError,
  paramFromPath,
} from "../src";

const repoRoot = path.resolve(__dirname, "../../..");
const specPath = path.resolve(repoRoot, "../shared/ingram-cloud/openapi.json");

describe("error codes", () => {
  it("match the spec's Error.code enum exactly (order included)", (t) => {
    if (!existsSync(specPath)) {
      t.skip(`spec not found at ${specPath}; cannot compare ERROR_CODES`);
      return;
    }
    const spec = JSON.parse(readFileSync(specPath, "utf8"));
    const specCodes: string[] = spec.components.schemas.Error.properties.error.properties.code.enum;
    assert.equal(ERROR_CODES.length, 150);
    assert.deepEqual([...ERROR_CODES], specCodes);
  });

  it("has no duplicates", () => {
    assert.equal(new Set(ERROR_CODES).size, ERROR_CODES.length);
  });

  it("maps every DEFAULT_STATUS entry to a known code, a 4xx/5xx status and a documented type", () => {
    for (const [code, entry] of Object.entries(DEFAULT_STATUS)) {
      assert.ok((ERROR_CODES as readonly string[]).includes(code), code);
      assert.ok(entry.status >= 400 && entry.status < 600, code);
      assert.ok((ERROR_TYPES as readonly string[]).includes(entry.type), code);
    }
  });

  it("uses the decided statuses for codes the spec leaves open", () => {
    const expected: Record<string, [number, string]> = {
      unsupported_api_version: [400, "invalid_request_error"],
      idempotency_key_reused: [422, "invalid_request_error"],
      idempotency_in_progress: [409, "invalid_request_error"],
      organization_required: [403, "permission_error"],
      tenant_token_required: [403, "permission_error"],
      unauthenticated: [401, "authentication_error"],
      rate_limit_exceeded: [429, "rate_limit_error"],
      service_overloaded: [503, "api_error"],
      internal_error: [500, "api_error"],
      discovery_failed: [502, "api_error"],
      not_found: [404, "invalid_request_error"],
    };
    for (const [code, [status, type]] of Object.entries(expected)) {
      assert.deepEqual(defaultFor(code as never), { status, type }, code);
    }
    // An unmapped code falls back to the spec's generic 422.
    assert.deepEqual(defaultFor("invalid_cron"), { status: 422, type: "invalid_request_error" });
  });
});

describe("ErrorEnvelope", () => {
  it("accepts a well-formed envelope, including a null param", () => {
    const body = {
      error: { message: "No such agent", type: "invalid_request_error", param: null, code: "not_found" },
    };
    assert.deepEqual(ErrorEnvelope.parse(body), body);
  });

  it("rejects unknown codes, a missing param and a non-string message", () => {
    const ok = { message: "m", type: "t", param: null, code: "not_found" };
    assert.equal(ErrorEnvelope.safeParse({ error: { ...ok, code: "http_500" } }).success, false);
    const { param: _dropped, ...noParam } = ok;
    assert.equal(ErrorEnvelope.safeParse({ error: noParam }).success, false);
    assert.equal(ErrorEnvelope.safeParse({ error: { ...ok, message: 42 } }).success, false);
    assert.equal(ErrorEnvelope.safeParse(ok).success, false);
  });

  it("errorEnvelope and IcApiError build valid envelopes with the default type", () => {
    const env = errorEnvelope("agent_exists", "slug taken", "slug");
    assert.deepEqual(env, {
      error: { message: "slug taken", type: "invalid_request_error", param: "slug", code: "agent_exists" },
    });
    const err = new IcApiError("insufficient_scope", "token lacks scope", { requestId: "req_1" });
    assert.equal(err.status, 403);
    assert.equal(err.requestId, "req_1");
    assert.ok(ErrorEnvelope.safeParse(err.toEnvelope()).success);
    assert.equal(err.toEnvelope().error.type, "permission_error");
  });

  it("paramFromPath renders zod paths", () => {
    assert.equal(paramFromPath([]), null);
    assert.equal(paramFromPath(["percent"]), "percent");
    assert.equal(paramFromPath(["skills", 0, "version"]), "skills[0].version");
  });
});
