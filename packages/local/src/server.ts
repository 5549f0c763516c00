import multipart from "@fastify/multipart";
import Fastify, { type FastifyInstance } from "fastify";
import { TokenAuthority } from "./core/auth";
import { bootstrap, type Credentials } from "./core/bootstrap";
import { apiError } from "./core/errors";
import {
  checkFaults,
  checkLatency,
  type FaultConfig,
  type LatencyConfig,
  parseFaults,
  parseLatency,
} from "./core/faults";
import { installHttpBehaviour, type RuntimeState, requestIdFor } from "./core/http";
import { type RegisteredRoute, type RouteArea, routeRegistrar } from "./core/routes";
import { CORE_SCHEMA, Store } from "./core/store";
import {
  type IntegrationOptions,
  type ResolvedIntegrations,
  resolveIntegrations,
} from "./integrations/options";
import { ADMIN_AREA, ROUTE_AREAS } from "./routes";

/** Options of {@link createServer}. */
export interface ServerOptions {
  /**
   * SQLite database file, or `:memory:`.
   * @default ":memory:"
   */
  db?: string;
  /**
   * Injected failures on `/v1` requests: an object or the CLI form.
   * @default {} (none)
   * @example "429:0.1,503:0.05,reset:0.02"
   */
  faults?: FaultConfig | string;
  /**
   * Added latency on `/v1` requests: an object or the CLI form.
   * @default null (none)
   * @example "10-50ms"
   */
  latency?: LatencyConfig | string | null;
  /**
   * The base URL clients use, written into the credentials file.
   * @default null
   * @example "http://127.0.0.1:8787"
   */
  publicBaseUrl?: string | null;
  /**
   * Mount the `/_admin` test routes (counters, faults, latency, fake smiths, route list).
   * @default true
   */
  admin?: boolean;
  /**
   * Reject `/v1` requests that carry no `IC-Api-Version` header (a wrong value is always rejected).
   * @default false
   */
  requireApiVersion?: boolean;
  /**
   * Largest JSON body in bytes; bigger → 413 `payload_too_large`.
   * @default 1048576 (1 MiB)
   */
  bodyLimit?: number;
  /**
   * Largest multipart file (UI template) in bytes.
   * @default 5242880 (5 MiB)
   */
  uploadLimit?: number;
  /**
   * Time source (token expiry, timestamps, idempotency window). Tests move it forward.
   * @default () => new Date()
   */
  clock?: () => Date;
  /**
   * Random source for faults and latency (tests make it deterministic).
   * @default Math.random
   */
  random?: () => number;
  /**
   * Fastify logger setting. Request logs never include headers, so tokens are not logged.
   * @default false
   */
  logger?: boolean;
  /**
   * Extra route areas (tests use this to mount probes); registered after the built-in ones.
   * @default []
   */
  extraAreas?: RouteArea[];
  /**
   * Outbound integrations: MCP catalog URL overrides, remote-host policy, discovery and webhook
   * delivery timing (see {@link IntegrationOptions}).
   * @default {} (loopback only, 3 webhook attempts 1 s apart doubling, 5 s timeouts)
   */
  integrations?: IntegrationOptions;
}

/** What {@link createServer} attaches to the app as `app.local`. */
export interface LocalState {
  store: Store;
  tokens: TokenAuthority;
  /** First-start credentials (`fresh`), or those read back from the credentials file; null if neither. */
  credentials: Credentials | null;
  /** True when this start created the organization, project and credentials. */
  freshCredentials: boolean;
  /** Every registered operation, in registration order. */
  routes: RegisteredRoute[];
  /** Runtime knobs (faults, latency, counters). */
  runtime: RuntimeState;
  /** Outbound integration settings and the public base URL handed out in resource URLs. */
  integrations: ResolvedIntegrations;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The local server's state: database, tokens, credentials, route registry, runtime knobs. */
    local: LocalState;
  }
}

/**
 * Builds the local Ingram Cloud API as a Fastify app (not yet listening): opens/creates the database,
 * ensures the signing key, bootstraps credentials on an empty database and registers every route area.
 * @example
 * const app = await createServer({ db: ":memory:" });
 * await app.listen({ port: 0, host: "127.0.0.1" });
 * const token = app.local.credentials!.tenant_token;
 */
export async function createServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const store = new Store(options.db ?? ":memory:", options.clock);
  const areas = [
    ...ROUTE_AREAS,
    ...(options.admin === false ? [] : [ADMIN_AREA]),
    ...(options.extraAreas ?? []),
  ];
  try {
    store.ensureSchema(CORE_SCHEMA);
    for (const area of areas) if (area.schema) store.ensureSchema(area.schema);
  } catch (err) {
    store.close();
    throw err;
  }
  const tokens = new TokenAuthority(store);
  const boot = await bootstrap(store, tokens, options.publicBaseUrl ?? null);

  const faults = options.faults ?? {};
  const latency = options.latency ?? null;
  const runtime: RuntimeState = {
    faults: typeof faults === "string" ? parseFaults(faults) : checkFaults(faults),
    latency: typeof latency === "string" ? parseLatency(latency) : latency && checkLatency(latency),
    counters: new Map(),
    requireApiVersion: options.requireApiVersion ?? false,
    random: options.random ?? Math.random,
  };

  const bodyLimit = options.bodyLimit ?? 1024 * 1024;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit, genReqId: requestIdFor });
  const routes: RegisteredRoute[] = [];
  app.decorate("local", {
    store,
    tokens,
    credentials: boot?.credentials ?? null,
    freshCredentials: boot?.fresh ?? false,
    routes,
    runtime,
    integrations: resolveIntegrations(options.integrations, options.publicBaseUrl ?? null),
  } satisfies LocalState);
  app.decorateRequest("principal", null);
  app.addHook("onClose", async () => store.close());

  // Our own JSON parser: an empty body is "no body" (publish and revoke-style POSTs are often sent
  // empty), and a parse error never quotes the body back.
  app.removeContentTypeParser(["application/json", "text/plain"]);
  app.addContentTypeParser("application/json", { parseAs: "string", bodyLimit }, (_req, text, done) => {
    if (text === "" || (typeof text === "string" && text.trim() === "")) return done(null, undefined);
    try {
      done(null, JSON.parse(text as string));
    } catch {
      done(apiError("invalid_request", "Request body is not valid JSON", null, 400), undefined);
    }
  });
  await app.register(multipart, {
    limits: { fileSize: options.uploadLimit ?? 5 * 1024 * 1024, files: 1, fields: 10, fieldSize: 64 * 1024 },
  });

  installHttpBehaviour(app, runtime, routes);
  const route = routeRegistrar(app, store, tokens, routes);
  for (const area of areas) area.register({ app, store, tokens, route: route(area.name) });
  return app;
}
