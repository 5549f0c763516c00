import { z } from "zod";
import { cursorPage, dataList, Int, JsonObject, Timestamp } from "./common";

/** A skill pinned on an agent; omitted `version` follows the skill's default and is frozen at publish. */
export const SkillRef = z.object({
  skill_id: z.string(),
  version: Int.positive().optional(),
});
export type SkillRef = z.infer<typeof SkillRef>;

/** A template variable an agent's instructions may reference. */
export const AgentVariable = z.object({
  name: z.string(),
  default: z.string().nullish(),
  description: z.string().nullish(),
  required: z.boolean().optional(),
});
export type AgentVariable = z.infer<typeof AgentVariable>;

/** Content-Security-Policy domains of an MCP Apps UI template (camelCase as on the wire). */
export const UiCsp = z.object({
  connectDomains: z.array(z.string()).optional(),
  resourceDomains: z.array(z.string()).optional(),
  frameDomains: z.array(z.string()).optional(),
  baseUriDomains: z.array(z.string()).optional(),
});
export type UiCsp = z.infer<typeof UiCsp>;

/** Who may call a UI template's tool. */
export const UI_TOOL_VISIBILITY = ["model", "app"] as const;

/** The tool a UI template exposes. */
export const UiResourceTool = z.object({
  description: z.string(),
  input_schema: JsonObject.optional(),
  instruction: z.string().nullish(),
  mutating: z.boolean().optional(),
  visibility: z.array(z.enum(UI_TOOL_VISIBILITY)).optional(),
});
export type UiResourceTool = z.infer<typeof UiResourceTool>;

/** A UI template on the agent draft; `content_hash` is the lowercase hex SHA-256 of the HTML bytes. */
export const UiResource = z.object({
  name: z.string(),
  content_hash: z.string(),
  csp: UiCsp.nullish(),
  permissions: JsonObject.nullish(),
  prefers_border: z.boolean().nullish(),
  domain: z.string().nullish(),
  tool: UiResourceTool.nullish(),
});
export type UiResource = z.infer<typeof UiResource>;

/** UI template name rule (multipart `metadata.name`): `^[a-z0-9][a-z0-9_-]*$`, at most 63 chars. */
export const UI_RESOURCE_NAME_REGEX = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** The `metadata` JSON part of `POST /v1/agents/{aid}/ui`. */
export const UiResourceIn = z.object({
  name: z.string().regex(UI_RESOURCE_NAME_REGEX),
  csp: UiCsp.nullish(),
  permissions: JsonObject.nullish(),
  tool: UiResourceTool.nullish(),
});
export type UiResourceIn = z.infer<typeof UiResourceIn>;

/** 200 of `GET /v1/agents/{aid}/ui` (unpaged). */
export const UiResourceListOut = dataList(UiResource);
export type UiResourceListOut = z.infer<typeof UiResourceListOut>;

/** The editable draft fields shared by create and patch. */
const draftInputFields = {
  instructions: z.string().nullish(),
  model: z.string().nullish(),
  enabled_hosted_tools: z.array(z.string()).nullish(),
  vector_store_ids: z.array(z.string()).nullish(),
  mcp_servers: z.array(z.string()).nullish(),
  skills: z.array(SkillRef).nullish(),
  auto_memory: z.boolean().nullish(),
  memory_consolidation: z.boolean().nullish(),
  variables: z.array(AgentVariable).nullish(),
};

/**
 * Body of `POST /v1/agents`. `slug` is a plain string here as in the spec; the slug rule (`AgentSlug`)
 * is a domain check so the server can answer `invalid_slug` rather than a generic shape error.
 */
export const AgentIn = z.object({
  name: z.string(),
  slug: z.string().nullish(),
  ...draftInputFields,
});
export type AgentIn = z.infer<typeof AgentIn>;

/**
 * Body of `PATCH /v1/agents/{aid}`: omitted = unchanged; for `mcp_servers` an explicit null clears the
 * restriction (all servers). There is no `slug` (slugs are immutable); an unknown `slug` key is stripped.
 */
export const AgentPatch = z.object({
  name: z.string().nullish(),
  ...draftInputFields,
});
export type AgentPatch = z.infer<typeof AgentPatch>;

/** The agent's mutable draft as returned (every key present). */
export const AgentDraft = z.object({
  instructions: z.string().nullable(),
  model: z.string().nullable(),
  enabled_hosted_tools: z.array(z.string()),
  vector_store_ids: z.array(z.string()),
  mcp_servers: z.array(z.string()).nullable(),
  skills: z.array(SkillRef),
  auto_memory: z.boolean().nullable(),
  memory_consolidation: z.boolean().nullable(),
  variables: z.array(AgentVariable),
  ui_resources: z.array(UiResource),
});
export type AgentDraft = z.infer<typeof AgentDraft>;

/** An agent. `slug` is null only for the project's default agent (`is_default: true`). */
export const AgentOut = z.object({
  id: z.string(),
  slug: z.string().nullable(),
  name: z.string(),
  is_default: z.boolean(),
  draft: AgentDraft,
  active_version: Int.nullable(),
  rollout_version: Int.nullable(),
  rollout_percent: Int,
  smith_count: Int.optional(),
  last_activity_at: Timestamp.optional(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type AgentOut = z.infer<typeof AgentOut>;

/** 200 of `GET /v1/agents`. */
export const AgentListOut = cursorPage(AgentOut);
export type AgentListOut = z.infer<typeof AgentListOut>;

/** Body of `POST /v1/agents/{aid}/versions` (publish the draft). */
export const PublishIn = z.object({
  note: z.string().nullish(),
});
export type PublishIn = z.infer<typeof PublishIn>;

/** A frozen copy of the draft; every key optional in the spec. */
export const AgentSnapshot = AgentDraft.partial();
export type AgentSnapshot = z.infer<typeof AgentSnapshot>;

/** An immutable, numbered agent version. */
export const AgentVersionOut = z.object({
  version: Int,
  snapshot: AgentSnapshot,
  created_by: z.string().nullable(),
  note: z.string().nullable(),
  created_at: Timestamp,
});
export type AgentVersionOut = z.infer<typeof AgentVersionOut>;

/** 200 of `GET /v1/agents/{aid}/versions`, newest first. */
export const AgentVersionListOut = cursorPage(AgentVersionOut);
export type AgentVersionListOut = z.infer<typeof AgentVersionListOut>;

/** Body of `POST /v1/agents/{aid}/rollout`; `percent` 0..100, default 100. */
export const RolloutIn = z.object({
  version: Int,
  percent: Int.min(0).max(100).default(100),
});
export type RolloutIn = z.infer<typeof RolloutIn>;
/** What a caller may send for {@link RolloutIn}. */
export type RolloutInInput = z.input<typeof RolloutIn>;
