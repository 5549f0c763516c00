import type * as pulumi from "@pulumi/pulumi";
import { type ApprovalRuleInput, type McpServerInputs, mcpServerLifecycle } from "../resources/mcp-server";
import { type ConnectionArgs, IcResource, type InputArgs } from "./base";

/** Arguments of {@link IcMcpServer}; see each field. */
export interface IcMcpServerArgs extends InputArgs<McpServerInputs>, ConnectionArgs {}

/**
 * A tenant MCP server: your own (`url` + `authKind` + `secret`) or a catalog preset (`catalog`, with
 * `toolAllowlist` and `approvalPolicy`). Registration probes the server; see {@link toolsDiscovered}.
 * @example
 * new ic.IcMcpServer("acme-mcp", { ...conn, serverName: "acme", url: "https://acme.example.com/api/mcp", authKind: "static", secret: mcpSecret });
 */
export class IcMcpServer extends IcResource {
  /** Server record id. */
  declare readonly serverId: pulumi.Output<string>;
  /** The tenant-unique name agents reference. */
  declare readonly serverName: pulumi.Output<string>;
  /** Tools found by the last probe (before the allow-list). */
  declare readonly toolsDiscovered: pulumi.Output<number>;
  /** Why the last probe failed, or null. */
  declare readonly discoveryError: pulumi.Output<string | null>;
  /** Server status (`degraded` when discovery or calls fail). */
  declare readonly status: pulumi.Output<string>;
  declare readonly url: pulumi.Output<string | undefined>;
  declare readonly catalog: pulumi.Output<string | undefined>;
  declare readonly authKind: pulumi.Output<string | undefined>;
  declare readonly toolAllowlist: pulumi.Output<string[] | null | undefined>;
  declare readonly approvalPolicy: pulumi.Output<ApprovalRuleInput[] | undefined>;

  /**
   * @param name - Pulumi resource name; the default `serverName`.
   * @param args - see {@link IcMcpServerArgs}.
   * @param opts - resource options.
   */
  constructor(name: string, args: IcMcpServerArgs, opts?: pulumi.CustomResourceOptions) {
    super(mcpServerLifecycle, name, { ...args }, opts);
  }
}
