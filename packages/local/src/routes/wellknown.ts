import type { RouteArea } from "../core/routes";

/** Unauthenticated operational routes: liveness, readiness, the JWKS of every minted token. */
export const wellKnownArea: RouteArea = {
  name: "well-known",
  register(api) {
    api.route({
      method: "GET",
      path: "/health",
      operationId: "health",
      auth: "public",
      status: 200,
      handler: () => ({ ok: true, service: "ingram-cloud-local", commit: "" }),
    });
    api.route({
      method: "GET",
      path: "/ready",
      operationId: "ready",
      auth: "public",
      status: 200,
      handler({ store, reply }) {
        let db = "ok";
        try {
          store.stmt("SELECT 1").get();
        } catch {
          db = "unreachable";
          reply.code(503);
        }
        return { ok: db === "ok", service: "ingram-cloud-local", checks: { db } };
      },
    });
    api.route({
      method: "GET",
      path: "/.well-known/jwks.json",
      operationId: "oauth.discovery.keys",
      auth: "public",
      status: 200,
      handler: () => api.tokens.jwks(),
    });
  },
};
