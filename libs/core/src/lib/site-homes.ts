import type { Environment } from "./environment";

/** One stack of a site in an environment: where the site is homed, and its view of the environment. */
export interface SiteHome {
  /** Site instance name, and so stack `<name>-<env>`: the site's name in its first home Region, `<site>-<region>` in the others. */
  readonly name: string;
  /** The home Region of this instance. */
  readonly region: string;
  /**
   * The environment as this instance sees it: `region` is the home Region and `network` that
   * Region's plan (hub VPC and site blocks). `home` holds the whole environment.
   */
  readonly environment: Environment;
}

/**
 * Where `site` lives in `env`: one home per Region whose plan lists it (the environment's own
 * Region first, then `network.regions` in order), or the environment's Region when no plan lists
 * it (sites without an address block, such as global DNS).
 */
export function homesOf(site: string, env: Environment): SiteHome[] {
  const whole = env.home ?? env;
  const homes: SiteHome[] = [];
  if (site in whole.network.sites) homes.push({ name: site, region: whole.region, environment: whole });
  for (const [region, plan] of Object.entries(whole.network.regions)) {
    if (!(site in plan.sites)) continue;
    homes.push({ name: homes.length === 0 ? site : `${site}-${region}`, region, environment: regionalView(whole, region) });
  }
  return homes.length > 0 ? homes : [{ name: site, region: whole.region, environment: whole }];
}

/**
 * The instance of `site` a stack homed in `env.region` talks to: the one homed in the same
 * Region (a Local Zone reads the hub of its own Region), else the site's first home.
 */
export function homeFor(site: string, env: Environment): SiteHome {
  const homes = homesOf(site, env);
  return homes.find((h) => h.region === env.region) ?? homes[0];
}

function regionalView(whole: Environment, region: string): Environment {
  const plan = whole.network.regions[region];
  const backend =
    // S3 state stays in the environment's own Region whatever Region the site is homed in.
    whole.backend.type === "s3" && whole.backend.region === undefined ? { ...whole.backend, region: whole.region } : whole.backend;
  return { ...whole, region, backend, network: { ...whole.network, vpcCidr: plan.vpcCidr, sites: plan.sites }, home: whole };
}
