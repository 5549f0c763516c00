import { z } from "zod";
import { cursorPage, JsonObject, Timestamp } from "./common";
import { TtlSeconds } from "./tokens";

/** Body of `POST /v1/organization/projects` (creates or adopts). */
export const ProjectIn = z.object({
  name: z.string(),
  metadata: JsonObject.nullish(),
});
export type ProjectIn = z.infer<typeof ProjectIn>;

/** A project; its `id` is the tenant id its tokens are bound to. Archive is soft (`archived_at`). */
export const ProjectOut = z.object({
  id: z.string(),
  organization: z.string(),
  name: z.string(),
  metadata: JsonObject,
  created_at: Timestamp,
  archived_at: Timestamp,
});
export type ProjectOut = z.infer<typeof ProjectOut>;

/** 200 of `GET /v1/organization/projects` (live projects, newest first). */
export const ProjectListOut = cursorPage(ProjectOut);
export type ProjectListOut = z.infer<typeof ProjectListOut>;

/** Body of `POST /v1/organization/projects/{pid}/tokens`; same `ttl_seconds` bounds as `TokenIn`. */
export const ProjectTokenIn = z.object({
  ttl_seconds: TtlSeconds,
  name: z.string().nullish(),
});
export type ProjectTokenIn = z.infer<typeof ProjectTokenIn>;

/** 201 of the project token mint: a `tha_live_…` handle shown once. */
export const ProjectTokenOut = z.object({
  id: z.string(),
  token: z.string(),
  scope: z.string(),
  sub: z.string(),
  scopes: z.array(z.string()),
  expires_at: Timestamp,
});
export type ProjectTokenOut = z.infer<typeof ProjectTokenOut>;
