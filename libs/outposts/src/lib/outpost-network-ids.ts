import type { Outpost } from "./outpost";
import type { OutpostRoutingMode, OutpostSubnets } from "./outpost-subnets";
import type { SpreadPlacementGroup } from "./spread-placement-group";

/** The ids of an Outpost site's network, keyed by subnet name, as a site publishes them. */
export interface OutpostNetworkIds {
  readonly outpostArn: string;
  readonly outpostAvailabilityZone: string;
  readonly routingMode: OutpostRoutingMode;
  readonly subnetIds: Record<string, string>;
  readonly subnetCidrs: Record<string, string>;
  readonly routeTableIds: Record<string, string>;
  readonly localGatewayId: string;
  readonly localGatewayRouteTableId: string;
  /** "" in direct VPC routing mode (no CoIP pool). */
  readonly customerOwnedIpv4Pool: string;
  readonly instanceTypes: string[];
  /** Placement group names by key. */
  readonly placementGroupNames: Record<string, string>;
}

const ids = <T extends { id: string }>(byName: Readonly<Record<string, T>>) =>
  Object.fromEntries(Object.entries(byName).map(([name, r]) => [name, r.id]));

/**
 * The network ids of `outpost`, its subnets `network` and its placement groups (by key, as
 * `spreadPlacementGroups` returns them), for a site's outputs contract.
 */
export function outpostNetworkIds(
  outpost: Outpost,
  network: OutpostSubnets,
  placementGroups: Readonly<Record<string, SpreadPlacementGroup>> = {},
): OutpostNetworkIds {
  return {
    outpostArn: outpost.arn,
    outpostAvailabilityZone: outpost.availabilityZone,
    routingMode: network.routingMode,
    subnetIds: ids(network.subnets),
    subnetCidrs: { ...network.subnetCidrs },
    routeTableIds: ids(network.routeTables),
    localGatewayId: network.localGateway.localGatewayId,
    localGatewayRouteTableId: network.localGateway.localGatewayRouteTableId,
    customerOwnedIpv4Pool: network.customerOwnedIpv4Pool ?? "",
    instanceTypes: [...outpost.instanceTypes],
    placementGroupNames: Object.fromEntries(
      Object.entries(placementGroups).map(([key, group]) => [key, group.name]),
    ),
  };
}
