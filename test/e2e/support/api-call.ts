// One authenticated `/v1` call for tests, shared by the in-process and the separate-process local API
// helpers: the headers a real client sends, JSON in and out.
import { IC_API_VERSION } from "@ingram-tech/ingram-cloud-contract";

// biome-ignore lint/suspicious/noExplicitAny: tests poke into arbitrary JSON bodies
export type ApiResponse = { status: number; body: any };

export async function apiCall(
  baseUrl: string,
  token: string,
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<ApiResponse> {
  const res = await fetch(`${baseUrl}${urlPath}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      "ic-api-version": IC_API_VERSION,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
