import { IC_API_VERSION } from "@ingram-tech/ingram-cloud-contract";
import type { FastifyInstance } from "fastify";
import { type Credentials, createServer, type ServerOptions } from "../src";

/** A response as tests see it. */
export interface Res {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: tests poke into arbitrary JSON bodies
  body: any;
  text: string;
}

/** Options of one call. */
export interface CallOptions {
  /** Bearer token; null sends no Authorization header. @default the bootstrap tenant-admin token */
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw payload (sent as-is). */
  raw?: string | Buffer;
}

/** An in-process server with helpers. */
export interface TestServer {
  app: FastifyInstance;
  creds: Credentials;
  call(method: string, url: string, options?: CallOptions): Promise<Res>;
  /** A second project (tenant) of the same organization with its own tenant-admin token. */
  newTenant(name?: string): Promise<{ projectId: string; token: string }>;
  /** Mints a smith token on the bootstrap tenant. */
  smithToken(permissions?: string[]): Promise<string>;
  close(): Promise<void>;
}

/** Starts a server on `:memory:` (or the given options) for one test file. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const app = await createServer({ db: ":memory:", ...options });
  const creds = app.local.credentials!;
  const call = async (method: string, url: string, o: CallOptions = {}): Promise<Res> => {
    const token = o.token === undefined ? creds.tenant_token : o.token;
    const headers: Record<string, string> = { "ic-api-version": IC_API_VERSION, ...o.headers };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    for (const [k, v] of Object.entries(headers)) if (v === undefined) delete headers[k];
    let payload: string | Buffer | undefined = o.raw;
    if (o.body !== undefined) {
      payload = JSON.stringify(o.body);
      headers["content-type"] ??= "application/json";
    }
    const r = await app.inject({ method: method as "GET", url, headers, payload });
    let body: unknown;
    try {
      body = r.body === "" ? undefined : JSON.parse(r.body);
    } catch {
      body = undefined;
    }
    return { status: r.statusCode, headers: r.headers, body, text: r.body };
  };
  let tenants = 0;
  return {
    app,
    creds,
    call,
    async newTenant(name = `tenant-${++tenants}`) {
      const org = { token: creds.organization_key };
      const project = await call("POST", "/v1/organization/projects", { ...org, body: { name } });
      const minted = await call("POST", `/v1/organization/projects/${project.body.id}/tokens`, {
        ...org,
        body: {},
      });
      return { projectId: project.body.id as string, token: minted.body.token as string };
    },
    async smithToken(permissions = ["runs:read"]) {
      const r = await call("POST", "/v1/tenant/tokens", {
        body: { scope: "smith", smith_id: "smt_test1", permissions },
      });
      return r.body.token as string;
    },
    close: () => app.close(),
  };
}

/** A multipart/form-data body with a `file` part and a `metadata` JSON part. */
export function multipart(
  file: string | Buffer,
  metadata: unknown,
): { raw: Buffer; headers: Record<string, string> } {
  const boundary = "----ictestboundary";
  const parts = [
    `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n${JSON.stringify(metadata)}\r\n`,
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.html"\r\nContent-Type: text/html\r\n\r\n`,
  ];
  const raw = Buffer.concat([
    Buffer.from(parts.join("")),
    Buffer.from(file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { raw, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** Asserts the error envelope shape and returns the error object. */
export function envelope(res: Res): { message: string; type: string; param: string | null; code: string } {
  const e = res.body?.error;
  if (
    !e ||
    typeof e.message !== "string" ||
    typeof e.type !== "string" ||
    !("param" in e) ||
    typeof e.code !== "string"
  ) {
    throw new Error(`not an error envelope (status ${res.status}): ${res.text.slice(0, 200)}`);
  }
  if (Object.keys(res.body).length !== 1 || Object.keys(e).sort().join() !== "code,message,param,type") {
    throw new Error(`envelope has extra keys: ${res.text.slice(0, 200)}`);
  }
  return e;
}
