import { Fn, TerraformOutput, type TerraformRemoteState } from "cdktf";
import type { Construct } from "constructs";
import { remoteStateOf } from "./backend";
import { EdgeStack } from "./edge-stack";
import { EdgeConfigError } from "./errors";
import { homeFor, homesOf } from "./site-homes";

/** Kinds of value a site can publish. */
export type OutputKind = "string" | "list" | "map";

/** One output of a contract. */
export interface OutputSpec<K extends OutputKind = OutputKind> {
  readonly kind: K;
  readonly description: string;
}

/** Output spec builders: `out.string("VPC id")`. */
export const out = {
  string: (description: string): OutputSpec<"string"> => ({ kind: "string", description }),
  list: (description: string): OutputSpec<"list"> => ({ kind: "list", description }),
  map: (description: string): OutputSpec<"map"> => ({ kind: "map", description }),
};

/** A map output read from another site: look values up by key (e.g. an AZ name). */
export interface OutputMap {
  /** The value under `key`; fails at plan time if the producer did not publish it. */
  get(key: string): string;
  /** The whole map, as a token. */
  readonly value: { [key: string]: string };
}

type PublishedValue<S extends OutputSpec> = S["kind"] extends "string"
  ? string
  : S["kind"] extends "list"
    ? string[]
    : Record<string, string>;

type ReadValue<S extends OutputSpec> = S["kind"] extends "string"
  ? string
  : S["kind"] extends "list"
    ? string[]
    : OutputMap;

/** The values a producer must publish for contract `C`. */
export type PublishedOutputs<C extends Record<string, OutputSpec>> = { [K in keyof C]: PublishedValue<C[K]> };
/** The values a consumer reads for contract `C`. */
export type ReadOutputs<C extends Record<string, OutputSpec>> = { readonly [K in keyof C]: ReadValue<C[K]> };

/** `vpcId` becomes the Terraform output `vpc_id`: the one place output names are derived. */
export function outputName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * A typed contract between a producing site and the sites that read it. The producer calls
 * `publish` (every key is required, with the declared kind); a consumer in the same environment
 * calls `read`, which creates the `terraform_remote_state` data source that matches the
 * environment's backend. Output names are derived from the keys in one place, so no name is
 * spelled twice, and there are no implicit cross-stack references: each site deploys on its own.
 */
/** Options of {@link defineSiteOutputs}. */
export interface SiteOutputsOptions {
  /**
   * Consumers must be homed in a Region the producer is homed in (a hub's VPC and transit
   * gateway are of no use from another Region): reading it from elsewhere is `EDGE_SITE_REGION`.
   * @default false (any Region: remote state can be read across Regions)
   */
  readonly sameRegion?: boolean;
}

export class SiteOutputsContract<C extends Record<string, OutputSpec>> {
  constructor(
    /** The producing site. */
    readonly site: string,
    /** The outputs, by key. */
    readonly outputs: C,
    /** @default {} */
    readonly options: SiteOutputsOptions = {},
  ) {}

  /** Publishes every output of the contract from the producing site's stack. */
  publish(scope: Construct, values: PublishedOutputs<C>): void {
    const stack = EdgeStack.of(scope);
    if (stack.definition !== this.site) {
      throw new Error(`site ${stack.site} cannot publish the outputs of ${this.site}`);
    }
    for (const [key, spec] of Object.entries(this.outputs)) {
      new TerraformOutput(stack, `output-${outputName(key)}`, {
        value: (values as Record<string, unknown>)[key],
        description: spec.description,
      }).overrideLogicalId(outputName(key));
    }
  }

  /**
   * Reads the producer's outputs in the consumer's environment. The data source is created once
   * per consuming stack, with id `<site>-outputs`.
   */
  read(scope: Construct, options: ReadOptions = {}): ReadOutputs<C> {
    const stack = EdgeStack.of(scope);
    // A site homed in several Regions is read in the consumer's own Region (a Local Zone site
    // reads the hub of its Region), or in the Region asked for.
    const home = options.region === undefined ? homeFor(this.site, stack.environment) : homeIn(this.site, stack, options.region);
    // `<site>-outputs` in the consumer's Region (unchanged address), `<site>-<region>-outputs` else.
    const id = options.region === undefined ? `${this.site}-outputs` : `${this.site}-${options.region}-outputs`;
    const existing = stack.node.tryFindChild(id) as TerraformRemoteState | undefined;
    if (options.region === undefined && this.options.sameRegion && home.region !== stack.environment.region) {
      const env = stack.environment.home ?? stack.environment;
      throw new EdgeConfigError({
        code: "EDGE_SITE_REGION",
        path: `environments.${env.name}.network.regions.${stack.environment.region}.sites.${this.site}`,
        value: undefined,
        problem: `${stack.definition} is homed in ${stack.environment.region} and reads ${this.site}, which environment ${env.name} homes in ${home.region} only`,
        fix: `home ${this.site} in ${stack.environment.region} too: give it a block in network.regions.${stack.environment.region}.sites and config under regions["${stack.environment.region}"] of apps/${this.site}/src/site.ts`,
      });
    }
    const producer = home.name;
    const state =
      existing ?? remoteStateOf(stack, id, producer, stack.environment, stack.layout, stack.site);
    const result: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(this.outputs)) {
      const name = outputName(key);
      switch (spec.kind) {
        case "string":
          result[key] = state.getString(name);
          break;
        case "list":
          result[key] = state.getList(name);
          break;
        case "map": {
          const whole = state.get(name);
          result[key] = {
            get: (k: string) => Fn.lookup(whole, k),
            value: whole as unknown as Record<string, string>,
          } satisfies OutputMap;
          break;
        }
      }
    }
    return result as ReadOutputs<C>;
  }
}

/** Options of {@link SiteOutputsContract.read}. */
export interface ReadOptions {
  /**
   * Read the producer's instance homed in this Region (a hub reading the hub of the
   * environment's own Region to peer with it). @default the consumer's own Region
   */
  readonly region?: string;
}

/** The home of `site` in `region`, or `EDGE_SITE_REGION` naming the Regions it has. */
function homeIn(site: string, stack: EdgeStack, region: string) {
  const homes = homesOf(site, stack.environment);
  const home = homes.find((h) => h.region === region);
  if (home) return home;
  const env = stack.environment.home ?? stack.environment;
  throw new EdgeConfigError({
    code: "EDGE_SITE_REGION",
    path: `environments.${env.name}.network`,
    value: region,
    problem: `${stack.definition} reads ${site} in ${region}, where environment ${env.name} does not home it (it does in ${homes.map((h) => h.region).join(", ")})`,
    fix: `home ${site} in ${region} (network.sites of an environment in ${region}, or network.regions.${region}.sites), or read it in one of its Regions`,
  });
}

/** Declares a site-outputs contract. */
export function defineSiteOutputs<C extends Record<string, OutputSpec>>(
  site: string,
  outputs: C,
  options: SiteOutputsOptions = {},
): SiteOutputsContract<C> {
  return new SiteOutputsContract(site, outputs, options);
}
