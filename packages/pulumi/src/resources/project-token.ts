import { MAX_TTL_SECONDS, ProjectTokenOut, TokenListOut } from "@ingram-tech/ingram-cloud-contract";
import { isApiError, isNotFound } from "../client/errors";
import { firstMatch } from "../client/paginate";
import { createOnce } from "./create-once";
import type { FieldSpec, Lifecycle } from "./lifecycle";
import { Checker } from "./validate";

/** Inputs of {@link projectTokenLifecycle} (IcProjectToken). The token must be an organization key. */
export interface ProjectTokenInputs {
  /**
   * The project (= tenant) to mint for, usually `project.projectId`. A change re-mints.
   * @example "prj_9a1c…"
   */
  project: string;
  /**
   * Label of the token record. A change re-mints.
   * @default the Pulumi resource name
   * @example "acme-admin"
   */
  tokenName?: string;
  /**
   * Lifetime in seconds (1..315360000); omitted = never expires. A change re-mints.
   * @default null (no expiry)
   * @example 7776000
   */
  ttlSeconds?: number | null;
}

const fields: Record<keyof ProjectTokenInputs, FieldSpec> = {
  project: { replaces: true },
  tokenName: { replaces: true, fromResourceName: (name) => name },
  ttlSeconds: { replaces: true },
};

/**
 * IcProjectToken: mints a tenant-admin (`tenant:*`) token for a project with the organization key; the
 * token is the secret output `projectToken` (shown once by the API, kept in state encrypted). Every
 * input replaces, and replacement is create-before-delete: the new token exists before the old one is
 * revoked. Destroy revokes. Rotating the organization key changes credentials only: nothing re-mints.
 *
 * There is no GET for one project token, so read asks the API with the minted token itself
 * (`GET /v1/tenant/tokens`): a 401 or a revoked record means gone, and `up` mints a new one.
 */
export const projectTokenLifecycle: Lifecycle = {
  type: "IcProjectToken",
  credential: "organization",
  fields,
  outputs: { tokenId: {}, projectToken: { secret: true }, expiresAt: {} },

  check(news) {
    const c = new Checker(news);
    c.onlyKeys(Object.keys(fields));
    c.string("project", { required: true, hint: "the project id, e.g. `project.projectId` of an IcProject" });
    c.string("tokenName", { maxLength: 200 });
    c.integer("ttlSeconds", { min: 1, max: MAX_TTL_SECONDS });
    return { inputs: news, failures: c.failures };
  },

  async create(ctx, inputs) {
    const minted = await createOnce(ctx, {
      path: `/v1/organization/projects/${inputs.project}/tokens`,
      body: { name: inputs.tokenName ?? null, ttl_seconds: inputs.ttlSeconds ?? null },
      schema: ProjectTokenOut,
      exists: async (token) =>
        (await projectTokenLifecycle.read(ctx, token.id, { ...inputs, projectToken: token.token })) !==
        undefined,
    });
    return {
      id: minted.id,
      outputs: { tokenId: minted.id, projectToken: minted.token, expiresAt: minted.expires_at },
    };
  },

  async read({ client }, id, state) {
    if (state.project === undefined && state.projectToken === undefined) {
      // An import: the id alone cannot give back the token value, the only reason this resource exists.
      throw new Error(
        `IcProjectToken cannot be imported (${id}): the API shows a token's value only once, when it is ` +
          "minted, so an imported token would have no `projectToken`. Declare a new IcProjectToken instead " +
          "(and revoke the old token once nothing uses it).",
      );
    }
    const token = state.projectToken;
    if (typeof token !== "string" || token === "") return { inputs: {}, outputs: {} };
    try {
      const record = await firstMatch(
        client.withToken(token).list("/v1/tenant/tokens", TokenListOut),
        (t) => t.id === id,
      );
      if (!record || record.revoked_at !== null) return undefined;
      return { inputs: {}, outputs: { tokenId: record.id, expiresAt: record.expires_at } };
    } catch (err) {
      // The token itself no longer authenticates: revoked, expired, or its project archived.
      if (isApiError(err, 401)) return undefined;
      throw err;
    }
  },

  async update() {
    // Every field replaces; credential-only changes never reach a lifecycle.
    return {};
  },

  async delete({ client }, id, state) {
    try {
      await client.delete(`/v1/organization/projects/${state.project}/tokens/${id}`);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  },
};
