import type { App } from "cdktf";
import type { EdgeStack, EdgeStackProps } from "../edge-stack";
import { describeValue, EdgeConfigError } from "../errors";
import type { EnvironmentCatalog } from "../environment-catalog";
import type { SiteDefinition } from "../site";
import { homesOf } from "../site-homes";
import { buildSiteForSynth } from "./build-site";
import { checkEnvironment } from "./site-validation";

/** One error of a synth, with the stack (or `environment`) it was found in. */
export interface SynthInputError {
  readonly prefix: string;
  readonly error: EdgeConfigError;
}

/** Everything wrong with the input of a synth, and the stacks built when nothing was. */
export interface SynthInputCheck {
  readonly errors: readonly SynthInputError[];
  readonly stacks: readonly EdgeStack[];
  /** Stacks with checks skipped because they depend on bad values. */
  readonly stopped: readonly string[];
  /** Notes of the run: what ad-hoc environments derive from where, sites left out. */
  readonly notes: readonly string[];
}

/** Options of {@link checkSynthInput}. */
export interface SynthInputOptions {
  /** The environments of the repository. */
  readonly catalog: EnvironmentCatalog;
  /**
   * `skip` leaves a site that refuses ad-hoc environments out with a note (a synth of every
   * site); `error` reports `EDGE_ADHOC_REFUSED` (the site was named).
   * @default "error"
   */
  readonly adHocRefusals?: "skip" | "error";
}

/**
 * Checks the environment selection, every environment, and every site in every environment,
 * building the stacks in `app`. Every environment is checked, and its sites are built even when
 * it is bad (a placeholder stands in for each bad value), so one synth reports every error of
 * every site. One value checked by two constructs is reported once.
 */
export function checkSynthInput(
  app: App,
  sites: readonly SiteDefinition[],
  envNames: readonly string[],
  layout: EdgeStackProps["layout"],
  options: SynthInputOptions,
): SynthInputCheck {
  const notes: string[] = [];
  const errors: SynthInputError[] = [];
  const seen = new Set<string>();
  const report = (prefix: string, found: readonly EdgeConfigError[]): void => {
    for (const error of found) {
      const key = `${error.code}|${error.path}|${error.file ?? ""}|${describeValue(error.value)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push({ prefix, error });
    }
  };
  const selectionErrors = checkSelection(envNames);
  report("environment", selectionErrors);
  const checked =
    selectionErrors.length > 0 ? [] : envNames.map((name) => checkEnvironment(name, options.catalog));
  for (const c of checked) {
    report("environment", c.errors);
    notes.push(...(c.environment?.derivation ?? []));
  }
  const stacks: EdgeStack[] = [];
  const stopped: string[] = [];
  for (const site of sites) {
    for (const env of checked) {
      const environment = env.environment;
      if (!environment) continue;
      if (environment.derivedFrom !== undefined && site.adHoc?.refuse !== undefined && options.adHocRefusals === "skip") {
        notes.push(`${site.name} is not synthesized for ad-hoc ${env.name}: ${site.adHoc.refuse}`);
        continue;
      }
      // One stack per home Region of the site (a hub per Region in use).
      for (const home of homesOf(site.name, environment)) {
        const prefix = `${home.name}-${env.name}`;
        const built = buildSiteForSynth(app, site, env, home, layout);
        report(prefix, built.errors);
        if (built.derived && built.derived.length > 0) {
          notes.push(`${prefix} derives from ${environment.derivedFrom}: ${built.derived.join("; ")}`);
        }
        if (built.stopped) stopped.push(prefix);
        if (built.stack) stacks.push(built.stack);
      }
    }
  }
  return { errors, stacks, stopped, notes };
}

/**
 * Checks the `EDGE_ENVS` selection itself: an empty one (`EDGE_ENVS=","`) and a name given twice
 * are errors, not an empty synth or a construct-tree crash.
 */
function checkSelection(envNames: readonly string[]): EdgeConfigError[] {
  if (envNames.length === 0) {
    return [
      new EdgeConfigError({
        code: "EDGE_ENVS_EMPTY",
        path: "EDGE_ENVS",
        value: process.env.EDGE_ENVS ?? "",
        problem: "the selection names no environment",
        fix: 'name environments separated by commas, such as "dev,staging", or unset EDGE_ENVS for every shipped environment',
        file: "command line",
      }),
    ];
  }
  return duplicates(envNames).map(
    (name) =>
      new EdgeConfigError({
        code: "EDGE_ENVS_DUPLICATE",
        path: "EDGE_ENVS",
        value: envNames.join(","),
        problem: `environment ${name} is named more than once`,
        fix: `name each environment once, such as "${[...new Set(envNames)].join(",")}"`,
        file: "command line",
      }),
  );
}

/** Names that occur more than once, each once, in order. */
export function duplicates(names: readonly string[]): string[] {
  return [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
}
