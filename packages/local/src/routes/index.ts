import type { RouteArea } from "../core/routes";
import { adminArea } from "./admin";
import { agentUiArea } from "./agent-ui";
import { agentsArea } from "./agents";
import { catalogArea } from "./catalog";
import { deploymentsArea } from "./deployments";
import { mcpServersArea } from "./mcp-servers";
import { modelKeysArea } from "./model-keys";
import { modelsArea } from "./models";
import { projectsArea } from "./projects";
import { telegramArea } from "./telegram";
import { tokensArea } from "./tokens";
import { webhooksArea } from "./webhooks";
import { wellKnownArea } from "./wellknown";

/**
 * Every `/v1` and public route area, in registration order. Adding an area = one file under
 * `src/routes/` exporting a {@link RouteArea} + one line here (see ARCHITECTURE.md).
 */
export const ROUTE_AREAS: RouteArea[] = [
  wellKnownArea,
  tokensArea,
  projectsArea,
  agentsArea,
  agentUiArea,
  // integrations (MCP, channels, webhooks, models, deployments)
  catalogArea,
  mcpServersArea,
  telegramArea,
  modelKeysArea,
  modelsArea,
  webhooksArea,
  deploymentsArea,
];

/** The `/_admin` test hooks, mounted only when the `admin` option is on. */
export const ADMIN_AREA: RouteArea = adminArea;
