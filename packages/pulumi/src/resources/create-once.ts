import { createHash, createHmac, randomUUID } from "node:crypto";
import { canonicalJson } from "@ingram-tech/ingram-cloud-contract";
import { isApiError } from "../client/errors";
import type { KeyedAnswer, Schema } from "../client/http";
import type { LifecycleContext, Props } from "./lifecycle";

/**
 * A create key chain longer than this (the same resource destroyed and declared again with the same
 * inputs this many times within the 24 h replay window) falls back to a random key.
 */
const MAX_GONE_REPLAYS = 10;

/** What {@link createOnce} sends and how it checks the object it gets back. */
export interface KeyedCreate<T extends { id: string }> {
  /** Create path, e.g. `/v1/tenant/webhooks`. */
  path: string;
  /** Request body: derived from the inputs only, so the same inputs send the same body. */
  body: unknown;
  /** Schema of the created object. */
  schema: Schema<T>;
  /** Whether the object still exists (the lifecycle's own read; one call). */
  exists(created: T): Promise<boolean>;
}

/**
 * The stable `Idempotency-Key` of one resource's create: the same resource (URN) creating with the same
 * inputs always sends the same key, in every run and every provider process. So a create whose answer
 * was lost (a `pulumi up` killed mid-request, a connection dropped after the last retry) is answered by
 * a replay on the next run, and the object is adopted instead of orphaned.
 *
 * An HMAC keyed by the bearer token rather than a plain hash: the inputs may hold a secret (a web
 * page's password), and a key can end up in access logs; without the token nobody can test guesses
 * against it. (Rotating the token between a killed run and its recovery forgoes the replay.)
 * @param identity - the resource's URN.
 * @param inputs - the lifecycle's inputs (credentials excluded).
 * @param token - the bearer token the create is sent with.
 */
export function stableCreateKey(identity: string, inputs: Props, token: string): string {
  const mac = createHmac("sha256", token).update(canonicalJson([identity, inputs]));
  return `pulumi-${mac.digest("base64url")}`;
}

/**
 * POSTs a create under `ctx.createKey` (see {@link stableCreateKey}; a random key when the host knows
 * no URN) and returns the created object. A key stable across runs can replay an answer that is stale
 * by now; both ways are handled here, so every lifecycle that creates with a POST gets them alike:
 * - a success that is (or may be) a replay names an object that may have been deleted since (destroy,
 *   then `up` again with the same inputs within the 24 h window). It is checked with `exists`; when it
 *   is gone, the create runs again under a key derived from the gone object's id: new, yet still the
 *   same in every run, so this create is protected too.
 * - a 4xx that is (or may be) a replay may have a cause that is gone by now (an agent created since).
 *   It is tried once more under a random key; a 4xx created nothing, so that cannot duplicate.
 * The local API marks every keyed answer (`Idempotent-Replayed: true|false`), so a fresh create costs
 * one call there; an API that does not mark them costs one existence check per create.
 */
export async function createOnce<T extends { id: string }>(
  ctx: LifecycleContext,
  request: KeyedCreate<T>,
): Promise<T> {
  const { client } = ctx;
  let key = ctx.createKey ?? randomUUID();
  let retriedClientError = false;
  for (let gone = 0; gone <= MAX_GONE_REPLAYS; ) {
    let answer: KeyedAnswer<T>;
    try {
      answer = await client.postKeyed(request.path, {
        body: request.body,
        schema: request.schema,
        idempotencyKey: key,
      });
    } catch (err) {
      const maybeStale = isApiError(err) && err.status < 500 && err.replayed !== false;
      if (!maybeStale || retriedClientError) throw err;
      retriedClientError = true;
      key = randomUUID();
      continue;
    }
    if (answer.replayed === false || (await request.exists(answer.value))) return answer.value;
    gone++;
    key = gone < MAX_GONE_REPLAYS ? `pulumi-${digest(`${key} ${answer.value.id}`)}` : randomUUID();
  }
  throw new Error(
    `POST ${request.path}: the API kept answering with objects that no longer exist; nothing was ` +
      "created. Run `pulumi up` again; if this persists, report it with the output of `pulumi up -v=9`.",
  );
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}
