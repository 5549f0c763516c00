import { type ErrorCode, IcApiError, IDEMPOTENT_REPLAYED_HEADER } from "@ingram-tech/ingram-cloud-contract";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Principal, TokenAuthority } from "./auth";
import { apiError, validate } from "./errors";
import { IdempotencyRecords } from "./idempotency";
import type { Store } from "./store";

/** HTTP methods a route may use. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who may call a route.
 * - `"public"`: no token (health, JWKS, `/_admin`).
 * - `"tenant"`: tenant-admin token only (`tenant:*`); smith tokens → 403 `admin_required`,
 *   organization keys → 403 `tenant_token_required`.
 * - `"organization"`: organization key only; anything else → 403 `organization_required`.
 * - `{ smithPermission }`: tenant-admin, or a smith token holding that permission (else 403
 *   `insufficient_scope`); organization keys → 403 `tenant_token_required`.
 */
export type AuthPolicy = "public" | "tenant" | "organization" | { smithPermission: string };

/** What a handler receives. */
export interface RequestContext<Body, Prepared> {
  req: FastifyRequest;
  reply: FastifyReply;
  store: Store;
  /** The caller; null only on `"public"` routes. */
  auth: Principal | null;
  /** The caller's tenant (project id); `""` for organization keys and public routes. */
  tenantId: string;
  /** Path parameters by name, e.g. `params.aid` for `/v1/agents/{aid}`. */
  params: Record<string, string>;
  /** Query string values (first value when repeated). */
  query: Record<string, string | undefined>;
  /** The body after validation with `spec.body` (raw parsed body when no schema is given). */
  body: Body;
  /** What `spec.prepare` returned. */
  prepared: Prepared;
}

/** One operation. */
export interface RouteSpec<Body = unknown, Prepared = undefined> {
  /** HTTP method. */
  method: Method;
  /** OpenAPI path template, e.g. `/v1/agents/{aid}` (converted to Fastify's `:aid`). */
  path: string;
  /** The spec's operationId (`agents.create`); non-spec routes use `local.<area>.<name>`. */
  operationId: string;
  /** Who may call it. */
  auth: AuthPolicy;
  /** Success status (201 for creates, 204 for deletes, …); a handler may override with `ctx.reply.code()`. */
  status: number;
  /** Contract zod schema of the JSON body; failures answer 422 naming `param`. */
  body?: z.ZodType<Body>;
  /** Error code per top-level body field (e.g. `{ slug: "invalid_slug" }`); default `invalid_request`. */
  bodyCodes?: Partial<Record<string, ErrorCode>>;
  /**
   * Honour `Idempotency-Key` (24 h replay).
   * @default true for POST with status 201 (creates)
   */
  idempotent?: boolean;
  /**
   * Asynchronous work before the write (signing a token, reading a multipart upload). Runs after auth,
   * validation and the idempotency claim; its result is `ctx.prepared`.
   */
  prepare?: (ctx: RequestContext<Body, undefined>) => Promise<Prepared>;
  /**
   * The operation. Synchronous on purpose: for non-GET methods it runs inside one SQLite transaction
   * (so every write of a request commits or rolls back together). Return the JSON body, a Buffer/string
   * (set the content type on `ctx.reply`), or undefined for an empty body. Throw `apiError(...)` to fail.
   */
  handler: (ctx: RequestContext<Body, Prepared>) => unknown;
}

/** The introspectable record of a registered route (for the conformance test and `GET /_admin/routes`). */
export interface RegisteredRoute {
  method: Method;
  path: string;
  operationId: string;
  area: string;
  auth: AuthPolicy;
  status: number;
  idempotent: boolean;
}

/** What a route area's `register` function receives. */
export interface AreaContext {
  /** The Fastify app (for exotic needs; prefer {@link AreaContext.route}). */
  app: FastifyInstance;
  /** The database. */
  store: Store;
  /** Token minting and verification. */
  tokens: TokenAuthority;
  /** Registers one operation (auth, validation, idempotency, transaction, error envelope included). */
  route<Body = unknown, Prepared = undefined>(spec: RouteSpec<Body, Prepared>): void;
}

/**
 * A route area: one file under `src/routes/` exporting one of these, listed in `src/routes/index.ts`.
 * @example export const agentsArea: RouteArea = { name: "agents", schema: AGENTS_SCHEMA, register: (api) => { api.route({...}) } };
 */
