import {
  EVENT_ID_HEADER,
  type EventEnvelope,
  generateId,
  SIGNATURE_HEADER,
  signWebhook,
  subscriptionMatches,
} from "@ingram-tech/ingram-cloud-contract";
import type { Store } from "../core/store";
import type { ResolvedIntegrations } from "./options";
import { outboundRefusal, parseHttpUrl, safeErrorText } from "./outbound";

/** A `webhooks` row. */
export interface WebhookRow {
  seq: number;
  id: string;
  tenant_id: string;
  url: string;
  events: string;
  active: number;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  created_at: string;
}

/** A `webhook_deliveries` row. */
export interface DeliveryRow {
  seq: number;
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  url: string;
  payload: string;
  status: "pending" | "succeeded" | "dead";
  attempts: number;
  last_status: number | null;
  last_error: string;
  next_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
}

/** The outcome of one HTTP attempt. */
export interface AttemptResult {
  ok: boolean;
  /** The receiver's HTTP status; null when no response arrived. */
  status: number | null;
  /** Empty on success; otherwise why it failed (no secrets). */
  error: string;
}

export const WEBHOOKS_SCHEMA = `
CREATE TABLE IF NOT EXISTS webhooks (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, tenant_id TEXT NOT NULL, url TEXT NOT NULL,
  events TEXT NOT NULL, active INTEGER NOT NULL,
  secret TEXT NOT NULL,                 -- HMAC key: must stay usable to sign, so it is kept as is
  previous_secret TEXT, previous_secret_expires_at TEXT, created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS webhooks_by_tenant ON webhooks (tenant_id, seq);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, webhook_id TEXT NOT NULL, event_id TEXT NOT NULL,
  event_type TEXT NOT NULL, url TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL,
  last_status INTEGER, last_error TEXT NOT NULL, next_attempt_at TEXT, delivered_at TEXT, created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS deliveries_by_webhook ON webhook_deliveries (webhook_id, seq);
`;

/**
 * Durable, retried webhook delivery. Each attempt is a real signed HTTP POST of the event envelope
 * (`X-IC-Signature`, `X-IC-Event-Id`), signed with every secret valid at that moment (two during a
 * rotation grace period). A failed attempt is retried after `backoffMs`, doubling, until `attempts`
 * are used up (then the delivery is `dead`). Every attempt updates the delivery log.
 *
 * Split for the request framework: {@link WebhookDispatcher.post} is the async HTTP part (call it in
 * `prepare`), {@link WebhookDispatcher.record} the synchronous bookkeeping (call it in `handler`).
 */
