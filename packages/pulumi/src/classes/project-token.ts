import type * as pulumi from "@pulumi/pulumi";
import { type ProjectTokenInputs, projectTokenLifecycle } from "../resources/project-token";
import { type ConnectionArgs, IcResource, type InputArgs } from "./base";

/** Arguments of {@link IcProjectToken}; `token` must be an organization key. */
export interface IcProjectTokenArgs extends InputArgs<ProjectTokenInputs>, ConnectionArgs {}

/**
 * A tenant-admin token minted for a project; {@link projectToken} is a secret output. Re-mints on any
 * change of its own inputs (new token first, then the old one revoked); destroy revokes.
 * @example
 * const icToken = new ic.IcProjectToken("acme-admin", { ...conn, project: project.projectId });
 * export const acmeToken = icToken.projectToken;
 */
export class IcProjectToken extends IcResource {
  /** The minted tenant token (`tha_live_…`), a Pulumi secret. */
  declare readonly projectToken: pulumi.Output<string>;
  /** The token record id (`tok_…`). */
  declare readonly tokenId: pulumi.Output<string>;
  /** Expiry (ISO-8601), or null when it never expires. */
  declare readonly expiresAt: pulumi.Output<string | null>;
  /** The project it was minted for. */
  declare readonly project: pulumi.Output<string>;

  /**
   * @param name - Pulumi resource name; the default `tokenName`.
   * @param args - see {@link IcProjectTokenArgs}.
   * @param opts - resource options.
   */
  constructor(name: string, args: IcProjectTokenArgs, opts?: pulumi.CustomResourceOptions) {
    super(projectTokenLifecycle, name, { ...args }, opts);
  }
}
