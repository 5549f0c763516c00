import { randomUUID } from "node:crypto";
import {
  API_VERSION_HEADER,
  IC_API_VERSION,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  REQUEST_ID_HEADER,
} from "@ingram-tech/ingram-cloud-contract";
import { apiErrorFrom, IcNetworkError } from "./errors";
import { type CursorPage, paginate } from "./paginate";
import { redact } from "./redact";
import {
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
  retryDelayMs,
} from "./retry";

/** Anything with zod's `parse` (the contract's schemas). Kept structural so the client needs no zod import. */
export interface Schema<T> {
  parse(value: unknown): T;
}

/** Construction options of {@link IcClient}. */
export interface IcClientOptions {
  /** API origin. @example "https://api.cloud.ingram.tech" */
  baseUrl: string;
  /** Bearer token (tenant-admin or organization key). Never logged. */
  token: string;
  /** Per-attempt timeout in ms. @default 30000 */
  timeoutMs?: number;
  /** Retry tunables; see {@link RetryPolicy}. */
  retry?: Partial<RetryPolicy>;
  /** Extra values to scrub from error messages (a resource's secret inputs). */
  secrets?: readonly (string | undefined)[];
  /** Observer called once per HTTP attempt (tests, debug logging). Receives no headers or bodies. */
  onAttempt?: (attempt: AttemptInfo) => void;
  /** Injected for tests. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Injected for tests. @default setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests (jitter). @default Math.random */
  random?: () => number;
}

/** What {@link IcClientOptions.onAttempt} sees. */
export interface AttemptInfo {
  method: string;
  path: string;
  attempt: number;
  /** HTTP status, or undefined for a network error / timeout. */
  status: number | undefined;
}

/** Options of one call. */
export interface RequestOptions<T> {
  /** Query parameters; undefined values are skipped. */
  query?: Record<string, string | number | undefined>;
  /** JSON body. */
  body?: unknown;
  /** Response schema; the parsed value is returned. Without it the raw JSON is returned. */
  schema?: Schema<T>;
  /**
   * `Idempotency-Key` for this operation. POSTs always carry one: when omitted a random key is made
   * once per call and reused by every retry of that call, so a retried create replays instead of
   * duplicating.
   */
  idempotencyKey?: string;
}

/** A keyed create's answer, and whether it replays an earlier request with the same key. */
export interface KeyedAnswer<T> {
  value: T;
  /** The server's `Idempotent-Replayed` answer; undefined when it sent none (it may be a replay). */
  replayed: boolean | undefined;
}

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "PATCH", "DELETE"]);
const DEFAULT_TIMEOUT_MS = 30_000;
/** Page size for every paged list (the spec sets no bound; 100 keeps responses small). */
export const PAGE_LIMIT = 100;

/**
 * The one HTTP client of the provider: bearer auth, the pinned `IC-Api-Version`, per-attempt timeouts,
 * retries (429, 408, 5xx, network errors; capped exponential backoff with jitter; `Retry-After`
 * honoured), idempotency keys on creates, typed errors with secrets scrubbed, and one pager.
 */
export class IcClient {
  readonly baseUrl: string;
  readonly #token: string;
  readonly #timeoutMs: number;
  readonly #policy: RetryPolicy;
  readonly #secrets: readonly (string | undefined)[];
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;
  readonly #onAttempt: ((a: AttemptInfo) => void) | undefined;

  /** @param options - see {@link IcClientOptions}. */
  constructor(options: IcClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#token = options.token;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#secrets = [options.token, ...(options.secrets ?? [])];
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#random = options.random ?? Math.random;
    this.#onAttempt = options.onAttempt;
  }

  /** A client for the same API with another bearer token (e.g. a freshly minted project token). */
  withToken(token: string): IcClient {
    return new IcClient({
      baseUrl: this.baseUrl,
      token,
      timeoutMs: this.#timeoutMs,
      retry: this.#policy,
      secrets: this.#secrets,
      onAttempt: this.#onAttempt,
      fetch: this.#fetch,
      sleep: this.#sleep,
      random: this.#random,
    });
  }

  /** GET `path`. */
  get<T>(path: string, options: RequestOptions<T> = {}): Promise<T> {
    return this.request("GET", path, options);
  }
  /** POST `path` (always with an `Idempotency-Key`). */
  post<T>(path: string, options: RequestOptions<T> = {}): Promise<T> {
    return this.request("POST", path, options);
  }
  /**
   * POST a create under the caller's `Idempotency-Key`, saying whether the answer is a replay. A 4xx
   * throws an {@link IcApiError} whose `replayed` says the same.
   */
  postKeyed<T>(
    path: string,
    options: RequestOptions<T> & { idempotencyKey: string },
  ): Promise<KeyedAnswer<T>> {
    return this.#send("POST", path, options);
  }
  /** PUT `path`. */
  put<T>(path: string, options: RequestOptions<T> = {}): Promise<T> {
    return this.request("PUT", path, options);
  }
  /** PATCH `path`. */
  patch<T>(path: string, options: RequestOptions<T> = {}): Promise<T> {
    return this.request("PATCH", path, options);
  }
  /** DELETE `path`. */
  delete(path: string): Promise<void> {
    return this.request<void>("DELETE", path, {});
  }

