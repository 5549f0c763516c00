import { createHash } from "node:crypto";
import { TelegramBotIn, type TelegramBotOut } from "@ingram-tech/ingram-cloud-contract";
import { apiError, notFound } from "../core/errors";
import type { RouteArea } from "../core/routes";
import { publicBase } from "../integrations/options";

const TELEGRAM_SCHEMA = `
CREATE TABLE IF NOT EXISTS telegram_bots (
  tenant_id TEXT PRIMARY KEY, bot_id INTEGER NOT NULL, bot_username TEXT NOT NULL,
  token_sha256 TEXT NOT NULL,           -- write-only token: only its hash is kept
  webhook_secret_sha256 TEXT, updated_at TEXT NOT NULL
);`;

interface TelegramRow {
  bot_id: number;
  bot_username: string;
}

/** `<bot id>:<secret>` as BotFather issues them (the id is kept within JSON's safe integers). */
const TOKEN_PATTERN = /^([0-9]{1,15}):([A-Za-z0-9_-]{1,200})$/;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Stands in for Telegram's `getMe`: the bot id is the token's numeric prefix (as on Telegram) and the
 * username a stable function of the token, so the same token always yields the same bot.
 */
function fakeGetMe(token: string): TelegramRow {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) {
    throw apiError(
      "telegram_api_error",
      "Telegram rejected the bot token (getMe: 401 Unauthorized)",
      "bot_token",
    );
  }
  return { bot_id: Number(match[1]), bot_username: `ic_local_${sha256(token).slice(0, 8)}_bot` };
}

/** `/v1/tenant/telegram`: the tenant's Telegram bot singleton (§6.1), emulated without calling Telegram. */
export const telegramArea: RouteArea = {
  name: "telegram",
  schema: TELEGRAM_SCHEMA,
  register(api) {
    const out = (row: TelegramRow, base: string, tenantId: string): TelegramBotOut => ({
      configured: true,
      bot_username: row.bot_username,
      bot_id: row.bot_id,
      has_token: true,
      webhook_url: `${base}/v1/telegram/webhook/${tenantId}`,
    });
    const load = (tenantId: string) =>
      api.store.stmt("SELECT bot_id, bot_username FROM telegram_bots WHERE tenant_id = ?").get(tenantId) as
        | TelegramRow
        | undefined;

    api.route({
      method: "PUT",
      path: "/v1/tenant/telegram",
      operationId: "tenant.telegram.put",
      auth: "tenant",
      status: 200,
      body: TelegramBotIn,
      bodyCodes: { bot_token: "empty_bot_token" },
      handler({ store, body, tenantId, req }) {
        const token = body.bot_token.trim();
        if (token === "") throw apiError("empty_bot_token", "bot_token must not be empty", "bot_token");
        const bot = fakeGetMe(token);
        const secret = body.webhook_secret ?? null;
        store
          .stmt(
            `INSERT INTO telegram_bots (tenant_id, bot_id, bot_username, token_sha256, webhook_secret_sha256, updated_at)
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(tenant_id) DO UPDATE SET bot_id = excluded.bot_id,
             bot_username = excluded.bot_username, token_sha256 = excluded.token_sha256,
             webhook_secret_sha256 = excluded.webhook_secret_sha256, updated_at = excluded.updated_at`,
          )
          .run(
            tenantId,
            bot.bot_id,
            bot.bot_username,
            sha256(token),
            secret === null ? null : sha256(secret),
            store.now(),
          );
        return out(bot, publicBase(api.app, req), tenantId);
      },
    });

    api.route({
      method: "GET",
      path: "/v1/tenant/telegram",
      operationId: "tenant.telegram.list",
      auth: "tenant",
      status: 200,
      handler({ tenantId, req }) {
        const row = load(tenantId);
        return row ? out(row, publicBase(api.app, req), tenantId) : { configured: false };
      },
    });

    api.route({
      method: "DELETE",
      path: "/v1/tenant/telegram",
      operationId: "tenant.telegram.delete",
      auth: "tenant",
      status: 204,
      handler({ store, tenantId }) {
        if (store.stmt("DELETE FROM telegram_bots WHERE tenant_id = ?").run(tenantId).changes === 0) {
          throw notFound("Telegram bot configuration");
        }
      },
    });
  },
};
