import { z } from "zod";
import { cursorPage, Int, JsonObject, Timestamp } from "./common";

/**
 * Event types delivered on the feed and to webhooks (the API has no endpoint listing them). Stream-only
 * frames (`run.started`, `message.delta`, …) are excluded: they never reach a webhook.
 */
export const EVENT_TYPES = [
  "run.paused",
  "run.completed",
  "run.failed",
  "tool.executing",
  "tool.completed",
  "approval.required",
  "approval.resolved",
  "connection.required",
  "unbound_message",
  "budget.threshold",
  "credit.exhausted",
  "deployment.bound",
  "deployment.inbound",
  "slack.app_provisioned",
  "slack.install",
  "slack.uninstalled",
  "email.send_failed",
  "webhook.test",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Families: the part before the first `.` of each dotted type (`run`, `slack`, …). */
export const EVENT_FAMILIES: readonly string[] = [
  ...new Set(EVENT_TYPES.filter((t) => t.includes(".")).map((t) => t.slice(0, t.indexOf(".")))),
];

/**
 * True when `name` is a catalog event type or a family prefix (`"slack"` matches every `slack.*`).
 * Used to validate webhook `events` entries before sending them.
 * @param name - one webhook subscription entry.
 * @example isKnownEventOrFamily("run") // true
 * @example isKnownEventOrFamily("run.exploded") // false
 */
export function isKnownEventOrFamily(name: string): boolean {
  return (EVENT_TYPES as readonly string[]).includes(name) || EVENT_FAMILIES.includes(name);
}

/**
 * Whether a webhook subscribed to `events` receives an event of `type`: `[]` means everything; an entry
 * matches exactly or as a family prefix (`slack` matches `slack.install`, not `slackbot.x`).
 * @param events - the webhook's `events` list.
 * @param type - the event's type (an open string: unknown types still match `[]`).
 */
export function subscriptionMatches(events: readonly string[], type: string): boolean {
  if (events.length === 0) return true;
  return events.some((entry) => entry === type || type.startsWith(`${entry}.`));
}

/** The body of a webhook delivery: `{ v: 1, id: "evt_…", type, created_at, tenant_id, smith_id, data }`. */
export const EventEnvelope = z.object({
  v: z.literal(1),
  id: z.string(),
  type: z.string(),
  created_at: z.string(),
  tenant_id: z.string(),
  smith_id: z.string().nullish(),
  data: JsonObject,
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/** Who caused an event on the feed. */
export const Actor = z.object({
  kind: z.enum(["smith", "tenant", "operator"]),
  id: z.string(),
  token_id: z.string(),
  email: z.string().default(""),
});
export type Actor = z.infer<typeof Actor>;

/** One event of `GET /v1/events` (no `tenant_id`, adds `actor`). */
export const EventOut = z.object({
  v: Int,
  id: z.string(),
  type: z.string(),
  smith_id: z.string().nullable(),
  data: JsonObject,
  actor: Actor.nullable(),
  created_at: Timestamp,
});
export type EventOut = z.infer<typeof EventOut>;

/** 200 of `GET /v1/events`. */
export const EventListOut = cursorPage(EventOut);
export type EventListOut = z.infer<typeof EventListOut>;
