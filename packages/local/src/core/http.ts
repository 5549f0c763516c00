import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { IC_API_VERSION, IcApiError } from "@ingram-tech/ingram-cloud-contract";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { apiError } from "./errors";
import { type FaultConfig, type LatencyConfig, pickLatency, rollFault } from "./faults";
import type { RegisteredRoute } from "./routes";

/** Requests and statuses seen for one `METHOD /path/{template}`. */
export interface Counter {
  count: number;
  statuses: Record<string, number>;
}

/** Mutable runtime knobs, changeable through `/_admin`. */
export interface RuntimeState {
  faults: FaultConfig;
  latency: LatencyConfig | null;
  counters: Map<string, Counter>;
  /** Reject `/v1` calls without `IC-Api-Version` (otherwise a missing header is accepted). */
  requireApiVersion: boolean;
  random: () => number;
}

/** Requests whose answer the "drop" fault throws away once they have been handled. */
const droppedAnswers = new WeakSet<FastifyRequest>();

const REQUEST_ID_PATTERN = /^[\w.:-]{1,200}$/;

/** Fastify's `genReqId`: echo a well-formed client `X-Request-Id`, else `req_<hex>`. */
export function requestIdFor(req: { headers: Record<string, string | string[] | undefined> }): string {
  const sent = req.headers["x-request-id"];
  if (typeof sent === "string" && REQUEST_ID_PATTERN.test(sent)) return sent;
  // randomUUID draws from a cached entropy pool: much cheaper per request than randomBytes().
  return `req_${randomUUID().replace(/-/g, "").slice(0, 24)}`;
}

function isV1(url: string): boolean {
  return url === "/v1" || url.startsWith("/v1/") || url.startsWith("/v1?");
}

const templates = new Map<string, string>();
/** `:aid` → `{aid}`, so counters and the registry speak the OpenAPI template syntax. */
function templateOf(req: FastifyRequest): string {
  const url = req.routeOptions.url;
  if (url === undefined) return "(unmatched)";
  let template = templates.get(url);
  if (template === undefined) {
    template = url.replace(/:(\w+)/g, "{$1}");
    templates.set(url, template);
  }
  return template;
}

/**
 * Cross-cutting HTTP behaviour, in hook order: request id → counters → (on /v1) added latency →
 * injected faults → version check. Plus the error envelope on every error (including 404/405, bad
 * JSON, body too large and a stack-free 500).
 */
export function installHttpBehaviour(
  app: FastifyInstance,
  state: RuntimeState,
  registry: RegisteredRoute[],
): void {
  app.addHook("onRequest", async (req, reply) => {
    reply.header("X-Request-Id", req.id);
    const counted = !req.url.startsWith("/_admin");
    if (counted) {
      const key = `${req.method} ${templateOf(req)}`;
      const counter = state.counters.get(key) ?? { count: 0, statuses: {} };
      state.counters.set(key, counter);
      counter.count++;
    }
    if (!isV1(req.url)) return;
    if (state.latency) await sleep(pickLatency(state.latency, state.random));
    const fault = rollFault(state.faults, state.random);
    if (fault === "drop") droppedAnswers.add(req);
    if (fault === "reset") {
      reply.hijack();
      req.raw.socket.destroy();
      return reply;
    }
    if (fault === "429") {
      reply.header("Retry-After", "1");
      throw apiError("rate_limit_exceeded", "Injected fault: rate limited, retry later");
    }
    if (fault === "503") {
      reply.header("Retry-After", "1");
      throw apiError("service_overloaded", "Injected fault: service overloaded, retry later");
    }
    const version = req.headers["ic-api-version"];
    if (version === undefined) {
      if (state.requireApiVersion) {
        throw apiError(
          "unsupported_api_version",
          `IC-Api-Version header is required (use ${IC_API_VERSION})`,
          "IC-Api-Version",
        );
      }
    } else if (version !== IC_API_VERSION) {
      throw apiError(
        "unsupported_api_version",
        `Unsupported IC-Api-Version; the only version is ${IC_API_VERSION}`,
        "IC-Api-Version",
      );
    }
  });

  // The "drop" fault: the handler ran (and committed); the client never hears about it.
  app.addHook("onSend", async (req, _reply, payload) => {
    if (droppedAnswers.has(req)) req.raw.socket?.destroy();
    return payload;
  });

  app.addHook("onResponse", async (req, reply) => {
    if (req.url.startsWith("/_admin")) return;
    const counter = state.counters.get(`${req.method} ${templateOf(req)}`);
    if (counter) counter.statuses[reply.statusCode] = (counter.statuses[reply.statusCode] ?? 0) + 1;
  });

  app.setErrorHandler((err: FastifyError | IcApiError, req, reply) => sendError(toApiError(err, req), reply));

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split("?")[0]!;
    const allowed = registry.filter((r) => templateRegex(r.path).test(path)).map((r) => r.method);
    if (allowed.length > 0) {
      if (allowed.includes("GET")) allowed.push("HEAD" as never);
      reply.header("Allow", [...new Set(allowed)].join(", "));
      return sendError(
        apiError("invalid_request", `Method ${req.method} is not allowed on ${path}`, null, 405),
        reply,
      );
    }
    return sendError(apiError("not_found", `No route ${req.method} ${path}`), reply);
  });
}

const templateCache = new Map<string, RegExp>();
function templateRegex(template: string): RegExp {
  let re = templateCache.get(template);
  if (!re) {
    const source = template
      .split(/\{\w+\}/)
      .map((s) => s.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
      .join("[^/]+");
    re = new RegExp(`^${source}$`);
    templateCache.set(template, re);
  }
  return re;
}

/** Maps anything thrown to an API error; unknown errors become a stack-free 500. */
function toApiError(err: FastifyError | IcApiError, req: FastifyRequest): IcApiError {
  if (err instanceof IcApiError) return err;
  const status = err.statusCode ?? 500;
  if (status === 413 || err.code === "FST_ERR_CTP_BODY_TOO_LARGE" || err.code === "FST_REQ_FILE_TOO_LARGE") {
    return apiError("payload_too_large", "Request body is too large", null, 413);
  }
  if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return apiError("invalid_request", "Unsupported Content-Type", "Content-Type", 415);
  }
  if (status >= 400 && status < 500) {
    // Fastify's own messages can quote the body (JSON.parse errors do); never echo it.
    return apiError("invalid_request", "Malformed request", null, status);
  }
  req.log.error({ err }, "unhandled error");
  return apiError("internal_error", "Internal server error", null, 500);
}

function sendError(err: IcApiError, reply: FastifyReply): FastifyReply {
  return reply.code(err.status).type("application/json; charset=utf-8").send(err.toEnvelope());
}
