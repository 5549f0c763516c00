import type * as pulumi from "@pulumi/pulumi";
import { type ProjectInputs, projectLifecycle } from "../resources/project";
import { type ConnectionArgs, IcResource, type InputArgs } from "./base";

/** Arguments of {@link IcProject}; `token` must be an organization key. */
export interface IcProjectArgs extends InputArgs<ProjectInputs>, ConnectionArgs {}

/**
 * A project (= tenant) under your organization key; adopts a live project with the same name.
 * @example const project = new ic.IcProject("acme", { ...conn }); // adopt-by-name
 */
export class IcProject extends IcResource {
  /** The project id, which is also the tenant id its tokens are bound to. @example "prj_9a1c…" */
  declare readonly projectId: pulumi.Output<string>;
  /** The owning organization. */
  declare readonly organizationId: pulumi.Output<string>;
  /** The project name. */
  declare readonly projectName: pulumi.Output<string>;

  /**
   * @param name - Pulumi resource name; the default `projectName`.
   * @param args - see {@link IcProjectArgs}.
   * @param opts - resource options (`protect: true` is wise: a name change replaces the project).
   */
  constructor(name: string, args: IcProjectArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(projectLifecycle, name, { ...args }, opts);
  }
}
