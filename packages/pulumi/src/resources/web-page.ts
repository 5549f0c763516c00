import { DeploymentCreatedOut, DeploymentOut } from "@ingram-tech/ingram-cloud-contract";
import { isNotFound } from "../client/errors";
import { createOnce } from "./create-once";
import type { FieldSpec, Lifecycle } from "./lifecycle";
import { Checker } from "./validate";

/** Inputs of {@link webPageLifecycle} (IcWebPage). */
export interface WebPageInputs {
  /**
   * The agent the page chats with (it must have a published version), usually `agent.agentId`.
   * @example "agt_3f9c…"
   */
  agentId: string;
  /**
   * Page title.
   * @default null (the API's default title)
   * @example "Acme support"
   */
  title?: string | null;
  /**
   * First message visitors see.
   * @default null
   * @example "Hi! How can we help?"
   */
  greeting?: string | null;
  /**
   * Optional visitor password: write-only, stored encrypted in state.
   * @default null (open page; the unguessable URL is the boundary)
   */
  password?: string | null;
}

/** The API cannot edit a web page after creation (PATCH covers neither), so every field replaces. */
const fields: Record<keyof WebPageInputs, FieldSpec> = {
  agentId: { replaces: true },
  title: { replaces: true },
  greeting: { replaces: true },
  password: { replaces: true, secret: true, writeOnly: true },
};

const pageOutputs = (d: DeploymentOut) => ({
  deploymentId: d.id,
  pageUrl: d.page_url ?? null,
  status: d.status,
});
const metadata = (d: DeploymentOut) =>
  (d.provider_metadata ?? {}) as { title?: string | null; greeting?: string | null };

/**
 * IcWebPage: a hosted chat page, i.e. a `web` deployment targeting an agent (`POST /v1/deployments`).
 * Any change replaces it (new `dep_` id and `pageUrl`); destroy deletes the deployment.
 */
export const webPageLifecycle: Lifecycle = {
  type: "IcWebPage",
  fields,
  outputs: { deploymentId: {}, pageUrl: {}, status: {} },

  check(news) {
    const c = new Checker(news);
    c.onlyKeys(Object.keys(fields));
    c.string("agentId", { required: true, hint: "the agent id, e.g. `agent.agentId` of an IcAgent" });
    c.string("title", { maxLength: 200 });
    c.string("greeting", { maxLength: 2000 });
    c.string("password");
    return { inputs: news, failures: c.failures };
  },

  async create(ctx, inputs) {
    const created = await createOnce(ctx, {
      path: "/v1/deployments",
      body: {
        kind: "web",
        target: { type: "agent", id: inputs.agentId },
        provider_metadata: { title: inputs.title ?? undefined, greeting: inputs.greeting ?? undefined },
        secrets: inputs.password ? { password: inputs.password } : undefined,
      },
      schema: DeploymentCreatedOut,
      exists: async (page) => (await webPageLifecycle.read(ctx, page.id, {})) !== undefined,
    });
    return { id: created.id, outputs: pageOutputs(created) };
  },

  async read({ client }, id) {
    let deployment: DeploymentOut;
    try {
      deployment = await client.get(`/v1/deployments/${id}`, { schema: DeploymentOut });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    const meta = metadata(deployment);
    return {
      inputs: { agentId: deployment.target.id, title: meta.title ?? null, greeting: meta.greeting ?? null },
      outputs: pageOutputs(deployment),
    };
  },

  async update() {
    // Every field replaces; credential-only changes never reach a lifecycle.
    return {};
  },

  async delete({ client }, id) {
    try {
      await client.delete(`/v1/deployments/${id}`);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  },
};
