import * as path from "node:path";
import {
  configErrorsOf,
  defineEnvironment,
  EdgeStack,
  homesOf,
  resolveEnvironment,
  siteConfigFor,
  siteConfigPath,
  type EdgeConfigError,
  type EnvironmentInput,
  type SiteDefinition,
} from "@edge/core";
import { TEST_REPO_ROOT } from "@edge/core/testing";
import { environmentCatalog, SHIPPED_ENVIRONMENTS } from "@edge/environments";
import { edgePolicyPack } from "@edge/policy";
import { Testing } from "cdktf";

/** A deep copy of plain config data. */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A copy of a shipped environment's input, to break on purpose. */
export const shippedEnv = (name = "dev"): Record<string, unknown> =>
  clone(SHIPPED_ENVIRONMENTS[name]) as Record<string, unknown>;

/** The Region whose entries hold `site`'s config: undefined for the environment's own, else the first of `site.regions`. */
function configRegion(site: SiteDefinition, env: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(site.environments, env)) return undefined;
  return Object.keys(site.regions ?? {}).find((r) => Object.prototype.hasOwnProperty.call(site.regions![r], env));
}

/** `site`'s config for `env` (from its first home Region's entries for a site homed elsewhere only). */
export function configOf(site: SiteDefinition, env: string): unknown {
  const region = configRegion(site, env);
  return region === undefined ? site.environments[env] : site.regions![region][env];
}

/** Where `site`'s config for `env` sits, as errors name it. */
export function configPathOf(site: SiteDefinition, env: string): string {
  const region = configRegion(site, env);
  return region === undefined ? `environments.${env}` : `regions.${region}.${env}`;
}

/** `site` with the config of `env` replaced. */
export function withConfig(site: SiteDefinition, env: string, config: unknown): SiteDefinition {
  const region = configRegion(site, env);
  if (region === undefined) return { ...site, environments: { ...site.environments, [env]: config } };
  return { ...site, regions: { ...site.regions, [region]: { ...site.regions![region], [env]: config } } };
}

/**
 * What the synth runner does for one site and environment, in a throwaway app: validate the
 * environment, parse the site config, create the stack, build the site, synthesize it (aspects,
 * validations, the policy pack). Throws whatever the pipeline throws.
 */
export function runPipeline(site: SiteDefinition, envName: string, envInput?: unknown): EdgeStack {
  const whole =
    envInput === undefined ? resolveEnvironment(envName, environmentCatalog) : defineEnvironment(envInput, envName);
  // The site's first home: its own Region, or the Region it is homed in (local-zone-lax).
  const home = homesOf(site.name, whole)[0];
  const environment = home.environment;
  const config = siteConfigFor(site, environment);
  const stack = new EdgeStack(Testing.app(), {
    site: home.name,
    definition: site.name,
    environment,
    layout: { repoRoot: TEST_REPO_ROOT, outdir: path.join(TEST_REPO_ROOT, "cdktf.out") },
  });
  edgePolicyPack.attach(stack);
  site.build(stack, config, siteConfigPath(site, environment));
  Testing.synth(stack, true);
  return stack;
}

/** The config errors `fn` throws; rethrows anything that is not bad input (a bug), and fails when nothing is thrown. */
export function badInputErrors(fn: () => unknown): EdgeConfigError[] {
  try {
    fn();
  } catch (err) {
    const found = configErrorsOf(err);
    if (!found) throw err;
    return found;
  }
  throw new Error("expected bad input to be rejected, but the pipeline accepted it");
}

export type { EnvironmentInput };
