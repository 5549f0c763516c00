import type { AddressInfo } from "node:net";
import { createServer } from "@ingram-tech/ingram-cloud-local";
import { IcClient } from "../../src/client/http";

/** An in-process local API on an ephemeral loopback port, with its first-start credentials. */
export interface LocalApi {
  baseUrl: string;
  tenantToken: string;
  orgKey: string;
  projectId: string;
  /** A client bound to the tenant token (for arranging state like a setup script would). */
  client: IcClient;
  /** `METHOD /template` → count, since the last reset. */
  counters(): Promise<Record<string, number>>;
  /** Counters of non-GET calls only: the API writes. */
  writes(): Promise<Record<string, number>>;
  resetCounters(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the local API in-process (in-memory SQLite); close it in `after`. */
export async function startLocalApi(): Promise<LocalApi> {
  const app = await createServer({ db: ":memory:" });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const creds = app.local.credentials;
  if (!creds) throw new Error("local API started without credentials");
  const counters = async () => {
    const res = await fetch(`${baseUrl}/_admin/counters`);
    const body = (await res.json()) as { counters: Record<string, { count: number }> };
    return Object.fromEntries(Object.entries(body.counters).map(([k, v]) => [k, v.count]));
  };
  return {
    baseUrl,
    tenantToken: creds.tenant_token,
    orgKey: creds.organization_key,
    projectId: creds.project_id,
    client: new IcClient({ baseUrl, token: creds.tenant_token }),
    counters,
    async writes() {
      return Object.fromEntries(Object.entries(await counters()).filter(([k]) => !k.startsWith("GET ")));
    },
    async resetCounters() {
      await fetch(`${baseUrl}/_admin/counters/reset`, { method: "POST" });
    },
    close: () => app.close(),
  };
}

/** Total of a counter map. */
export const total = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((a, b) => a + b, 0);
