import { EdgeStack } from "@edge/core";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import { AudienceRoutedName } from "./audience-routed-name";
import { requirePublishedValue } from "./published-value-precondition";

/** A Wavelength site's carrier name and its carrier's client blocks, read from its outputs. */
export interface SiteCarrier {
  /** The site; also its CIDR location name (at most 16 characters, a literal at synth). */
  readonly site: string;
  /** The site's carrier name (its updater's record name; "" without an updater). */
  readonly carrierName: string;
  readonly cidrBlocks: readonly string[];
}

/** Props of {@link carrierRoutedSiteName}. */
export interface CarrierRoutedSiteNameProps {
  readonly hostedZoneId: string;
  /** The public name clients resolve. */
  readonly recordName: string;
  /** The internet name every client outside the carriers' blocks gets. */
  readonly internetName: string;
  readonly carriers: readonly SiteCarrier[];
  /** The internet name's records: the alias targets must exist first. @default - none */
  readonly dependsOn?: ITerraformDependable[];
  /** Config path of these props, for errors. @default "dns" */
  readonly configPath?: string;
}

/**
 * `AudienceRoutedName` (construct id `id`) with one CIDR location per Wavelength site, named
 * after the site, whose blocks' source is the site's `dns.carrierClients.source`
 * (`apps/<site>/src/site.ts`). Each carrier record carries a plan-time precondition that the site
 * published a carrier name: "<site> publishes no carrier name in <env>: give it dns settings and
 * deploy it first, or remove it from <this site>'s carrierSites."
 */
export function carrierRoutedSiteName(
  scope: Construct,
  id: string,
  props: CarrierRoutedSiteNameProps,
): AudienceRoutedName {
  const stack = EdgeStack.of(scope);
  const audience = new AudienceRoutedName(scope, id, {
    hostedZoneId: props.hostedZoneId,
    recordName: props.recordName,
    internetName: props.internetName,
    carriers: props.carriers.map((c) => ({
      location: c.site,
      cidrBlocks: c.cidrBlocks,
      source: `apps/${c.site}/src/site.ts dns.carrierClients.source`,
      carrierName: c.carrierName,
    })),
    dependsOn: props.dependsOn,
    configPath: props.configPath,
  });
  for (const c of props.carriers) {
    requirePublishedValue(
      audience.records[c.site],
      c.carrierName,
      `${c.site} publishes no carrier name in ${stack.environment.name}: give it dns settings and deploy it first, or remove it from ${stack.site}'s carrierSites.`,
    );
  }
  return audience;
}
