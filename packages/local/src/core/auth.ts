import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from "node:crypto";
import {
  generateId,
  TOKEN_HANDLE_PREFIXES,
  type TokenHandleKind,
  tokenHandleKind,
} from "@ingram-tech/ingram-cloud-contract";
import { type JWK, jwtVerify, SignJWT } from "jose";
import { apiError } from "./errors";
import type { Store } from "./store";

/** What a token lets its bearer be. Mirrors the handle prefix: tha_ → admin, thp_ → smith, tho_ → organization. */
export type TokenKind = "admin" | "smith" | "organization";

/** The authenticated caller of one request. */
export interface Principal {
  /** Token posture. */
  kind: TokenKind;
  /** The `tok_…` record id (revocation handle). */
  tokenId: string;
  /** JWT `sub`: the tenant (admin), `<tenant>:<smith>` (smith), or the organization id (organization). */
  sub: string;
  /** The organization the token belongs to. */
  organizationId: string;
  /** The tenant (= project id) for admin and smith tokens; null for organization keys. */
  tenantId: string | null;
  /** The smith a smith token is bound to. */
  smithId: string | null;
  /** `["tenant:*"]`, `["organization:*"]`, or a smith token's permissions. */
  scopes: string[];
}

/** A `tokens` table row. */
export interface TokenRow {
  id: string;
  kind: TokenKind;
  organization_id: string;
  tenant_id: string | null;
  smith_id: string | null;
  sub: string;
  scopes: string;
  name: string | null;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

/** What to mint. */
export interface MintSpec {
  kind: TokenKind;
  organizationId: string;
  tenantId?: string | null;
  smithId?: string | null;
  scopes: string[];
  name?: string | null;
  /** Lifetime in seconds; null = never expires. */
  ttlSeconds: number | null;
}

/** A minted token before it is stored: the record to insert and the show-once bearer value. */
export interface MintedToken {
  row: TokenRow;
  /** The bearer value (`tha_live_<jwt>` …). Shown once, never stored. */
  token: string;
}

const HANDLE_BY_KIND: Record<TokenKind, TokenHandleKind> = {
  admin: "tenantAdmin",
  smith: "smith",
  organization: "organization",
};
const KIND_BY_HANDLE: Record<TokenHandleKind, TokenKind> = {
  tenantAdmin: "admin",
  smith: "smith",
  organization: "organization",
};
const ISSUER = "ingram-cloud-local";

/**
 * Owns the RS256 signing key (generated once, persisted in `signing_keys`), mints bearer handles and
 * authenticates requests. Minting is split in two — async signing ({@link TokenAuthority.sign}) and a
 * synchronous insert ({@link TokenAuthority.insert}) — so the insert can join a request's transaction.
 */
export class TokenAuthority {
  private readonly kid: string;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly publicJwk: JWK;
  /** Verified JWT payloads by bearer string: skips the RSA check on repeat calls. Revocation and
   * expiry are still read from the database on every request. */
  private readonly verified = new Map<string, { jti: string; kind: TokenKind }>();

  constructor(private readonly store: Store) {
    let row = store
      .stmt("SELECT kid, private_pem, public_jwk FROM signing_keys ORDER BY created_at LIMIT 1")
      .get() as { kid: string; private_pem: string; public_jwk: string } | undefined;
    if (!row) {
      const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const kid = `key_${randomBytes(8).toString("hex")}`;
      const jwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };
      row = {
        kid,
        private_pem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
        public_jwk: JSON.stringify(jwk),
      };
      store
        .stmt("INSERT INTO signing_keys (kid, private_pem, public_jwk, created_at) VALUES (?, ?, ?, ?)")
        .run(row.kid, row.private_pem, row.public_jwk, store.now());
    }
    this.kid = row.kid;
    this.privateKey = createPrivateKey(row.private_pem);
    this.publicKey = createPublicKey(this.privateKey);
    this.publicJwk = JSON.parse(row.public_jwk) as JWK;
  }

