import type * as pulumi from "@pulumi/pulumi";
import { type WebPageInputs, webPageLifecycle } from "../resources/web-page";
import { type ConnectionArgs, IcResource, type InputArgs } from "./base";

/** Arguments of {@link IcWebPage}; see each field. */
export interface IcWebPageArgs extends InputArgs<WebPageInputs>, ConnectionArgs {}

/**
 * A hosted chat page for an agent (a `web` deployment). Any change replaces it with a new URL.
 * @example
 * const page = new ic.IcWebPage("support-page", { ...conn, agentId: support.agentId, title: "Acme support" });
 * export const supportPageUrl = page.pageUrl;
 */
export class IcWebPage extends IcResource {
  /** The public page URL. */
  declare readonly pageUrl: pulumi.Output<string>;
  /** The deployment id (`dep_…`). */
  declare readonly deploymentId: pulumi.Output<string>;
  /** Deployment status. */
  declare readonly status: pulumi.Output<string>;

  /**
   * @param name - Pulumi resource name.
   * @param args - see {@link IcWebPageArgs}.
   * @param opts - resource options.
   */
  constructor(name: string, args: IcWebPageArgs, opts?: pulumi.CustomResourceOptions) {
    super(webPageLifecycle, name, { ...args }, opts);
  }
}
