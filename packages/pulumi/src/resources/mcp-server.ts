import { MCP_CLIENT_MODES, McpServerOut } from "@ingram-tech/ingram-cloud-contract";
import { isNotFound } from "../client/errors";
import type { IcClient } from "../client/http";
import { asSet } from "./compare";
import type { FieldSpec, Lifecycle, Props } from "./lifecycle";
import { Checker } from "./validate";

/** How IC authenticates to the server. `static` is the seed's word for a shared bearer secret. */
export const MCP_AUTH_KIND_INPUTS = ["static", "bearer", "none", "oauth"] as const;
export type McpAuthKindInput = (typeof MCP_AUTH_KIND_INPUTS)[number];

/** Input word → API `auth.kind`. */
const AUTH_KIND_WIRE: Record<McpAuthKindInput, string> = {
  static: "bearer",
  bearer: "bearer",
  none: "none",
  oauth: "oauth",
};

/** One approval rule. */
export interface ApprovalRuleInput {
  /** Tool-name glob. @example "create_refund" */
  match: string;
  /** What a match requires; "approval" is the only rule the API supports. @default "approval" */
  require?: "approval";
}

/** Inputs of {@link mcpServerLifecycle} (IcMcpServer). Set exactly one of `url` and `catalog`. */
export interface McpServerInputs {
  /**
   * The server's name in the tenant (agents reference it in `mcpServers`). A change replaces.
   * @default the Pulumi resource name
   * @example "acme"
   */
  serverName?: string;
  /**
   * Raw MCP endpoint (https; http only for loopback hosts). Mutually exclusive with `catalog`.
   * @example "https://acme.example.com/api/mcp"
   */
  url?: string;
  /**
   * Catalog preset slug: its URL, auth, allow-list and approval policy are used unless overridden.
   * @example "stripe"
   */
  catalog?: string;
  /**
   * How IC authenticates: `"static"` (or its API name `"bearer"`) sends `secret` as a bearer token;
   * `"none"` sends nothing; `"oauth"` uses the tenant OAuth provider `oauthProvider`.
   * Required with `url`; with `catalog` the preset decides unless set.
   * @example "static"
   */
  authKind?: McpAuthKindInput;
  /**
   * Shared secret for `static`/`bearer`: write-only (never read back, kept encrypted in state).
   * A change re-sends the whole configuration.
   */
  secret?: string;
  /** Tenant OAuth provider name for `authKind: "oauth"`. @example "github" */
  oauthProvider?: string;
  /** Whose OAuth client brokers consent for `oauth`: "tenant" or "platform". @default the API's default */
  clientMode?: "tenant" | "platform";
  /**
   * Tools runs may call (default-deny once set); `null` exposes every discovered tool.
   * Left out: the API default (the preset's list for `catalog`, every tool for `url`), not managed.
   * @example ["get_balance", "list_charges", "create_refund"]
   */
  toolAllowlist?: string[] | null;
  /**
   * Tools that need human approval before they run.
   * Left out: the API default (the preset's policy for `catalog`, none for `url`), not managed.
   * @example [{ match: "create_refund" }]
   */
  approvalPolicy?: ApprovalRuleInput[];
}

/** Rules keyed by glob with the default requirement filled in, order-insensitive. */
function canonicalPolicy(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value
    .map((r: ApprovalRuleInput) => ({ match: r.match, require: r.require ?? "approval" }))
    .sort((a, b) => a.match.localeCompare(b.match));
}

const fields: Record<keyof McpServerInputs, FieldSpec> = {
  serverName: { replaces: true, fromResourceName: (name) => name },
  url: {},
  catalog: {},
  authKind: { unmanagedWhenOmitted: true },
  secret: { secret: true, writeOnly: true },
  oauthProvider: { unmanagedWhenOmitted: true },
  clientMode: { unmanagedWhenOmitted: true },
  toolAllowlist: { unmanagedWhenOmitted: true, canonical: asSet },
  approvalPolicy: { unmanagedWhenOmitted: true, canonical: canonicalPolicy },
};

/** Server names: what agents reference; kept to a conservative charset. */
const SERVER_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** The PUT body for the declared configuration (a full replace). */
function wireBody(inputs: Props): Props {
  const kind = inputs.authKind as McpAuthKindInput | undefined;
  const auth =
    kind === undefined
      ? undefined
      : {
          kind: AUTH_KIND_WIRE[kind],
          secret: inputs.secret ?? undefined,
          provider: inputs.oauthProvider ?? undefined,
          client_mode: inputs.clientMode ?? undefined,
        };
  return {
    url: inputs.url ?? undefined,
    catalog: inputs.catalog ?? undefined,
    auth,
    tool_allowlist: inputs.toolAllowlist,
    approval_policy: inputs.approvalPolicy,
  };
}

