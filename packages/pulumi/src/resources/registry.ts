import { agentLifecycle } from "./agent";
import type { Lifecycle } from "./lifecycle";
import { mcpServerLifecycle } from "./mcp-server";
import { modelKeyLifecycle } from "./model-key";
import { projectLifecycle } from "./project";
import { projectTokenLifecycle } from "./project-token";
import { telegramBotLifecycle } from "./telegram-bot";
import { webPageLifecycle } from "./web-page";
import { webhookLifecycle } from "./webhook";

/**
 * Type name → lifecycle. Hosts (the dynamic host today, a native plugin later) look resources up here
 * instead of switching on names; adding a resource is one line.
 */
export const LIFECYCLES = {
  IcAgent: agentLifecycle,
  IcMcpServer: mcpServerLifecycle,
  IcTelegramBot: telegramBotLifecycle,
  IcWebhook: webhookLifecycle,
  IcModelKey: modelKeyLifecycle,
  IcProject: projectLifecycle,
  IcProjectToken: projectTokenLifecycle,
  IcWebPage: webPageLifecycle,
} as const satisfies Record<string, Lifecycle>;

/** A registered resource type name. */
export type ResourceType = keyof typeof LIFECYCLES;

/** The lifecycle of `type`; throws for a name no resource registers. */
export function lifecycleFor(type: string): Lifecycle {
  const lifecycle = (LIFECYCLES as Record<string, Lifecycle>)[type];
  if (!lifecycle) throw new Error(`unknown Ingram Cloud resource type "${type}"`);
  return lifecycle;
}