  /**
   * Every item of a cursor-paged list, fetched page by page as the caller iterates.
   * @param path - list path, e.g. `/v1/agents`.
   * @param pageSchema - schema of one page (`cursorPage(Item)` from the contract).
   * @param query - extra filters (e.g. `{ name }`).
   */
  list<T>(
    path: string,
    pageSchema: Schema<CursorPage<T>>,
    query: Record<string, string | undefined> = {},
  ): AsyncGenerator<T, void, undefined> {
    return paginate((cursor) =>
      this.get(path, { schema: pageSchema, query: { ...query, limit: PAGE_LIMIT, cursor } }),
    );
  }

  /** One API call with retries; returns the parsed JSON body (undefined for 204). */
  async request<T>(method: string, path: string, options: RequestOptions<T>): Promise<T> {
    return (await this.#send(method, path, options)).value;
  }

  async #send<T>(method: string, path: string, options: RequestOptions<T>): Promise<KeyedAnswer<T>> {
    const url = this.#url(path, options.query);
    const idempotencyKey =
      method === "POST" ? (options.idempotencyKey ?? randomUUID()) : options.idempotencyKey;
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.#token}`,
      [API_VERSION_HEADER]: IC_API_VERSION,
      Accept: "application/json",
    };
    if (idempotencyKey) headers[IDEMPOTENCY_KEY_HEADER] = idempotencyKey;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    // A POST is only safe to repeat because it carries a key the server deduplicates on.
    const repeatable = IDEMPOTENT_METHODS.has(method) || idempotencyKey !== undefined;

    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < this.#policy.maxRetries;
      const deadline = attemptDeadline(this.#timeoutMs);
      let res: Response;
      let parsed: unknown;
      try {
        res = await this.#fetch(url, { method, headers, body, signal: deadline.signal });
        // The body is read under the same deadline; a connection lost mid-body is a network error.
        parsed = await readJson(res);
      } catch (err) {
        this.#onAttempt?.({ method, path, attempt, status: undefined });
        const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
        if (repeatable && canRetry) {
          await this.#sleep(retryDelayMs(attempt, undefined, this.#policy, this.#random) ?? 0);
          continue;
        }
        const cause = timedOut ? `timed out after ${this.#timeoutMs} ms` : describeNetworkError(err);
        throw new IcNetworkError(
          redact(
            `Ingram Cloud ${method} ${path} failed: ${cause} (after ${attempt + 1} attempts)`,
            this.#secrets,
          ),
          timedOut,
        );
      } finally {
        deadline.clear();
      }
      this.#onAttempt?.({ method, path, attempt, status: res.status });
      const replayedHeader = res.headers.get(IDEMPOTENT_REPLAYED_HEADER);
      const replayed = replayedHeader === null ? undefined : replayedHeader === "true";
      if (res.ok) return { value: this.#parse(method, path, parsed, options.schema), replayed };

      const error = apiErrorFrom({
        method,
        path,
        status: res.status,
        body: parsed,
        requestId: res.headers.get(REQUEST_ID_HEADER) ?? undefined,
        replayed,
        secrets: this.#secrets,
      });
      // 429 means "not processed", so even a keyless POST may repeat it.
      const retryable = isRetryableStatus(res.status, error.code) && (repeatable || res.status === 429);
      if (retryable && canRetry) {
        const hinted = parseRetryAfter(res.headers.get("retry-after"), res.headers.get("retry-after-ms"));
        const delay = retryDelayMs(attempt, hinted, this.#policy, this.#random);
        if (delay !== undefined) {
          await this.#sleep(delay);
          continue;
        }
      }
      throw error;
    }
  }

  #url(path: string, query: RequestOptions<unknown>["query"]): string {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  #parse<T>(method: string, path: string, value: unknown, schema: Schema<T> | undefined): T {
    if (!schema || value === undefined) return value as T;
    try {
      return schema.parse(value);
    } catch (err) {
      const detail = err instanceof Error ? err.message.slice(0, 500) : String(err);
      throw new Error(
        redact(
          `Ingram Cloud ${method} ${path}: response does not match the API contract: ${detail}`,
          this.#secrets,
        ),
      );
    }
  }
}

/**
 * The per-attempt timeout. Not `AbortSignal.timeout`: its timer is unref'd, so a process with nothing
 * else pending (a script, a test) would exit in the middle of a hung call instead of timing it out.
 */
function attemptDeadline(ms: number): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`timed out after ${ms} ms`, "TimeoutError")),
    ms,
  );
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { error: { message: `non-JSON response (${text.length} bytes)` } };
  }
}

function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ? `${err.message} (${cause.code})` : err.message;
}