function outputsOf(server: McpServerOut): Props {
  return {
    serverId: server.id,
    toolsDiscovered: server.tools_discovered,
    discoveryError: server.discovery_error,
    status: server.status,
  };
}

async function put(client: IcClient, inputs: Props): Promise<Props> {
  const server = await client.put(`/v1/tenant/mcp/${encodeURIComponent(inputs.serverName as string)}`, {
    body: wireBody(inputs),
    schema: McpServerOut,
  });
  return outputsOf(server);
}

/**
 * IcMcpServer: a tenant MCP server keyed by name. PUT is a full upsert (so create also adopts a server a
 * script registered under that name), probed on every PUT: `toolsDiscovered` and `discoveryError`
 * report the probe. The secret is write-only.
 */
export const mcpServerLifecycle: Lifecycle = {
  type: "IcMcpServer",
  fields,
  outputs: { serverId: {}, toolsDiscovered: {}, discoveryError: {}, status: {} },

  check(news) {
    const c = new Checker(news);
    c.onlyKeys(Object.keys(fields));
    c.string("serverName", {
      required: true,
      pattern: SERVER_NAME,
      hint: 'use 1..63 of a-z, 0-9, "_" and "-", starting with a letter or digit, e.g. "acme"',
    });
    c.url("url");
    c.string("catalog", { pattern: /^[a-z0-9][a-z0-9_-]*$/, hint: 'a catalog slug such as "stripe"' });
    const urlSet = news.url !== undefined && news.url !== null;
    const catalogSet = news.catalog !== undefined && news.catalog !== null;
    if (urlSet && catalogSet)
      c.fail("catalog", "set either `url` (your own server) or `catalog` (a preset), not both");
    if (!urlSet && !catalogSet) {
      c.fail("url", 'set `url` to your MCP endpoint, or `catalog` to a preset slug such as "stripe"');
    }
    const kind = c.oneOf("authKind", MCP_AUTH_KIND_INPUTS);
    if (urlSet && news.authKind === undefined) {
      c.fail(
        "authKind",
        'is required with `url`: "static" (with `secret`), "none", or "oauth" (with `oauthProvider`)',
      );
    }
    const secret = c.string("secret");
    if ((kind === "static" || kind === "bearer") && !c.unknown("secret") && !secret) {
      c.fail("secret", `is required with authKind "${kind}": the bearer secret IC sends to the server`);
    }
    if ((kind === "none" || kind === "oauth") && secret) {
      c.fail("secret", `is only used with authKind "static"/"bearer"; remove it for "${kind}"`);
    }
    const provider = c.string("oauthProvider");
    if (kind === "oauth" && !c.unknown("oauthProvider") && !provider) {
      c.fail(
        "oauthProvider",
        'is required with authKind "oauth": the tenant OAuth provider name, e.g. "github"',
      );
    }
    const mode = c.oneOf("clientMode", MCP_CLIENT_MODES);
    if (mode && kind !== "oauth") c.fail("clientMode", 'only applies to authKind "oauth"');
    c.stringList("toolAllowlist", (t) => (t.trim() === "" ? "must not be empty" : undefined));
    c.objectList("approvalPolicy", (rule) => {
      rule.onlyKeys(["match", "require"]);
      rule.string("match", { required: true, hint: 'a tool-name glob, e.g. "create_refund" or "delete_*"' });
      rule.oneOf("require", ["approval"]);
    });
    return { inputs: news, failures: c.failures };
  },

  async create({ client }, inputs) {
    const outputs = await put(client, inputs);
    return { id: inputs.serverName as string, outputs };
  },

  async read({ client }, id, state) {
    let server: McpServerOut;
    try {
      server = await client.get(`/v1/tenant/mcp/${encodeURIComponent(id)}`, { schema: McpServerOut });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    // Report the live kind in the program's own word ("static" stays "static" while the API says bearer).
    const declared = state.authKind as McpAuthKindInput | undefined;
    const authKind = declared && AUTH_KIND_WIRE[declared] === server.auth.kind ? declared : server.auth.kind;
    const fromCatalog = server.catalog_slug != null && server.catalog_slug !== "";
    const inputs: Props = {
      serverName: server.name,
      url: fromCatalog ? undefined : server.url,
      catalog: fromCatalog ? server.catalog_slug : undefined,
      authKind,
      oauthProvider: server.auth.provider ?? undefined,
      clientMode: server.auth.client_mode,
      toolAllowlist: server.tool_allowlist ?? null,
      approvalPolicy: server.approval_policy ?? [],
    };
    return { inputs, outputs: outputsOf(server) };
  },

  async update({ client }, _id, _olds, news) {
    return put(client, news);
  },

  async delete({ client }, id) {
    try {
      await client.delete(`/v1/tenant/mcp/${encodeURIComponent(id)}`);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  },
};
