import { z } from "zod";
import { cursorPage, Int, Timestamp } from "./common";

/** Default and bounds of `WebhookRotateIn.grace_seconds` (seconds). */
export const ROTATION_GRACE_DEFAULT_SECONDS = 86_400;
export const ROTATION_GRACE_MAX_SECONDS = 604_800;

/** Delivery states (`WebhookDeliveryOut.status`). */
export const DELIVERY_STATUSES = ["pending", "succeeded", "dead"] as const;

/**
 * Body of `POST /v1/tenant/webhooks`. `events: []` (default) subscribes to everything; entries match a
 * type exactly or as a family prefix (see `isKnownEventOrFamily`). `active` defaults to true.
 */
export const WebhookIn = z.object({
  url: z.string(),
  events: z.array(z.string()).default([]),
  active: z.boolean().default(true),
});
export type WebhookIn = z.infer<typeof WebhookIn>;
/** What a caller may send for {@link WebhookIn}. */
export type WebhookInInput = z.input<typeof WebhookIn>;

/** 201 of the create; `secret` (`whsec_…`) is shown only here and by rotate. */
export const WebhookCreateOut = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  secret: z.string(),
});
export type WebhookCreateOut = z.infer<typeof WebhookCreateOut>;

/** A webhook endpoint as listed (there is no single-GET endpoint). */
export const WebhookOut = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  created_at: Timestamp,
});
export type WebhookOut = z.infer<typeof WebhookOut>;

/** 200 of `GET /v1/tenant/webhooks`. */
export const WebhookListOut = cursorPage(WebhookOut);
export type WebhookListOut = z.infer<typeof WebhookListOut>;

/** Body of `PATCH /v1/tenant/webhooks/{wid}`; the signing secret survives a patch. */
export const WebhookPatch = z.object({
  url: z.string().nullish(),
  events: z.array(z.string()).nullish(),
  active: z.boolean().nullish(),
});
export type WebhookPatch = z.infer<typeof WebhookPatch>;

/** 200 of the PATCH: only the id. */
export const WebhookIdOut = z.object({ id: z.string() });
export type WebhookIdOut = z.infer<typeof WebhookIdOut>;

/** Body of `POST …/rotate_secret`: grace 0..604800 s (0 = immediate cut-over), default 86400. */
export const WebhookRotateIn = z.object({
  grace_seconds: Int.min(0).max(ROTATION_GRACE_MAX_SECONDS).default(ROTATION_GRACE_DEFAULT_SECONDS),
});
export type WebhookRotateIn = z.infer<typeof WebhookRotateIn>;
/** What a caller may send for {@link WebhookRotateIn} (`{}` is valid). */
export type WebhookRotateInInput = z.input<typeof WebhookRotateIn>;

/** 200 of rotate: the new secret, shown once. */
export const WebhookRotateOut = z.object({
  id: z.string(),
  secret: z.string(),
  previous_secret_expires_at: Timestamp,
});
export type WebhookRotateOut = z.infer<typeof WebhookRotateOut>;

/** 200 of `POST …/test` (fires a signed `webhook.test` event). */
export const WebhookTestOut = z.object({
  delivered: z.boolean(),
});
export type WebhookTestOut = z.infer<typeof WebhookTestOut>;

/** One delivery attempt record. `attempts`/`last_status` are `number` in the spec. */
export const WebhookDeliveryOut = z.object({
  id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  url: z.string(),
  status: z.string(),
  attempts: z.number(),
  last_status: z.number().nullable(),
  last_error: z.string(),
  next_attempt_at: Timestamp,
  delivered_at: Timestamp,
  created_at: Timestamp,
});
export type WebhookDeliveryOut = z.infer<typeof WebhookDeliveryOut>;

/** 200 of `GET …/deliveries`. */
export const WebhookDeliveryListOut = cursorPage(WebhookDeliveryOut);
export type WebhookDeliveryListOut = z.infer<typeof WebhookDeliveryListOut>;

/** 200 of `POST …/deliveries/{did}/redeliver`; `status` is the receiver's HTTP status or null. */
export const WebhookRedeliverOut = z.object({
  delivery_id: z.string(),
  delivered: z.boolean(),
  status: z.number().nullable(),
});
export type WebhookRedeliverOut = z.infer<typeof WebhookRedeliverOut>;
