import { randomBytes } from "node:crypto";
import {
  generateId,
  ID_PREFIXES,
  isKnownEventOrFamily,
  type WebhookDeliveryOut,
  WebhookIn,
  type WebhookOut,
  WebhookPatch,
  WebhookRotateIn,
} from "@ingram-tech/ingram-cloud-contract";
import type { FastifyInstance } from "fastify";
import { apiError, notFound } from "../core/errors";
import { paginate } from "../core/pagination";
import type { RouteArea } from "../core/routes";
import type { Store } from "../core/store";
import { integrationsOf } from "../integrations/options";
import { parseHttpUrl } from "../integrations/outbound";
import {
  type DeliveryRow,
  WEBHOOKS_SCHEMA,
  WebhookDispatcher,
  type WebhookRow,
} from "../integrations/webhook-dispatcher";

const dispatchers = new WeakMap<FastifyInstance, WebhookDispatcher>();

/** The app's webhook dispatcher, for areas that emit events (`webhookDispatcher(app).emit(...)`). */
export function webhookDispatcher(app: FastifyInstance): WebhookDispatcher {
  const d = dispatchers.get(app);
  if (!d) throw new Error("webhooks area is not registered");
  return d;
}

const newSecret = () => `${ID_PREFIXES.webhookSecret}${randomBytes(24).toString("base64url")}`;

function loadWebhook(store: Store, tenantId: string, wid: string | undefined): WebhookRow {
  const row = store.stmt("SELECT * FROM webhooks WHERE id = ? AND tenant_id = ?").get(wid, tenantId) as
    | WebhookRow
    | undefined;
  if (!row) throw notFound("webhook");
  return row;
}

function loadDelivery(store: Store, webhook: WebhookRow, did: string | undefined): DeliveryRow {
  const row = store
    .stmt("SELECT * FROM webhook_deliveries WHERE id = ? AND webhook_id = ?")
    .get(did, webhook.id) as DeliveryRow | undefined;
  if (!row) throw notFound("delivery");
  return row;
}

function checkUrl(url: string): string {
  if (!parseHttpUrl(url))
    throw apiError("invalid_url", "url must be an http(s) URL without credentials", "url");
  return url;
}

/** Unknown entries are refused (a typo would otherwise silently subscribe to nothing). */
function checkEvents(events: string[]): string[] {
  for (const name of events) {
    if (!isKnownEventOrFamily(name)) {
      throw apiError("invalid_input", `Unknown event type or family '${name}'`, "events");
    }
  }
  return [...new Set(events)];
}

const toWebhookOut = (row: WebhookRow): WebhookOut => ({
  id: row.id,
  url: row.url,
  events: JSON.parse(row.events) as string[],
  active: row.active === 1,
  created_at: row.created_at,
});

const toDeliveryOut = (row: DeliveryRow): WebhookDeliveryOut => ({
  id: row.id,
  event_id: row.event_id,
  event_type: row.event_type,
  url: row.url,
  status: row.status,
  attempts: row.attempts,
  last_status: row.last_status,
  last_error: row.last_error,
  next_attempt_at: row.next_attempt_at,
  delivered_at: row.delivered_at,
  created_at: row.created_at,
});

