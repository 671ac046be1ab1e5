import * as path from "node:path";
import {
  configErrorsOf,
  defineEnvironment,
  EdgeStack,
  resolveEnvironment,
  SHIPPED_ENVIRONMENTS,
  siteConfigFor,
  siteConfigPath,
  type EdgeConfigError,
  type EnvironmentInput,
  type SiteDefinition,
} from "@edge/core";
import { TEST_REPO_ROOT } from "@edge/core/testing";
import { edgePolicyPack } from "@edge/policy";
import { Testing } from "cdktf";

/** A deep copy of plain config data. */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A copy of a shipped environment's input, to break on purpose. */
export const shippedEnv = (name = "dev"): Record<string, unknown> =>
  clone(SHIPPED_ENVIRONMENTS[name]) as Record<string, unknown>;

/** `site` with the config of `env` replaced. */
export function withConfig(site: SiteDefinition, env: string, config: unknown): SiteDefinition {
  return { ...site, environments: { ...site.environments, [env]: config } };
}

/**
 * What the synth runner does for one site and environment, in a throwaway app: validate the
 * environment, parse the site config, create the stack, build the site, synthesize it (aspects,
 * validations, the policy pack). Throws whatever the pipeline throws.
 */
export function runPipeline(site: SiteDefinition, envName: string, envInput?: unknown): EdgeStack {
  const environment =
    envInput === undefined ? resolveEnvironment(envName) : defineEnvironment(envInput, envName);
  const config = siteConfigFor(site, environment.name);
  const stack = new EdgeStack(Testing.app(), {
    site: site.name,
    environment,
    layout: { repoRoot: TEST_REPO_ROOT, outdir: path.join(TEST_REPO_ROOT, "cdktf.out") },
  });
  edgePolicyPack.attach(stack);
  site.build(stack, config, siteConfigPath(site, environment.name));
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
