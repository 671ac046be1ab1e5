import { EdgeStack } from "@edge/core";
import type { Construct } from "constructs";
import { requirePublishedValue } from "./published-value-precondition";
import { WeightedEndpoints } from "./weighted-endpoints";

/** A site's published edge endpoint, with the weight it gets. */
export interface SiteEdgeEndpoint {
  /** The site that publishes the endpoint; the record's set identifier. */
  readonly site: string;
  readonly weight: number;
  /** The load balancer's DNS name, read from the site's outputs. */
  readonly dnsName: string;
  /** The load balancer's Route 53 zone id, read from the site's outputs. */
  readonly zoneId: string;
  /** Route 53 evaluates the load balancer's health. @default true */
  readonly evaluateTargetHealth?: boolean;
}

/** Props of {@link weightedSiteAliases}. */
export interface WeightedSiteAliasesProps {
  readonly hostedZoneId: string;
  /** The internet name: one weighted alias per site. */
  readonly recordName: string;
  readonly endpoints: readonly SiteEdgeEndpoint[];
  /** Config path of these props (the site's config, which lists `endpoints`), for errors. @default "dns" */
  readonly configPath?: string;
}

/**
 * `WeightedEndpoints` (construct id `id`) holding one weighted alias per site to the load balancer
 * the site publishes, Route 53 evaluating the target's health (an alias to an ELB load balancer
 * can inherit its health: Route 53 Developer Guide, "Value/route traffic to" for aliases). Each
 * record carries a plan-time precondition that the site published a name: "<site> publishes no
 * edge endpoint in <env>: deploy <site> with its load balancer first, or remove it from
 * <this site>'s endpoints."
 */
export function weightedSiteAliases(
  scope: Construct,
  id: string,
  props: WeightedSiteAliasesProps,
): WeightedEndpoints {
  const stack = EdgeStack.of(scope);
  const weighted = new WeightedEndpoints(scope, id, {
    hostedZoneId: props.hostedZoneId,
    recordName: props.recordName,
    endpoints: props.endpoints.map((e) => ({
      id: e.site,
      kind: "region" as const,
      weight: e.weight,
      alias: {
        name: e.dnsName,
        zoneId: e.zoneId,
        evaluateTargetHealth: e.evaluateTargetHealth ?? true,
      },
    })),
    configPath: props.configPath,
  });
  for (const e of props.endpoints) {
    requirePublishedValue(
      weighted.records[e.site],
      e.dnsName,
      `${e.site} publishes no edge endpoint in ${stack.environment.name}: deploy ${e.site} with its load balancer first, or remove it from ${stack.site}'s endpoints.`,
    );
  }
  return weighted;
}
