import { z } from "zod";
import { cursorPage, Int, Timestamp } from "./common";

/** Longest token lifetime the API accepts: 10 years, in seconds. */
export const MAX_TTL_SECONDS = 315_360_000;
/** Smith tokens are capped at 24 h whatever `ttl_seconds` asks for. */
export const SMITH_TOKEN_MAX_TTL_SECONDS = 86_400;

/** Documented values of `TokenIn.scope` (the spec types it as a free string, so the schema does too). */
export const TOKEN_SCOPES = ["smith", "admin"] as const;

/**
 * The closed smith-token permission vocabulary, in mint order. `tenant:*`, `operator:*` and
 * `organization:*` are postures, never legal `permissions` entries.
 */
export const SMITH_PERMISSIONS = [
  "runs:read",
  "runs:write",
  "conversations:read",
  "conversations:write",
  "memories:read",
  "memories:write",
  "connections:read",
  "connections:write",
  "deployments:read",
  "deployments:write",
  "schedules:read",
  "schedules:write",
  "approvals:read",
  "approvals:write",
  "traces:read",
  "traces:write",
  "usage:read",
  "usage:write",
  "customers:read",
  "customers:write",
  "files:read",
  "files:write",
  "vector_stores:read",
  "vector_stores:write",
  "model_keys:read",
  "model_keys:write",
  "skills:read",
  "skills:write",
  "embeddings:write",
] as const;
export type SmithPermission = (typeof SMITH_PERMISSIONS)[number];

/** `ttl_seconds`: integer, > 0, <= 315360000; null/omitted = non-expiring (admin) or 24 h (smith). */
export const TtlSeconds = Int.positive().max(MAX_TTL_SECONDS).nullish();

/** Body of `POST /v1/tenant/tokens`. `scope` defaults to `"smith"`. */
export const TokenIn = z.object({
  scope: z.string().default("smith"),
  smith_id: z.string().nullish(),
  permissions: z.array(z.string()).nullish(),
  ttl_seconds: TtlSeconds,
  name: z.string().nullish(),
});
export type TokenIn = z.infer<typeof TokenIn>;
/** What a caller may send for {@link TokenIn} (defaults not yet applied). */
export type TokenInInput = z.input<typeof TokenIn>;

/** 201 of `POST /v1/tenant/tokens`; `token` is shown only here. */
export const MintedTokenOut = z.object({
  id: z.string(),
  token: z.string(),
  scope: z.string(),
  sub: z.string(),
  scopes: z.array(z.string()),
  expires_at: Timestamp,
});
export type MintedTokenOut = z.infer<typeof MintedTokenOut>;

/** A minted token record as listed (never the secret). */
export const TokenOut = z.object({
  id: z.string(),
  name: z.string().nullable(),
  sub: z.string(),
  scopes: z.array(z.string()),
  prefix: z.string().nullable(),
  created_at: Timestamp,
  expires_at: Timestamp,
  revoked_at: Timestamp,
});
export type TokenOut = z.infer<typeof TokenOut>;

/** 200 of `GET /v1/tenant/tokens`. */
export const TokenListOut = cursorPage(TokenOut);
export type TokenListOut = z.infer<typeof TokenListOut>;