  /** The JWKS document served at `/.well-known/jwks.json`. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /** Signs a new token (async). Store it with {@link TokenAuthority.insert}. */
  async sign(spec: MintSpec): Promise<MintedToken> {
    const id = generateId("token");
    const now = this.store.nowDate();
    const tenantId = spec.tenantId ?? null;
    const smithId = spec.smithId ?? null;
    const sub =
      spec.kind === "organization"
        ? spec.organizationId
        : spec.kind === "smith"
          ? `${tenantId}:${smithId}`
          : tenantId!;
    const iat = Math.floor(now.getTime() / 1000);
    const exp = spec.ttlSeconds === null ? null : iat + spec.ttlSeconds;
    const jwt = new SignJWT({
      scope: spec.kind,
      scopes: spec.scopes,
      org: spec.organizationId,
      tenant: tenantId,
      smith: smithId,
    })
      .setProtectedHeader({ alg: "RS256", kid: this.kid, typ: "JWT" })
      .setSubject(sub)
      .setJti(id)
      .setIssuer(ISSUER)
      .setIssuedAt(iat);
    if (exp !== null) jwt.setExpirationTime(exp);
    const prefix = TOKEN_HANDLE_PREFIXES[HANDLE_BY_KIND[spec.kind]];
    const token = prefix + (await jwt.sign(this.privateKey));
    return {
      token,
      row: {
        id,
        kind: spec.kind,
        organization_id: spec.organizationId,
        tenant_id: tenantId,
        smith_id: smithId,
        sub,
        scopes: JSON.stringify(spec.scopes),
        name: spec.name ?? null,
        prefix,
        created_at: now.toISOString(),
        expires_at: exp === null ? null : new Date(exp * 1000).toISOString(),
        revoked_at: null,
      },
    };
  }

  /** Stores a signed token's record (synchronous; call inside the request transaction). */
  insert(row: TokenRow): void {
    this.store
      .stmt(
        `INSERT INTO tokens (id, kind, organization_id, tenant_id, smith_id, sub, scopes, name, prefix, created_at, expires_at, revoked_at)
         VALUES (@id, @kind, @organization_id, @tenant_id, @smith_id, @sub, @scopes, @name, @prefix, @created_at, @expires_at, @revoked_at)`,
      )
      .run(row);
  }

  /**
   * Authenticates an `Authorization` header value. Every failure is `401 unauthenticated` with a
   * message that never repeats the token.
   */
  async authenticate(header: string | undefined): Promise<Principal> {
    if (!header) throw apiError("unauthenticated", "Missing bearer token (Authorization: Bearer <token>)");
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw apiError("unauthenticated", "Authorization header must be 'Bearer <token>'");
    const bearer = match[1]!;
    const claims = await this.verify(bearer);
    const row = this.store.stmt("SELECT * FROM tokens WHERE id = ?").get(claims.jti) as TokenRow | undefined;
    if (!row || row.kind !== claims.kind) throw apiError("unauthenticated", "Invalid bearer token");
    if (row.revoked_at !== null) throw apiError("unauthenticated", "Token has been revoked");
    if (row.expires_at !== null && Date.parse(row.expires_at) <= this.store.nowDate().getTime()) {
      throw apiError("unauthenticated", "Token has expired");
    }
    if (row.tenant_id !== null) {
      const project = this.store.stmt("SELECT archived_at FROM projects WHERE id = ?").get(row.tenant_id) as
        | { archived_at: string | null }
        | undefined;
      if (!project || project.archived_at !== null)
        throw apiError("unauthenticated", "Token's project is archived");
    }
    return {
      kind: row.kind,
      tokenId: row.id,
      sub: row.sub,
      organizationId: row.organization_id,
      tenantId: row.tenant_id,
      smithId: row.smith_id,
      scopes: JSON.parse(row.scopes) as string[],
    };
  }

  private async verify(bearer: string): Promise<{ jti: string; kind: TokenKind }> {
    const cached = this.verified.get(bearer);
    if (cached) return cached;
    const handle = tokenHandleKind(bearer);
    if (!handle) throw apiError("unauthenticated", "Invalid bearer token");
    const jwt = bearer.slice(TOKEN_HANDLE_PREFIXES[handle].length);
    let payload: { jti?: string; scope?: unknown };
    try {
      // Expiry is checked against the database row (same clock as the rest of the server), not here.
      ({ payload } = await jwtVerify(jwt, this.publicKey, {
        algorithms: ["RS256"],
        issuer: ISSUER,
        currentDate: new Date(0),
      }));
    } catch {
      throw apiError("unauthenticated", "Invalid bearer token");
    }
    const kind = KIND_BY_HANDLE[handle];
    if (typeof payload.jti !== "string" || payload.scope !== kind) {
      throw apiError("unauthenticated", "Invalid bearer token");
    }
    const claims = { jti: payload.jti, kind };
    // Bounded: a flood of distinct valid tokens just resets the cache.
    if (this.verified.size >= 10_000) this.verified.clear();
    this.verified.set(bearer, claims);
    return claims;
  }
}
