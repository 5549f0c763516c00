/**
 * `@ingram-tech/pulumi-ingram-cloud/native`: the same classes, arguments and outputs as the package root,
 * registered as real provider resources (`ingram-cloud:index:<Name>`) run by the native plugin
 * `pulumi-resource-ingram-cloud` instead of as dynamic resources. Opt in by changing the import:
 *
 *   import * as ic from "@ingram-tech/pulumi-ingram-cloud/native";
 *
 * The plugin must be installed (`pulumi plugin install resource ingram-cloud …`) or declared under
 * `plugins.providers` in Pulumi.yaml; see the README's "Native plugin" section, also for moving an
 * existing stack between the two without recreating anything.
 *
 * Name-derived defaults (an agent's `slug`, …) are filled in by the plugin's check, which sees the
 * resource name, so every language gets them alike.
 */
import * as pulumi from "@pulumi/pulumi";
import { registration } from "../classes/base";
import type * as dynamic from "../index";
import { lifecycleFor } from "../resources/registry";
import { dynamicTypeToken, typeToken } from "./token";

export {
  type AgentVariableInput,
  type ApprovalRuleInput,
  type Connection,
  type ConnectionArgs,
  connectionFromConfig,
  IC_API_VERSION,
  type IcAgentArgs,
  IcApiError,
  type IcMcpServerArgs,
  type IcModelKeyArgs,
  IcNetworkError,
  type IcProjectArgs,
  type IcProjectTokenArgs,
  type IcTelegramBotArgs,
  type IcWebhookArgs,
  type IcWebPageArgs,
  type McpAuthKindInput,
  verifyWebhook,
  WebhookVerificationError,
} from "../index";

type AnyResourceClass = abstract new (
  name: string,
  // biome-ignore lint/suspicious/noExplicitAny: matches any class's args type
  args: any,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.CustomResource;

/** An instance of the native twin of dynamic class `C`: its outputs, on a plain CustomResource. */
export type NativeInstance<C extends AnyResourceClass> = Omit<
  InstanceType<C>,
  keyof pulumi.dynamic.Resource
> &
  pulumi.CustomResource;

/** The native twin of dynamic class `C`: the same constructor signature. */
export type NativeClass<C extends AnyResourceClass> = new (
  ...args: ConstructorParameters<C>
) => NativeInstance<C>;

/** Builds the native class of a registered resource type. */
function nativeClass<C extends AnyResourceClass>(type: string): NativeClass<C> {
  const lifecycle = lifecycleFor(type);
  const cls = class extends pulumi.CustomResource {
    constructor(name: string, args: Record<string, unknown> = {}, opts?: pulumi.CustomResourceOptions) {
      const reg = registration(lifecycle, args, opts);
      // Moving a stack from the dynamic classes: the same name under the dynamic type is this resource.
      // The engine then lets this provider diff it (the Node provider servers answer DiffConfig
      // UNIMPLEMENTED, so the provider change alone never replaces); equal inputs are no change.
      const aliases = [...(reg.opts.aliases ?? []), { type: dynamicTypeToken(type) }];
      super(typeToken(type), name, reg.props, { ...reg.opts, aliases });
    }
  };
  Object.defineProperty(cls, "name", { value: type });
  return cls as unknown as NativeClass<C>;
}

/** Native {@link dynamic.IcAgent}: `ingram-cloud:index:IcAgent`. */
export const IcAgent = nativeClass<typeof dynamic.IcAgent>("IcAgent");
export type IcAgent = NativeInstance<typeof dynamic.IcAgent>;
/** Native {@link dynamic.IcMcpServer}: `ingram-cloud:index:IcMcpServer`. */
export const IcMcpServer = nativeClass<typeof dynamic.IcMcpServer>("IcMcpServer");
export type IcMcpServer = NativeInstance<typeof dynamic.IcMcpServer>;
/** Native {@link dynamic.IcTelegramBot}: `ingram-cloud:index:IcTelegramBot`. */
export const IcTelegramBot = nativeClass<typeof dynamic.IcTelegramBot>("IcTelegramBot");
export type IcTelegramBot = NativeInstance<typeof dynamic.IcTelegramBot>;
/** Native {@link dynamic.IcWebhook}: `ingram-cloud:index:IcWebhook`. */
export const IcWebhook = nativeClass<typeof dynamic.IcWebhook>("IcWebhook");
export type IcWebhook = NativeInstance<typeof dynamic.IcWebhook>;
/** Native {@link dynamic.IcModelKey}: `ingram-cloud:index:IcModelKey`. */
export const IcModelKey = nativeClass<typeof dynamic.IcModelKey>("IcModelKey");
export type IcModelKey = NativeInstance<typeof dynamic.IcModelKey>;
/** Native {@link dynamic.IcProject}: `ingram-cloud:index:IcProject`. */
export const IcProject = nativeClass<typeof dynamic.IcProject>("IcProject");
export type IcProject = NativeInstance<typeof dynamic.IcProject>;
/** Native {@link dynamic.IcProjectToken}: `ingram-cloud:index:IcProjectToken`. */
export const IcProjectToken = nativeClass<typeof dynamic.IcProjectToken>("IcProjectToken");
export type IcProjectToken = NativeInstance<typeof dynamic.IcProjectToken>;
/** Native {@link dynamic.IcWebPage}: `ingram-cloud:index:IcWebPage`. */
export const IcWebPage = nativeClass<typeof dynamic.IcWebPage>("IcWebPage");
export type IcWebPage = NativeInstance<typeof dynamic.IcWebPage>;
