import type { App } from "cdktf";
import type { EdgeStack, EdgeStackProps } from "../edge-stack";
import { describeValue, EdgeConfigError } from "../errors";
import type { SiteDefinition } from "../site";
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
): SynthInputCheck {
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
  const checked = selectionErrors.length > 0 ? [] : envNames.map(checkEnvironment);
  for (const c of checked) report("environment", c.errors);
  const stacks: EdgeStack[] = [];
  const stopped: string[] = [];
  for (const site of sites) {
    for (const env of checked) {
      if (!env.environment) continue;
      const prefix = `${site.name}-${env.name}`;
      const built = buildSiteForSynth(app, site, env, layout);
      report(prefix, built.errors);
      if (built.stopped) stopped.push(prefix);
      if (built.stack) stacks.push(built.stack);
    }
  }
  return { errors, stacks, stopped };
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
        fix: 'name environments separated by commas, such as "dev,staging", or unset EDGE_ENVS for dev, staging and prod',
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
