/* eslint-disable @typescript-eslint/no-explicit-any -- Terraform JSON is untyped */
/**
 * Test helpers for construct and site tests: an `EdgeStack` in a throwaway app, its synthesized
 * JSON, and an assertion for config errors. Import from `@edge/core/testing` in tests only.
 */
import * as os from "node:os";
import * as path from "node:path";
import { AnnotationMetadataEntryType, Testing } from "cdktf";
import { EdgeStack } from "./lib/edge-stack";
import { FIXTURE_CATALOG } from "./fixture-environments";
import { defineEnvironment, type Environment, type EnvironmentInput } from "./lib/environment";
import { resolveEnvironment, type EnvironmentCatalog } from "./lib/environment-catalog";
import { configErrorsOf, type EdgeConfigError } from "./lib/errors";
import { resolveSiteConfig, type SiteDefinition } from "./lib/site";
import { homesOf } from "./lib/site-homes";
import { refusePlaceholders } from "./lib/placeholder";
import type { EdgeSubnet } from "./lib/edge-vpc";

import type { StackPolicy } from "./lib/stack-policy";
import type { z } from "zod";

export { FIXTURE_CATALOG, FIXTURE_ENVIRONMENTS } from "./fixture-environments";

/** Options of {@link testStack}. */
export interface TestStackOptions {
  /** Site name. @default "test-site" */
  readonly site?: string;
  /** Environment to start from: one of the catalog's, or an ad-hoc name derived from dev. @default "dev" */
  readonly env?: string;
  /** Fields to override on that environment (shallow). */
  readonly environment?: Partial<EnvironmentInput>;
  /** Where `env` is looked up. @default FIXTURE_CATALOG (library tests); apps pass their own */
  readonly catalog?: EnvironmentCatalog;
  /** Build the site's instance homed in this Region (see `homesOf`). @default the environment's Region */
  readonly region?: string;
  /** The rule pack to attach, as the synth runner does (`edgePolicyPack`). @default none */
  readonly policy?: StackPolicy;
}

/** A fake repository root so relative local-state paths are stable in tests. */
export const TEST_REPO_ROOT = path.join(os.tmpdir(), "edge-blueprints-test");

/** The environment `options` describe, resolved as a real synth does (ad-hoc names derived). */
export function testEnvironment(options: Pick<TestStackOptions, "env" | "environment" | "catalog"> = {}): Environment {
  const envName = options.env ?? "dev";
  const resolved = resolveEnvironment(envName, options.catalog ?? FIXTURE_CATALOG);
  if (!options.environment) return resolved;
  const { derivedFrom, derivation, home: _home, ...input } = resolved;
  return { ...defineEnvironment({ ...input, ...options.environment }, envName), derivedFrom, derivation };
}

/** An `EdgeStack` for `site` in a catalog environment (optionally altered), in a fresh app. */
export function testStack(options: TestStackOptions = {}): EdgeStack {
  const whole = testEnvironment(options);
  const site = options.site ?? "test-site";
  const homes = homesOf(site, whole);
  const home = options.region === undefined ? homes[0] : homes.find((h) => h.region === options.region);
  if (!home) throw new Error(`site ${site} has no home in ${options.region} in environment ${whole.name}`);
  const environment = home.environment;
  if (!(site in environment.network.sites)) {
    // Give ad-hoc test sites an address block so addressBlock works.
    (environment.network.sites as Record<string, string>)[site] = environment.network.vpcCidr;
  }
  const app = Testing.app();
  const stack = new EdgeStack(app, {
    site: home.name,
    definition: site,
    environment,
    layout: { repoRoot: TEST_REPO_ROOT, outdir: path.join(TEST_REPO_ROOT, "cdktf.out") },
  });
  options.policy?.attach(stack);
  return stack;
}

/**
 * Synthesized Terraform JSON of `stack` (aspects applied), parsed. Error annotations fail it, as
 * they fail a real synth.
 */
export function synthJson(stack: EdgeStack): TerraformJson {
  const json = JSON.parse(Testing.synth(stack, true)) as TerraformJson;
  const errors = stack.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === AnnotationMetadataEntryType.ERROR)
        .map((m) => `[${c.node.path}] ${String(m.data)}`),
    );
  if (errors.length > 0) throw new Error(`synth failed:\n${errors.join("\n")}`);
  return json;
}

/** Warning annotations of `stack` (after a synth), as `[path] message`. */
export function warningsOf(stack: EdgeStack): string[] {
  return stack.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === AnnotationMetadataEntryType.WARN)
        .map((m) => `[${c.node.path}] ${String(m.data)}`),
    );
}

/** The parts of `cdk.tf.json` tests look at. */
export interface TerraformJson {
  terraform: Record<string, any>;
  provider: Record<string, any[]>;
  resource: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, any>;
  [key: string]: any;
}

