import { agentLifecycle } from "./agent";
import type { Lifecycle } from "./lifecycle";
import { webhookLifecycle } from "./webhook";

/**
 * Type name → lifecycle. Hosts (the dynamic host today, a native plugin later) look resources up here
 * instead of switching on names; adding a resource is one line.
 */
export const LIFECYCLES = {
  IcAgent: agentLifecycle,
  IcWebhook: webhookLifecycle,
} as const satisfies Record<string, Lifecycle>;

/** A registered resource type name. */
export type ResourceType = keyof typeof LIFECYCLES;

/** The lifecycle of `type`; throws for a name no resource registers. */
export function lifecycleFor(type: string): Lifecycle {
  const lifecycle = (LIFECYCLES as Record<string, Lifecycle>)[type];
  if (!lifecycle) throw new Error(`unknown Ingram Cloud resource type "${type}"`);
  return lifecycle;
}
