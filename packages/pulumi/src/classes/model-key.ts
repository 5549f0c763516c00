import type * as pulumi from "@pulumi/pulumi";
import { type ModelKeyInputs, modelKeyLifecycle } from "../resources/model-key";
import { type ConnectionArgs, IcResource, type InputArgs } from "./base";

/** Arguments of {@link IcModelKey}; see each field. */
export interface IcModelKeyArgs extends InputArgs<ModelKeyInputs>, ConnectionArgs {}

/**
 * A BYOK model key for one provider (the tenant's runs use it before any hosted key).
 * @example new ic.IcModelKey("anthropic", { ...conn, provider: "anthropic", apiKey });
 */
export class IcModelKey extends IcResource {
  /** The provider id. */
  declare readonly provider: pulumi.Output<string>;
  /** Whether the API holds a key for the provider. */
  declare readonly configured: pulumi.Output<boolean>;
  declare readonly providerBaseUrl: pulumi.Output<string | null | undefined>;
  declare readonly workspaceId: pulumi.Output<string | null | undefined>;

  /**
   * @param name - Pulumi resource name.
   * @param args - see {@link IcModelKeyArgs}.
   * @param opts - resource options.
   */
  constructor(name: string, args: IcModelKeyArgs, opts?: pulumi.CustomResourceOptions) {
    super(modelKeyLifecycle, name, { ...args }, opts);
  }
}
