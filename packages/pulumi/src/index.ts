/**
 * @ingram-tech/pulumi-ingram-cloud: Ingram Cloud tenant configuration as Pulumi resources.
 * Resource classes are thin hosts over the lifecycles in ./resources (one file per resource).
 */
export { IC_API_VERSION, verifyWebhook, WebhookVerificationError } from "@ingram-tech/ingram-cloud-contract";
export { IcAgent, type IcAgentArgs } from "./classes/agent";
export type { ConnectionArgs } from "./classes/base";
export { IcWebhook, type IcWebhookArgs } from "./classes/webhook";
export { IcApiError, IcNetworkError } from "./client/errors";
export { type Connection, connectionFromConfig } from "./connection";
export type { AgentVariableInput } from "./resources/agent";
