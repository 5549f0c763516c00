import {
  type AgentDraft,
  AgentListOut,
  AgentOut,
  type AgentPatch,
  type AgentSnapshot,
  AgentVersionListOut,
  AgentVersionOut,
  SLUG_REGEX,
  slugify,
} from "@ingram-tech/ingram-cloud-contract";
import { isApiError, isNotFound } from "../client/errors";
import type { IcClient } from "../client/http";
import { firstMatch } from "../client/paginate";
import { asSet, changedFields, sameValue } from "./compare";
import { type FieldSpec, type Lifecycle, PartialCreateError, type Props } from "./lifecycle";
import { Checker } from "./validate";

/** A template variable the agent's instructions may reference. */
export interface AgentVariableInput {
  /** Variable name. @example "company" */
  name: string;
  /** Value used when a smith sets none. @default null */
  default?: string | null;
  /** What the variable is for. @default null */
  description?: string | null;
  /** Whether a smith must set it. @default false */
  required?: boolean;
}

/**
 * Inputs of {@link agentLifecycle} (IcAgent). Content fields (`instructions`, `model`, `autoMemory`,
 * `variables`, `enabledHostedTools`, `mcpServers`) left out of the program are not managed: the live
 * value stays and is never reported as drift. Set a field explicitly to manage it.
 */
export interface AgentInputs {
  /**
   * Immutable reconcile key, unique in the project: `[a-z0-9-]`, 1..63 chars, no leading/trailing `-`.
   * A change replaces the agent. The first `up` adopts a live agent with this slug.
   * @default the Pulumi resource name, slugified ("Support Bot" → "support-bot")
   * @example "support"
   */
  slug?: string;
  /**
   * Display label, freely renamable: a rename patches the agent and publishes nothing.
   * @default the Pulumi resource name
   * @example "Support"
   */
  name?: string;
  /**
   * System instructions. A change publishes one new version.
   * @default unmanaged
   * @example "You are Acme's support agent. Be brief."
   */
  instructions?: string;
  /**
   * Model id (any id the provider serves once a key resolves). A change publishes one new version.
   * @default unmanaged
   * @example "claude-sonnet-4-5"
   */
  model?: string;
  /**
   * Whether the agent writes memories automatically. A change publishes one new version.
   * @default unmanaged
   * @example true
   */
  autoMemory?: boolean;
  /**
   * Template variables. Compared by name, order-insensitive. A change publishes one new version.
   * @default unmanaged
   * @example [{ name: "company", default: "Acme" }]
   */
  variables?: AgentVariableInput[];
  /**
   * Hosted tools the agent may use (set semantics). A change publishes one new version.
   * @default unmanaged
   * @example ["web_search"]
   */
  enabledHostedTools?: string[];
  /**
   * Names of tenant MCP servers the agent may use (set semantics); `null` = every server.
   * A change publishes one new version.
   * @default unmanaged
   * @example ["acme", "stripe"]
   */
  mcpServers?: string[] | null;
  /**
   * Share of smiths (0..100) that get the version holding the declared content. A change of this
   * alone only moves the rollout; it never publishes.
   * @default 100
   * @example 50
   */
  rolloutPercent?: number;
}

/** Input name → draft/snapshot field on the wire, for the content that a publish freezes. */
const CONTENT_WIRE = {
  instructions: "instructions",
  model: "model",
  autoMemory: "auto_memory",
  variables: "variables",
  enabledHostedTools: "enabled_hosted_tools",
  mcpServers: "mcp_servers",
} as const satisfies Record<string, keyof AgentDraft>;
type ContentKey = keyof typeof CONTENT_WIRE;
const CONTENT_KEYS = Object.keys(CONTENT_WIRE) as ContentKey[];

