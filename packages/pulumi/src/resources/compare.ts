import { containsUnknown, type FieldSpec, type Props } from "./lifecycle";

/** Canonical form: sorted keys, `undefined` → `null`, so semantically equal values compare equal. */
function stable(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(stable);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Props)[k] !== undefined)
        .map((k) => [k, stable((value as Props)[k])]),
    );
  }
  return value;
}

/** Deep equality on canonical JSON. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(stable(a)) === JSON.stringify(stable(b));
}

/** A string set compared regardless of order and duplicates (`null` stays distinct from `[]`). */
export function asSet(value: unknown): unknown {
  return Array.isArray(value) ? [...new Set(value.map(String))].sort() : value;
}

/**
 * The input fields whose value changed between `olds` and `news`, per the field specs. An unknown new
 * value counts as changed (it may differ once known); an omitted unmanaged field never does.
 */
export function changedFields(
  fields: Readonly<Record<string, FieldSpec>>,
  olds: Props,
  news: Props,
): string[] {
  const changed: string[] = [];
  for (const [key, spec] of Object.entries(fields)) {
    const next = news[key];
    if (next === undefined && spec.unmanagedWhenOmitted) continue;
    if (containsUnknown(next)) {
      changed.push(key);
      continue;
    }
    const canon = spec.canonical ?? ((v: unknown) => v);
    if (!sameValue(canon(olds[key]), canon(next))) changed.push(key);
  }
  return changed;
}
