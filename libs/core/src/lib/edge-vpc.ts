/**
 * A VPC that edge constructs can extend: the hub's `RegionVpc` in the same stack, or the hub's
 * published outputs read from another site.
 */
export interface IEdgeVpc {
  readonly vpcId: string;
  /** Primary IPv4 CIDR block. */
  readonly cidrBlock: string;
  /** The VPC's internet gateway, when it has one. */
  readonly internetGatewayId?: string;
}
