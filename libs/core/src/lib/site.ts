import type { z } from "zod";
import { parseConfig } from "./config-schema";
import type { EdgeStack } from "./edge-stack";

/** A site: its name, its typed per-environment config, and how it builds its stack. */
export interface SiteDefinition<S extends z.ZodType = z.ZodType> {
  /** Site name; stacks are `<name>-<env>`. */
  readonly name: string;
  /** Schema of one environment's site config (strict: unknown keys are errors). */
  readonly schema: S;
  /**
   * Config per environment. An ad-hoc environment (a branch, a sandbox) uses the entry of its
   * own name if there is one, else `dev`'s.
   */
  readonly environments: Readonly<Record<string, z.input<S>>>;
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

/** The config path of `env`'s entry: its own, or `dev`'s for an ad-hoc environment. */
export function siteConfigPath(site: SiteDefinition, env: string): string {
  return `environments.${Object.prototype.hasOwnProperty.call(site.environments, env) ? env : "dev"}`;
}

/** The validated config of `site` for environment `env`, with errors under its config path. */
export function siteConfigFor<S extends z.ZodType>(site: SiteDefinition<S>, env: string): z.output<S> {
  const configPath = siteConfigPath(site, env);
  return parseConfig(site.schema, site.environments[configPath.slice("environments.".length)], configPath);
}
