import {
  EVENT_FAMILIES,
  EVENT_TYPES,
  isKnownEventOrFamily,
  WebhookCreateOut,
  WebhookIdOut,
  WebhookListOut,
  type WebhookPatch,
} from "@ingram-tech/ingram-cloud-contract";
import { isNotFound } from "../client/errors";
import { firstMatch } from "../client/paginate";
import { asSet, changedFields } from "./compare";
import { createOnce } from "./create-once";
import type { FieldSpec, Lifecycle } from "./lifecycle";
import { Checker } from "./validate";

/** Inputs of {@link webhookLifecycle} (IcWebhook). */
export interface WebhookInputs {
  /**
   * Receiver endpoint. https only; http is accepted for loopback hosts (127.0.0.1, localhost) so a local
   * receiver can be tested. A change patches the endpoint in place; the signing secret is kept.
   * @example "https://acme.example.com/api/ic/events"
   */
  url: string;
  /**
   * Event types or families to deliver (`"slack"` matches every `slack.*`); `[]` = every event.
   * Order does not matter. Validated against the contract's event catalog.
   * @default []
   * @example ["run.completed", "approval.required"]
   */
  events?: string[];
  /**
   * Whether deliveries are sent; `false` pauses the endpoint without losing its secret.
   * @default true
   */
  active?: boolean;
}

const fields: Record<keyof WebhookInputs, FieldSpec> = {
  url: {},
  events: { canonical: asSet },
  active: {},
};

const unknownEventReason = (entry: string): string | undefined =>
  isKnownEventOrFamily(entry)
    ? undefined
    : `"${entry}" is not a known event type or family; use one of ${EVENT_TYPES.join(", ")} ` +
      `or a family (${EVENT_FAMILIES.join(", ")}), or [] for every event`;

/**
 * IcWebhook: POST creates and returns the `whsec_…` signing secret once; it becomes the secret output
 * `secret`, kept across updates and refreshes (the API never shows it again). url/events/active change
 * in place with PATCH. There is no single-GET endpoint, so read pages through the list.
 */
export const webhookLifecycle: Lifecycle = {
  type: "IcWebhook",
  fields,
  outputs: { webhookId: {}, secret: { secret: true } },

  check(news) {
    const c = new Checker(news);
    c.onlyKeys(Object.keys(fields));
    c.url("url", true);
    c.stringList("events", unknownEventReason);
    c.boolean("active");
    return {
      inputs: { ...news, events: news.events ?? [], active: news.active ?? true },
      failures: c.failures,
    };
  },

  async create(ctx, inputs) {
    const created = await createOnce(ctx, {
      path: "/v1/tenant/webhooks",
      body: { url: inputs.url, events: inputs.events, active: inputs.active },
      schema: WebhookCreateOut,
      exists: async (webhook) => (await webhookLifecycle.read(ctx, webhook.id, {})) !== undefined,
    });
    return { id: created.id, outputs: { webhookId: created.id, secret: created.secret } };
  },

  async read({ client }, id) {
    const live = await firstMatch(client.list("/v1/tenant/webhooks", WebhookListOut), (w) => w.id === id);
    if (!live) return undefined;
    return {
      inputs: { url: live.url, events: live.events, active: live.active },
      outputs: { webhookId: live.id },
    };
  },

  async update({ client }, id, olds, news) {
    const patch: WebhookPatch = {};
    for (const key of changedFields(fields, olds, news)) Object.assign(patch, { [key]: news[key] });
    await client.patch(`/v1/tenant/webhooks/${id}`, { body: patch, schema: WebhookIdOut });
    return {};
  },

  async delete({ client }, id) {
    try {
      await client.delete(`/v1/tenant/webhooks/${id}`);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  },
};
