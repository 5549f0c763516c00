import { z } from "zod";

/**
 * Every `error.code` the API can return: the 150-value enum of the spec's `Error` schema, in spec order
 * (alphabetical). Clients branch on `code`; `message` is for humans. The test suite checks this tuple
 * against openapi.json so drift is caught.
 */
export const ERROR_CODES = [
  "address_in_use",
  "address_required",
  "admin_required",
  "agent_exists",
  "agent_in_use",
  "agent_target_no_setup",
  "agent_unpublished",
  "auth_not_configured",
  "auth_required",
  "bad_inbound_secret",
  "bad_public_key",
  "bad_signature",
  "bad_webhook",
  "bad_webhook_secret",
  "bedrock_unconfigured",
  "broker_unavailable",
  "budget_exceeded",
  "budget_exists",
  "card_required",
  "catch_all_exists",
  "client_unavailable",
  "code_already_redeemed",
  "concurrency_limit_exceeded",
  "connect_failed",
  "conversation_locked",
  "conversation_not_found",
  "default_agent",
  "discovery_failed",
  "display_name_required",
  "email_send_failed",
  "email_unconfigured",
  "embedding_unavailable",
  "empty_application_id",
  "empty_bot_token",
  "empty_config",
  "empty_credentials",
  "empty_key",
  "empty_patch",
  "empty_token",
  "file_already_attached",
  "forbidden_target",
  "handle_unavailable",
  "idempotency_in_progress",
  "idempotency_key_reused",
  "insufficient_credits",
  "insufficient_scope",
  "internal_error",
  "invalid_action",
  "invalid_address",
  "invalid_amount",
  "invalid_approval_policy",
  "invalid_auth_kind",
  "invalid_bundle",
  "invalid_client_mode",
  "invalid_code",
  "invalid_cron",
  "invalid_cursor",
  "invalid_decision",
  "invalid_group_by",
  "invalid_input",
  "invalid_kind",
  "invalid_limit",
  "invalid_manifest_template",
  "invalid_meter",
  "invalid_name",
  "invalid_percent",
  "invalid_period",
  "invalid_quantity",
  "invalid_reasoning_effort",
  "invalid_request",
  "invalid_response_format",
  "invalid_return_url",
  "invalid_scope",
  "invalid_setup",
  "invalid_slug",
  "invalid_state",
  "invalid_threshold",
  "invalid_timezone",
  "invalid_token_scope",
  "invalid_tool_choice",
  "invalid_url",
  "invalid_variables",
  "mcp_no_setup",
  "minting_unavailable",
  "missing_signature",
  "model_key_missing",
  "model_request_failed",
  "name_required",
  "no_customer",
  "no_saved_card",
  "not_found",
  "nothing_to_update",
  "organization_required",
  "password_required",
  "payload_too_large",
  "permissions_required",
  "rate_limit_exceeded",
  "refresh_failed",
  "rename_unsupported",
  "replay_unsupported",
  "resume_failed",
  "run_cancelled",
  "run_failed",
  "run_not_paused",
  "schema_error",
  "scope_id_required",
  "secret_required",
  "service_overloaded",
  "session_mismatch",
  "session_not_found",
  "setup_unsupported",
  "skill_exists",
  "skill_in_use",
  "slack_api_error",
  "slack_app_cap_reached",
  "slack_app_unconfigured",
  "slack_factory_unconfigured",
  "slack_oauth_unconfigured",
  "smith_exists",
  "smith_mismatch",
  "smith_required",
  "smith_unresolved",
  "storage_unavailable",
  "stripe_error",
  "stripe_unconfigured",
  "structured_output_failed",
  "target_not_supported",
  "telegram_api_error",
  "telegram_bot_unconfigured",
  "tenant_token_required",
  "too_many_inputs",
  "tool_loop_failed",
  "unauthenticated",
  "unknown_catalog_entry",
  "unknown_provider",
  "unsupported",
  "unsupported_api_version",
  "unsupported_background",
  "unsupported_credential",
  "unsupported_policy_rule",
  "unsupported_tools",
  "url_required",
  "user_required",
  "verification_failed",
  "web_no_setup",
  "whatsapp_api_error",
  "whatsapp_subscribe_failed",
  "whatsapp_unconfigured",
  "whatsapp_validation_failed",
  "workspace_id_unsupported",
] as const;

