/**
 * @ingram-tech/pulumi-ingram-cloud: Ingram Cloud tenant configuration as Pulumi resources.
 * Resource classes (./classes) are thin hosts over the lifecycles in ./resources (one file per resource).
 */
export { IC_API_VERSION, verifyWebhook, WebhookVerificationError } from "@ingram-tech/ingram-cloud-contract";
export { IcAgent, type IcAgentArgs } from "./classes/agent";
export type { ConnectionArgs } from "./classes/base";
export { IcMcpServer, type IcMcpServerArgs } from "./classes/mcp-server";
export { IcModelKey, type IcModelKeyArgs } from "./classes/model-key";
export { IcProject, type IcProjectArgs } from "./classes/project";
export { IcProjectToken, type IcProjectTokenArgs } from "./classes/project-token";
export { IcTelegramBot, type IcTelegramBotArgs } from "./classes/telegram-bot";
export { IcWebPage, type IcWebPageArgs } from "./classes/web-page";
export { IcWebhook, type IcWebhookArgs } from "./classes/webhook";
export { IcApiError, IcNetworkError } from "./client/errors";
export { type Connection, connectionFromConfig } from "./connection";
export type { AgentVariableInput } from "./resources/agent";
export type { ApprovalRuleInput, McpAuthKindInput } from "./resources/mcp-server";
