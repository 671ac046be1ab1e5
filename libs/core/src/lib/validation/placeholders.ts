import { configErrorsOf, type EdgeConfigError } from "../errors";
import { isUnder } from "./config-sources";

/** What {@link parseWithPlaceholders} found. */
export interface PlaceholderParse<T> {
  /** The parsed value, when placeholders could stand in for every bad value. */
  readonly value?: T;
  /** Every error of the input as written (never one about a placeholder). */
  readonly errors: readonly EdgeConfigError[];
  /** Config paths whose values were replaced; errors under them are about placeholders. */
  readonly replaced: readonly string[];
}

const MAX_ROUNDS = 6;

/**
 * Parses `input`; when it is bad, replaces each bad value with the value at the same path in a
 * `donor` (another environment's config, which is known to be valid), or drops the key, and parses
 * again. The result lets synth go on building the site with placeholders, so one run reports the
 * errors that the first error would otherwise hide. Only errors of the input as written are
 * returned.
 */
export function parseWithPlaceholders<T>(
  parse: (input: unknown) => T,
  input: unknown,
  basePath: string,
  donors: readonly unknown[],
): PlaceholderParse<T> {
  const errors: EdgeConfigError[] = [];
  const replaced: string[] = [];
  let current = clone(input);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let found: EdgeConfigError[];
    try {
      return { value: parse(current), errors, replaced };
    } catch (err) {
      const config = configErrorsOf(err);
      if (!config) throw err;
      found = config;
    }
    // After a replacement, an error under a replaced value, or at a value holding one (a list
    // that lost a bad item now too short), is a consequence of the replacement, not input.
    const fresh = found.filter((e) => !replaced.some((p) => isUnder(e.path, p) || (round > 0 && isUnder(p, e.path))));
    errors.push(...fresh);
    let changed = false;
    // A bad list item without a donor is removed: later items first, so that removing one does
    // not shift the items still to be removed (and the paths recorded for them).
    for (const e of [...found].sort((a, b) => laterFirst(relativeParts(a.path, basePath), relativeParts(b.path, basePath)))) {
      const parts = relativeParts(e.path, basePath);
      if (!parts) continue;
      if (parts.length === 0) {
        // The whole config is unusable (not an object): build with a donor's, report nothing of it.
        if (donors.length === 0 || replaced.includes(basePath)) continue;
        current = clone(donors[0]);
        replaced.push(basePath);
        changed = true;
        break;
      }
      const donor = donors.map((d) => valueAt(d, parts)).find((v) => v !== undefined);
      if (setAt(current, parts, donor === undefined ? undefined : clone(donor))) {
        changed = true;
        if (!replaced.includes(e.path)) replaced.push(e.path);
      }
    }
    if (!changed) break;
  }
  return { errors, replaced };
}

/** Orders paths so that a list's later items come before its earlier ones (and what lies in them). */
function laterFirst(a: readonly (string | number)[] | undefined, b: readonly (string | number)[] | undefined): number {
  if (!a || !b) return 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === "number" && typeof b[i] === "number") return (b[i] as number) - (a[i] as number);
    return 0;
  }
  return 0;
}

/** The keys of `path` below `basePath`, or undefined when it is not below it. */
export function relativeParts(path: string, basePath: string): (string | number)[] | undefined {
  if (!isUnder(path, basePath)) return undefined;
  const rest = path.slice(basePath.length);
  const parts: (string | number)[] = [];
  const re = /\.([A-Za-z_][\w-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let at = 0;
  while (at < rest.length) {
    re.lastIndex = at;
    const m = re.exec(rest);
    if (!m) return undefined;
    parts.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]) as string)));
    at = re.lastIndex;
  }
  return parts;
}

/** The value at `parts`, own properties only (a key such as `valueOf` is not the prototype's). */
export function valueAt(root: unknown, parts: readonly (string | number)[]): unknown {
  let cur = root;
  for (const p of parts) {
    if (cur === null || typeof cur !== "object" || !Object.prototype.hasOwnProperty.call(cur, p)) return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

function setAt(root: unknown, parts: readonly (string | number)[], value: unknown): boolean {
  let cur = root;
  for (const p of parts.slice(0, -1)) {
    if (cur === null || typeof cur !== "object" || !Object.prototype.hasOwnProperty.call(cur, p)) return false;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  if (cur === null || typeof cur !== "object") return false;
  const obj = cur as Record<string | number, unknown>;
  const last = parts[parts.length - 1];
  if (value === undefined) {
    if (!Object.prototype.hasOwnProperty.call(obj, last)) return false;
    if (Array.isArray(obj) && typeof last === "number") obj.splice(last, 1);
    else delete obj[last];
    return true;
  }
  if (JSON.stringify(obj[last]) === JSON.stringify(value)) return false;
  obj[last] = value;
  return true;
}

function clone<T>(value: T): T {
  const text = value === undefined ? undefined : JSON.stringify(value);
  return (text === undefined ? undefined : JSON.parse(text)) as T;
}
