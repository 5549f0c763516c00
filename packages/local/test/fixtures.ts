import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

/** A tool the fixture MCP server exposes. */
export interface FixtureTool {
  name: string;
  description?: string;
  destructive?: boolean;
}

/** A real MCP server (official SDK, Streamable HTTP, stateless) on 127.0.0.1. */
export interface McpFixture {
  url: string;
  /** Authorization headers seen, in order. */
  authorizations: (string | undefined)[];
  /** Replace the tool set (the next discovery sees it). */
  setTools(tools: FixtureTool[]): void;
  /** When set, requests without `Authorization: Bearer <token>` get 401. */
  requireBearer: string | null;
  close(): Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Starts an MCP server offering `tools` at `<url>` (path `/mcp`). */
export async function startMcpServer(
  tools: FixtureTool[],
  requireBearer: string | null = null,
): Promise<McpFixture> {
  let current = tools;
  const fixture: Partial<McpFixture> & { authorizations: (string | undefined)[] } = {
    authorizations: [],
    requireBearer,
  };
  const http = createHttpServer(async (req, res) => {
    fixture.authorizations.push(req.headers.authorization);
    if (fixture.requireBearer && req.headers.authorization !== `Bearer ${fixture.requireBearer}`) {
      res.writeHead(401, { "content-type": "application/json" }).end('{"error":"unauthorized"}');
      return;
    }
    // Stateless mode: a fresh server + transport per request, as the SDK documents.
    const mcp = new McpServer({ name: "fixture", version: "1.0.0" });
    for (const tool of current) {
      mcp.registerTool(
        tool.name,
        { description: tool.description, annotations: tool.destructive ? { destructiveHint: true } : {} },
        async () => ({ content: [{ type: "text", text: "ok" }] }),
      );
    }
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => {
      void transport.close();
      void mcp.close();
    });
    await mcp.connect(transport);
    await transport.handleRequest(req, res);
  });
  const base = await listen(http);
  return Object.assign(fixture, {
    url: `${base}/mcp`,
    setTools: (next: FixtureTool[]) => {
      current = next;
    },
    close: () => closeServer(http),
  }) as McpFixture;
}

/** One request a {@link Receiver} got. */
export interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}

/** A local HTTP endpoint recording webhook deliveries. */
export interface Receiver {
  url: string;
  received: Received[];
  /** Status to answer with (a function gets the 1-based request number). */
  respond: number | ((n: number) => number);
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** Starts a webhook receiver on 127.0.0.1 answering `respond` (200 by default). */
export async function startReceiver(respond: Receiver["respond"] = 200): Promise<Receiver> {
  const waiters: { count: number; resolve: () => void }[] = [];
  const receiver: Partial<Receiver> & { received: Received[]; respond: Receiver["respond"] } = {
    received: [],
    respond,
  };
  const http = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      receiver.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const n = receiver.received.length;
      const status = typeof receiver.respond === "function" ? receiver.respond(n) : receiver.respond;
      res.writeHead(status, { "content-type": "text/plain" }).end("ok");
      for (const w of waiters.filter((w) => n >= w.count)) w.resolve();
    });
  });
  const base = await listen(http);
  return Object.assign(receiver, {
    url: `${base}/hook`,
    waitFor(count: number, timeoutMs = 20_000) {
      if (receiver.received.length >= count) return Promise.resolve(receiver.received);
      return new Promise<Received[]>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`receiver got ${receiver.received.length}/${count} requests`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(receiver.received);
          },
        });
      });
    },
    close: () => closeServer(http),
  }) as Receiver;
}
