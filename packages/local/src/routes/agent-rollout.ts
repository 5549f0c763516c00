import { createHash } from "node:crypto";

/** The rollout fields of an agent. */
export interface RolloutState {
  active_version: number | null;
  rollout_version: number | null;
  rollout_percent: number;
}

/**
 * The state after `POST /v1/agents/{aid}/rollout {version, percent}` (the version is known to exist):
 * - `percent = 100`, or `version` is already the active one → `version` becomes `active_version`,
 *   any staged rollout is cleared (`rollout_version: null`, `rollout_percent: 0`). Rolling back to an
 *   older version is the same call.
 * - otherwise (`0 ≤ percent < 100`) → `active_version` unchanged, `rollout_version = version`,
 *   `rollout_percent = percent` (0 stages the version without moving any smith).
 * Repeating a call leaves the state unchanged (idempotent).
 * @example applyRollout({active_version: 1, rollout_version: null, rollout_percent: 0}, 2, 25)
 *   // {active_version: 1, rollout_version: 2, rollout_percent: 25}
 */
export function applyRollout(state: RolloutState, version: number, percent: number): RolloutState {
  if (percent === 100 || version === state.active_version || state.active_version === null) {
    return { active_version: version, rollout_version: null, rollout_percent: 0 };
  }
  return { active_version: state.active_version, rollout_version: version, rollout_percent: percent };
}

/**
 * A smith's sticky bucket in [0, 100) for one agent: the first 4 bytes of SHA-256(`agentId:smithId`)
 * mod 100. A smith in bucket b runs the rollout version iff b < rollout_percent, so raising the percent
 * only ever adds smiths.
 */
export function rolloutBucket(agentId: string, smithId: string): number {
  return createHash("sha256").update(`${agentId}:${smithId}`).digest().readUInt32BE(0) % 100;
}

/**
 * The agent version a smith runs: its pin if set, else the rollout version when its bucket falls
 * inside the rollout, else the active version (null when the agent was never published).
 * @param agent - the agent's id and rollout state.
 * @param smithId - the smith (`smt_…`).
 * @param pin - the smith's pinned version, if any.
 * @default pin null
 */
export function resolveAgentVersion(
  agent: RolloutState & { id: string },
  smithId: string,
  pin: number | null = null,
): number | null {
  if (pin !== null) return pin;
  if (agent.rollout_version !== null && rolloutBucket(agent.id, smithId) < agent.rollout_percent) {
    return agent.rollout_version;
  }
  return agent.active_version;
}
