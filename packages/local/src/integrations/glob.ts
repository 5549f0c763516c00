/**
 * Whether a tool name matches an approval-policy glob: `*` = any run of characters, `?` = one
 * character, everything else literal, whole-name match. Tool names are flat (no path separators), so a
 * path-oriented glob library would add rules (`/`, dotfiles, braces) that do not apply here.
 * @example globMatches("delete_*", "delete_customer") // true
 */
export function globMatches(pattern: string, name: string): boolean {
  let source = "";
  for (const ch of pattern) {
    if (ch === "*") source += ".*";
    else if (ch === "?") source += ".";
    else source += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "s").test(name);
}