/** Resources of one type, by address name. */
export function resourcesOf(json: TerraformJson, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** Runs `fn` and returns the config errors it threw; fails if it threw none or something else. */
export function configErrors(fn: () => unknown): EdgeConfigError[] {
  try {
    fn();
  } catch (err) {
    const found = configErrorsOf(err);
    if (!found) throw err;
    return found;
  }
  throw new Error("expected an EdgeConfigError, but nothing was thrown");
}

/** Runs `fn` and returns the single config error it threw. */
export function configError(fn: () => unknown): EdgeConfigError {
  const errors = configErrors(fn);
  if (errors.length !== 1) {
    throw new Error(
      `expected one EdgeConfigError, got ${errors.length}:\n${errors.map((e) => e.message).join("\n")}`,
    );
  }
  return errors[0];
}

/**
 * What a site snapshot guards: every resource and data-source address, the outputs and the
 * backend. Addresses are a contract (renames need `moved` blocks), so a change must be deliberate.
 */
export function addressSummary(json: TerraformJson): Record<string, unknown> {
  const addresses = (blocks: Record<string, Record<string, unknown>> | undefined, prefix = "") =>
    Object.entries(blocks ?? {})
      .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${prefix}${type}.${name}`))
      .sort();
  return {
    backend: Object.keys(json.terraform?.backend ?? {}).concat(
      json.terraform?.cloud ? ["cloud"] : [],
    ),
    resources: addresses(json.resource),
    data: addresses(json.data, "data."),
    outputs: Object.keys(json.output ?? {}).sort(),
  };
}

/** Options of {@link buildSite}. */
export interface BuildSiteOptions<S extends z.ZodType> {
  /** Per-environment site config to use instead of the site's own. @default the site's */
  readonly environments?: Readonly<Record<string, z.input<S>>>;
  /** Fields to override on the environment itself (backend, tags…). */
  readonly environment?: Partial<EnvironmentInput>;
  /** Where `env` is looked up. @default FIXTURE_CATALOG */
  readonly catalog?: EnvironmentCatalog;
  /** Build the instance homed in this Region. @default the environment's Region */
  readonly region?: string;
  /** The rule pack to attach, as the synth runner does (`edgePolicyPack`). @default none */
  readonly policy?: StackPolicy;
}

/**
 * Builds `site` for `env` into a fresh test stack, exactly as synth does (validated config, its
 * config path), and returns the stack with its synthesized JSON.
 */
export function buildSite<S extends z.ZodType>(
  site: SiteDefinition<S>,
  env: string,
  options: BuildSiteOptions<S> = {},
): { stack: EdgeStack; json: TerraformJson } {
  const built = { ...site, environments: options.environments ?? site.environments };
  const stack = testStack({
    site: site.name,
    env,
    environment: options.environment,
    catalog: options.catalog,
    region: options.region,
    policy: options.policy,
  });
  const { config, configPath } = resolveSiteConfig(built, stack.environment);
  built.build(stack, config, configPath);
  return { stack, json: synthJson(stack) };
}

const shipped = new WeakMap<SiteDefinition<any>, Map<string, { stack: EdgeStack; json: TerraformJson }>>();

/** Freezes `value` and everything in it, so a shared fixture cannot be changed by one test. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * `site` as shipped for `env` (its own config, the shipped environment): {@link buildSite} once
 * per test file (Jest gives every file its own module registry), then the same result for every
 * test that asks. The JSON is frozen, so a test that tried to change it would throw.
 */
export function shippedSite<S extends z.ZodType>(
  site: SiteDefinition<S>,
  env: string,
  options: Pick<BuildSiteOptions<S>, "catalog" | "policy"> = {},
): { stack: EdgeStack; json: TerraformJson } {
  const bySite = shipped.get(site) ?? new Map<string, { stack: EdgeStack; json: TerraformJson }>();
  shipped.set(site, bySite);
  const key = `${env}${options.policy ? ` ${options.policy.name}` : ""}`;
  let built = bySite.get(key);
  if (!built) {
    const { stack, json } = buildSite(site, env, options);
    built = { stack, json: deepFreeze(json) };
    bySite.set(key, built);
  }
  return built;
}

/** What `refusePlaceholders(dir, "deploy")` reports for `dir`, one formatted error each (none: `[]`). */
export function placeholderRefusals(dir: string): string[] {
  try {
    refusePlaceholders(dir, "deploy");
    return [];
  } catch (err) {
    const found = configErrorsOf(err);
    if (!found) throw err;
    return found.map((e) => e.format("deploy"));
  }
}

/** Sample subnets of each zone kind, for construct tests that place capacity or hosts. */
export const AZ_SUBNETS: EdgeSubnet[] = [
  { subnetId: "subnet-a", zone: "us-east-1a" },
  { subnetId: "subnet-b", zone: "us-east-1b" },
];
export const LZ_SUBNETS: EdgeSubnet[] = [{ subnetId: "subnet-lz", zone: "us-east-1-bos-1a" }];
export const WL_SUBNETS: EdgeSubnet[] = [{ subnetId: "subnet-wl", zone: "us-east-1-wl1-bos-wlz-1" }];
export const OUTPOST_ARN = "arn:aws:outposts:us-east-1:111111111111:outpost/op-0f1e2d3c4b5a60001";
export const OP_SUBNETS: EdgeSubnet[] = [{ subnetId: "subnet-op", zone: "us-east-1a", outpostArn: OUTPOST_ARN }];
/** The sample Outpost and the instance types it was ordered with. */
export const OUTPOST = { arn: OUTPOST_ARN, instanceTypes: ["m5.xlarge", "c5.2xlarge"] };
