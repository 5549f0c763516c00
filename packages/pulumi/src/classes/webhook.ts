import type * as pulumi from "@pulumi/pulumi";
import { type WebhookInputs, webhookLifecycle } from "../resources/webhook";
import { type ConnectionArgs, IcResource, type InputArgs } from "./base";

/** Arguments of {@link IcWebhook}; see each field. */
export interface IcWebhookArgs extends InputArgs<WebhookInputs>, ConnectionArgs {}

/**
 * A webhook endpoint. Its `whsec_…` signing secret, returned by the API exactly once, is the secret
 * output {@link secret}; it survives later updates and refreshes. Verify deliveries with `verifyWebhook`.
 * @example
 * const hook = new ic.IcWebhook("events", { ...conn, url: "https://acme.example.com/api/ic/events", events: ["run.completed"] });
 * export const webhookSigningSecret = hook.secret;
 */
export class IcWebhook extends IcResource {
  /** The endpoint id. @example "wh_8d1e…" */
  declare readonly webhookId: pulumi.Output<string>;
  /** The signing secret (`whsec_…`), a Pulumi secret. */
  declare readonly secret: pulumi.Output<string>;
  /** The receiver URL. */
  declare readonly url: pulumi.Output<string>;
  /** Subscribed event types or families (`[]` = all). */
  declare readonly events: pulumi.Output<string[]>;
  /** Whether deliveries are sent. */
  declare readonly active: pulumi.Output<boolean>;

  /**
   * @param name - Pulumi resource name.
   * @param args - see {@link IcWebhookArgs}.
   * @param opts - resource options.
   */
  constructor(name: string, args: IcWebhookArgs, opts?: pulumi.CustomResourceOptions) {
    super(webhookLifecycle, name, { ...args }, opts);
  }
}
