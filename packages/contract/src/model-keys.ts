import { z } from "zod";
import { dataList, Timestamp } from "./common";

/** Body of `PUT /v1/tenant/model_keys/{provider}`; `api_key` is write-only. */
export const ModelKeyIn = z.object({
  api_key: z.string(),
  base_url: z.string().nullish(),
  workspace_id: z.string().nullish(),
});
export type ModelKeyIn = z.infer<typeof ModelKeyIn>;

/** A stored BYOK key: presence only (`has_key`), never a masked key. */
export const ModelKeyOut = z.object({
  provider: z.string(),
  base_url: z.string().nullable(),
  workspace_id: z.string().nullable(),
  has_key: z.boolean(),
  updated_at: Timestamp,
});
export type ModelKeyOut = z.infer<typeof ModelKeyOut>;

/** 200 of the PUT. */
export const ModelKeyConfiguredOut = z.object({
  provider: z.string(),
  configured: z.boolean(),
  base_url: z.string().nullable(),
  workspace_id: z.string().nullable(),
});
export type ModelKeyConfiguredOut = z.infer<typeof ModelKeyConfiguredOut>;

/** 200 of `GET /v1/tenant/model_keys` (unpaged). */
export const ModelKeyListOut = dataList(ModelKeyOut);
export type ModelKeyListOut = z.infer<typeof ModelKeyListOut>;
