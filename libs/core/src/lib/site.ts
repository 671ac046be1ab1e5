import type { z } from "zod";
import { accountMismatches } from "./account-check";
import { parseConfig } from "./config-schema";
import type { EdgeStack } from "./edge-stack";
import type { Environment } from "./environment";
import { EdgeConfigError, throwAll } from "./errors";

/** How a site runs in an ad-hoc environment (a branch, a sandbox derived from a shipped one). */
export interface SiteAdHocPolicy<S extends z.ZodType = z.ZodType> {
  /**
   * Why the site cannot run in an ad-hoc environment (its resources cannot be shared, such as an
   * Outpost's). A full synth leaves the site out with a note; naming it is an error.
   * @default - the site runs, with the config of the environment the ad-hoc one derives from
   */
  readonly refuse?: string;
  /**
   * Derives the ad-hoc environment's config from the config it was derived from: names that are
   * global to an account (DNS records, set identifiers, tags) must not be shared with it.
   * Returns the config and one line per derived value, for the note synth prints.
   * @default - the config as is
   */
  derive?(config: z.input<S>, env: Environment): { readonly config: z.input<S>; readonly derived: readonly string[] };
}

/** A site: its name, its typed per-environment config, and how it builds its stack. */
export interface SiteDefinition<S extends z.ZodType = z.ZodType> {
  /** Site name; stacks are `<name>-<env>`. */
  readonly name: string;
  /** Schema of one environment's site config (strict: unknown keys are errors). */
  readonly schema: S;
  /**
   * Config per environment: one entry for every shipped environment (a missing one is an
   * error, never a silent fallback). An ad-hoc environment uses the entry of the environment it
   * derives from, through {@link SiteDefinition.adHoc}.
   */
  readonly environments: Readonly<Record<string, z.input<S>>>;
  /**
   * Config of the site's instances homed in further Regions (see `network.regions` of an
   * environment), by Region, then environment: zones and AZs differ per Region.
   * @default - none: a site listed in another Region's plan must have an entry here
   */
  readonly regions?: Readonly<Record<string, Readonly<Record<string, z.input<S>>>>>;
  /** How the site runs in ad-hoc environments. @default - the derived-from config as is */
  readonly adHoc?: SiteAdHocPolicy<S>;
  /**
   * Creates the site's resources in `stack`. `configPath` is where this environment's config
   * sits (`environments.prod`), for constructs to name in their errors.
   */
  build(stack: EdgeStack, config: z.output<S>, configPath: string): void;
}

/** Declares a site with its types inferred from the schema. */
export function defineSite<S extends z.ZodType>(site: SiteDefinition<S>): SiteDefinition<S> {
  return site;
}

/**
 * The entry `site` uses in `env` (a view of a site homed in another Region reads that Region's
 * entries): the environment's own, or the one an ad-hoc `env` derives from.
 */
