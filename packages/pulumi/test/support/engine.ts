import assert from "node:assert/strict";
import * as host from "../../src/dynamic/host";
import type { Props } from "../../src/resources/lifecycle";

/**
 * Drives the dynamic host the way the engine does (check → create; check → diff → update; read;
 * delete), without a CLI. State is the outputs the engine would store.
 */
export interface Managed {
  id: string;
  state: Props;
}

/** check + create; fails the test on check failures. */
export async function createResource(type: string, args: Props): Promise<Managed> {
  const checked = await host.check(type, {}, args);
  assert.deepEqual(checked.failures, [], "check failures");
  const created = await host.create(type, checked.inputs);
  return { id: created.id, state: created.outs };
}

/** check + diff (+ update when there are in-place changes). Returns the diff and the new state. */
export async function updateResource(type: string, current: Managed, args: Props) {
  const checked = await host.check(type, current.state, args);
  assert.deepEqual(checked.failures, [], "check failures");
  const diff = await host.diff(type, current.id, current.state, checked.inputs);
  if (!diff.changes || diff.replaces.length > 0) return { diff, next: current };
  const updated = await host.update(type, current.id, current.state, checked.inputs);
  return { diff, next: { id: current.id, state: updated.outs } };
}

/** read (refresh); returns null when the resource is gone. */
export async function refreshResource(type: string, current: Managed) {
  const result = await host.read(type, current.id, current.state);
  if (result.id === "") return null;
  return { managed: { id: result.id, state: result.props as Props }, inputs: (result.inputs ?? {}) as Props };
}
