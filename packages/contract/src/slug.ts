import { z } from "zod";

/** Longest agent slug. The spec has no bound; 63 follows the reference provider's slugify (DNS label). */
export const SLUG_MAX_LENGTH = 63;

/** Agent slug: `[a-z0-9-]`, 1..63 chars, no leading or trailing `-`. */
export const SLUG_REGEX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Zod schema of a valid agent slug (domain rule; the server reports a failure as `invalid_slug`). */
export const AgentSlug = z
  .string()
  .regex(SLUG_REGEX, "slug must be 1..63 of [a-z0-9-], not starting or ending with '-'");
export type AgentSlug = z.infer<typeof AgentSlug>;

/**
 * True when `slug` satisfies the agent slug rule.
 * @param slug - candidate slug.
 */
export function isValidSlug(slug: string): boolean {
  return SLUG_REGEX.test(slug);
}

/**
 * Derives a slug from a display name: lower-case, every run of characters outside `[a-z0-9]` becomes
 * one `-`, leading/trailing `-` trimmed, cut to 63 chars (and re-trimmed), `"agent"` when nothing is left.
 * @param name - the agent's display name.
 * @example slugify("Support Bot (EU)") // "support-bot-eu"
 */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, "");
  return slug === "" ? "agent" : slug;
}
