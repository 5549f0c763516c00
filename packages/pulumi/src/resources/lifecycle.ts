import type { IcClient } from "../client/http";

/**
 * The host-neutral shape of one resource's lifecycle. Each `src/resources/<name>.ts` exports one of
 * these; nothing here depends on the Pulumi runtime, so the dynamic host (src/dynamic) and a future
 * native plugin host the same code.
 *
 * Props are plain JSON objects: the checked inputs (camelCase, as the user wrote them) plus, for
 * outputs, the computed values. Credentials (`baseUrl`, `token`) are handled by the host and never
 * reach a lifecycle.
 */
export type Props = Record<string, unknown>;

/** One validation failure; `property` is the input name, `reason` says what is wrong and how to fix it. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** How one input field behaves. */
export interface FieldSpec {
  /** A change replaces the resource (the API cannot change it in place). */
  replaces?: boolean;
  /** A secret input: wrapped as a Pulumi secret by the class, scrubbed from errors. */
  secret?: boolean;
  /** The API never returns it: `read` carries it forward from state. */
  writeOnly?: boolean;
  /**
   * Left out of the program → Pulumi does not manage it: no diff, no drift, the live value stays.
   * Without this flag an omitted field means "the API default" and is compared as such.
   */
  unmanagedWhenOmitted?: boolean;
  /** Canonical form for comparison (e.g. a set compared regardless of order). */
  canonical?: (value: unknown) => unknown;
  /**
   * Default when the program leaves the field out, derived from the Pulumi resource name. Applied by
   * the hosts (the dynamic classes, the native provider's check), since a lifecycle never sees names.
   */
  fromResourceName?: (resourceName: string) => string;
}

/** How one computed output behaves. */
export interface OutputSpec {
  /** Secret output under a key that is not an input: needs `additionalSecretOutputs`. */
  secret?: boolean;
}

/** What every lifecycle call gets besides its props. */
export interface LifecycleContext {
  /** Client bound to the resolved credentials. */
  client: IcClient;
  /**
   * For `create`: the `Idempotency-Key` that stays the same for this resource and these inputs in every
   * run (see `stableCreateKey`); undefined when the host knows no URN. Used through `createOnce`.
   */
  createKey?: string;
}

/** Result of a successful read: the live inputs and the computed outputs. */
export interface ReadOutcome {
  /** Live values of the input fields (write-only ones may be omitted: the host carries them forward). */
  inputs: Props;
  /** Computed outputs. */
  outputs: Props;
}

/** One resource's lifecycle. */
export interface Lifecycle {
  /** Type name, also the dynamic type token's last part (`pulumi-nodejs:dynamic/ingram-cloud:<type>`). */
  readonly type: string;
  /** Input fields (credentials excluded). */
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Computed outputs (keys that are not inputs). */
  readonly outputs: Readonly<Record<string, OutputSpec>>;
  /**
   * The kind of bearer token the API needs for this resource: a tenant-admin token (`tha_live_…`) or
   * the organization key (projects and project tokens). The host rejects a token of the wrong kind at
   * preview when its shape tells, and explains the API's 403 otherwise.
   * @default "tenant"
   */
  readonly credential?: "tenant" | "organization";
  /**
   * Validates and normalises the inputs (defaults filled in). Must tolerate unknown values
   * ({@link UNKNOWN}) anywhere and never call the API.
   */
  check(news: Props): { inputs: Props; failures: CheckFailure[] };
  /** Creates (or adopts) the object; returns its id and computed outputs. */
  create(ctx: LifecycleContext, inputs: Props): Promise<{ id: string; outputs: Props }>;
  /** Reads the live object; `undefined` means it is gone (404). Other errors throw. */
  read(ctx: LifecycleContext, id: string, state: Props): Promise<ReadOutcome | undefined>;
  /**
   * Applies a change of in-place fields. Called only when at least one non-credential field changed.
   * Returns the computed outputs that changed (the host keeps the others).
   */
  update(ctx: LifecycleContext, id: string, olds: Props, news: Props): Promise<Props>;
  /** Deletes (or archives) the object; an object already gone is success. */
  delete(ctx: LifecycleContext, id: string, state: Props): Promise<void>;
}

/** The engine's placeholder for a value not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when `value` is, or contains, an unknown placeholder. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * Thrown by `create` when the object exists but a later step failed (e.g. an agent was created but its
 * first publish failed). The host records the object in state with these outputs so the next `up`
 * finishes the job as an update instead of creating a duplicate.
 */
export class PartialCreateError extends Error {
  /** Id of the object that now exists. */
  readonly id: string;
  /** Outputs known so far. */
  readonly outputs: Props;

  /**
   * @param id - the created object's id.
   * @param outputs - outputs known so far.
   * @param cause - the failure of the later step.
   */
  constructor(id: string, outputs: Props, cause: unknown) {
    super(`created ${id} but could not finish: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "PartialCreateError";
    this.id = id;
    this.outputs = outputs;
  }
}
