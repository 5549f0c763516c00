import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AgentSlug,
  EVENT_TYPES,
  generateId,
  hasPrefix,
  ID_PREFIXES,
  isKnownEventOrFamily,
  isValidSlug,
  slugify,
  subscriptionMatches,
  tokenHandleKind,
} from "../src";

describe("slugify", () => {
  const cases: [string, string][] = [
    ["Support Bot", "support-bot"],
    ["Support Bot (EU)", "support-bot-eu"],
    ["  --Hello__World--  ", "hello-world"],
    ["ÜBER agent 2", "ber-agent-2"],
    ["already-a-slug", "already-a-slug"],
    ["!!!", "agent"],
    ["", "agent"],
    ["a".repeat(70), "a".repeat(63)],
    [`${"a".repeat(62)} b`, "a".repeat(62)], // the cut lands on '-': trimmed again
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => {
      const out = slugify(input);
      assert.equal(out, expected);
      assert.ok(isValidSlug(out));
    });
  }
});

describe("slug rule", () => {
  it("accepts 1..63 of [a-z0-9-] without edge dashes", () => {
    for (const ok of ["a", "a1", "billing-bot", "x".repeat(63), "0-0"])
      assert.ok(AgentSlug.safeParse(ok).success, ok);
    for (const bad of ["", "-a", "a-", "A", "a_b", "a b", "x".repeat(64), "é"]) {
      assert.equal(AgentSlug.safeParse(bad).success, false, bad);
    }
  });
});

describe("ids", () => {
  it("hasPrefix checks the kind's prefix and a non-empty rest", () => {
    assert.ok(hasPrefix("agent", "agt_1"));
    assert.equal(hasPrefix("agent", "agt_"), false);
    assert.equal(hasPrefix("webhook", "whsec_1"), false);
    assert.ok(hasPrefix("webhookSecret", "whsec_1"));
    assert.equal(hasPrefix("smith", "agt_1"), false);
  });

  it("no prefix is a prefix of another, so kinds are unambiguous", () => {
    const prefixes = Object.values(ID_PREFIXES);
    for (const a of prefixes)
      for (const b of prefixes) if (a !== b) assert.equal(b.startsWith(a), false, `${a} ${b}`);
  });

  it("generateId makes unique prefixed hex ids", () => {
    const a = generateId("deployment");
    assert.match(a, /^dep_[0-9a-f]{24}$/);
    assert.notEqual(a, generateId("deployment"));
    assert.match(generateId("webhookSecret", 32), /^whsec_[0-9a-f]{64}$/);
  });

  it("tokenHandleKind recognises the three handle prefixes", () => {
    assert.equal(tokenHandleKind("tha_live_x"), "tenantAdmin");
    assert.equal(tokenHandleKind("thp_live_x"), "smith");
    assert.equal(tokenHandleKind("tho_live_x"), "organization");
    assert.equal(tokenHandleKind("tha_live_"), undefined);
    assert.equal(tokenHandleKind("sk-live"), undefined);
  });
});

describe("events", () => {
  it("catalog includes webhook.test and the unbound_message type", () => {
    assert.ok(EVENT_TYPES.includes("webhook.test"));
    assert.ok(EVENT_TYPES.includes("unbound_message"));
    assert.equal(EVENT_TYPES.length, 18);
  });

  it("isKnownEventOrFamily accepts exact types and family prefixes only", () => {
    for (const ok of [
      "run",
      "slack",
      "run.completed",
      "slack.install",
      "unbound_message",
      "webhook",
      "credit",
    ]) {
      assert.ok(isKnownEventOrFamily(ok), ok);
    }
    for (const bad of ["", "run.", "run.started", "slac", "slack.*", "unbound", "message.delta", "Run"]) {
      assert.equal(isKnownEventOrFamily(bad), false, bad);
    }
  });

  it("subscriptionMatches: [] is everything, entries match exactly or by family", () => {
    assert.ok(subscriptionMatches([], "anything.new"));
    assert.ok(subscriptionMatches(["slack"], "slack.install"));
    assert.ok(subscriptionMatches(["run.failed"], "run.failed"));
    assert.equal(subscriptionMatches(["run.failed"], "run.completed"), false);
    assert.equal(subscriptionMatches(["slack"], "slackbot.x"), false);
  });
});
