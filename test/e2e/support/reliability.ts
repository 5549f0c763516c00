// What the interrupted-run tests share: the reliability fixture sized by stack config, and the two
// checks of a converged stack against the API: no duplicate, and no orphan (an API object of a kind
// the stack manages that its state does not track).
import assert from "node:assert/strict";
import * as path from "node:path";
import { createPulumiProject, type PulumiStack, type StateResource } from "../harness/pulumi";
import { type ApiProcess, duplicates, inventory, workspaceProgram } from "./api-process";
import { DYNAMIC } from "./tokens";

/** Counts of the fixture's resources (`rel:*` config); the project exists when projectTokens > 0. */
export interface Size {
  agents: number;
  webhooks: number;
  projectTokens: number;
  webPages: number;
}

/** Stack config for a size. */
export function sizeConfig(size: Size): Record<string, string> {
  return {
    "rel:agents": String(size.agents),
    "rel:webhooks": String(size.webhooks),
    "rel:projectTokens": String(size.projectTokens),
    "rel:webPages": String(size.webPages),
  };
}

/** A project with one stack of the reliability fixture against `api`. */
export async function reliabilityStack(api: ApiProcess, name: string, size: Size) {
  const project = await createPulumiProject({
    dir: await workspaceProgram(path.join(__dirname, "../fixtures/reliability")),
  });
  const stack = await project.initStack(name, {
    config: { "ingram-cloud:baseUrl": api.baseUrl, ...sizeConfig(size) },
    secrets: { "ingram-cloud:token": api.tenantToken, "rel:orgKey": api.orgKey },
  });
  return { project, stack };
}

/** API objects of each kind that the stack's state does not track (their ids or slugs). */
export async function orphans(api: ApiProcess, stack: PulumiStack, projectToken: string) {
  const state = await stack.resources();
  const ids = (type: string) =>
    new Set(state.filter((r: StateResource) => r.type === DYNAMIC(type)).map((r) => r.id));
  const agents = (await api.listAll("/v1/agents")).filter(
    (a) => !a.archived_at && a.slug.startsWith("agent-"),
  );
  const hooks = await api.listAll("/v1/tenant/webhooks");
  const projects = (await api.listAll("/v1/organization/projects", api.orgKey)).filter(
    (p) => !p.archived_at && p.name === "rel-platform",
  );
  const tokens = (await api.listAll("/v1/tenant/tokens", projectToken)).filter((t) => !t.revoked_at);
  const pages = (await api.listAll("/v1/deployments")).filter((d) => d.kind === "web");
  return {
    agents: agents.filter((a) => !ids("IcAgent").has(a.id)).map((a) => a.slug),
    webhooks: hooks.filter((w) => !ids("IcWebhook").has(w.id)).map((w) => w.id),
    projects: projects.filter((p) => !ids("IcProject").has(p.id)).map((p) => p.id),
    projectTokens: tokens.filter((t) => !ids("IcProjectToken").has(t.id)).map((t) => t.id),
    webPages: pages.filter((d) => !ids("IcWebPage").has(d.id)).map((d) => d.id),
  };
}

/** No orphan of any kind. */
export const NO_ORPHANS = { agents: [], webhooks: [], projects: [], projectTokens: [], webPages: [] };

/**
 * Converged: preview has nothing to do, every declared object exists exactly once, and the API holds
 * nothing of those kinds that state does not track.
 */
export async function assertConverged(api: ApiProcess, stack: PulumiStack, size: Size, label: string) {
  const preview = await stack.preview();
  assert.deepEqual(Object.keys(preview.changes), ["same"], preview.output);
  const outputs = await stack.outputs({ showSecrets: true });
  const token = (outputs.projectTokens as string[])[0]!;
  const inv = await inventory(api, token);
  const dupes = [inv.agents, inv.webhooks, inv.projects, inv.projectTokens, inv.webPages].flatMap(duplicates);
  const lost = await orphans(api, stack, token);
  console.log(`[reliability] ${label}: duplicates ${dupes.length}, orphans ${JSON.stringify(lost)}`);
  assert.deepEqual(dupes, []);
  assert.deepEqual(lost, NO_ORPHANS);
  assert.equal([...inv.agents.keys()].filter((s) => s.startsWith("agent-")).length, size.agents);
  assert.equal(inv.webhooks.size, size.webhooks);
  assert.equal(inv.projectTokens.size, size.projectTokens);
  assert.equal(inv.webPages.size, size.webPages);
}
