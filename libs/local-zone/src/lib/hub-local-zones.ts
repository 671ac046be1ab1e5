import { escapeRegExp, rewritten, withConfigSources } from "@edge/core";
import type { Construct } from "constructs";
import {
  LocalZoneSubnets,
  type LocalZoneSubnetsProps,
  type RegionEgress,
} from "./local-zone-subnets";

/**
 * The hub network a Local Zone site extends: the values region-hub publishes, as
 * `regionHubOutputs.read(stack)` returns them (any object of this shape will do).
 */
export interface LocalZoneHub {
  readonly vpcId: string;
  /** The hub VPC's CIDR (a token when read from state: planned against the environment's). */
  readonly vpcCidr: string;
  readonly internetGatewayId: string;
  /** The hub's NAT gateway id by Region AZ. */
  readonly natGatewayIds: { get(availabilityZone: string): string };
}

/** A Local Zone as a site's config lists it. */
export interface LocalZoneSiteZone {
  /** Local Zone name, e.g. `us-east-1-bos-1a`. */
  readonly name: string;
  /**
   * Region AZ whose hub NAT gateway the zone's private subnets egress through (its parent AZ).
   * @default - none: the zone then needs an in-zone NAT gateway or privateEgress "none"
   */
  readonly egressAvailabilityZone?: string;
}

/** Props of {@link extendHubIntoLocalZones}: those of LocalZoneSubnets, with the hub and zones of a site. */
export interface HubLocalZonesProps extends Omit<
  LocalZoneSubnetsProps,
  "vpc" | "zones" | "regionEgress"
> {
  /** The hub network to extend, e.g. `regionHubOutputs.read(stack)`. */
  readonly hub: LocalZoneHub;
  /** The site's zones, in config order: errors name `<configPath>.zones[i]`. */
  readonly zones: readonly LocalZoneSiteZone[];
}

/**
 * A Local Zone site's network: `LocalZoneSubnets` (construct id `id`) extending the hub VPC into
 * the site's zones, each zone's private subnets egressing through the hub's NAT gateway in the
 * zone's `egressAvailabilityZone` (a Region NAT gateway serves subnets routed to it across the
 * VPC: Amazon VPC User Guide, "NAT gateways"). Errors about a zone name the config entry
 * (`<configPath>.zones[i].name`), errors about its egress AZ `<configPath>.zones[i].egressAvailabilityZone`.
 */
export function extendHubIntoLocalZones(
  scope: Construct,
  id: string,
  props: HubLocalZonesProps,
): LocalZoneSubnets {
  const { hub, zones, ...rest } = props;
  const configPath = props.configPath ?? "localZones";
  const regionEgress: Record<string, RegionEgress> = {};
  zones.forEach((z, i) => {
    if (z.egressAvailabilityZone === undefined) return;
    regionEgress[z.name] = {
      availabilityZone: z.egressAvailabilityZone,
      natGatewayId: hub.natGatewayIds.get(z.egressAvailabilityZone),
      configPath: `${configPath}.zones[${i}].egressAvailabilityZone`,
    };
  });
  // The construct takes the zone names: its errors about zones[i] are about zones[i].name.
  const zonesPath = escapeRegExp(`${configPath}.zones`);
  return withConfigSources(
    [rewritten(`${zonesPath}\\[(\\d+)\\](?![.\\[])`, `${configPath}.zones[$1].name`)],
    () =>
      new LocalZoneSubnets(scope, id, {
        ...rest,
        vpc: { vpcId: hub.vpcId, cidrBlock: hub.vpcCidr, internetGatewayId: hub.internetGatewayId },
        zones: zones.map((z) => z.name),
        regionEgress,
        configPath,
      }),
  );
}
