import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { outboundRefusal, parseHttpUrl, safeErrorText } from "./outbound";

/** A tool as discovered, before the tenant's allow-list and approval policy are applied. */
export interface DiscoveredTool {
  name: string;
  description: string | null;
  /** The server's explicit `destructiveHint: true` annotation. */
  destructive: boolean;
}

/** The outcome of one discovery: the tools, or why there are none. */
export type DiscoveryResult = { ok: true; tools: DiscoveredTool[] } | { ok: false; error: string };

/** What to probe. */
export interface DiscoveryTarget {
  /** The server's Streamable HTTP endpoint. */
  url: string;
  /** Sent as `Authorization: Bearer <secret>` (auth kind `bearer`); null sends no credentials. */
  bearer: string | null;
  /** Overall budget for connect + `tools/list` (all pages), in milliseconds. */
  timeoutMs: number;
  /** Allow non-loopback hosts. */
  allowRemote: boolean;
}

const MAX_PAGES = 20;

/**
 * Connects to an MCP server over Streamable HTTP with the official SDK client, runs `initialize` and
 * `tools/list` (following `nextCursor`), and closes the session. Never throws: a failure is returned as
 * a message safe to store (the bearer secret is masked).
 */
export async function discoverTools(target: DiscoveryTarget): Promise<DiscoveryResult> {
  const url = parseHttpUrl(target.url);
  if (!url) return { ok: false, error: "url is not an http(s) URL" };
  const refusal = outboundRefusal(url, target.allowRemote);
  if (refusal) return { ok: false, error: refusal };

  const headers: Record<string, string> = target.bearer ? { Authorization: `Bearer ${target.bearer}` } : {};
  const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers } });
  const client = new Client({ name: "ingram-cloud-local", version: "0.1.0" }, { capabilities: {} });
  const deadline = AbortSignal.timeout(target.timeoutMs);
  const started = Date.now();
  const options = () => ({
    signal: deadline,
    timeout: Math.max(1, target.timeoutMs - (Date.now() - started)),
  });
  try {
    await client.connect(transport, options());
    const tools: DiscoveredTool[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await client.listTools(cursor === undefined ? {} : { cursor }, options());
      for (const tool of result.tools) {
        tools.push({
          name: tool.name,
          description: tool.description ?? null,
          destructive: tool.annotations?.destructiveHint === true,
        });
      }
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return { ok: true, tools };
  } catch (err) {
    const reason = deadline.aborted ? `timed out after ${target.timeoutMs} ms` : describe(err);
    return { ok: false, error: safeErrorText(`MCP discovery failed: ${reason}`, [target.bearer]) };
  } finally {
    await client.close().catch(() => undefined);
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  const detail =
    cause instanceof Error && cause.message && !err.message.includes(cause.message)
      ? ` (${cause.message})`
      : "";
  return `${err.message}${detail}`;
}