/** `/v1/tenant/webhooks`: endpoints, secret rotation, test events, the delivery log and redelivery (§7). */
export const webhooksArea: RouteArea = {
  name: "webhooks",
  schema: WEBHOOKS_SCHEMA,
  register(api) {
    const dispatcher = new WebhookDispatcher(api.store, () => integrationsOf(api.app));
    dispatchers.set(api.app, dispatcher);
    api.app.addHook("onClose", () => dispatcher.close());

    api.route({
      method: "POST",
      path: "/v1/tenant/webhooks",
      operationId: "tenant.webhooks.create",
      auth: "tenant",
      status: 201,
      body: WebhookIn,
      bodyCodes: { url: "invalid_url", events: "invalid_input" },
      handler({ store, body, tenantId }) {
        const id = generateId("webhook");
        const secret = newSecret();
        const events = checkEvents(body.events);
        store
          .stmt(
            "INSERT INTO webhooks (id, tenant_id, url, events, active, secret, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          )
          .run(
            id,
            tenantId,
            checkUrl(body.url),
            JSON.stringify(events),
            body.active ? 1 : 0,
            secret,
            store.now(),
          );
        return { id, url: body.url, events, active: body.active, secret };
      },
    });

    api.route({
      method: "GET",
      path: "/v1/tenant/webhooks",
      operationId: "tenant.webhooks.list",
      auth: "tenant",
      status: 200,
      handler: ({ store, query, tenantId }) =>
        paginate(store, query, "SELECT * FROM webhooks WHERE tenant_id = ?", [tenantId], toWebhookOut),
    });

    api.route({
      method: "PATCH",
      path: "/v1/tenant/webhooks/{wid}",
      operationId: "tenant.webhooks.update",
      auth: "tenant",
      status: 200,
      body: WebhookPatch,
      bodyCodes: { url: "invalid_url", events: "invalid_input" },
      handler({ store, params, body, tenantId }) {
        const row = loadWebhook(store, tenantId, params.wid);
        if (body.url == null && body.events == null && body.active == null) {
          throw apiError("empty_patch", "The patch changes nothing (give url, events or active)");
        }
        // null = leave unchanged; the signing secret always survives a patch.
        store
          .stmt("UPDATE webhooks SET url = ?, events = ?, active = ? WHERE id = ?")
          .run(
            body.url == null ? row.url : checkUrl(body.url),
            body.events == null ? row.events : JSON.stringify(checkEvents(body.events)),
            body.active == null ? row.active : body.active ? 1 : 0,
            row.id,
          );
        return { id: row.id };
      },
    });

    api.route({
      method: "DELETE",
      path: "/v1/tenant/webhooks/{wid}",
      operationId: "tenant.webhooks.delete",
      auth: "tenant",
      status: 204,
      handler({ store, params, tenantId }) {
        const row = loadWebhook(store, tenantId, params.wid);
        store.stmt("DELETE FROM webhook_deliveries WHERE webhook_id = ?").run(row.id);
        store.stmt("DELETE FROM webhooks WHERE id = ?").run(row.id);
      },
    });

    api.route({
      method: "POST",
      path: "/v1/tenant/webhooks/{wid}/rotate_secret",
      operationId: "tenant.webhooks.rotate",
      auth: "tenant",
      status: 200,
      body: WebhookRotateIn,
      bodyCodes: { grace_seconds: "invalid_input" },
      handler({ store, params, body, tenantId }) {
        const row = loadWebhook(store, tenantId, params.wid);
        const secret = newSecret();
        const expires =
          body.grace_seconds === 0
            ? null
            : new Date(store.nowDate().getTime() + body.grace_seconds * 1000).toISOString();
        // Only the secret being replaced keeps signing during the grace window; an older one is dropped.
        store
          .stmt(
            "UPDATE webhooks SET secret = ?, previous_secret = ?, previous_secret_expires_at = ? WHERE id = ?",
          )
          .run(secret, expires === null ? null : row.secret, expires, row.id);
        return { id: row.id, secret, previous_secret_expires_at: expires };
      },
    });

    api.route({
      method: "POST",
      path: "/v1/tenant/webhooks/{wid}/test",
      operationId: "tenant.webhooks.test",
      auth: "tenant",
      status: 200,
      // Waits for the first attempt so the answer reports it; retries continue in the background.
      async prepare({ store, params, tenantId }) {
        const webhook = loadWebhook(store, tenantId, params.wid);
        const event = dispatcher.envelope(tenantId, "webhook.test", {
          webhook_id: webhook.id,
          message: "Test event from ingram-cloud-local",
        });
        const payload = JSON.stringify(event);
        const result = await dispatcher.post(webhook.url, dispatcher.secretsOf(webhook), payload, event.id);
        return { webhook, event, result };
      },
      handler({ prepared: { webhook, event, result } }) {
        const deliveryId = dispatcher.create(webhook, event);
        dispatcher.record(deliveryId, result);
        return { delivered: result.ok };
      },
    });

    api.route({
      method: "GET",
      path: "/v1/tenant/webhooks/{wid}/deliveries",
      operationId: "tenant.webhooks.deliveries.list",
      auth: "tenant",
      status: 200,
      handler({ store, params, query, tenantId }) {
        const webhook = loadWebhook(store, tenantId, params.wid);
        return paginate(
          store,
          query,
          "SELECT * FROM webhook_deliveries WHERE webhook_id = ?",
          [webhook.id],
          toDeliveryOut,
        );
      },
    });

    api.route({
      method: "POST",
      path: "/v1/tenant/webhooks/{wid}/deliveries/{did}/redeliver",
      operationId: "tenant.webhooks.deliveries.redeliver",
      auth: "tenant",
      status: 200,
      // One immediate attempt of the same event (same id and body), signed with the current secrets.
      async prepare({ store, params, tenantId }) {
        const webhook = loadWebhook(store, tenantId, params.wid);
        const delivery = loadDelivery(store, webhook, params.did);
        return {
          deliveryId: delivery.id,
          result: await dispatcher.post(
            webhook.url,
            dispatcher.secretsOf(webhook),
            delivery.payload,
            delivery.event_id,
          ),
        };
      },
      handler({ prepared: { deliveryId, result } }) {
        dispatcher.record(deliveryId, result, true);
        return { delivery_id: deliveryId, delivered: result.ok, status: result.status };
      },
    });
  },
};
