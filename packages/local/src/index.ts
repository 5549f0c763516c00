export type { Credentials } from "./core/bootstrap";
export { credentialsPath } from "./core/bootstrap";
export type { FaultConfig, LatencyConfig } from "./core/faults";
export { parseFaults, parseLatency } from "./core/faults";
export type {
  AreaContext,
  AuthPolicy,
  RegisteredRoute,
  RequestContext,
  RouteArea,
  RouteSpec,
} from "./core/routes";
export { applyRollout, resolveAgentVersion, rolloutBucket } from "./routes/agent-rollout";
export { createServer, type LocalState, type ServerOptions } from "./server";