function configEntry(site: SiteDefinition, env: Environment): { key: string; path: string; entries: Readonly<Record<string, unknown>> } {
  const region = env.home ? env.region : undefined;
  const entries = (region === undefined ? site.environments : site.regions?.[region]) ?? {};
  const prefix = region === undefined ? "environments" : `regions.${region}`;
  const has = (key: string) => Object.prototype.hasOwnProperty.call(entries, key);
  if (has(env.name)) return { key: env.name, path: `${prefix}.${env.name}`, entries };
  if (env.derivedFrom !== undefined && has(env.derivedFrom)) return { key: env.derivedFrom, path: `${prefix}.${env.derivedFrom}`, entries };
  const where = region === undefined ? "" : ` homed in ${region}`;
  const elsewhere = Object.keys(site.regions ?? {});
  if (region === undefined && Object.keys(site.environments).length === 0 && elsewhere.length > 0) {
    // A site homed in other Regions only (local-zone-lax), in an environment whose plan omits it.
    throw new EdgeConfigError({
      code: "EDGE_SITE_ENV_MISSING",
      path: `environments.${env.name}.network.regions`,
      value: undefined,
      problem: `site ${site.name} is homed in ${elsewhere.join(", ")}, and environment ${env.name} homes it in none of them`,
      fix: `give ${site.name} a block in network.regions.${elsewhere[0]}.sites of environment ${env.name} and a "${env.name}" entry under regions["${elsewhere[0]}"] of apps/${site.name}/src/site.ts`,
    });
  }
  throw new EdgeConfigError({
    code: "EDGE_SITE_ENV_MISSING",
    path: `${site.name}.${prefix}.${env.name}`,
    value: undefined,
    problem:
      env.derivedFrom === undefined
        ? `site ${site.name}${where} has no config for environment ${env.name}; a shipped environment never borrows another's (account ids, buckets and DNS names differ)`
        : `site ${site.name}${where} has config for neither ${env.name} nor ${env.derivedFrom}, which ${env.name} derives from`,
    fix: `add a "${env.name}" entry to ${prefix} of apps/${site.name}/src/site.ts with ${env.name}'s own account, buckets and names`,
  });
}

/** The config path of `env`'s entry: its own, or that of the environment an ad-hoc `env` derives from. */
export function siteConfigPath(site: SiteDefinition, env: Environment): string {
  return configEntry(site, env).path;
}

/** What {@link siteConfigFor} resolved: the validated config and the notes of an ad-hoc derivation. */
export interface ResolvedSiteConfig<S extends z.ZodType> {
  readonly config: z.output<S>;
  readonly configPath: string;
  /** What was derived for an ad-hoc environment, one line each. */
  readonly derived: readonly string[];
}

/**
 * The validated config of `site` for `env`, with errors under its config path. Refuses a shipped
 * environment without an entry (`EDGE_SITE_ENV_MISSING`), an account id in an ARN or bucket name
 * that is not the environment's (`EDGE_ACCOUNT_MISMATCH`), and a site that cannot run in an
 * ad-hoc environment (`EDGE_ADHOC_REFUSED`).
 */
export function resolveSiteConfig<S extends z.ZodType>(site: SiteDefinition<S>, env: Environment): ResolvedSiteConfig<S> {
  const { input, configPath, derived } = siteConfigInput(site, env);
  throwAll(accountMismatches(input, env, configPath));
  return { config: parseConfig(site.schema, input, configPath), configPath, derived };
}

/**
 * The config of `site` for `env` as written (derived for an ad-hoc `env`), before validation,
 * with its config path. Throws `EDGE_SITE_ENV_MISSING` and `EDGE_ADHOC_REFUSED`.
 */
export function siteConfigInput<S extends z.ZodType>(
  site: SiteDefinition<S>,
  env: Environment,
): { readonly input: z.input<S>; readonly configPath: string; readonly derived: readonly string[] } {
  const { key: from, path: configPath, entries } = configEntry(site, env);
  let input = entries[from] as z.input<S>;
  let derived: readonly string[] = [];
  if (from !== env.name) {
    if (site.adHoc?.refuse !== undefined) {
      throw new EdgeConfigError({
        code: "EDGE_ADHOC_REFUSED",
        path: `${site.name}.adHoc`,
        value: env.name,
        problem: `site ${site.name} does not run in ad-hoc environments: ${site.adHoc.refuse}`,
        fix: `synthesize ${site.name} in ${Object.keys(site.environments).join(", ")} only, or add a "${env.name}" entry to apps/${site.name}/src/site.ts with resources of its own`,
      });
    }
    if (site.adHoc?.derive) ({ config: input, derived } = site.adHoc.derive(input, env));
  }
  return { input, configPath, derived };
}

/** The validated config of `site` for `env` (see {@link resolveSiteConfig}). */
export function siteConfigFor<S extends z.ZodType>(site: SiteDefinition<S>, env: Environment): z.output<S> {
  return resolveSiteConfig(site, env).config;
}
