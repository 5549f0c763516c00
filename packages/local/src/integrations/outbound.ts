import { isIP } from "node:net";

/**
 * Parses an http(s) URL given by a tenant; null when it is not one (callers answer `invalid_url`).
 * @param raw - the URL as sent.
 */
export function parseHttpUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username !== "" || url.password !== "") return null; // credentials belong in auth, not the URL
  return url;
}

/** True for `localhost`, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
  return false;
}

/**
 * Why an outbound call to `url` must not be made, or null when it may. Non-loopback hosts are refused
 * unless `allowRemote` (the `allowRemoteOutbound` option): a local server must not reach the internet
 * on a tenant's say-so.
 */
export function outboundRefusal(url: URL, allowRemote: boolean): string | null {
  if (allowRemote || isLoopbackHost(url.hostname)) return null;
  return `outbound calls to non-loopback host '${url.hostname}' are disabled on this local server (allowRemoteOutbound / --allow-remote-outbound)`;
}

/**
 * A failure message safe to store and return: each secret is masked and the text is bounded.
 * @param message - the raw error text (may quote a server's response).
 * @param secrets - values that must never appear (bearer tokens).
 */
export function safeErrorText(message: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = message;
  for (const secret of secrets) if (secret) out = out.split(secret).join("***");
  return out.length > 500 ? `${out.slice(0, 497)}...` : out;
}
