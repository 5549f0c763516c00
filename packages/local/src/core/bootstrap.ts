import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { generateId, IC_API_VERSION } from "@ingram-tech/ingram-cloud-contract";
import type { TokenAuthority } from "./auth";
import type { Store } from "./store";

/**
 * The first-start credentials, written once to `<db>.credentials.json` (mode 0600) so scripts can use
 * them. Tokens are shown nowhere else: the database stores only their records.
 */
export interface Credentials {
  /** The pinned API version to send as `IC-Api-Version`. */
  api_version: string;
  /** The server's base URL when known at start (`publicBaseUrl`), else null. */
  base_url: string | null;
  /** The organization created on first start (`org_…`). */
  organization_id: string;
  /** Record id of the organization key (`tok_…`). */
  organization_key_id: string;
  /** The organization key (`tho_live_…`): reaches `/v1/organization/*` only. */
  organization_key: string;
  /** The default project = tenant (`prj_…`). */
  project_id: string;
  /** Record id of the tenant-admin token (`tok_…`). */
  tenant_token_id: string;
  /** A non-expiring tenant-admin token (`tha_live_…`) for the default project. */
  tenant_token: string;
  /** When they were created (ISO-8601). */
  created_at: string;
}

/** Where the credentials of a database file go; null for `:memory:`. */
export function credentialsPath(dbFile: string): string | null {
  return dbFile === ":memory:" || dbFile === "" ? null : `${dbFile}.credentials.json`;
}

/**
 * On an empty database: creates an organization, a default project, an organization key and a
 * tenant-admin token, writes the credentials file and returns them (`fresh: true`). On an existing
 * database: returns the credentials file's content if it is still there (`fresh: false`), else null.
 */
export async function bootstrap(
  store: Store,
  tokens: TokenAuthority,
  baseUrl: string | null,
): Promise<{ credentials: Credentials; fresh: boolean } | null> {
  const file = credentialsPath(store.file);
  if (store.stmt("SELECT 1 FROM organizations LIMIT 1").get()) {
    if (file && existsSync(file))
      return { credentials: JSON.parse(readFileSync(file, "utf8")) as Credentials, fresh: false };
    return null;
  }
  const now = store.now();
  const organizationId = generateId("organization");
  const projectId = generateId("project");
  const orgKey = await tokens.sign({
    kind: "organization",
    organizationId,
    scopes: ["organization:*"],
    name: "bootstrap organization key",
    ttlSeconds: null,
  });
  const tenantToken = await tokens.sign({
    kind: "admin",
    organizationId,
    tenantId: projectId,
    scopes: ["tenant:*"],
    name: "bootstrap tenant-admin token",
    ttlSeconds: null,
  });
  store.tx(() => {
    store
      .stmt("INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)")
      .run(organizationId, "Local organization", now);
    store
      .stmt(
        "INSERT INTO projects (id, organization_id, name, metadata, created_at) VALUES (?, ?, ?, '{}', ?)",
      )
      .run(projectId, organizationId, "default", now);
    tokens.insert(orgKey.row);
    tokens.insert(tenantToken.row);
  });
  const credentials: Credentials = {
    api_version: IC_API_VERSION,
    base_url: baseUrl,
    organization_id: organizationId,
    organization_key_id: orgKey.row.id,
    organization_key: orgKey.token,
    project_id: projectId,
    tenant_token_id: tenantToken.row.id,
    tenant_token: tenantToken.token,
    created_at: now,
  };
  if (file) {
    writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600); // mode is ignored when the file already existed
  }
  return { credentials, fresh: true };
}
