import { ProjectListOut, ProjectOut } from "@ingram-tech/ingram-cloud-contract";
import { isNotFound } from "../client/errors";
import { firstMatch } from "../client/paginate";
import type { FieldSpec, Lifecycle } from "./lifecycle";
import { Checker } from "./validate";

/** Inputs of {@link projectLifecycle} (IcProject). The token must be an organization key. */
export interface ProjectInputs {
  /**
   * Project name, the adopt key: the first `up` adopts a live project with this exact name. The API
   * cannot rename a project, so a change REPLACES it (a new project; the old one is archived) —
   * consider `protect: true`.
   * @default the Pulumi resource name
   * @example "acme"
   */
  projectName?: string;
}

const fields: Record<keyof ProjectInputs, FieldSpec> = {
  projectName: { replaces: true, fromResourceName: (name) => name },
};

/**
 * IcProject: a project (= tenant) under the organization key. Create looks the name up first (the
 * `?name=` filter, paged) and adopts a live match; otherwise POSTs (which the API also documents as
 * create-or-adopt). Destroy archives. An archived project reads as gone.
 */
export const projectLifecycle: Lifecycle = {
  type: "IcProject",
  credential: "organization",
  fields,
  outputs: { projectId: {}, organizationId: {} },

  check(news) {
    const c = new Checker(news);
    c.onlyKeys(Object.keys(fields));
    c.string("projectName", {
      required: true,
      maxLength: 200,
      hint: "a project name, or omit it to use the resource name",
    });
    return { inputs: news, failures: c.failures };
  },

  async create({ client }, inputs) {
    const name = inputs.projectName as string;
    const existing = await firstMatch(
      client.list("/v1/organization/projects", ProjectListOut, { name }),
      (p) => p.name === name && p.archived_at === null,
    );
    const project =
      existing ?? (await client.post("/v1/organization/projects", { body: { name }, schema: ProjectOut }));
    return { id: project.id, outputs: { projectId: project.id, organizationId: project.organization } };
  },

  async read({ client }, id) {
    let project: ProjectOut;
    try {
      project = await client.get(`/v1/organization/projects/${id}`, { schema: ProjectOut });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    if (project.archived_at !== null) return undefined;
    return {
      inputs: { projectName: project.name },
      outputs: { projectId: project.id, organizationId: project.organization },
    };
  },

  async update() {
    // The only field replaces; credential-only changes never reach a lifecycle.
    return {};
  },

  async delete({ client }, id) {
    try {
      await client.delete(`/v1/organization/projects/${id}`);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  },
};