/** Variables keyed by name with API defaults filled in, so `{name}` equals `{name, default: null, …}`. */
function canonicalVariables(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value
    .map((v: AgentVariableInput) => ({
      name: v.name,
      default: v.default ?? null,
      description: v.description ?? null,
      required: v.required ?? false,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const CONTENT_CANONICAL: Partial<Record<ContentKey, (v: unknown) => unknown>> = {
  variables: canonicalVariables,
  enabledHostedTools: asSet,
  mcpServers: asSet,
};

const fields: Record<keyof AgentInputs, FieldSpec> = {
  slug: { replaces: true, fromResourceName: slugify },
  name: { fromResourceName: (name) => name },
  rolloutPercent: {},
  ...(Object.fromEntries(
    CONTENT_KEYS.map((k) => [k, { unmanagedWhenOmitted: true, canonical: CONTENT_CANONICAL[k] }]),
  ) as Record<ContentKey, FieldSpec>),
};

/** The declared content fields in wire form (only those the program sets). */
function wireContent(inputs: Props, keys: readonly ContentKey[] = CONTENT_KEYS): AgentPatch {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (inputs[key] !== undefined) out[CONTENT_WIRE[key]] = inputs[key];
  return out as AgentPatch;
}

/** Declared content fields whose value differs from `live` (a draft or a version snapshot). */
function contentDiff(declared: Props, live: AgentSnapshot): ContentKey[] {
  return CONTENT_KEYS.filter((key) => {
    if (declared[key] === undefined) return false;
    const canon = CONTENT_CANONICAL[key] ?? ((v: unknown) => v);
    return !sameValue(canon(declared[key]), canon(live[CONTENT_WIRE[key]]));
  });
}

/**
 * Share of smiths (0..100) on `version`: the staged percentage when it is the rollout target; the rest
 * when it is the active version beside another staged one; `whenActiveAlone` when it is active with
 * nothing staged; else 0.
 *
 * `whenActiveAlone` exists because the API completes any rollout of the active version (and of a first
 * version): an active version cannot be put back to a partial share. Reporting 100 there against a
 * declared 50 would be drift no call can repair, so read reports the declared value instead.
 */
export function shareOf(agent: AgentOut, version: number | null | undefined, whenActiveAlone = 100): number {
  if (version === null || version === undefined) return 0;
  if (agent.rollout_version === version) return agent.rollout_percent;
  if (agent.active_version === version) {
    return agent.rollout_version !== null ? 100 - agent.rollout_percent : whenActiveAlone;
  }
  return 0;
}

/** What a reconcile must do, computed from the live agent and the declared inputs. */
interface Plan {
  patch: AgentPatch;
  publish: boolean;
  /** Version holding the declared content when no publish is needed. */
  version: number | null;
  moveRollout: boolean;
  percent: number;
}

/** Executes a plan: PATCH (if anything), publish (if needed), rollout (if needed). */
async function execute(
  client: IcClient,
  id: string,
  plan: Plan,
): Promise<{ agent?: AgentOut; version: number | null }> {
  let agent: AgentOut | undefined;
  if (Object.keys(plan.patch).length > 0) {
    agent = await client.patch(`/v1/agents/${id}`, { body: plan.patch, schema: AgentOut });
  }
  let version = plan.version;
  if (plan.publish) {
    const published = await client.post(`/v1/agents/${id}/versions`, { body: {}, schema: AgentVersionOut });
    version = published.version;
  }
  if ((plan.publish || plan.moveRollout) && version !== null) {
    agent = await client.post(`/v1/agents/${id}/rollout`, {
      body: { version, percent: plan.percent },
      schema: AgentOut,
    });
  }
  return { agent, version };
}

function outputsOf(agent: AgentOut, version: number | null): Props {
  return { agentId: agent.id, activeVersion: agent.active_version, rolloutVersion: version };
}

/**
 * Adopts the live agent holding `slug` (a script made it): patches name/draft to the declared values,
 * publishes only when the version being served does not already hold the declared content, and moves
 * the rollout only when the share differs.
 */
async function adopt(client: IcClient, inputs: Props): Promise<{ id: string; outputs: Props }> {
  const slug = inputs.slug as string;
  const live = await firstMatch(client.list("/v1/agents", AgentListOut), (a) => a.slug === slug);
  if (!live) {
    throw new Error(
      `IcAgent: the API says slug "${slug}" is taken (409 agent_exists) but no live agent lists it; ` +
        "it may belong to an archived agent. Choose another `slug`.",
    );
  }
  const target = live.rollout_version ?? live.active_version;
  let served: AgentVersionOut | undefined;
  if (target !== null) {
    served = await firstMatch(
      client.list(`/v1/agents/${live.id}/versions`, AgentVersionListOut),
      (v) => v.version === target,
    );
  }
  const holdsContent = served !== undefined && contentDiff(inputs, served.snapshot).length === 0;
  const patch: AgentPatch = wireContent(inputs, contentDiff(inputs, live.draft));
  if (inputs.name !== live.name) patch.name = inputs.name as string;
  const percent = inputs.rolloutPercent as number;
  const version = holdsContent ? target : null;
  const result = await execute(client, live.id, {
    patch,
    publish: !holdsContent,
    version,
    moveRollout: shareOf(live, version, percent) !== percent,
    percent,
  });
  return { id: live.id, outputs: outputsOf(result.agent ?? live, result.version) };
}

/** IcAgent: create-or-adopt by slug; publish one version per content change; roll it out. */
export const agentLifecycle: Lifecycle = {
  type: "IcAgent",
  fields,
  outputs: { agentId: {}, activeVersion: {}, rolloutVersion: {} },

  check(news) {
    const c = new Checker(news);
    c.onlyKeys(Object.keys(fields));
    c.string("slug", {
      required: true,
      pattern: SLUG_REGEX,
      hint: 'use 1..63 of a-z, 0-9 and "-" (not first or last), e.g. "support-bot"; or omit it to use the resource name',
    });
    c.string("name", {
      required: true,
      hint: "give the agent a display label, or omit it to use the resource name",
    });
    c.string("instructions");
    c.string("model", { hint: 'a model id such as "claude-sonnet-4-5"' });
    c.boolean("autoMemory");
    c.objectList("variables", (v) => {
      v.onlyKeys(["name", "default", "description", "required"]);
      v.string("name", { required: true, hint: 'each variable needs a name, e.g. { name: "company" }' });
      v.string("default");
      v.string("description");
      v.boolean("required");
    });
    c.stringList("enabledHostedTools", (t) => (t.trim() === "" ? "must not be empty" : undefined));
    c.stringList("mcpServers", (s) =>
      s.trim() === "" ? "must not be empty; use the IcMcpServer serverName" : undefined,
    );
    c.integer("rolloutPercent", { min: 0, max: 100 });
    return { inputs: { ...news, rolloutPercent: news.rolloutPercent ?? 100 }, failures: c.failures };
  },

  async create({ client }, inputs) {
    let agent: AgentOut;
    try {
      // Create first: the common case costs one call however many agents the tenant has. Only a
      // 409 (the slug exists, e.g. made by a setup script) pays for the paged lookup.
      agent = await client.post("/v1/agents", {
        body: { name: inputs.name, slug: inputs.slug, ...wireContent(inputs) },
        schema: AgentOut,
      });
    } catch (err) {
      if (isApiError(err, 409, "agent_exists")) return adopt(client, inputs);
      throw err;
    }
    try {
      const result = await execute(client, agent.id, {
        patch: {},
        publish: true,
        version: null,
        moveRollout: true,
        percent: inputs.rolloutPercent as number,
      });
      return { id: agent.id, outputs: outputsOf(result.agent ?? agent, result.version) };
    } catch (err) {
      // The agent exists: record it (unpublished) so the next `up` publishes instead of duplicating.
      throw new PartialCreateError(agent.id, outputsOf(agent, null), err);
    }
  },

  async read({ client }, id, state) {
    let agent: AgentOut;
    try {
      agent = await client.get(`/v1/agents/${id}`, { schema: AgentOut });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    const version =
      (state.rolloutVersion as number | null | undefined) ?? agent.rollout_version ?? agent.active_version;
    const declared = typeof state.rolloutPercent === "number" ? state.rolloutPercent : 100;
    const inputs: Props = {
      slug: agent.slug,
      name: agent.name,
      rolloutPercent: shareOf(agent, version, declared),
    };
    for (const key of CONTENT_KEYS) inputs[key] = agent.draft[CONTENT_WIRE[key]];
    return { inputs, outputs: outputsOf(agent, version) };
  },

  async update({ client }, id, olds, news) {
    const changed = changedFields(fields, olds, news);
    const content = CONTENT_KEYS.filter((k) => changed.includes(k));
    // An agent recorded after a failed first publish has no version yet: publish now.
    const unpublished = olds.rolloutVersion === null || olds.rolloutVersion === undefined;
    const publish = content.length > 0 || unpublished;
    const patch = wireContent(news, content);
    if (changed.includes("name")) patch.name = news.name as string;
    const result = await execute(client, id, {
      patch,
      publish,
      version: (olds.rolloutVersion as number | null) ?? null,
      // A rollout of the already-active version is a no-op for the API: skip the call.
      moveRollout: changed.includes("rolloutPercent") && olds.activeVersion !== olds.rolloutVersion,
      percent: news.rolloutPercent as number,
    });
    return result.agent ? outputsOf(result.agent, result.version) : {};
  },

  async delete({ client }, id, state) {
    try {
      await client.delete(`/v1/agents/${id}`);
    } catch (err) {
      if (isNotFound(err)) return;
      if (isApiError(err, 409, "agent_in_use")) {
        throw new Error(
          `IcAgent "${String(state.slug)}" (${id}) cannot be archived: smiths still use it (409 agent_in_use). ` +
            "Move those smiths to another agent first, or keep the agent and only drop it from the stack: set " +
            "the resource option `retainOnDelete: true` on this IcAgent, run `pulumi up`, then destroy again.",
        );
      }
      throw err;
    }
  },
};
