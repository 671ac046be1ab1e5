import { configErrorsOf, type EdgeConfigError } from "../errors";
import { accountMismatches } from "../account-check";
import { defineEnvironment, type Environment } from "../environment";
import { adHocDerivationOf, isShippedEnvironment, resolveEnvironment, type EnvironmentCatalog } from "../environment-catalog";
import { parseConfig } from "../config-schema";
import { siteConfigInput, type SiteDefinition } from "../site";
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
 * Resolves environment `name` of `catalog` for synth. A bad environment is reported and, where
 * another shipped environment's value can stand in for each bad one, still returned, so its sites
 * are built and their errors reported in the same run.
 */
export function checkEnvironment(name: string, catalog: EnvironmentCatalog): CheckedEnvironment {
  try {
    return {
      name,
      environment: resolveEnvironment(name, catalog),
      input: inputOf(name, catalog),
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
    const input = inputOf(name, catalog);
    const donors = Object.entries(catalog.environments)
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

/** The catalog entry of `name`, or that of the environment an ad-hoc `name` derives from. */
function inputOf(name: string, catalog: EnvironmentCatalog): unknown {
  if (isShippedEnvironment(name, catalog)) return catalog.environments[name];
  let how: ReturnType<typeof adHocDerivationOf>;
  try {
    how = adHocDerivationOf(name, catalog);
  } catch {
    return undefined; // a bad ad-hoc rule is reported by resolveEnvironment
  }
  if (how === undefined) return undefined;
  return { ...catalog.environments[how.from], name, ...(how.backend !== undefined ? { backend: how.backend } : {}) };
}

/**
 * A site's config for one environment (the Region view of a home), checked like
 * {@link checkEnvironment}: a missing entry, an ad-hoc refusal and account mismatches are
 * reported, not thrown.
 */
export function checkSiteConfig<T>(
  site: SiteDefinition,
  env: Environment,
): {
  readonly config?: T;
  /** The config as written. */
  readonly input: unknown;
  readonly configPath: string;
  /** What was derived for an ad-hoc environment, one line each. */
  readonly derived: readonly string[];
  readonly errors: readonly EdgeConfigError[];
  readonly replaced: readonly string[];
} {
  const file = siteConfigFile(site.name);
  let resolved: ReturnType<typeof siteConfigInput>;
  try {
    resolved = siteConfigInput(site, env);
  } catch (err) {
    const found = configErrorsOf(err);
    if (!found) throw err;
    // A missing home in the address plan is the environment catalog's; the rest is the site's.
    const fileOf = (e: EdgeConfigError) =>
      e.inFile(isEnvironmentNetworkPath(e.path, env.name) ? ENVIRONMENT_CATALOG_FILE : file);
    return { input: undefined, configPath: `environments.${env.name}`, derived: [], errors: found.map(fileOf), replaced: [] };
  }
  const { input, configPath, derived } = resolved;
  const mismatches = accountMismatches(input, env, configPath).map((e) => e.inFile(file));
  // Donors of stand-ins for bad values: the other entries of the same Region's record.
  const region = /^regions\.([^.]+)\./.exec(configPath)?.[1];
  const record = (region === undefined ? site.environments : site.regions?.[region]) ?? {};
  const entries = Object.entries(record).filter(([, config]) => config !== input);
  const donors = entries.map(([, config]) => config as unknown);
  const parsed = parseWithPlaceholders(
    (i) => parseConfig(site.schema, i, configPath) as T,
    input,
    configPath,
    donors,
  );
  return {
    config: parsed.value,
    input,
    configPath,
    derived,
    errors: [...mismatches, ...parsed.errors.map((e) => e.inFile(file))],
    replaced: parsed.replaced,
  };
}

/** True when `path` names the address plan of environment `env` (`environments.<env>.network…`). */
export function isEnvironmentNetworkPath(path: string, env: string): boolean {
  const plan = `environments.${env}.network`;
  return path === plan || path.startsWith(`${plan}.`);
}
