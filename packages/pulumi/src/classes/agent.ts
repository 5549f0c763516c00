import type * as pulumi from "@pulumi/pulumi";
import { type AgentInputs, type AgentVariableInput, agentLifecycle } from "../resources/agent";
import { type ConnectionArgs, IcResource, type InputArgs } from "./base";

/** Arguments of {@link IcAgent}; see each field. */
export interface IcAgentArgs extends InputArgs<AgentInputs>, ConnectionArgs {}

/**
 * An agent design: create-or-adopt by `slug`, one immutable version published per content change and
 * rolled out at `rolloutPercent`. Destroy archives it.
 * @example
 * const support = new ic.IcAgent("support", { ...conn, name: "Support", instructions: "…", model: "claude-sonnet-4-5" });
 * export const supportAgentId = support.agentId;
 */
export class IcAgent extends IcResource {
  /** The agent id. @example "agt_3f9c0a…" */
  declare readonly agentId: pulumi.Output<string>;
  /** The reconcile key (immutable). @example "support" */
  declare readonly slug: pulumi.Output<string>;
  /** The display label. */
  declare readonly name: pulumi.Output<string>;
  /** The version live for smiths outside a staged rollout (`null` before the first publish). */
  declare readonly activeVersion: pulumi.Output<number | null>;
  /** The version holding the declared content, the one being rolled out. */
  declare readonly rolloutVersion: pulumi.Output<number | null>;
  /** Share of smiths (0..100) on {@link rolloutVersion}. */
  declare readonly rolloutPercent: pulumi.Output<number>;
  declare readonly instructions: pulumi.Output<string | undefined>;
  declare readonly model: pulumi.Output<string | undefined>;
  declare readonly autoMemory: pulumi.Output<boolean | undefined>;
  declare readonly variables: pulumi.Output<AgentVariableInput[] | undefined>;
  declare readonly enabledHostedTools: pulumi.Output<string[] | undefined>;
  declare readonly mcpServers: pulumi.Output<string[] | null | undefined>;

  /**
   * @param name - Pulumi resource name; also the default `slug` (slugified) and `name`.
   * @param args - see {@link IcAgentArgs}.
   * @param opts - resource options (e.g. `retainOnDelete` to keep the agent when the resource goes).
   */
  constructor(name: string, args: IcAgentArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(agentLifecycle, name, { ...args }, opts);
  }
}
