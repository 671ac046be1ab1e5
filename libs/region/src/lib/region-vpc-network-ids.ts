import type { RegionVpc } from "./region-vpc";

/** The ids of a Region VPC, keyed by AZ, as a site publishes them for the sites that extend it. */
export interface RegionVpcNetworkIds {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly internetGatewayId: string;
  readonly publicSubnetIds: Record<string, string>;
  readonly privateSubnetIds: Record<string, string>;
  readonly publicRouteTableId: string;
  readonly privateRouteTableIds: Record<string, string>;
  readonly natGatewayIds: Record<string, string>;
  /** "" without the S3 gateway endpoint (an output cannot be absent in one environment only). */
  readonly s3GatewayEndpointId: string;
  /** "" without the EC2 Instance Connect Endpoint. */
  readonly instanceConnectSecurityGroupId: string;
}

const ids = <T extends { id: string }>(byAz: Readonly<Record<string, T>>) =>
  Object.fromEntries(Object.entries(byAz).map(([az, r]) => [az, r.id]));

/** The network ids of `vpc` by AZ, for a site's outputs contract (`publish`). */
export function regionVpcNetworkIds(vpc: RegionVpc): RegionVpcNetworkIds {
  return {
    vpcId: vpc.vpcId,
    vpcCidr: vpc.cidrBlock,
    internetGatewayId: vpc.internetGatewayId,
    publicSubnetIds: ids(vpc.publicSubnets),
    privateSubnetIds: ids(vpc.privateSubnets),
    publicRouteTableId: vpc.publicRouteTable.id,
    privateRouteTableIds: ids(vpc.privateRouteTables),
    natGatewayIds: ids(vpc.natGateways),
    s3GatewayEndpointId: vpc.s3GatewayEndpoint?.id ?? "",
    instanceConnectSecurityGroupId: vpc.instanceConnectSecurityGroup?.id ?? "",
  };
}