export class WebhookDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly config: () => ResolvedIntegrations,
  ) {}

  /** The secrets that sign a delivery now: the current one, plus the previous one during its grace. */
  secretsOf(webhook: WebhookRow): string[] {
    const graceEnds = webhook.previous_secret_expires_at;
    const inGrace =
      webhook.previous_secret !== null &&
      graceEnds !== null &&
      Date.parse(graceEnds) > this.store.nowDate().getTime();
    return inGrace ? [webhook.secret, webhook.previous_secret!] : [webhook.secret];
  }

  /** A new event envelope for `tenantId`. */
  envelope(
    tenantId: string,
    type: string,
    data: Record<string, unknown>,
    smithId: string | null = null,
  ): EventEnvelope {
    return {
      v: 1,
      id: generateId("event"),
      type,
      created_at: this.store.now(),
      tenant_id: tenantId,
      smith_id: smithId,
      data,
    };
  }

  /** One signed POST of `payload` to `url`. Never throws. */
  async post(url: string, secrets: string[], payload: string, eventId: string): Promise<AttemptResult> {
    const { webhooks, allowRemoteOutbound } = this.config();
    const target = parseHttpUrl(url);
    if (!target) return { ok: false, status: null, error: "url is not an http(s) URL" };
    const refusal = outboundRefusal(target, allowRemoteOutbound);
    if (refusal) return { ok: false, status: null, error: refusal };
    try {
      const res = await fetch(target, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "ingram-cloud-local-webhooks/1",
          [SIGNATURE_HEADER]: signWebhook(secrets, payload),
          [EVENT_ID_HEADER]: eventId,
        },
        body: payload,
        redirect: "manual", // a redirect is a failed delivery, not an invitation to post elsewhere
        signal: AbortSignal.timeout(webhooks.timeoutMs),
      });
      await res.body?.cancel();
      const ok = res.status >= 200 && res.status < 300;
      return { ok, status: res.status, error: ok ? "" : `receiver answered HTTP ${res.status}` };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      const reason =
        e.name === "TimeoutError"
          ? `timed out after ${webhooks.timeoutMs} ms`
          : (e.cause?.code ?? e.cause?.message ?? e.message);
      return { ok: false, status: null, error: safeErrorText(`delivery failed: ${reason}`, secrets) };
    }
  }

  /** Inserts a delivery log entry for `event` to `webhook` (pending, no attempt yet); returns its id. */
  create(webhook: WebhookRow, event: EventEnvelope): string {
    const id = generateId("delivery");
    this.store
      .stmt(
        `INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_type, url, payload, status, attempts, last_error, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, '', ?)`,
      )
      .run(id, webhook.id, event.id, event.type, webhook.url, JSON.stringify(event), this.store.now());
    return id;
  }

  /**
   * Records one attempt on a delivery and schedules the next one when it failed and attempts remain.
   * @param manual - a redelivery: counted, but never schedules retries and never revives a dead delivery
   *   unless it succeeded.
   */
  record(deliveryId: string, result: AttemptResult, manual = false): void {
    const row = this.store.stmt("SELECT * FROM webhook_deliveries WHERE id = ?").get(deliveryId) as
      | DeliveryRow
      | undefined;
    if (!row) return;
    const attempts = row.attempts + 1;
    const now = this.store.nowDate();
    let status: DeliveryRow["status"] = result.ok ? "succeeded" : row.status;
    let next: Date | null = null;
    if (!result.ok && !manual) {
      const { attempts: max, backoffMs } = this.config().webhooks;
      if (attempts < max) {
        status = "pending";
        next = new Date(now.getTime() + backoffMs * 2 ** (attempts - 1));
      } else {
        status = "dead";
      }
    }
    // A failed redelivery leaves a scheduled retry in place; a success cancels it (the retry sees the status).
    const nextAt = result.ok ? null : manual ? row.next_attempt_at : (next?.toISOString() ?? null);
    this.store
      .stmt(
        `UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ?,
         delivered_at = COALESCE(?, delivered_at) WHERE id = ?`,
      )
      .run(
        status,
        attempts,
        result.status,
        result.error,
        nextAt,
        result.ok ? now.toISOString() : null,
        deliveryId,
      );
    if (next !== null) this.schedule(deliveryId, next.getTime() - now.getTime());
  }

  /**
   * Emits an event to every active webhook of the tenant subscribed to its type; deliveries run in the
   * background. Call inside the request transaction: rows are written now, attempts start after it.
   * @returns the delivery ids.
   */
  emit(
    tenantId: string,
    type: string,
    data: Record<string, unknown>,
    smithId: string | null = null,
  ): string[] {
    const event = this.envelope(tenantId, type, data, smithId);
    const hooks = this.store
      .stmt("SELECT * FROM webhooks WHERE tenant_id = ? AND active = 1")
      .all(tenantId) as WebhookRow[];
    const ids = hooks
      .filter((h) => subscriptionMatches(JSON.parse(h.events) as string[], type))
      .map((h) => this.create(h, event));
    for (const id of ids) this.schedule(id, 0);
    return ids;
  }

  /** Stops retries and waits for attempts in flight (called when the server closes). */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.inflight]);
  }

  private schedule(deliveryId: string, delayMs: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = this.attempt(deliveryId).finally(() => this.inflight.delete(run));
      this.inflight.add(run);
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** A background attempt: re-reads the delivery and its webhook (secrets may have rotated). */
  private async attempt(deliveryId: string): Promise<void> {
    if (this.closed || !this.store.db.open) return;
    const row = this.store.stmt("SELECT * FROM webhook_deliveries WHERE id = ?").get(deliveryId) as
      | DeliveryRow
      | undefined;
    if (row?.status !== "pending") return;
    const webhook = this.store.stmt("SELECT * FROM webhooks WHERE id = ?").get(row.webhook_id) as
      | WebhookRow
      | undefined;
    const result = webhook
      ? await this.post(webhook.url, this.secretsOf(webhook), row.payload, row.event_id)
      : { ok: false, status: null, error: "webhook was deleted" };
    if (this.closed || !this.store.db.open) return;
    this.store.tx(() => this.record(deliveryId, result));
  }
}
