import {
  hasPrefix,
  type MintedTokenOut,
  SMITH_PERMISSIONS,
  SMITH_TOKEN_MAX_TTL_SECONDS,
  TokenIn,
  type TokenOut,
} from "@ingram-tech/ingram-cloud-contract";
import type { MintedToken, TokenRow } from "../core/auth";
import { apiError, notFound } from "../core/errors";
import { paginate } from "../core/pagination";
import type { RouteArea } from "../core/routes";
import type { Store } from "../core/store";

/** The wire view of a token record (never the secret). */
export function toTokenOut(row: TokenRow): TokenOut {
  return {
    id: row.id,
    name: row.name,
    sub: row.sub,
    scopes: JSON.parse(row.scopes) as string[],
    prefix: row.prefix,
    created_at: row.created_at,
    expires_at: row.expires_at,
    revoked_at: row.revoked_at,
  };
}

/** The show-once mint response. */
export function toMintedOut(minted: MintedToken): MintedTokenOut {
  return {
    id: minted.row.id,
    token: minted.token,
    scope: minted.row.kind,
    sub: minted.row.sub,
    scopes: JSON.parse(minted.row.scopes) as string[],
    expires_at: minted.row.expires_at,
  };
}

/** Sets `revoked_at` once (revoking twice keeps the first time). */
export function revokeToken(store: Store, id: string): void {
  store.stmt("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").run(store.now(), id);
}

/** `/v1/tenant/tokens`: mint, list and revoke admin and smith tokens of the caller's tenant (§2.2–2.4). */
export const tokensArea: RouteArea = {
  name: "tokens",
  register(api) {
    api.route({
      method: "POST",
      path: "/v1/tenant/tokens",
      operationId: "tenant.tokens.create",
      auth: "tenant",
      status: 201,
      body: TokenIn,
      async prepare({ body, auth }) {
        const base = { organizationId: auth!.organizationId, tenantId: auth!.tenantId, name: body.name };
        if (body.scope === "admin") {
          if (body.smith_id != null)
            throw apiError("invalid_request", "smith_id only applies to smith tokens", "smith_id");
          if (body.permissions != null) {
            throw apiError("invalid_request", "permissions only apply to smith tokens", "permissions");
          }
          return api.tokens.sign({
            ...base,
            kind: "admin",
            scopes: ["tenant:*"],
            ttlSeconds: body.ttl_seconds ?? null,
          });
        }
        if (body.scope !== "smith") {
          throw apiError("invalid_token_scope", "scope must be 'smith' or 'admin'", "scope");
        }
        if (body.smith_id == null)
          throw apiError("smith_required", "smith_id is required for a smith token", "smith_id");
        if (!hasPrefix("smith", body.smith_id))
          throw apiError("smith_unresolved", "smith_id must be a smith id (smt_…)", "smith_id");
        const permissions = body.permissions ?? [];
        if (permissions.length === 0) {
          throw apiError("permissions_required", "permissions is required for a smith token", "permissions");
        }
        permissions.forEach((p, i) => {
          if (!(SMITH_PERMISSIONS as readonly string[]).includes(p)) {
            throw apiError("invalid_scope", `Unknown permission '${p}'`, `permissions[${i}]`);
          }
        });
        // Smith tokens live at most 24 h: a longer (or no) ttl is capped, not rejected.
        const ttl = Math.min(body.ttl_seconds ?? SMITH_TOKEN_MAX_TTL_SECONDS, SMITH_TOKEN_MAX_TTL_SECONDS);
        return api.tokens.sign({
          ...base,
          kind: "smith",
          smithId: body.smith_id,
          scopes: [...new Set(permissions)],
          ttlSeconds: ttl,
        });
      },
      handler({ prepared }) {
        api.tokens.insert(prepared.row);
        return toMintedOut(prepared);
      },
    });

    api.route({
      method: "GET",
      path: "/v1/tenant/tokens",
      operationId: "tenant.tokens.list",
      auth: "tenant",
      status: 200,
      handler: ({ store, query, tenantId }) =>
        paginate(store, query, "SELECT * FROM tokens WHERE tenant_id = ?", [tenantId], toTokenOut),
    });

    api.route({
      method: "DELETE",
      path: "/v1/tenant/tokens/{tid}",
      operationId: "tenant.tokens.delete",
      auth: "tenant",
      status: 204,
      handler({ store, params, tenantId }) {
        if (!store.stmt("SELECT 1 FROM tokens WHERE id = ? AND tenant_id = ?").get(params.tid, tenantId)) {
          throw notFound("token");
        }
        revokeToken(store, params.tid!);
      },
    });
  },
};