export interface RouteArea {
  /** Short name, used in the route registry. */
  name: string;
  /** Idempotent DDL (`CREATE TABLE IF NOT EXISTS …`) for the area's tables, run at startup. */
  schema?: string;
  /** Registers the area's routes. */
  register(api: AreaContext): void;
}

declare module "fastify" {
  interface FastifyRequest {
    /** The authenticated caller, set by the route's auth hook. */
    principal: Principal | null;
  }
}

const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** Builds the `route()` function areas use, recording every registration in `registry`. */
export function routeRegistrar(
  app: FastifyInstance,
  store: Store,
  tokens: TokenAuthority,
  registry: RegisteredRoute[],
): (area: string) => AreaContext["route"] {
  const idempotency = new IdempotencyRecords(store);
  return (area) =>
    function route<Body, Prepared>(spec: RouteSpec<Body, Prepared>): void {
      const idempotent = spec.idempotent ?? (spec.method === "POST" && spec.status === 201);
      registry.push({
        method: spec.method,
        path: spec.path,
        operationId: spec.operationId,
        area,
        auth: spec.auth,
        status: spec.status,
        idempotent,
      });
      app.route({
        method: spec.method,
        url: spec.path.replace(/\{(\w+)\}/g, ":$1"),
        // Authenticate before the body is parsed: an anonymous caller never gets its body read.
        onRequest: async (req) => {
          req.principal =
            spec.auth === "public"
              ? null
              : authorize(await tokens.authenticate(req.headers.authorization), spec.auth);
        },
        handler: async (req, reply) => {
          const principal = req.principal;
          const ctx: RequestContext<Body, undefined> = {
            req,
            reply,
            store,
            auth: principal,
            tenantId: principal?.tenantId ?? "",
            params: req.params as Record<string, string>,
            query: req.query as Record<string, string | undefined>,
            body: (spec.body ? validate(spec.body, req.body, { codes: spec.bodyCodes }) : req.body) as Body,
            prepared: undefined,
          };
          const key = idempotent ? headerValue(req.headers["idempotency-key"]) : undefined;
          let scope: string | null = null;
          if (key !== undefined) {
            if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
              throw apiError(
                "invalid_request",
                "Idempotency-Key must be 1..255 characters",
                "Idempotency-Key",
              );
            }
            const path = req.url.split("?")[0]!;
            scope = IdempotencyRecords.scope(principal?.sub ?? "", spec.method, path, key);
            const replay = idempotency.begin(scope, IdempotencyRecords.hashBody(req.body));
            // Says which answers are replays, so a client using keys stable across runs can tell an
            // earlier answer (whose object may be gone by now) from a fresh one.
            reply.header(IDEMPOTENT_REPLAYED_HEADER, replay ? "true" : "false");
            if (replay) return reply.code(replay.status).send(replay.body);
          }
          try {
            const full = ctx as RequestContext<Body, Prepared>;
            full.prepared = spec.prepare ? await spec.prepare(ctx) : (undefined as Prepared);
            reply.code(spec.status);
            const run = () => {
              const out = spec.handler(full);
              if (scope !== null) idempotency.complete(scope, { status: reply.statusCode, body: out });
              return out;
            };
            const out = spec.method === "GET" ? run() : store.tx(run);
            return reply.send(out);
          } catch (err) {
            if (scope !== null) {
              if (err instanceof IcApiError && err.status < 500) {
                idempotency.complete(scope, { status: err.status, body: err.toEnvelope() });
              } else {
                idempotency.release(scope);
              }
            }
            throw err;
          }
        },
      });
    };
}

/** Applies a route's {@link AuthPolicy} to an authenticated principal. */
function authorize(principal: Principal, policy: Exclude<AuthPolicy, "public">): Principal {
  if (policy === "organization") {
    if (principal.kind !== "organization") {
      throw apiError("organization_required", "This operation needs an organization key");
    }
    return principal;
  }
  if (principal.kind === "organization") {
    throw apiError(
      "tenant_token_required",
      "Organization keys only reach /v1/organization; use a project token",
    );
  }
  if (principal.kind === "admin") return principal;
  if (policy === "tenant") {
    throw apiError(
      "admin_required",
      "This operation needs a tenant-admin token; smith tokens cannot change tenant configuration",
    );
  }
  if (!principal.scopes.includes(policy.smithPermission)) {
    throw apiError("insufficient_scope", `This operation needs the '${policy.smithPermission}' permission`);
  }
  return principal;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
