import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformStack, Token, Tokenization, type IResolvable, type IResolveContext } from "cdktf";
import type { IConstruct } from "constructs";
import { EdgeConfigError, throwAll } from "./errors";

/** How a placeholder appears in the synthesized JSON. */
const MARKER = "PLACEHOLDER";

/** A value the user still has to fill in (a hosted zone id, an Outpost ARN, an account id). */
class PlaceholderValue implements IResolvable {
  readonly creationStack: string[] = [];
  constructor(readonly what: string) {}

  resolve(context: IResolveContext): string {
    noteResolved(context.scope, this.what);
    return rendered(this.what);
  }

  toString(): string {
    return Token.asString(this);
  }
}

function rendered(what: string): string {
  return `${MARKER}(${what})`;
}

/** Placeholders by the token string that stands for them. */
const byToken = new Map<string, PlaceholderValue>();

/**
 * A typed placeholder: a string that passes through config schemas and constructs as a value
 * known only at deploy time (cdktf token, so literal-only checks skip it), renders as
 * `PLACEHOLDER(<what>)` in `cdk.tf.json`, and is listed per stack by synth
 * (`placeholders.json`); `deploy` and `publish` refuse a stack that holds one
 * ({@link refusePlaceholders}).
 *
 *     hostedZoneId: placeholder("hosted zone id"),
 */
export function placeholder(what: string): string {
  const value = new PlaceholderValue(what);
  const token = Token.asString(value);
  byToken.set(token, value);
  return token;
}

/** One placeholder a stack still holds. */
export interface PlaceholderUse {
  /** Config path to fill, e.g. `environments.prod.hostedZoneId` (or the construct path). */
  readonly path: string;
  /** What the value is, e.g. `hosted zone id`. */
  readonly what: string;
}

function placeholdersInString(value: string): PlaceholderValue[] {
  if (!Token.isUnresolved(value)) return [];
  return Tokenization.reverseString(value).tokens.filter(
    (t): t is PlaceholderValue => t instanceof PlaceholderValue,
  );
}

/** True for a string that is or contains a placeholder. */
export function isPlaceholder(value: unknown): boolean {
  return typeof value === "string" && placeholdersInString(value).length > 0;
}

/** Every placeholder in a config value, with its config path under `root`. */
export function placeholdersIn(value: unknown, root: string): PlaceholderUse[] {
  if (typeof value === "string") {
    return placeholdersInString(value).map((p) => ({ path: root, what: p.what }));
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholdersIn(v, `${root}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      placeholdersIn(v, `${root}.${k}`),
    );
  }
  return [];
}

/** A text with its placeholders shown as `PLACEHOLDER(<what>)`, for notes and messages. */
export function displayText(text: string): string {
  let out = text;
  for (const [token, value] of byToken) out = out.split(token).join(rendered(value.what));
  return out;
}

const declared = new WeakMap<IConstruct, PlaceholderUse[]>();
const resolved = new WeakMap<IConstruct, Set<string>>();

function noteResolved(scope: IConstruct, what: string): void {
  let stack: IConstruct;
  try {
    stack = TerraformStack.of(scope);
  } catch {
    return;
  }
  const seen = resolved.get(stack) ?? new Set<string>();
  seen.add(what);
  resolved.set(stack, seen);
}

/** Records the placeholders of a stack's config (the synth runner calls this per stack). */
export function declarePlaceholders(stack: IConstruct, uses: readonly PlaceholderUse[]): void {
  declared.set(stack, [...(declared.get(stack) ?? []), ...uses]);
}

/**
 * Every placeholder `stack` holds once synthesized: those found in its config, by config path,
 * and any other that reached its JSON, by stack path. Sorted, without duplicates.
 */
export function placeholdersOf(stack: IConstruct): PlaceholderUse[] {
  const uses = [...(declared.get(stack) ?? [])];
  for (const what of resolved.get(stack) ?? []) {
    if (!uses.some((u) => u.what === what)) uses.push({ path: stack.node.path, what });
  }
  const unique = new Map(uses.map((u) => [`${u.path}\0${u.what}`, u]));
  return [...unique.values()].sort((a, b) =>
    a.path === b.path ? a.what.localeCompare(b.what) : a.path.localeCompare(b.path),
  );
}

/** Name of the per-stack list beside `cdk.tf.json`. */
export const PLACEHOLDERS_FILE = "placeholders.json";

/** The content of `placeholders.json`. */
export interface PlaceholdersReport {
  readonly stack: string;
  /** The site definition whose `apps/<site>/src/site.ts` holds the value (`region-hub` for `region-hub-us-west-2-<env>`). */
  readonly site: string;
  readonly placeholders: readonly PlaceholderUse[];
}

/**
 * Refuses synthesized stacks (`cdktf.out/stacks/<stack>` directories) that still hold a
 * placeholder: one `EDGE_PLACEHOLDER` error per placeholder, at the config path to fill, all
 * thrown at once. Reads each stack's `placeholders.json`, and also looks for the `PLACEHOLDER(`
 * marker in `cdk.tf.json`, so a stack synthesized without the list is refused too; a directory
 * that does not exist holds nothing. Deploy and publish call it before doing anything.
 */
export function refusePlaceholders(
  stackDirs: string | readonly string[],
  action: "deploy" | "publish",
): void {
  const dirs = typeof stackDirs === "string" ? [stackDirs] : stackDirs;
  throwAll(dirs.flatMap((dir) => placeholderErrors(dir, action)));
}

function placeholderErrors(stackDir: string, action: string): EdgeConfigError[] {
  const stack = path.basename(stackDir);
  const listFile = path.join(stackDir, PLACEHOLDERS_FILE);
  const report: PlaceholdersReport | undefined = fs.existsSync(listFile)
    ? (JSON.parse(fs.readFileSync(listFile, "utf8")) as PlaceholdersReport)
    : undefined;
  const site = report?.site ?? stack.replace(/-[^-]+$/, "");
  const uses = [...(report?.placeholders ?? [])];
  const jsonFile = path.join(stackDir, "cdk.tf.json");
  if (uses.length === 0 && fs.existsSync(jsonFile)) {
    const found = fs.readFileSync(jsonFile, "utf8").match(/PLACEHOLDER\(([^)"]*)\)/g) ?? [];
    for (const what of new Set(found.map((m) => m.slice(MARKER.length + 1, -1)))) {
      uses.push({ path: `${stack}/cdk.tf.json`, what });
    }
  }
  return uses.map(
    (u) =>
      new EdgeConfigError({
        code: "EDGE_PLACEHOLDER",
        path: u.path,
        value: rendered(u.what),
        problem: `${stack} still holds a placeholder for the ${u.what}, so ${action} would send a value that matches nothing real`,
        fix: /^(environments|regions)\./.test(u.path)
          ? `set ${u.path} of site ${site} (apps/${site}/src/site.ts) to the real ${u.what}, then synth again`
          : `replace the placeholder for the ${u.what} in ${u.path}, then synth again`,
      }),
  );
}
