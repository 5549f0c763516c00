import { TelegramBotOut } from "@ingram-tech/ingram-cloud-contract";
import { isNotFound } from "../client/errors";
import type { IcClient } from "../client/http";
import type { FieldSpec, Lifecycle, Props } from "./lifecycle";
import { Checker } from "./validate";

/** Inputs of {@link telegramBotLifecycle} (IcTelegramBot). */
export interface TelegramBotInputs {
  /**
   * The bot token from @BotFather: write-only (never read back), stored encrypted in state.
   * A change re-configures the tenant's bot in place.
   * @example "123456789:AA…"
   */
  botToken: string;
}

const fields: Record<keyof TelegramBotInputs, FieldSpec> = {
  botToken: { secret: true, writeOnly: true },
};

/** The tenant has one Telegram bot: the resource id is this constant. */
const SINGLETON_ID = "telegram";

/** The tenant's bot; an unconfigured tenant may answer `{configured: false}` or 404. */
async function live(client: IcClient): Promise<TelegramBotOut> {
  try {
    return await client.get("/v1/tenant/telegram", { schema: TelegramBotOut });
  } catch (err) {
    if (isNotFound(err)) return { configured: false };
    throw err;
  }
}

async function configure(client: IcClient, inputs: Props): Promise<Props> {
  const bot = await client.put("/v1/tenant/telegram", {
    body: { bot_token: inputs.botToken },
    schema: TelegramBotOut,
  });
  return {
    botUsername: bot.bot_username ?? null,
    botId: bot.bot_id ?? null,
    webhookUrl: bot.webhook_url ?? null,
  };
}

/** True when the configured bot is the one this resource set up (a foreign bot is not ours to touch). */
const isOurs = (bot: TelegramBotOut, state: Props) =>
  bot.configured && (state.botId === undefined || state.botId === null || bot.bot_id === state.botId);

/**
 * IcTelegramBot: the tenant singleton `PUT /v1/tenant/telegram`. Read treats "not configured" and "a
 * different bot configured" alike as gone, so a refresh drops it and the next `up` puts ours back
 * (the token is write-only, so a foreign bot cannot be shown as a diff). Delete removes the bot only if
 * it is still ours.
 */
export const telegramBotLifecycle: Lifecycle = {
  type: "IcTelegramBot",
  fields,
  outputs: { botUsername: {}, botId: {}, webhookUrl: {} },

  check(news) {
    const c = new Checker(news);
    c.onlyKeys(Object.keys(fields));
    c.string("botToken", {
      required: true,
      pattern: /^\d+:[\w-]+$/,
      hint: "the token @BotFather gave you, shaped <bot id>:<secret>",
    });
    return { inputs: news, failures: c.failures };
  },

  async create({ client }, inputs) {
    return { id: SINGLETON_ID, outputs: await configure(client, inputs) };
  },

  async read({ client }, _id, state) {
    const bot = await live(client);
    if (!isOurs(bot, state)) return undefined;
    return {
      inputs: {},
      outputs: {
        botUsername: bot.bot_username ?? null,
        botId: bot.bot_id ?? null,
        webhookUrl: bot.webhook_url ?? null,
      },
    };
  },

  async update({ client }, _id, _olds, news) {
    return configure(client, news);
  },

  async delete({ client }, _id, state) {
    if (!isOurs(await live(client), state)) return;
    try {
      await client.delete("/v1/tenant/telegram");
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  },
};
