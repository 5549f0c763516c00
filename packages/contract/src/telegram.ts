import { z } from "zod";
import { Int } from "./common";

/** Body of `PUT /v1/tenant/telegram`; `bot_token` is write-only. */
export const TelegramBotIn = z.object({
  bot_token: z.string(),
  webhook_secret: z.string().nullish(),
});
export type TelegramBotIn = z.infer<typeof TelegramBotIn>;

/** The Telegram singleton's status; only `configured` is present when unconfigured. */
export const TelegramBotOut = z.object({
  configured: z.boolean(),
  bot_username: z.string().optional(),
  bot_id: Int.optional(),
  has_token: z.boolean().optional(),
  webhook_url: z.string().optional(),
});
export type TelegramBotOut = z.infer<typeof TelegramBotOut>;
