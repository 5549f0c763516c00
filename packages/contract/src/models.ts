import { z } from "zod";
import { dataList } from "./common";

/** Where a model's key resolves from: the tenant's BYOK key or an Ingram-hosted key. */
export const MODEL_SOURCES = ["byok", "hosted"] as const;

/** One model of `GET /v1/tenant/models`. */
export const ModelOut = z.object({
  id: z.string(),
  provider: z.string(),
  label: z.string(),
  available: z.boolean(),
  source: z.enum(MODEL_SOURCES).nullish(),
});
export type ModelOut = z.infer<typeof ModelOut>;

/** A model provider; `base_url: true` means it accepts a base-URL override on its model key. */
export const ModelProviderOut = z.object({
  id: z.string(),
  label: z.string(),
  base_url: z.boolean(),
  hosted: z.boolean().optional(),
});
export type ModelProviderOut = z.infer<typeof ModelProviderOut>;

/** 200 of `GET /v1/tenant/models` (unpaged; `providers` lists the valid model-key `{provider}` values). */
export const ModelsListOut = z.object({
  data: z.array(ModelOut),
  providers: z.array(ModelProviderOut),
});
export type ModelsListOut = z.infer<typeof ModelsListOut>;

/** A hosted tool an agent can name in `enabled_hosted_tools`. */
export const HostedToolOut = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
});
export type HostedToolOut = z.infer<typeof HostedToolOut>;

/** 200 of `GET /v1/tenant/hosted_tools` (unpaged). */
export const HostedToolsListOut = dataList(HostedToolOut);
export type HostedToolsListOut = z.infer<typeof HostedToolsListOut>;
