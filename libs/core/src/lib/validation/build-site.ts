import type { App } from "cdktf";
import { EdgeStack, type EdgeStackProps } from "../edge-stack";
import { configErrorsOf, type EdgeConfigError } from "../errors";
import { declarePlaceholders, placeholdersIn } from "../placeholder";
import type { SiteDefinition } from "../site";
import type { SiteHome } from "../site-homes";
import { ENVIRONMENT_CATALOG_FILE, isUnder, siteConfigFile } from "./config-sources";
import { collectConfigErrors } from "./deferred-errors";
import type { CheckedEnvironment } from "./site-validation";
import { checkSiteConfig, isEnvironmentNetworkPath } from "./site-validation";
import { relativeParts, valueAt } from "./placeholders";
import { atValueKey, atWrittenPath } from "./shared-entries";

/** True when `path` (below `basePath`) names a value in `input`, the config as written. */
function isWritten(path: string, basePath: string, input: unknown): boolean {
  const parts = relativeParts(path, basePath);
  return parts !== undefined && valueAt(input, parts) !== undefined;
}

/** What building one site in one environment found. */
export interface SiteBuild {
  /** The stack, when the site and its environment had no error. */
  readonly stack?: EdgeStack;
  /** Every error of the site's config (and of the environment values it uses), each with its file. */
  readonly errors: readonly EdgeConfigError[];
  /** True when the build stopped at a consequence of bad input: errors after it are not known yet. */
  readonly stopped: boolean;
  /** What was derived for an ad-hoc environment, one line each. */
  readonly derived?: readonly string[];
}

/**
 * Builds `site` for a checked environment the way synth does: the site config is parsed (bad
 * values replaced by placeholders), every construct checks its props, and a construct whose props
 * failed goes on building so that the constructs after it report theirs. Errors about a
 * placeholder are dropped; each error names the file its value is written in. A crash that
 * follows bad input is a consequence of it and ends the build (`stopped`); one that does not is
 * a bug and is thrown.
 */
export function buildSiteForSynth(
  app: App,
  site: SiteDefinition,
  env: CheckedEnvironment,
  home: SiteHome,
  layout: EdgeStackProps["layout"],
): SiteBuild {
  if (!env.environment) return { errors: [], stopped: false };
  // The environment as this home sees it: its Region and that Region's address plan.
  const environment = home.environment;
  const site_ = checkSiteConfig(site, environment);
  // An account a placeholder stands in for matches no ARN of the site: those mismatches are
  // consequences of the environment's error, not errors of the site.
  const accountReplaced = env.replaced.some((p) => p === `environments.${env.name}.account`);
  // An environment value a placeholder stands in for (a bad home Region key) leaves the site
  // without its home: errors at or around it are consequences of the environment's error.
  const aroundReplaced = (e: EdgeConfigError) =>
    e.file === ENVIRONMENT_CATALOG_FILE && env.replaced.some((p) => isUnder(p, e.path) || isUnder(e.path, p));
  const checked = {
    ...site_,
    errors: site_.errors.filter((e) => !(accountReplaced && e.code === "EDGE_ACCOUNT_MISMATCH") && !aroundReplaced(e)),
  };
  const configPath = checked.configPath;
  const file = siteConfigFile(site.name);
  // A regional entry that spreads the environment's own entry: shared values are written there.
  const atWritten = (e: EdgeConfigError) => (e.file === file || e.file === undefined ? atWrittenPath(site, configPath, e) : e);
  if (checked.config === undefined) return { errors: checked.errors.map(atWritten), stopped: false };
  const placeholders = [
    ...env.replaced.map((p) => ({ path: p, file: ENVIRONMENT_CATALOG_FILE })),
    ...checked.replaced.map((p) => ({ path: p, file })),
  ];
  const built = collectConfigErrors(() => {
    const stack = new EdgeStack(app, { site: home.name, definition: site.name, environment, layout });
    site.build(stack, checked.config, configPath);
    declarePlaceholders(stack, placeholdersIn(checked.config, configPath));
    return stack;
  });
  const thrown = built.thrown ? configErrorsOf(built.thrown.error) : [];
  const crashed = built.thrown !== undefined && thrown === undefined;
  const inputIsBad =
    placeholders.length > 0 || built.deferred.length > 0 || checked.errors.length > 0;
  if (crashed && !inputIsBad) throw built.thrown!.error;
  const sitePath = configPath;
  const envPath = `environments.${environment.name}`;
  // An error that names no file is in the file where its path is written: the environment
  // catalog for an environment value (network.sites.<site>), else the site's config.
  const fileOf = (e: EdgeConfigError) =>
    e.file === undefined &&
    (isWritten(e.path, envPath, env.input) || isEnvironmentNetworkPath(e.path, environment.name)) &&
    !isWritten(e.path, sitePath, checked.input)
      ? e.inFile(ENVIRONMENT_CATALOG_FILE)
      : e.inFile(file);
  const batches = [...built.deferred, ...(thrown && thrown.length > 0 ? [thrown] : [])].map(
    (batch) =>
      batch
        .map(fileOf)
        .filter((e) => !placeholders.some((p) => p.file === e.file && isUnder(e.path, p.path))),
  );
  // The first failed check is about the input as written. A construct after it was built with
  // values derived from bad ones: its errors count only where they name a value the user wrote;
  // the others are consequences, dropped (and the build is reported as stopped).
  const firstBad = placeholders.length > 0 || checked.errors.length > 0 ? 0 : 1;
  const written = (e: EdgeConfigError) =>
    e.file === ENVIRONMENT_CATALOG_FILE
      ? isWritten(e.path, `environments.${environment.name}`, env.input)
      : isWritten(e.path, configPath, checked.input);
  const found = batches.flatMap((batch, i) => (i < firstBad ? batch : batch.filter(written)));
  const dropped = batches.flat().length - found.length;
  // An error at an object of the config that names the value of one of its keys is about that key.
  const errors = [...checked.errors, ...found]
    .map((e) => (e.file === file ? atValueKey(e, configPath, checked.input) : e))
    .map(atWritten);
  const ok = built.result !== undefined && !built.thrown && !inputIsBad && errors.length === 0;
  return {
    ...(ok ? { stack: built.result } : {}),
    errors,
    stopped: crashed || dropped > 0,
    derived: checked.derived,
  };
}
