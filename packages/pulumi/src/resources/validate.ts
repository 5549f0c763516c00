import { type CheckFailure, containsUnknown, type Props, UNKNOWN } from "./lifecycle";

/** Hosts for which plain `http://` is accepted: loopback only, so local test servers work. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return (
    host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host)
  );
}

/**
 * Why `value` is not an acceptable endpoint URL, or undefined when it is: https everywhere, http only
 * for loopback hosts. The reason never echoes the URL (it may carry credentials in its userinfo).
 */
export function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not an absolute URL; use e.g. https://example.com/path";
  }
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return undefined;
  if (url.protocol === "http:") {
    return `must use https:// (http:// is accepted only for loopback hosts such as 127.0.0.1); host was ${url.hostname}`;
  }
  return `must be an https:// URL; the scheme was ${url.protocol}`;
}

const describe = (v: unknown): string =>
  Array.isArray(v) ? "a list" : v === null ? "null" : `a ${typeof v}`;

/**
 * Collects input validation failures. Every accessor skips values that are unknown during preview
 * (they are validated again once known) and returns the value when it is valid.
 */
export class Checker {
  readonly failures: CheckFailure[] = [];

  /** @param props - the inputs being checked. */
  constructor(private readonly props: Props) {}

  /** Records a failure for `property`. */
  fail(property: string, reason: string): void {
    this.failures.push({ property, reason });
  }

  /** True when the value of `key` is (or holds) an unknown placeholder. */
  unknown(key: string): boolean {
    return containsUnknown(this.props[key]);
  }

  /** Rejects keys no field declares (typos such as `instruction` instead of `instructions`). */
  onlyKeys(allowed: readonly string[]): void {
    for (const key of Object.keys(this.props)) {
      if (!allowed.includes(key) && this.props[key] !== undefined) {
        this.fail(key, `is not an argument of this resource; known arguments: ${allowed.join(", ")}`);
      }
    }
  }

  /** A string, optionally required / non-empty / matching a pattern. */
  string(
    key: string,
    rule: { required?: boolean; pattern?: RegExp; hint?: string; maxLength?: number } = {},
  ): string | undefined {
    const value = this.props[key];
    if (this.unknown(key)) return undefined;
    if (value === undefined || value === null) {
      if (rule.required) this.fail(key, `is required${rule.hint ? `: ${rule.hint}` : ""}`);
      return undefined;
    }
    if (typeof value !== "string") {
      this.fail(key, `must be a string, got ${describe(value)}`);
      return undefined;
    }
    if (rule.required && value.trim() === "") {
      this.fail(key, `must not be empty${rule.hint ? `: ${rule.hint}` : ""}`);
      return undefined;
    }
    if (rule.maxLength !== undefined && value.length > rule.maxLength) {
      this.fail(key, `must be at most ${rule.maxLength} characters, got ${value.length}`);
    }
    if (rule.pattern && !rule.pattern.test(value)) this.fail(key, rule.hint ?? `must match ${rule.pattern}`);
    return value;
  }

  /** One of a closed set of strings. */
  oneOf<T extends string>(key: string, values: readonly T[], required = false): T | undefined {
    const value = this.string(key, { required });
    if (value === undefined) return undefined;
    if (!values.includes(value as T)) {
      this.fail(key, `must be one of ${values.map((v) => `"${v}"`).join(", ")}; got "${value}"`);
      return undefined;
    }
    return value as T;
  }

  /** A boolean. */
  boolean(key: string): boolean | undefined {
    const value = this.props[key];
    if (value === undefined || value === null || this.unknown(key)) return undefined;
    if (typeof value !== "boolean") this.fail(key, `must be true or false, got ${describe(value)}`);
    return typeof value === "boolean" ? value : undefined;
  }

  /** An integer within bounds. */
  integer(key: string, bounds: { min?: number; max?: number } = {}): number | undefined {
    const value = this.props[key];
    if (value === undefined || value === null || this.unknown(key)) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      this.fail(key, `must be a whole number, got ${typeof value === "number" ? value : describe(value)}`);
      return undefined;
    }
    const { min, max } = bounds;
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      const range =
        max === undefined ? `at least ${min}` : min === undefined ? `at most ${max}` : `${min}..${max}`;
      this.fail(key, `must be ${range}, got ${value}`);
      return undefined;
    }
    return value;
  }

  /** An endpoint URL (see {@link urlProblem}). */
  url(key: string, required = false): string | undefined {
    const value = this.string(key, {
      required,
      hint: "set it to the endpoint URL, e.g. https://example.com/path",
    });
    if (value === undefined) return undefined;
    const problem = urlProblem(value);
    if (problem) this.fail(key, problem);
    return problem ? undefined : value;
  }

  /** A list of strings; `each` returns a reason for a bad entry. Unknown entries are skipped. */
  stringList(key: string, each?: (entry: string) => string | undefined): string[] | undefined {
    const value = this.props[key];
    if (value === undefined || value === null || value === UNKNOWN) return undefined;
    if (!Array.isArray(value)) {
      this.fail(key, `must be a list of strings, got ${describe(value)}`);
      return undefined;
    }
    value.forEach((entry, i) => {
      if (containsUnknown(entry)) return;
      if (typeof entry !== "string") this.fail(`${key}[${i}]`, `must be a string, got ${describe(entry)}`);
      else {
        const reason = each?.(entry);
        if (reason) this.fail(`${key}[${i}]`, reason);
      }
    });
    return value as string[];
  }

  /** A list of objects, each checked by `each` with its own nested Checker. */
  objectList(key: string, each: (item: Checker, index: number) => void): unknown[] | undefined {
    const value = this.props[key];
    if (value === undefined || value === null || value === UNKNOWN) return undefined;
    if (!Array.isArray(value)) {
      this.fail(key, `must be a list, got ${describe(value)}`);
      return undefined;
    }
    value.forEach((item, i) => {
      if (containsUnknown(item) && typeof item !== "object") return;
      if (item === null || typeof item !== "object" || Array.isArray(item)) {
        this.fail(`${key}[${i}]`, `must be an object, got ${describe(item)}`);
        return;
      }
      const nested = new Checker(item as Props);
      each(nested, i);
      for (const f of nested.failures) this.fail(`${key}[${i}].${f.property}`, f.reason);
    });
    return value;
  }
}