/** One value of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The `error.type` categories. The spec leaves `type` free-form; the docs name these five OpenAI
 * categories. 404 and 409 deliberately reuse `invalid_request_error` (as OpenAI does) instead of
 * inventing `not_found_error` / `conflict_error`, so clients only ever see documented values.
 */
export const ERROR_TYPES = [
  "invalid_request_error",
  "authentication_error",
  "permission_error",
  "rate_limit_error",
  "api_error",
] as const;

/** One value of {@link ERROR_TYPES}. */
export type ErrorType = (typeof ERROR_TYPES)[number];

/** Zod schema of an error code (closed enum). */
export const ErrorCodeSchema = z.enum(ERROR_CODES);

/**
 * The OpenAI-style error envelope every non-2xx `/v1` response carries. `type` stays a plain string
 * (the spec does not close it); `code` must be a known code.
 */
export const ErrorEnvelope = z.object({
  error: z.object({
    message: z.string(),
    type: z.string(),
    param: z.string().nullable(),
    code: ErrorCodeSchema,
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** HTTP status and error type the API (and the local server) uses for a code. */
export interface ErrorDefault {
  /** HTTP status code. */
  status: number;
  /** `error.type` category. */
  type: ErrorType;
}

const invalid = (status: number): ErrorDefault => ({ status, type: "invalid_request_error" });
const auth: ErrorDefault = { status: 401, type: "authentication_error" };
const forbidden: ErrorDefault = { status: 403, type: "permission_error" };
const limited = (status: number): ErrorDefault => ({ status, type: "rate_limit_error" });
const server = (status: number): ErrorDefault => ({ status, type: "api_error" });

/**
 * Status and type per code for the codes the local server and the provider raise or branch on. The spec
 * maps no code to a status; entries follow the spec's shared response descriptions (400 malformed,
 * 401 auth, 403 scope, 404 missing, 409 conflict, 413 too large, 422 shape/domain, 502 discovery) and the
 * decisions listed in the package README where the spec is silent. Codes absent here fall back to
 * {@link defaultFor}.
 */
export const DEFAULT_STATUS = {
  // Malformed request (400).
  unsupported_api_version: invalid(400),
  invalid_cursor: invalid(400),
  invalid_limit: invalid(400),
  // Authentication (401).
  unauthenticated: auth,
  auth_required: auth,
  password_required: auth,
  // Authorization (403).
  insufficient_scope: forbidden,
  tenant_token_required: forbidden,
  organization_required: forbidden,
  admin_required: forbidden,
  smith_mismatch: forbidden,
  forbidden_target: forbidden,
  // Missing (404): other tenants' objects are simply not found.
  not_found: invalid(404),
  // Conflict (409).
  agent_exists: invalid(409),
  agent_in_use: invalid(409),
  default_agent: invalid(409),
  skill_exists: invalid(409),
  skill_in_use: invalid(409),
  smith_exists: invalid(409),
  address_in_use: invalid(409),
  catch_all_exists: invalid(409),
  idempotency_in_progress: invalid(409),
  // Too large (413).
  payload_too_large: invalid(413),
  // Shape or domain rule violated (422).
  invalid_request: invalid(422),
  invalid_input: invalid(422),
  idempotency_key_reused: invalid(422),
  invalid_slug: invalid(422),
  invalid_name: invalid(422),
  name_required: invalid(422),
  invalid_percent: invalid(422),
  agent_unpublished: invalid(422),
  rename_unsupported: invalid(422),
  invalid_variables: invalid(422),
  empty_patch: invalid(422),
  nothing_to_update: invalid(422),
  invalid_scope: invalid(422),
  invalid_token_scope: invalid(422),
  permissions_required: invalid(422),
  smith_required: invalid(422),
  scope_id_required: invalid(422),
  invalid_auth_kind: invalid(422),
  invalid_client_mode: invalid(422),
  unknown_catalog_entry: invalid(422),
  unknown_provider: invalid(422),
  url_required: invalid(422),
  invalid_url: invalid(422),
  secret_required: invalid(422),
  invalid_approval_policy: invalid(422),
  unsupported_policy_rule: invalid(422),
  auth_not_configured: invalid(422),
  empty_bot_token: invalid(422),
  telegram_api_error: invalid(422),
  empty_key: invalid(422),
  workspace_id_unsupported: invalid(422),
  model_key_missing: invalid(422),
  invalid_kind: invalid(422),
  address_required: invalid(422),
  agent_target_no_setup: invalid(422),
  web_no_setup: invalid(422),
  mcp_no_setup: invalid(422),
  setup_unsupported: invalid(422),
  invalid_setup: invalid(422),
  target_not_supported: invalid(422),
  // Payment (402) — run creation and model calls only.
  insufficient_credits: invalid(402),
  budget_exceeded: invalid(402),
  card_required: invalid(402),
  // Rate limiting (429) and overload (503).
  rate_limit_exceeded: limited(429),
  concurrency_limit_exceeded: limited(429),
  service_overloaded: server(503),
  // Server side.
  internal_error: server(500),
  discovery_failed: server(502),
} as const satisfies Partial<Record<ErrorCode, ErrorDefault>>;

/** The HTTP status/type category for a status code with no code-specific entry. */
export function errorTypeForStatus(status: number): ErrorType {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "api_error";
  return "invalid_request_error";
}

/**
 * Status and type for any code: the {@link DEFAULT_STATUS} entry, else 422 `invalid_request_error`
 * (the spec's catch-all for "request shape or domain rule violated").
 * @example defaultFor("agent_exists") // { status: 409, type: "invalid_request_error" }
 */
export function defaultFor(code: ErrorCode): ErrorDefault {
  const entry = (DEFAULT_STATUS as Partial<Record<ErrorCode, ErrorDefault>>)[code];
  return entry ?? invalid(422);
}

/**
 * Builds an error envelope whose `type` follows {@link defaultFor}.
 * @param code - the error code.
 * @param message - human-readable text; never put secrets in it.
 * @param param - the offending request field (e.g. `"percent"`, `"skills[0].version"`).
 * @default param null
 * @example errorEnvelope("invalid_percent", "percent must be 0..100", "percent")
 */
export function errorEnvelope(code: ErrorCode, message: string, param: string | null = null): ErrorEnvelope {
  return { error: { message, type: defaultFor(code).type, param, code } };
}

/**
 * Renders a zod issue path as the envelope's `param` (`skills[0].version`); `null` for the root.
 * @param path - the issue path from a zod error.
 */
export function paramFromPath(path: readonly PropertyKey[]): string | null {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? null : out;
}

/**
 * A typed API error: what the local server throws to answer with an envelope, and what a client raises
 * after reading one. The message never contains secrets.
 */
export class IcApiError extends Error {
  /** HTTP status. */
  readonly status: number;
  /** Machine-readable error code. */
  readonly code: ErrorCode;
  /** `error.type` category. */
  readonly type: string;
  /** Offending request field, or null. */
  readonly param: string | null;
  /** The `X-Request-Id` of the failed call, when known. */
  readonly requestId: string | undefined;
  /**
   * For a create sent with an `Idempotency-Key`: whether this answer replays an earlier request
   * (`Idempotent-Replayed`); undefined when the server did not say.
   */
  readonly replayed: boolean | undefined;

  /**
   * @param code - the error code.
   * @param message - human-readable text.
   * @param options - status/type override (default from {@link defaultFor}), param, request id, replay flag.
   */
  constructor(
    code: ErrorCode,
    message: string,
    options: {
      status?: number;
      type?: string;
      param?: string | null;
      requestId?: string;
      replayed?: boolean;
    } = {},
  ) {
    super(message);
    this.name = "IcApiError";
    const fallback = defaultFor(code);
    this.code = code;
    this.status = options.status ?? fallback.status;
    this.type = options.type ?? fallback.type;
    this.param = options.param ?? null;
    this.requestId = options.requestId;
    this.replayed = options.replayed;
  }

  /** The wire envelope for this error. */
  toEnvelope(): ErrorEnvelope {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}
