import type * as pulumi from "@pulumi/pulumi";
import { type TelegramBotInputs, telegramBotLifecycle } from "../resources/telegram-bot";
import { type ConnectionArgs, IcResource, type InputArgs } from "./base";

/** Arguments of {@link IcTelegramBot}; see each field. */
export interface IcTelegramBotArgs extends InputArgs<TelegramBotInputs>, ConnectionArgs {}

/**
 * The tenant's Telegram bot (a tenant singleton: declare at most one per tenant).
 * @example new ic.IcTelegramBot("acme-telegram", { ...conn, botToken });
 */
export class IcTelegramBot extends IcResource {
  /** The bot's @username. @example "acme_support_bot" */
  declare readonly botUsername: pulumi.Output<string>;
  /** Telegram's numeric bot id. */
  declare readonly botId: pulumi.Output<number>;
  /** The inbound webhook URL IC registered with Telegram. */
  declare readonly webhookUrl: pulumi.Output<string>;

  /**
   * @param name - Pulumi resource name.
   * @param args - see {@link IcTelegramBotArgs}.
   * @param opts - resource options.
   */
  constructor(name: string, args: IcTelegramBotArgs, opts?: pulumi.CustomResourceOptions) {
    super(telegramBotLifecycle, name, { ...args }, opts);
  }
}
