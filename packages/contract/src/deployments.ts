import { z } from "zod";
import { cursorPage, JsonObject, Timestamp } from "./common";

/** Channel kinds a deployment can bind. */
export const DEPLOYMENT_KINDS = [
  "whatsapp",
  "telegram",
  "slack",
  "discord",
  "sms",
  "voice",
  "email",
  "mcp",
  "web",
] as const;
export const DeploymentKind = z.enum(DEPLOYMENT_KINDS);
export type DeploymentKind = z.infer<typeof DeploymentKind>;

/** What a deployment routes to: a fixed smith, or an agent catch-all (one smith per sender). */
export const DEPLOYMENT_TARGET_TYPES = ["smith", "agent"] as const;
export const DeploymentTarget = z.object({
  type: z.enum(DEPLOYMENT_TARGET_TYPES),
  id: z.string(),
});
export type DeploymentTarget = z.infer<typeof DeploymentTarget>;

/**
 * Body of `POST /v1/deployments`. `secrets` is write-only (responses list `secret_keys`); `setup` is a
 * free object (modes seen: `start_token`, `provision`, `oauth_install`). For `web`: `provider_metadata`
 * `{ title?, greeting? }` and optional `secrets.password`.
 */
export const DeploymentIn = z.object({
  target: DeploymentTarget,
  kind: DeploymentKind,
  address: z.string().nullish(),
  provider: z.string().nullish(),
  provider_metadata: JsonObject.optional(),
  secrets: JsonObject.optional(),
  setup: JsonObject.nullish(),
});
export type DeploymentIn = z.infer<typeof DeploymentIn>;

/** Fields every deployment response carries. */
const deploymentFields = {
  id: z.string(),
  target: DeploymentTarget,
  kind: DeploymentKind,
  address: z.string().nullable(),
  provider: z.string().nullable(),
  provider_metadata: JsonObject.optional(),
  secret_keys: z.array(z.string()).optional(),
  mcp_url: z.string().optional(),
  page_url: z.string().optional(),
  status: z.string(),
  created_at: Timestamp,
};

/** A deployment. */
export const DeploymentOut = z.object(deploymentFields);
export type DeploymentOut = z.infer<typeof DeploymentOut>;

/** 201 of the create: the deployment plus kind/setup-specific one-time affordances. */
export const DeploymentCreatedOut = z.object({
  ...deploymentFields,
  start_token: z.string().optional(),
  deep_link: z.string().optional(),
  prefilled_message: z.string().optional(),
  install_url: z.string().optional(),
  state: z.string().optional(),
  slack_app_id: z.string().optional(),
});
export type DeploymentCreatedOut = z.infer<typeof DeploymentCreatedOut>;

/** 200 of `GET /v1/deployments`. */
export const DeploymentListOut = cursorPage(DeploymentOut);
export type DeploymentListOut = z.infer<typeof DeploymentListOut>;

/** Body of `PATCH /v1/deployments/{depId}`: the only mutable fields (web page title/greeting/password are not). */
export const DeploymentPatch = z.object({
  display_name: z.string().nullish(),
  owner_email: z.string().nullish(),
});
export type DeploymentPatch = z.infer<typeof DeploymentPatch>;

/** Public read of a hosted web page, `GET /v1/hosted/{depId}` (no auth). */
export const HostedPageOut = z.object({
  id: z.string(),
  title: z.string(),
  greeting: z.string(),
  requires_password: z.boolean(),
  status: z.string(),
});
export type HostedPageOut = z.infer<typeof HostedPageOut>;

/** Body of `POST /v1/hosted/{depId}/chat` (visitor chat, answered as SSE). */
export const HostedChatIn = z.object({
  visitor_id: z.string().min(1).max(128),
  message: z.string(),
  thread_id: z.string().optional(),
  password: z.string().optional(),
});
export type HostedChatIn = z.infer<typeof HostedChatIn>;
