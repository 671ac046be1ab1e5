import { configErrorsOf, type EdgeConfigError } from "../errors";
import {
  defineEnvironment,
  resolveEnvironment,
  SHIPPED_ENVIRONMENTS,
  type Environment,
} from "../environment";
import { parseConfig } from "../config-schema";
import { siteConfigPath, type SiteDefinition } from "../site";
import { ENVIRONMENT_CATALOG_FILE, siteConfigFile } from "./config-sources";
import { parseWithPlaceholders } from "./placeholders";

/** An environment checked for synth: its errors, and a usable value (with placeholders) if any. */
export interface CheckedEnvironment {
  readonly name: string;
  readonly environment?: Environment;
  /** The environment as written in the catalog. */
  readonly input?: unknown;
  readonly errors: readonly EdgeConfigError[];
  /** Paths of bad values a placeholder stands in for. */
  readonly replaced: readonly string[];
}

/**
 * Resolves environment `name` for synth. A bad environment is reported and, where another
 * shipped environment's value can stand in for each bad one, still returned, so its sites are
 * built and their errors reported in the same run.
 */
export function checkEnvironment(name: string): CheckedEnvironment {
  try {
    return {
      name,
      environment: resolveEnvironment(name),
      input: inputOf(name),
      errors: [],
      replaced: [],
    };
  } catch (err) {
    const found = configErrorsOf(err);
    if (!found) throw err;
    const inFile = (errors: readonly EdgeConfigError[]) =>
      errors.map((e) =>
        e.inFile(e.path === "EDGE_ENVS" ? "command line" : ENVIRONMENT_CATALOG_FILE),
      );
    if (found.some((e) => e.path === "EDGE_ENVS"))
      return { name, errors: inFile(found), replaced: [] };
    const input = inputOf(name);
    const donors = Object.entries(SHIPPED_ENVIRONMENTS)
      .filter(([key]) => key !== name)
      .map(([, env]) => ({ ...env, name }));
    const parsed = parseWithPlaceholders(
      (i) => defineEnvironment(i, name),
      input,
      `environments.${name}`,
      donors,
    );
    return {
      name,
      environment: parsed.value,
      input,
      errors: inFile(parsed.errors),
      replaced: parsed.replaced,
    };
  }
}

/** The catalog entry of `name`, or dev's under that name for an ad-hoc environment. */
function inputOf(name: string): unknown {
  const own = Object.prototype.hasOwnProperty.call(SHIPPED_ENVIRONMENTS, name);
  return own ? SHIPPED_ENVIRONMENTS[name] : { ...SHIPPED_ENVIRONMENTS.dev, name };
}

/** A site's config for one environment, checked like {@link checkEnvironment}. */
export function checkSiteConfig<T>(
  site: SiteDefinition,
  env: string,
): {
  readonly config?: T;
  /** The config as written. */
  readonly input: unknown;
  readonly errors: readonly EdgeConfigError[];
  readonly replaced: readonly string[];
} {
  const configPath = siteConfigPath(site, env);
  const key = configPath.slice("environments.".length);
  const donors = Object.entries(site.environments)
    .filter(([name]) => name !== key)
    .map(([, config]) => config as unknown);
  const parsed = parseWithPlaceholders(
    (input) => parseConfig(site.schema, input, configPath) as T,
    site.environments[key],
    configPath,
    donors,
  );
  return {
    config: parsed.value,
    input: site.environments[key],
    errors: parsed.errors.map((e) => e.inFile(siteConfigFile(site.name))),
    replaced: parsed.replaced,
  };
}
