/**
 * Injected failures for `/v1` requests, each a probability in [0, 1]; their sum must not exceed 1.
 * @example { "429": 0.1, "503": 0.05, reset: 0.02 }
 */
export interface FaultConfig {
  /** Answer `429 rate_limit_exceeded` with `Retry-After: 1`. @default 0 */
  "429"?: number;
  /** Answer `503 service_overloaded` with `Retry-After: 1`. @default 0 */
  "503"?: number;
  /** Destroy the connection without answering (before the request is handled). @default 0 */
  reset?: number;
  /**
   * Handle the request (and commit it), then destroy the connection instead of answering: the
   * "lost response" a client can only survive with idempotency keys or natural-key adoption. @default 0
   */
  drop?: number;
}

/** Added latency before each `/v1` request is handled: uniform in [minMs, maxMs]. */
export interface LatencyConfig {
  minMs: number;
  maxMs: number;
}

/** What a fault roll decided. */
export type FaultOutcome = "429" | "503" | "reset" | "drop" | null;

const FAULT_KINDS = ["429", "503", "reset", "drop"] as const;

/**
 * Parses the CLI form `429:0.1,503:0.05,reset:0.02` (empty string = no faults).
 * @throws Error naming the bad entry.
 */
export function parseFaults(spec: string): FaultConfig {
  const out: FaultConfig = {};
  for (const part of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [kind, rate] = part.split(":");
    if (!FAULT_KINDS.includes(kind as (typeof FAULT_KINDS)[number]) || rate === undefined) {
      throw new Error(`bad fault '${part}': expected 429:<p>, 503:<p>, reset:<p> or drop:<p>`);
    }
    out[kind as keyof FaultConfig] = Number(rate);
  }
  return checkFaults(out);
}

/** Validates a fault config (used for the CLI and `PUT /_admin/faults`). */
export function checkFaults(config: FaultConfig): FaultConfig {
  let sum = 0;
  for (const [kind, p] of Object.entries(config)) {
    if (!FAULT_KINDS.includes(kind as (typeof FAULT_KINDS)[number]))
      throw new Error(`unknown fault kind '${kind}'`);
    if (typeof p !== "number" || !(p >= 0 && p <= 1))
      throw new Error(`fault '${kind}' must be a probability in [0, 1]`);
    sum += p;
  }
  if (sum > 1) throw new Error("fault probabilities add up to more than 1");
  return { ...config };
}

/** Parses `20ms`, `10-50ms`, `20` or `0` (milliseconds). */
export function parseLatency(spec: string): LatencyConfig {
  const m = /^\s*(\d+)(?:\s*-\s*(\d+))?\s*(?:ms)?\s*$/.exec(spec);
  if (!m) throw new Error(`bad latency '${spec}': expected e.g. 20ms or 10-50ms`);
  return checkLatency({ minMs: Number(m[1]), maxMs: Number(m[2] ?? m[1]) });
}

/** Validates a latency config. */
export function checkLatency(config: LatencyConfig): LatencyConfig {
  const { minMs, maxMs } = config;
  if (!Number.isFinite(minMs) || !Number.isFinite(maxMs) || minMs < 0 || maxMs < minMs || maxMs > 60_000) {
    throw new Error("latency must satisfy 0 <= minMs <= maxMs <= 60000");
  }
  return { minMs, maxMs };
}

/** Picks the outcome of one request from one random draw. */
export function rollFault(config: FaultConfig, random: () => number): FaultOutcome {
  const r = random();
  let edge = 0;
  for (const kind of FAULT_KINDS) {
    edge += config[kind] ?? 0;
    if (r < edge) return kind;
  }
  return null;
}

/** The delay for one request. */
export function pickLatency(config: LatencyConfig, random: () => number): number {
  return config.minMs + Math.floor(random() * (config.maxMs - config.minMs + 1));
}
