import type { LocalZoneSubnets } from "./local-zone-subnets";

/** The ids of a Local Zone site's network, keyed by zone name, as a site publishes them. */
export interface LocalZoneNetworkIds {
  readonly publicSubnetIds: Record<string, string>;
  readonly privateSubnetIds: Record<string, string>;
  readonly publicRouteTableId: string;
  readonly privateRouteTableIds: Record<string, string>;
  /** In-zone NAT gateways only (zones that egress through the Region have none here). */
  readonly natGatewayIds: Record<string, string>;
  readonly networkBorderGroups: Record<string, string>;
  readonly ebsVolumeTypes: Record<string, string>;
  readonly workloadSecurityGroupId: string;
}

const ids = <T extends { id: string }>(byZone: Readonly<Record<string, T>>) =>
  Object.fromEntries(Object.entries(byZone).map(([zone, r]) => [zone, r.id]));

/** The network ids of `lz` by zone name, for a site's outputs contract (`publish`). */
export function localZoneNetworkIds(lz: LocalZoneSubnets): LocalZoneNetworkIds {
  return {
    publicSubnetIds: ids(lz.publicSubnets),
    privateSubnetIds: ids(lz.privateSubnets),
    publicRouteTableId: lz.publicRouteTable.id,
    privateRouteTableIds: ids(lz.privateRouteTables),
    natGatewayIds: ids(lz.natGateways),
    networkBorderGroups: Object.fromEntries(lz.zones.map((z) => [z.name, z.networkBorderGroup])),
    ebsVolumeTypes: { ...lz.ebsVolumeTypes },
    workloadSecurityGroupId: lz.workloadSecurityGroup.id,
  };
}
